"""Speaker rules kept apart from :mod:`kg.drafting.attribution` (at its size cap): how a
mention of someone's data or document names its owner, and which leading words are not
a speaker.

- "according to the latest ministry data": the ministry (its data), not "latest ministry";
- "In its annual review the fund forecast ...": the fund speaks; the intro names only the
  document it speaks in.

Examples:
    >>> data_owner("the latest ministry data")
    'the ministry'
    >>> data_owner("the latest FAO figures")
    'FAO'
    >>> data_owner("the mayor"), data_owner("preliminary data")
    (None, None)
"""

from __future__ import annotations

import re

__all__ = ["antecedent", "claim_of", "data_owner", "own_statement", "owned_document",
           "without_intro"]

#: Adjectives between an article and the owner of data ("the latest official ... data").
_DATA_ADJ = r"(?:(?:latest|new|newest|recent|most\s+recent|official|annual|monthly|weekly|" \
            r"quarterly|final|preliminary|provisional|updated|revised|previous|earlier)\s+)*"
#: "the latest ministry data", "official ONS figures": an owner, then a word for data.
_DATA_NOUN = re.compile(r"^(?P<the>the\s+)?" + _DATA_ADJ + r"(?P<owner>[\w.&'\u2019 -]{2,80}?)"
                        r"\s+(?:data|figures|statistics|numbers|estimates|tallies|count)$",
                        re.IGNORECASE)


def data_owner(np: str) -> str | None:
    """The owner named in a mention of data ("the latest ministry data": "the ministry";
    "official FAO figures": "FAO"), or None if the mention is not of that form.

    A lower-case owner ("ministry") keeps "the" so that it reads as a description of a body
    named before; a name ("FAO") is returned bare.
    """
    m = _DATA_NOUN.match(np.strip())
    if m is None:
        return None
    owner = m.group("owner").strip()
    if re.fullmatch(r"(?i)(?:the|a|an|its|their|this|that|" + _DATA_ADJ + r")\s*", owner + " "):
        return None  # "according to official data": no owner named
    if owner[:1].isupper():
        return owner
    return f"the {owner}"


#: Head words of bodies a description ("the ministry") may stand for, named earlier in full.
_BODY_HEADS = frozenset({"ministry", "bank", "fund", "agency", "office", "department",
                         "institute", "commission", "council", "committee", "authority",
                         "service", "bureau", "board", "organization", "organisation",
                         "union", "court", "government", "administration", "party",
                         "association", "federation", "foundation", "centre", "center",
                         "university", "army", "police", "charity", "group", "company"})
_CAP = r"[A-Z][\w'\u2019.&-]*"


def antecedent(text: str, head: str) -> str | None:
    """The last full name in ``text`` whose head word is ``head`` capitalised: what "the
    ministry" or "the bank" stands for when the body was named before without speaking.

    Examples:
        >>> antecedent("The Ministry of Fisheries closed two ports. It rained.", "ministry")
        'Ministry of Fisheries'
        >>> antecedent("Shares fell after the Grand Lakes Bank cut rates.", "bank")
        'Grand Lakes Bank'
        >>> antecedent("The bank cut rates.", "bank") is None
        True
    """
    if head not in _BODY_HEADS:
        return None
    word = head[:1].upper() + head[1:]
    pat = re.compile(r"(?<![\w'\u2019])(?P<n>(?:" + _CAP + r"\s+){0,4}" + word
                     + r"(?:\s+(?:of|for|on)\s+(?:the\s+)?" + _CAP + r"(?:\s+(?:and\s+)?"
                     + _CAP + r"){0,4})?)\b")
    found = None
    for m in pat.finditer(text):
        name = m.group("n")
        starts = m.start() == 0 or re.search(r"[.!?]\s*[\"\u201c]?$", text[:m.start()])
        if starts and name.split()[0] in ("The", "A", "An", "In", "On", "At", "But", "And",
                                          "Its", "This"):
            name = name.split(None, 1)[1] if " " in name else ""
        if len(name.split()) >= 2:
            found = name
    return found


