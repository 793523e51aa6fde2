"""Attribution: who, in one sentence, says the claim, to whom, citing whom.

Rules over the sentence's text, tried in this order (the first that fits wins):

=========================================================  ===================================
cue                                                        reading
=========================================================  ===================================
"CLAIM, X said/reported/told Y [on DAY][, citing Z]."      X says CLAIM (to Y, from Z)
"CLAIM," said X [, who ...].                               X says CLAIM (a quote's speaker)
"[Intro,] X [, APPOSITIVE,] said/told Y/reported (that) C"  X says C (to Y)
"... according to X['s statement/data] ..."                 X says the rest
"X['s] data/figures show(ed) ..." / "per X data"           X (its owner) says the rest
"..., citing X" / "X, citing Y, said"                      X is the origin the speaker cites
"HEADLINE - X" / "HEADLINE, X says"                        X says the headline
"in response to an inquiry from Y"                         Y relays the speaker
"X's claim that C is ..." / "The data from X cover(s) ..."  X says C / the sentence
"X accused Y of V-ing"                                     X says Y V-ed
"X confirmed that A, announced by Y, ..."                  Y the origin of A, X vouches
"..., warning that C" / "..., and it warned C"              C a second claim of the speaker
"..., with reports of C" / "what X calls C"                unnamed reports say C / X says C
"reportedly", "allegedly" (no speaker)                     the article's own, hedged
=========================================================  ===================================

The speaker X, the relay Y ("told Y") and the origin Z ("citing Z") are returned as
written; :mod:`kg.drafting.sources` turns them into sources (names, kinds, pronouns,
anonymous sources).

Examples:
    >>> a = attribute("Ukraine downed five drones, the country's air force said on Friday.")
    >>> a.speaker, a.claim, a.when
    ("the country's air force", 'Ukraine downed five drones.', 'on Friday')
    >>> a = attribute("Over 250,000 cases were opened, Ukrainska Pravda reported on Aug. 26, "
    ...               "citing the Prosecutor General's Office.")
    >>> a.speaker, a.cited, a.when
    ('Ukrainska Pravda', "the Prosecutor General's Office", 'on Aug. 26')
    >>> a = attribute("Officials and lawyers told DV that 60 cases were open.")
    >>> a.speaker, a.relay, a.claim
    ('Officials and lawyers', 'DV', '60 cases were open.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.drafting import speaker_rules as rules

__all__ = ["HEDGES", "Attribution", "attribute"]

_STRONG = ("said", "says", "say", "note", "add", "warn", "claim", "argue", "insist", "confirm",
           "tell", "write", "report", "state", "announce", "estimate", "allege", "admit",
           "reported", "reports", "stated", "states", "noted",
           "notes", "added", "adds", "told", "tells", "announced", "announces", "warned", "warns",
           "wrote", "writes", "claimed", "claims", "confirmed", "confirms", "declared",
           "insisted", "emphasized", "emphasised", "stressed", "pointed out", "explained",
           "argued", "alleged", "disclosed", "revealed", "acknowledged", "admitted",
           "estimated", "estimates", "tallied", "quoted", "cited", "highlighted",
           "has reported", "testified", "informed", "mentioned", "recalled", "noting",
           "accused", "accuses", "blamed", "blames")
_WEAK = ("found", "finds", "shows", "showed", "show", "shown", "indicated", "indicates",
         "suggested",
         "suggests", "projects", "projected", "forecast", "forecasts", "predicted", "predicts",
         "expects", "expected", "believes", "believed", "concluded", "published a report saying",
         "published a report", "said in a statement", "announced", "put the number")
_VERB = "|".join(sorted({re.escape(v) for v in _STRONG + _WEAK}, key=len, reverse=True))
_ADV = r"(?:(?:has|have|had|also|previously|earlier|further|later|now|again|recently|" \
       r"separately|officially|publicly|only|then|,)\s+)*"
_TRAIL_TAIL = r"(?:,\s*(?P<tail>.*))?"  # "..., Budanov said, with ..." too
_INVERTED = re.compile(
    r"^(?P<claim>.{8,}?)[,:]?[\"\u201d\u2019]?,?\s+(?P<verb>said|says|added|adds|told|wrote|"
    r"writes|noted|explained|stressed|continued|according to)\s+(?P<np>[^,;]{2,160}?)"
    r"(?:,\s*(?P<tail>.+?))?\s*[.!?]?[\"\u201d]?$", re.DOTALL)
_LEAD = re.compile(
    r"^(?P<intro>(?:[^,\"\u201c]{1,70},\s+)?)(?P<np>[^,;:\"\u201c\u201d]{2,140}?)"
    r"(?:,\s(?P<app>[^,]{3,100}),)?\s+" + _ADV + r"(?P<verb>" + _VERB + r")\b"
    r"(?P<after>.*)$", re.DOTALL)
_ACCORDING = re.compile(
    r"(?:,\s*)?\b(?:according to|per(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
    r"(?:as )?(?:reported|announced|confirmed|cited|tallied|"
    r"highlighted|noted|estimated|released|published|recorded) by)\s+"
    r"(?P<np>(?:[^,;.()\u201c\u201d\"]|\([A-Z]{2,10}\)){2,140}?)(?=\s*(?:[,;.)]|"
    r"\((?![A-Z]{2,10}\))|$|"
    r"\s(?:which|who|on the)\b))", re.IGNORECASE)
_BACKED = re.compile(r"\b(?:backed up by|based on|drawing on|confirmed by)\s+(?P<np>[A-Z][\w.&'-]*"
                     r"(?:\s+[A-Z][\w.&'-]*)*(?:\s+(?:analysis|data|figures|estimates?))?)")
_CITING = re.compile(r"(?:,\s*)?\bciting\s+(?P<np>[^,;.\u201c\u201d\"]{2,120}?)"
                     r"(?=\s*(?:[,;.]|$|\s(?:as saying|that|which|who|on)\b))", re.IGNORECASE)
_OWNER = re.compile(r"^(?P<owner>.+?)['\u2019]s?\s+(?:own\s+)?(?:statement|data|report|figures?|"
                    r"estimates?|tally|tallies|count|analysis|survey|study|website|"
                    r"announcement|post|channel|account|page|interview|press release|"
                    r"briefing|numbers|statistics)\b", re.IGNORECASE)
_ISSUED = re.compile(r"^(?:a|an|the)\s+(?:new\s+|latest\s+)?(?:report|statement|study|"
                     r"survey|analysis|document|tally|estimate)\s+(?:that\s+)?(?P<owner>(?:his|"
                     r"her|its|their|the)\s+\w+|[A-Z][\w ]+?)\s+(?:issued|released|"
                     r"published|put out|compiled|made)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"^(?P<np>[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,3})(?:, (?P<app>[^,]{3,100}),)? "
    r"[^,]{0,80}, (?:saying|suggesting|adding|noting|arguing|warning|stressing|insisting) "
    r"(?:that )?(?P<claim>.+)$")
_DATA_SHOWS = re.compile(r"^(?:the\s+)?(?P<np>[^,;]{2,80}?)['\u2019]s?\s+(?:data|figures|"
                         r"statistics|numbers|tally)\s+(?:show|showed|shows|indicate|put)\b",
                         re.IGNORECASE)
#: "The data from X covers ...", "A survey by X found that ...": X, the owner, says it.
_DATA_FROM = re.compile(
    r"^(?:(?i:the|a|an)\s+)?(?:(?:latest|new|recent|official|annual)\s+)?(?:data|figures|"
    r"statistics|numbers|study|research|report|survey|analysis|estimates?)\s+(?:from|by|of|"
    r"(?:compiled|published|released|conducted) by)\s+(?P<np>(?:the\s+)?[A-Z][^,;]{1,100}?"
    r"(?:\s+\([A-Z][\w&]{1,10}\))?)\s+(?P<verb>shows?|showed|indicated?s?|suggest(?:s|ed)?|"
    r"puts?|found|finds|reveal(?:s|ed)?|covers?|covered|includes?|included|estimated?s?)\b",
    re.DOTALL)
_SHOW_VERBS = frozenset({"show", "shows", "showed", "indicate", "indicates", "indicated",
                         "suggest", "suggests", "suggested", "found", "finds", "reveal",
                         "reveals", "revealed", "estimate", "estimates", "estimated"})
#: "X's claim that C is exaggerated": X says C (what follows judges X's claim).
_CLAIM_THAT = re.compile(
    r"^(?P<np>[^,;\"\u201c]{2,100}?)['\u2019]s?\s+(?:(?:earlier|latest|recent|own|repeated)\s+)?"
    r"(?:claims?|assertions?|allegations?|estimates?|assessments?|predictions?|warnings?|"
    r"statements?|forecasts?)\s+that\s+(?P<claim>.{8,})$", re.DOTALL)
_REVISES = re.compile(
    r"^(?:[^,]{1,60},\s+)?(?P<np>(?:the\s+)?[A-Z][^,;]{1,80}?)\s+(?:on\s+\w+\s+|has\s+|had\s+|"
    r"also\s+|again\s+|now\s+)*(?:cut|cuts|slashed|slashes|raised|raises|lowered|lowers|"
    r"trimmed|trims|lifted|lifts|downgraded|downgrades|upgraded|upgrades|revised|revises|"
    r"kept|keeps|held|holds|maintained|maintains)\s+(?:up|down)?(?:wards?\s+)?(?:its|their)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:forecasts?|estimates?|projections?|outlook|guidance|targets?)\b")
_DOC_SUBJECT = re.compile(
    r"^(?:[^,]{1,40},\s+)?(?P<np>(?i:a|an|the|this|that|its)\s+(?:(?:new|latest|recent|separate|"
    r"annual|monthly|weekly|global|national|official|peer-reviewed|[\w-]+-day)\s+)*"
    r"(?:study|report|survey|poll|analysis|paper|review|research|census|assessment|audit)"
    r"(?:\s+(?:by|from|of|in|published|released|conducted|carried out)\s+[^,;]{0,80}?)?)"
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|now\s+|significantly\s+|sharply\s+)*"
    r"(?P<verb>[a-z]{3,}(?:ed|es|s))\b(?!\s+(?:by|that\s+(?:is|was|were)))")
_INQUIRY = re.compile(r"\bin (?:response|reply) to (?:an? )?(?:inquiry|request|question)s? "
                      r"(?:from|by) (?P<np>[^,;.]{2,60})", re.IGNORECASE)
_WHEN = re.compile(r"^\s*(?P<when>(?i:on|last|this|earlier|late|in)\s+(?:[A-Z][a-z]+\.?"
                   r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\w+day|week|month|"
                   r"year)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                   r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
                   r"\b")
_OBJECT = re.compile(r"^\s*(?P<obj>(?:the\s+|a\s+)?(?:[A-Z][\w.&/'\u2019-]*|of|for|and|the)"
                     r"(?:\s+(?:[A-Z][\w.&/'\u2019-]*|of|for|and|the))*|the\s+[a-z]+"
                     r"(?:\s+[a-z]+)?)(?=\s|[,.;]|$)")

#: Words that make an assertion hedged.
HEDGES = frozenset({"may", "might", "could", "likely", "possibly", "reportedly", "allegedly",
                    "apparently", "purportedly", "perhaps", "feared", "believed", "probably",
                    "suspected", "unconfirmed", "unverified", "estimated", "suggested",
                    "suggests", "appears", "appeared", "seems", "speculation", "presumably"})
_NOT_NP = re.compile(r"\b(?:that|which|when|if|because|while|than|as|is|are|was|were|will|"
                     r"would|be|been|being|not|do|does|did|can|to|it's)\b", re.IGNORECASE)
_NP_START = re.compile(r"^(?:[\"\u201c]?[A-Z]|the\b|a\b|an\b|one\b|two\b|three\b|several\b|"
                       r"some\b|many\b|most\b|his\b|her\b|its\b|their\b|he\b|she\b|it\b|"
                       r"they\b|we\b|\d|(?:[a-z]+\s+){0,2}(?:officials|sources|experts|analysts|residents|authorities|"
                       r"doctors|researchers|scientists|economists|witnesses|diplomats|lawmakers|"
                       r"police|prosecutors|investigators|activists|medics|rescuers|observers|"
                       r"critics|officers|commanders|aid workers|health workers|engineers|"
                       r"teachers|farmers|traders|executives|insiders|campaigners|members|soldiers|troops|"
                       r"employees|staff|workers|voters|patients|parents|media|TV|television|"
                       r"radio|press)\b)")


@dataclass
class Attribution:
    """Who says a sentence's claim: speaker, relay ("told Y"), origin ("citing Z")."""

    claim: str
    speaker: str | None = None
    relay: str | None = None
    cited: str | None = None
    when: str | None = None
    hedged: bool = False
    rule: str = "none"
    appositive: str | None = None
    also: str | None = None  # "in remarks similar to those by Y": Y says it too
    #: "X said ... who killed 1,200, according to Y": Y and the clause whose figures are Y's
    tail: tuple[str, str] | None = None
    #: "X confirmed that A, announced by Y, is right, and that B": the words Y is cited in
    cited_in: str | None = None
    #: "A happened, and officials said B": A, the outlet's own statement
    own: str | None = None


