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


def test_every_public_name_has_a_home_and_import_kg_stays_light() -> None:
    import subprocess
    import sys

    assert set(kg.__all__) == set(kg._HOME)
    assert set(kg.__all__) <= set(dir(kg))
    code = "import sys, kg; print('networkx' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