_COPULA = re.compile(r"\s+(?:is|was|are|were|has been|had been|seems|seemed|appears|appeared|"
                     r"remains|remained|looks|looked)\b")
_FINITE = re.compile(r"\b(?:is|are|was|were|have|has|had|will|would|could|may|might|can|did|"
                     r"do|does|\w{3,}ed)\b")


def claim_of(m: re.Match[str]) -> str | None:
    """The that-clause of "X's claim that C is ...": up to the first copula after a verb."""
    text = m.group("claim")
    for c in _COPULA.finditer(text):
        if _FINITE.search(text[:c.start()]):
            return text[:c.start()]
    return None


_DOC_WORDS = r"(?:report|review|study|survey|outlook|update|assessment|analysis|bulletin|" \
             r"statement|forecasts?|projections?|estimates?|paper|minutes|release|data|figures)"
#: "In its biannual report the bank forecast ...": the document the subject speaks in.
_INTRO = re.compile(r"^(?:In|Under)\s+(?:its|their|his|her|our)\s+(?:[\w-]+\s+){0,3}?"
                    + _DOC_WORDS + r"(?:\s+(?:published|released|issued)\s+[^,]{1,30}?)?"
                    r",?\s+(?=(?:the\s+|a\s+)?[A-Za-z])")


def without_intro(sentence: str) -> str:
    """The sentence without a leading "In its report" naming the subject's own document:
    the subject that follows is the speaker, not "In its annual".

    Examples:
        >>> without_intro("In its annual review the fund forecast growth of 2%.")
        'the fund forecast growth of 2%.'
        >>> without_intro("In a report, 40% of firms cut jobs.")
        'In a report, 40% of firms cut jobs.'
    """
    return _INTRO.sub("", sentence, count=1)


_ADJ = r"(?:(?:latest|new|recent|own|annual|biannual|quarterly|monthly|weekly|first|" \
       r"preliminary|final|updated|staff|economic|growth|inflation|\w+-\w+)\s+)*"
_NAME = r"(?<![\w'\u2019])(?:the\s+|The\s+)?[A-Z][\w'\u2019.&-]*(?:\s+[A-Z][\w'\u2019.&-]*)*"
#: "The CDC's study examined ...", "Acme's new survey finds ...": its owner says it.
_POSSESSED = re.compile(r"^(?:[^,]{1,40},\s+)?(?P<np>" + _NAME + r"(?:\s+[a-z]+){0,2}?)"
                        r"['\u2019]s?\s+" + _ADJ + _DOC_WORDS + r"\s+(?:has\s+|have\s+|also\s+)*"
                        r"(?P<verb>[a-z]{3,}(?:ed|s))\b(?!\s+by\b)")
#: "X published its latest projections, which see inflation at 4%": X says the clause.
_WHICH = re.compile(r"(?P<np>" + _NAME + r"(?:\s+[a-z]+){0,2}?)\s+(?:has\s+|had\s+|also\s+)*"
                    r"(?:published|released|issued|presented|unveiled|updated)\s+(?:its|their|"
                    r"the|a|an|new)\s+" + _ADJ + _DOC_WORDS + r",\s+which\s+(?:see|sees|saw|"
                    r"show|shows|showed|put|puts|project|projects|predict|predicts|forecast|"
                    r"forecasts|estimate|estimates|expect|expects)\s+(?P<claim>.{8,})$")


def owned_document(sentence: str) -> tuple[str, str] | None:
    """(speaker, claim) of a sentence whose subject is someone's own document, or of a
    relative clause on what a document that someone published says; None otherwise.

    Examples:
        >>> owned_document("The WHO's new survey finds 30% of clinics short of staff.")
        ('The WHO', "The WHO's new survey finds 30% of clinics short of staff.")
        >>> owned_document("Shares rose after the Acme Bank released its projections, "
        ...                "which see prices up 3% in 2026.")
        ('the Acme Bank', 'prices up 3% in 2026.')
        >>> owned_document("The survey was run by Acme.") is None
        True
    """
    m = _WHICH.search(sentence)
    if m is not None:
        return m.group("np").strip(), m.group("claim")
    m = _POSSESSED.match(sentence)
    if m is not None:
        return m.group("np").strip(), sentence
    return None