def _np_ok(np: str, *, lead: bool = False) -> bool:
    np = np.strip()
    words = np.split()
    if not words or len(words) > (16 if lead else 14) or (
            len(words) == 1 and words[0].lower() in ("the", "a", "an", "this", "that", "its")):
        return False
    if re.search(r"\d|%|['\u2019]s?$|\b(?:has|have|had|said|says)\b|^(?:about |some |nearly |"
                 r"almost |around |roughly )?(?:half|(?:a|one|two|three) (?:thirds?|quarters?)|"
                 r"percent)\b", np, re.IGNORECASE) or re.search(
            r"\b[a-z]{3,}ed\s+(?:in|on|at|with|to|into|from|over|across|up|down|off)\b", np):
        return False
    if _NOT_NP.search(np) and not re.search(r"\b(?:of|for)\b", np):
        return False
    if re.search(r"\b(?:is|are|was|were|will|would|not|be)\b", np):
        return False
    return bool(_NP_START.match(np))


def _sentence_case(text: str) -> str:
    text = text.strip(" ,;:-\u2013\u2014\"\u201c\u201d")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _hedged(text: str) -> bool:
    """A hedge word written in lower case (the first word too): "may", not "in May"."""
    text = text.lstrip(" \"\u201c'")
    if not re.match(r"May\s+\d", text):
        text = text[:1].lower() + text[1:]
    return bool(set(re.findall(r"\b[a-z]+\b", text)) & HEDGES)


