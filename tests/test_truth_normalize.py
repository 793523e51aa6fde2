"""Author lists to the sorted set of normalised last names."""

from __future__ import annotations

import pytest

from kg.truth.normalize import author_key, author_last_names, surname_lexicon

CASES = [
    # name order, initials
    ("Knuth, Donald E.", "knuth"),
    ("Donald E. Knuth", "knuth"),
    ("D. E. Knuth", "knuth"),
    ("Reddy J N", "reddy"),
    ("Witten, I.H.", "witten"),
    ("KNUTH", "knuth"),
    # several authors, separators
    ("Ronald L. Graham; Donald E. Knuth; Oren Patashnik", "graham;knuth;patashnik"),
    ("Brassard, Gilles/ Bratley, Paul", "brassard;bratley"),
    ("Yacht, Carol, And Crosson, Susan", "crosson;yacht"),
    ("Jiawei Han, Micheline Kamber", "han;kamber"),
    ("Chatterjee, Sandeep, Webber, James", "chatterjee;webber"),
    ("Huston, Stephen D., Johnson, James CE, Syyid, Umar", "huston;johnson;syyid"),
    ("Zo?? Lacroix~Terence Critchlow", "critchlow;lacroix"),
    ("Weiss, Mark Allen", "weiss"),
    # role words, degrees, et al, brackets
    ("Editor: ELMAGARMID, AHMED K.", "elmagarmid"),
    ("Lacroix, Zoe (editor); Critchlow, Terence (editor)", "critchlow;lacroix"),
    ("By (author) Harmon, Paul", "harmon"),
    ("Hornick, Mark et al", "hornick"),
    ("PhD, CISM, CISSP, James F. Ransome, PhD, CISM, John Rittinghouse", "ransome;rittinghouse"),
    (
        "Feghhi, Jalal (Author) Williams, Peter (Joint Author) Feghhi, Jalil (Joint Author)",
        "feghhi;williams",
    ),
    ("HOLZNER, STEVE (FACALTY MEMBER, MASSACHUSSETS INSTITUTE OF TECHN", "holzner"),
    ("M. Ben-Ari , Department of Science Teaching, Weizmann Institute", "benari"),
    # HTML entities, mojibake, accents
    ("Edited by Lacroix, Zo&eacute; Edited by Critchlow, Terence", "critchlow;lacroix"),
    ("Brassard, Gilles. &amp; Bratley, Paul.", "brassard;bratley"),
    ("Hornick, Mark F.; Marcad&Atilde;&copy;, Erik; Venkayala, Sunil", "hornick;marcade;venkayala"),
    ("hoos, holger h.;   st\u00fctzle, thomas;", "hoos;stutzle"),
    # glued names
    ("Meltzer, KevinMichalski, Brent", "meltzer;michalski"),
    ("WITTEN, I.H.FRANK, EIBE", "frank;witten"),
    ("GAFTER, NEAL BLOCH, JOSHUA", "bloch;gafter"),
    ("Hornick, Mark F. Marcade, Erik Venkayala, Sunil", "hornick;marcade;venkayala"),
    ("McClure, Stuart", "mcclure"),
    ("Brown- Eric", "brown"),
    # gold file formats
    ("o'leary, timothy j.;  o'leary, linda i.;  ", "oleary"),
    ("andrew conry-murray; vincent weafer", "conrymurray;weafer"),
    ("Linden, Peter van der", "linden"),
]


@pytest.mark.parametrize(("raw", "key"), CASES, ids=[c[0][:40] for c in CASES])
def test_author_key(raw: str, key: str) -> None:
    assert author_key(raw) == key


@pytest.mark.parametrize("raw", ["", "Not Available", "N/A", "Parallel Cfd 2000 Conference (2000"])
def test_nobody_named(raw: str) -> None:
    assert author_key(raw) is None


def test_lexicon_reads_bare_last_first_names() -> None:
    listings = ["Knuth, Donald E.", "Knuth, D.", "Sedgewick, Robert", "Sedgewick, R."]
    lexicon = surname_lexicon(listings)
    assert lexicon == {"knuth", "sedgewick"}
    assert author_key("Knuth Donald") == "donald"  # no mark of order: First Last assumed
    assert author_key("Knuth Donald", lexicon) == "knuth"
    assert author_last_names("Robert Sedgewick; Knuth Donald", lexicon) == ["sedgewick", "knuth"]