_SUBJECT = r"(?P<np>(?:(?:the|The|an?|An?)\s+)?[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*)*" \
           r"|(?:the|The)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+|[A-Z][a-z]+(?:\s+[a-z]+){1,2}?)"
#: "AFP correspondents saw police fire into the air": the outlet's first-hand statement.
_WITNESS = re.compile(r"^(?:[^,]{1,40},\s+)?(?:an?\s+|the\s+|An?\s+|The\s+)?(?P<np>[A-Z][\w.&'"
                      r"\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*)*)\s+(?:correspondents?|reporters?|"
                      r"journalists?|photographers?|camera\s*(?:wo)?m[ae]n|crews?|team)\s+"
                      r"(?:have\s+|has\s+|had\s+|also\s+|personally\s+)*(?:seen|saw|witnessed|"
                      r"observed|watched|heard|counted)\s+(?P<claim>.{8,})$")
#: "The army has denied responsibility for the blast": the army asserts a denial.
_DENIAL = re.compile(r"^" + _SUBJECT + r"\s+(?:has\s+|have\s+|had\s+|also\s+|again\s+|"
                     r"strongly\s+|flatly\s+)*(?:denied|denies|deny|rejected|rejects|disputed|"
                     r"disputes|refuted|refutes)\s+(?P<obj>[a-z].{6,})$")


#: "A happened, with the bank raising its forecast to 3%": the bank's own revision.
_WITH_REVISING = re.compile(r"^(?P<own>[^,]{12,}),\s+(?:with|as)\s+" + _SUBJECT
                            + r"\s+(?:hiking|raising|lifting|cutting|lowering|trimming|slashing|"
                            r"revising|upgrading|downgrading)\s+(?:its|their)\s+.{8,}$")


def own_statement(sentence: str) -> tuple[str, str, str | None] | None:
    """(speaker, claim, the outlet's own part) of a sentence with no speech tag whose subject
    still states it: a document's owner (:func:`owned_document`), a witnessing reporter, a
    denial, a revision in a "with" clause.

    Examples:
        >>> own_statement("Wirenews reporters saw police fire into the air.")
        ('Wirenews', 'police fire into the air.', None)
        >>> own_statement("The army has denied responsibility for the blast, and talks "
        ...               "resumed.")
        ('The army', 'The army has denied responsibility for the blast.', None)
        >>> own_statement("Exports held up, with the bank raising its forecast to 2.5%.")
        ('the bank', 'the bank raising its forecast to 2.5%.', 'Exports held up.')
        >>> own_statement("Our correspondent saw the fire.") is None
        True
    """
    m = _WITNESS.match(sentence)
    if m is not None:
        if m.group("np") in ("Our", "Local", "Foreign"):
            return None  # the outlet's own, already its voice
        return m.group("np").strip(), m.group("claim"), None
    m = _DENIAL.match(sentence)
    if m is not None and not re.search(r"\b(?:entry|access|visas?|bail|permission|"
                                       r"request|appeal)\b", m.group("obj")[:30]):
        clause = re.split(r",\s+(?:and|but|while|as)\s+|;\s+", sentence)[0].rstrip(" .")
        return m.group("np").strip(), clause + ".", None
    m = _WITH_REVISING.match(sentence)
    if m is not None:
        return m.group("np").strip(), m.group(0)[m.start("np"):], m.group("own") + "."
    owned = owned_document(sentence)
    return None if owned is None else (*owned, None)


#: Words for a body that a text names in full just before ("the agency", "the organization").
GENERIC_BODIES = frozenset({"agency", "organization", "organisation", "body", "group",
                            "institution", "watchdog", "regulator", "department"})