def _when(after: str) -> str | None:
    m = _WHEN.match(after)
    return m.group("when") if m else None


def _strip_intro(text: str) -> str:
    return re.sub(r"^(?:and|but|however|meanwhile|also)\b,?\s*", "", text, flags=re.I)


_SEP = re.compile(r"(?:,[\"\u201d\u2019]?|[\"\u201d\u2019],?|:|\s[-\u2013\u2014])\s+")
_SUFFIX = re.compile(
    r"(?:[-\u2013\u2014]\s*)?(?P<np>[^,;\"\u201c\u201d]{2,140}?)(?P<comma>,)?\s+" + _ADV
    + r"(?P<verb>" + _VERB + r")\b(?!\s+(?:said|says|stated|noted|added|found|show(?:s|ed)?|"
    r"estimated|warned|concluded|indicated|suggested)\b)"  # "the report said": a noun
    r"(?P<after>[^,;\"\u201c\u201d]*?)" + _TRAIL_TAIL
    + r"\s*[.!?]?[\"\u201d]?$", re.DOTALL)


def _trailing(s: str, relay: str | None, cited: str | None, hedged: bool
              ) -> Attribution | None:
    """"CLAIM, X said ...": the rightmost separator after which a speaker and a verb end
    the sentence."""
    for sep in reversed(list(_SEP.finditer(s))):
        if sep.start() < 8:
            break
        m = _SUFFIX.match(s, sep.end())
        if not m or not _np_ok(m.group("np")) or _ACCORDING.search(m.group("np")):
            continue
        if m.group("comma") and re.fullmatch(r"(?:[A-Z][\w.'\u2019-]*\s*){1,4}",
                                             s[:sep.start()].strip()):
            continue  # "Jane Roe, the minister's adviser, confirmed ...": an apposition
        after = m.group("after") or ""
        when = _when(after)
        rest = re.sub(r"\([^()]*\)", "", after.strip()[len(when or ""):])  # asides
        if len(rest.split()) > 12 or re.search(r"\d", rest):
            continue  # "..., it forecast inflation of 5.7%": a clause, not a speech tag
        if m.group("verb") in ("told", "tells", "informed"):
            obj = _OBJECT.match(after)
            if obj:
                relay = obj.group("obj").strip()
                after = after[obj.end():]
        tail = m.group("tail") or ""
        if tail.startswith("citing") and cited is None:
            cited = tail[len("citing"):].strip(" .")
        via = _VIA.search(after + " " + tail)
        if via and relay is None:
            relay = via.group("np").strip()
        claim = _ACCORDING.sub("", s[:sep.start()])
        more = re.match(r"(?:(?:while|and|also|but)\s+)?(?:noting|adding|saying|warning|stressing|"
                        r"arguing|explaining|insisting)"
                        r"\s+(?:that\s+)?(?P<c>.{12,})$", tail)
        if more:  # "..., the newspaper reported, noting that X": X is a second claim
            claim = f"{claim}; {more.group('c')}"
        elif tail and not re.match(r"(?:citing|adding|according to|noting|who|which|in|as|after|"
                                   r"while|speaking|referring|quoting|told|said)\b", tail):
            claim = f"{claim}, {tail}"  # "X, Budanov said, with Y": the claim goes on
        return Attribution(_sentence_case(claim), m.group("np").strip(), relay, cited,
                           _when(after), hedged, "trailing")
    return None


