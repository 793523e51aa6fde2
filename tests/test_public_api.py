"""The public API is small and pinned: a change to it must be deliberate."""

import kg


def test_public_api() -> None:
    assert sorted(kg.__all__) == sorted([
        "Assertion", "Claim", "CredkgError", "Dataset", "Quantity", "Report", "Source",
        "format_chain", "from_rdf", "load_dataset", "load_datasets", "provenance_chains",
        "seed_dataset", "to_networkx", "to_rdf",
    ])
    for name in kg.__all__:
        assert getattr(kg, name) is not None
