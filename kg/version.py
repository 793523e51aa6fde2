"""The version of credkg that is running, for provenance records and report headers."""

from __future__ import annotations

__all__ = ["credkg_version"]


def credkg_version() -> str:
    """The version of credkg that is running (as installed; "unknown" from a bare checkout).

    Examples:
        >>> credkg_version() != ""
        True
    """
    try:
        from importlib.metadata import version

        return version("credkg")
    except Exception:  # not installed as a package: running from a checkout
        return "unknown"