#: "the figure of 30,000, announced by Y, is right": Y first said what the speaker vouches for.
_BY_WHOM = re.compile(r",\s+(?:as\s+|first\s+|previously\s+|earlier\s+)?(?:announced|reported|"
                      r"stated|given|published|released|cited|claimed|put forward)\s+by\s+"
                      r"(?P<np>(?:the\s+)?[A-Z][^,;.]{1,80}?)\s*,")
_VIA = re.compile(r"\b(?:in an? (?:\w+ )?(?:interview|conversation|comments?|statement) "
                  r"(?:with|to)|speaking to|talking to|told) "
                  r"(?P<np>(?:the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*)")


def _lead(s: str, relay: str | None, cited: str | None, hedged: bool, *, need_that: bool
          ) -> Attribution | None:
    stripped = _strip_intro(s)
    m = _LEAD.match(stripped)
    aside = ""
    if m and not _np_ok(m.group("np"), lead=True):
        # "the bank, which had projected 1.2%, has stated that": the relative clause is a
        # second statement of the speaker
        rel = re.search(r",\s+(?:which|who)\s+(?P<rel>[^,]{3,120}),", stripped)
        if rel:
            m = _LEAD.match(stripped[:rel.start()] + " " + stripped[rel.end():].lstrip())
            if m and re.search(r"\d", rel.group("rel")):
                aside = rel.group("rel")
    if not m or re.search(r"\b(?:is|are|was|were|has|have|had|will|would|could|can)\s+\w+",
                          m.group("intro")):
        return None  # "The war is expected to slow growth, the IMF said": a claim, no intro
    rel_app = re.match(r"(?:which|who)\s+(?P<rel>.*\d.*)$", m.group("app") or "")
    if rel_app:
        aside = rel_app.group("rel")
    np = re.sub(r"^(?:and|but|while|whereas)\s+", "", m.group("np"))  # "..., and X said"
    np = re.sub(r"\s+who\s+(?:asked|spoke|declined|requested|was|were|is|are)\b.*$", "",
                np)  # "an official who asked not to be named"
    to = re.match(r"^(?P<np>.+?)\s+(?:speaking|talking|who spoke|who talked)\s+(?:to|with)\s+"
                  r"(?P<relay>.+)$", np)
    if to:
        np, relay = to.group("np"), to.group("relay")
    if not _np_ok(np, lead=True) or re.match(r"(?i)(?:there|this|that|these|those|what)\b", np):
        return None
    verb, after = m.group("verb"), m.group("after")
    if re.match(r"\s+(?:has|have|had|is|are|was|were|will)\b", after):
        return None  # "an outbreak in Ohio state has spread": "state", a noun
    if verb in ("forecast", "forecasts", "estimate", "estimates", "report", "reports") \
            and re.search(r"\b(?:its|their|his|her|our)\s+(?:[\w-]+\s+){0,2}$", np + " "):
        return None  # "the bank cut its growth forecast": a noun, not the verb
    if re.match(r"\s*by\b", after):
        return None  # "reported by X": passive, read by "according to"
    weak = verb in _WEAK and verb not in _STRONG
    that = bool(re.match(r"\s*(?:that\b|:)", after) or re.search(r"\bthat\b", after[:60]))
    if (need_that and not that) or (weak and not that and not re.search(r"\d", after)):
        return None  # a weak verb ("projects", "found") needs "that" or a figure after it
    when = _when(after) or _when(m.group("intro"))
    # "In an interview with AFP, he said": AFP relays
    via = _VIA.search(m.group("intro")[:1].lower() + m.group("intro")[1:])
    relay = relay or (via.group("np").strip() if via else None)
    if when and after.lstrip().startswith(when):
        after = after.lstrip()[len(when):]
    if verb in ("told", "tells", "informed"):
        obj = _OBJECT.match(after)
        if obj:
            relay = obj.group("obj").strip()
            after = after[obj.end():]
    after = _CITING.sub("", after)
    if verb in ("accused", "accuses"):  # "X accused Y of V-ing": X says Y V-ed
        after = re.sub(r"^\s*(?P<o>[^,;]{2,60}?)\s+of\s+", r"\g<o> ", after)
    by = _BY_WHOM.search(after)
    cited_in = None
    if by and cited is None and _np_ok(by.group("np")):
        cited = by.group("np").strip()  # "confirmed that the figure, announced by Y, is right"
        cited_in = by.group(0).strip(" ,")
    claim = re.sub(r"^[^,]{0,60}?(?:\bthat\b|:)\s*", "", after) if that else after
    claim = re.sub(r"^[\s,]*", "", claim)
    intro = m.group("intro").strip()
    if intro and not intro.lower().startswith("on ") and re.search(
            r"\d|\b(?:year|month|week|since|during)\b", intro, re.IGNORECASE):
        claim = f"{intro} {claim}"  # "For 2022, it forecast ...": the period stays with it
    if aside:
        claim = f"{_sentence_case(claim or s)[:-1]}; {np.strip()} {aside}"
    return Attribution(_sentence_case(claim or s), np.strip(), relay, cited, when,
                       hedged, "leading weak" if weak and not that else "leading",
                       m.group("app"), cited_in=cited_in)


