"""Name normalisation: case, diacritics, Cyrillic, outlet designators; edit distance."""

from __future__ import annotations

import pytest

from kg.names import edit_distance, fold, name_key, similarity, transliterate


@pytest.mark.parametrize(("a", "b"), [
    ("RIA", "RIA Novosti"), ("RIA Novosti", "РИА Новости"), ("RIA", "RIA News Agency"),
    ("Die Welt", "WELT"), ("The Guardian", "Guardian"), ("Reuters", "Reuters News Agency"),
    ("Deutsche Welle", "DEUTSCHE WELLE"), ("Le Monde", "Monde"),
])
def test_outlet_spellings_share_a_key(a: str, b: str) -> None:
    assert name_key(a, outlet=True) == name_key(b, outlet=True)


@pytest.mark.parametrize(("a", "b"), [
    ("RIA", "TASS"), ("Die Welt", "Die Zeit"), ("Fox News", "Sky News"),
])
def test_different_outlets_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a, outlet=True) != name_key(b, outlet=True)


def test_people_keep_every_word() -> None:
    assert name_key("Valery Gerasimov") == "valery gerasimov"
    assert name_key("Валерий Герасимов") == "valeriy gerasimov"
    assert name_key("News Agency") == "news agency"  # not reduced to nothing
    assert name_key("News Agency", outlet=True) == "news agency"


def test_fold_drops_case_diacritics_and_possessives() -> None:
    assert fold("Ukraine\u2019s Security-Forces") == "ukraine security forces"
    assert fold("Zoë Ærø Straße") == "zoe aero strasse"
    assert transliterate("Київ") == "kiyiv"


@pytest.mark.parametrize(("a", "b", "d"), [
    ("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("vanner", "wanner", 1),
    ("flaw", "lawn", 2),
])
def test_edit_distance_known_answers(a: str, b: str, d: int) -> None:
    assert edit_distance(a, b) == d == edit_distance(b, a)


def test_similarity_bounds() -> None:
    assert similarity("abc", "abc") == 1.0
    assert similarity("abc", "xyz") == 0.0
    assert 0.9 < similarity("christoph vanner", "christoph wanner") < 1.0