_INSTITUTION = re.compile(
    r"(?<![\w'\u2019])(?P<n>(?:[A-Z][\w'\u2019.&-]*\s+)*(?:Department|Ministry|Agency|Office|"
    r"Authority|Board|Commission|Service|Institute|Centers?|Centres?|Bank|Fund|"
    r"Organi[sz]ation|Council|Committee|Bureau|Administration|International|Watch)"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+(?:and\s+)?[A-Z][\w'\u2019-]*)*)?)")


def named_body(text: str) -> str | None:
    """The last body named in full in ``text`` (the sentence and the one before): what "the
    agency" or "the organization" points back to.

    Examples:
        >>> named_body("Of 30 patients the Ohio Department of Health tracked, 4 were "
        ...            "vaccinated, according to the agency.")
        'Ohio Department of Health'
        >>> named_body("Prices rose, the agency said.") is None
        True
    """
    found = None
    for m in _INSTITUTION.finditer(text):
        name = re.sub(r"^(?:The|A|An|In|On|At|But|And|Of|For|By)\s+", "", m.group("n"))
        if len(name.split()) >= 2:
            found = name
    return found


def document_owner(text: str, head: str) -> str | None:
    """Who the text said owns a document before "the report" comes back to it: "its"
    (the body named last) or a name ("Acme's annual report"); None if no owner was given.

    Examples:
        >>> document_owner("In its yearly report the fund cut growth. Oil fell.", "report")
        'its'
        >>> document_owner("The Acme Institute's new study covers 40 towns.", "study")
        'The Acme Institute'
        >>> document_owner("A report came out.", "report") is None
        True
    """
    if head not in ("report", "study", "survey", "review", "analysis", "assessment",
                    "outlook", "paper", "forecast", "projections", "update", "bulletin"):
        return None
    found = None
    pat = re.compile(r"(?:\b(?P<its>its|their)|(?P<o>" + _NAME + r")['\u2019]s?)\s+"
                     r"(?:[\w-]+\s+){0,3}?" + head + r"\b")
    for m in pat.finditer(text):
        found = m.group("its") or m.group("o").strip()
    return found


_TITLE_VERBS = re.compile(r"(?<=\s)(?:Says|Said|Reports|Reported|Warns|Finds|Confirms|Claims|"
                          r"Estimates|Predicts|Forecasts|Tells|Announces|Admits|Denies)(?=\s|$)")


def headline_case(headline: str) -> str:
    """A title-case headline with its speech verbs in lower case, so that the rules read
    "Flu Cases Reach 300, Health Board Says" as "..., Health Board says".

    Examples:
        >>> headline_case("Flu Cases Reach 300, Health Board Says")
        'Flu Cases Reach 300, Health Board says'
    """
    return _TITLE_VERBS.sub(lambda m: m.group(0).lower(), headline)


#: "well above forecasts from the Bank of England of 3.9%": the figure is the bank's.
_FORECAST_OF = re.compile(r"\b(?:forecasts?|estimates?|projections?|predictions?)\s+(?:from|by)\s+"
                          r"(?P<np>(?:the\s+)?[A-Z][\w.&'\u2019-]*(?:\s+(?:of\s+|for\s+|the\s+)*"
                          r"[A-Z][\w.&'\u2019-]*)*)\s+(?:of|at)\s+(?P<fig>[^,;]*?\d[^,;]*?)"
                          r"(?=[,;]|\.?$|\.\s)")


def owned_figure(claim: str) -> tuple[str, str] | None:
    """(owner, clause) of a figure that the claim gives as someone else's forecast: "above
    forecasts from the Acme Bank of 3.9%" -> ('the Acme Bank', 'forecasts ... of 3.9%').

    Examples:
        >>> owned_figure("Rents will rise 6%, well above forecasts from the Acme Bank of 3.9%.")
        ('the Acme Bank', 'forecasts from the Acme Bank of 3.9%')
        >>> owned_figure("Rents will rise 6%.") is None
        True
    """
    m = _FORECAST_OF.search(claim)
    return None if m is None else (m.group("np").strip(), m.group(0).strip())