_ALSO = re.compile(
    r",?\s*\b(?:in (?:remarks|comments|a statement) (?:similar to|that echoed|echoing) (?:those|"
    r"the remarks|the comments|remarks|comments)?\s*(?:made\s+)?(?:by|of|from)|echoing"
    r"(?:\s+(?:the\s+)?(?:remarks|comments|a statement|an assessment|a warning|an estimate|"
    r"figures|data|findings|estimates|a report|a survey|a study)"
    r"\s+(?:by|of|from))?|as did)\s+(?P<np>(?:(?:an?|the)\s+)?[^,;.]{2,100}?)"
    r"(?=\s*(?:[,;.]|$)|\s(?:earlier|on|last|this|who|which|in)\b)", re.IGNORECASE)


_COMPOUND = re.compile(r"^(?P<own>[^,;\"\u201c\u201d]{20,250}),\s+(?:and|but)\s+"
                       r"(?P<rest>[^\"\u201c\u201d]{12,})$")


def _compound(s: str, nested: bool) -> Attribution | None:
    """"A happened, and officials told Y that B": B is the officials', A (no speaker of its
    own, no figure) the outlet's own statement."""
    m = _COMPOUND.match(s)
    if m is None or re.search(r"\d", m.group("own")) or _attribute(
            m.group("own"), headline=False, nested=False).speaker is not None:
        return None
    out = _attribute(m.group("rest"), headline=False, nested=nested)
    if out.speaker is None or out.rule not in ("leading", "nested"):
        return None
    out.own = _sentence_case(m.group("own"))
    return out


def attribute(sentence: str, *, headline: bool = False, nested: bool = True) -> Attribution:
    """The attribution of one sentence (see the module's table); a second speaker the
    sentence names as saying the same ("in remarks similar to those by Y") is ``also``.

    Examples:
        >>> a = attribute("Clinics are overwhelmed, she said, in remarks similar to those by "
        ...               "a WHO official earlier on Tuesday.")
        >>> a.speaker, a.also
        ('she', 'a WHO official')
    """
    s = rules.without_intro(" ".join(
        (rules.headline_case(sentence) if headline else sentence).split()))
    both = None if headline else _compound(s, nested)
    if both is not None:
        return _second_statement(_calls(_reports(both)))
    m = _ALSO.search(s)
    if m is None or m.start() < 8:
        return _second_statement(_calls(_reports(_tail(s, _attribute(
            s, headline=headline, nested=nested)))))
    rest = s[m.end():]
    rest = re.sub(r"^\s*(?:earlier|on|last|this|in)\b[^,;.]*", "", rest)
    out = _attribute(s[:m.start()] + rest, headline=headline, nested=nested)
    if out.speaker is not None and _np_ok(m.group("np")):
        out.also = m.group("np").strip()
    return out


_REPORTS = re.compile(r",\s+(?:with|amid|following|after|and)\s+(?:(?:unconfirmed|unverified|media|"
                      r"local|press|news|several|some|other)\s+)*reports\s+(?:of|that)\s+"
                      r"(?P<rest>.{8,})$", re.IGNORECASE | re.DOTALL)


def _reports(out: Attribution) -> Attribution:
    """"..., with reports of C": C rests on reports the text does not name (hedged); the
    claim before it stays the speaker's."""
    m = _REPORTS.search(out.claim)
    if m is None or out.tail is not None:
        return out
    rest = m.group("rest").strip()
    out.claim = f"{out.claim[:m.start()]}; {rest[:1].upper()}{rest[1:]}"
    out.tail = ("Unnamed reports", rest)
    return out


_CALLS = re.compile(r"\bwhat\s+(?P<np>[^,;\"\u201c]{2,60}?)\s+(?:calls|called|(?:has|have|had)\s+"
                    r"called|describes\s+as|described\s+as|terms|termed|dubs|dubbed|labels|"
                    r"labell?ed)\s+\S", re.IGNORECASE)


def _calls(out: Attribution) -> Attribution:
    """"The war created what the UN calls the worst crisis, with 2 million displaced": the
    UN says the war created the worst crisis (its clause only; what follows ", with" is
    not its)."""
    m = _CALLS.search(out.claim)
    if out.speaker is not None or out.tail is not None or m is None \
            or not _np_ok(m.group("np")):
        return out
    cut = re.search(r",\s+(?:with|as|after|amid|leaving|while)\s", out.claim[m.end():])
    clause = out.claim if cut is None else out.claim[:m.end() + cut.start()]
    if cut is not None:
        rest = out.claim[m.end() + cut.start() + 1:].strip()
        out.claim = f"{clause}; {rest[:1].upper()}{rest[1:]}"
    out.tail = (m.group("np").strip(), clause.strip(" ."))
    return out


_AND_WARNED = re.compile(
    r"(?:,\s+(?:warning|saying|adding|noting|stressing|arguing|insisting|cautioning)|"
    r",?\s+and\s+(?:it|he|she|they|the \w+)\s+(?:also\s+)?(?:warned|said|added|noted|"
    r"stressed|cautioned))\s+(?:that\s+)?(?P<c>(?:the\s+|a\s+|an\s+)?[\w\"\u201c].{11,})$")


def _second_statement(out: Attribution) -> Attribution:
    """"X cut its forecast, warning that C" / "..., and it warned C": C is a second
    statement of the same speaker, a claim of its own."""
    m = _AND_WARNED.search(out.claim)
    if out.speaker is None or m is None or m.start() < 12:
        return out
    c = m.group("c")
    out.claim = f"{out.claim[:m.start()]}; {c[:1].upper()}{c[1:]}"
    return out


def _tail(s: str, out: Attribution) -> Attribution:
    """A final "according to Y" after a leading speaker is Y's, for its own clause."""
    if out.speaker is None or out.rule not in ("leading", "nested", "leading weak"):
        return out
    last = list(_ACCORDING.finditer(s))
    if not last or len(s) - last[-1].end() > 2:
        return out
    m = last[-1]
    np = m.group("np").strip()
    if np == out.speaker or not _np_ok(np):
        return out
    cuts = [c.end() for c in re.finditer(r",\s+|\s(?:who|which|that)\s", s[:m.start()])]
    start = cuts[-1] if cuts else 0
    if start == 0:
        return out
    out.tail = (np, s[start:m.start()])
    return out


def _attribute(s: str, *, headline: bool, nested: bool) -> Attribution:
    hedged = _hedged(s)
    cited = None
    m = _CITING.search(s) or _BACKED.search(s)
    if m:
        cited = re.sub(r"\s+(?:analysis|data|figures|estimates?|assessment)$", "",
                       m.group("np").strip())
    relay = None
    m = _INQUIRY.search(s)
    if m:
        relay = m.group("np").strip()
    if headline:
        m = re.match(r"^(?P<claim>.+?)\s+[-\u2013\u2014|:]\s+(?P<np>[^-\u2013\u2014]{2,80})$", s)
        if m and _np_ok(m.group("np")):
            return Attribution(_sentence_case(m.group("claim")), m.group("np").strip(),
                               hedged=hedged, rule="headline dash")
    m = _CLAIM_THAT.match(_strip_intro(s))
    said = rules.claim_of(m) if m and _np_ok(m.group("np"), lead=True) else None
    if m and said:  # "X's claim that C is not exaggerated": X says C
        return Attribution(_sentence_case(said), m.group("np").strip(), relay, cited, None,
                           hedged, "a claim of")
    m = _DATA_FROM.match(_strip_intro(s))
    if m and _np_ok(m.group("np"), lead=True):  # "The data from X show(s) ...": X says
        claim = _strip_intro(s)
        if m.group("verb") in _SHOW_VERBS:
            claim = re.sub(r"^\s*(?:that\s+)?", "", claim[m.end():])
        return Attribution(_sentence_case(claim), m.group("np").strip(), relay, cited, None,
                           hedged, "data shows")
    lead = _lead(s, relay, cited, hedged, need_that=True)
    if lead is not None:
        if nested:  # "A reported that B said C": B speaks, A relays
            inner = _lead(lead.claim, None, None, hedged, need_that=False) or attribute(
                lead.claim, nested=False)
            if inner.speaker and inner.rule in ("trailing", "leading", "leading weak", "inverted") \
                    and lead.relay is None:
                inner.relay, inner.hedged = lead.speaker, hedged
                inner.cited = inner.cited or lead.cited
                inner.cited_in = inner.cited_in or lead.cited_in
                inner.when = inner.when or lead.when
                inner.rule = "nested"
                return inner
        return lead
    trail = _trailing(s, relay, cited, hedged)
    if trail is not None:
        if nested and trail.relay is None:  # "B said it projects C, Reuters reported"
            tagged = _lead(trail.claim, None, trail.cited, hedged, need_that=False)
            if tagged is not None:
                tagged.relay, tagged.rule = trail.speaker, "nested"
                tagged.when = tagged.when or trail.when
                return tagged
        return trail
    m = _INVERTED.match(s)
    if m and m.group("verb") != "according to" and _np_ok(m.group("np")) and re.search(
            r"[\"\u201d\u2019,]\s*$", s[:m.start("verb")]):
        np = m.group("np").strip()
        via = _VIA.search(np + " " + (m.group("tail") or ""))
        if via and relay is None:
            relay = via.group("np").strip()
            np = np[:via.start()].strip() if via.start() < len(np) else np
        return Attribution(_sentence_case(m.group("claim")), np, relay, cited, None, hedged,
                           "inverted", m.group("tail"))
    m = _DATA_SHOWS.match(s)
    if m:
        claim = re.sub(r"^\s*(?:that\s+)?", "", s[m.end():])
        return Attribution(_sentence_case(claim), m.group("np").strip(), relay, cited, None,
                           hedged, "data shows")
    m = _DOC_SUBJECT.match(s)
    if m and not re.search(r"\b(?:said|says|told|according to)\b", s):
        # "A new study has raised the toll, revealing that ...": the document says it
        return Attribution(_sentence_case(s), m.group("np").strip(), relay, cited, None, hedged,
                           "a document's statement")
    m = _REVISES.match(s)
    if m and _np_ok(m.group("np"), lead=True):  # "The IMF slashed its growth forecast by ..."
        return Attribution(_sentence_case(s), m.group("np").strip(), relay, cited, None, hedged,
                           "revises its own figure")
    lead = _lead(s, relay, cited, hedged, need_that=False)
    if lead is not None and not (lead.rule == "leading weak" and _ACCORDING.search(s)):
        lead.rule = "leading"
        return lead
    m = _PARTICIPLE.match(s)
    if m:  # "Awadalla, a doctor, supported the estimate, suggesting that the toll is higher"
        return Attribution(_sentence_case(m.group("claim")), m.group("np"), relay, cited, None,
                           hedged, "participle", m.group("app"))
    matches = list(_ACCORDING.finditer(s))
    if len(matches) > 1 and relay is None:
        last = matches[-1]
        owner = _OWNER.match(last.group("np")) or re.match(
            r"^(?P<owner>.+?)\s+(?:article|report|story|piece|interview|investigation)$",
            last.group("np").strip())
        relay = (owner.group("owner") if owner else last.group("np")).strip()
        s = (s[:last.start()] + s[last.end():]).strip()
    m = _ACCORDING.search(s)
    if m:
        np = m.group("np").strip()
        owner = _OWNER.match(np) or _ISSUED.match(np) or re.match(
            r"^(?:the\s+)?(?:latest\s+|new\s+|official\s+)?(?:data|figures|statistics|numbers|"
            r"estimates)\s+(?:from|by|of|released by|published by)\s+(?P<owner>.*[A-Z].*)$", np)
        speaker = owner.group("owner") if owner else (rules.data_owner(np) or np)
        claim = (s[:m.start()] + s[m.end():]).strip(" ,")
        claim = re.sub(r"^[^,]{0,40}?\bciting\b[^,]*,\s*", "", claim)
        return Attribution(_sentence_case(claim), speaker, relay, None if cited == np else cited,
                           None, hedged, "according to")
    owned = rules.own_statement(s)
    if owned is not None:  # "The CDC's study examined ...", "X published data, which show"
        return Attribution(_sentence_case(owned[1]), owned[0], relay, cited, None, hedged,
                           "own statement", own=owned[2] and _sentence_case(owned[2]))
    m = re.search(r"\b(?:the\s+)?(?P<np>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*)['\u2019]s?\s+"
                  r"(?:data|figures|statistics|tally)\b", s)
    if m and cited is None:
        cited = m.group("np")
    return Attribution(_sentence_case(_CITING.sub("", s)), None, relay, cited, None, hedged,
                       "citing" if cited else "none")
