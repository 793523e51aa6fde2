"""The sources of one document: mentions as written turned into source records.

A mention ("the country's air force", "Ukrainian journalist Vladimir Boiko", "he",
"two sources with knowledge of the matter") becomes a source:

- **pronouns** ("he", "she", "it", "they") are the latest person, body or source named;
- **a surname or a title** ("Budanov", "Mr. Zelensky") is the person named in full before;
- **a definite description** without a name ("the newspaper", "the ministry", "the
  official") is the latest source it describes, by its head word or kind;
- **a role before a name** ("NEBE spokesperson Getahun Amogne") names the person, and the
  role goes in the note; a parenthesis ("(OCHA)") is an alias;
- **anonymous sources**: a head word such as sources, official, officer, commanders,
  MP, photographer, with no name of its own ("an official at the ministry");
- **unnamed documents**: studies, reports, surveys, polls, data ("a new study");
- otherwise the kind comes from the words: outlets (newspaper, agency; well-known wire
  services), military bodies (army, forces), government bodies (ministry, office,
  board, authorities), organisations (institute, fund, union), persons (a name).

Examples:
    >>> s = DocumentSources("doc")
    >>> s.resolve("Ukrainian journalist Vladimir Boiko"), s.resolve("Boiko"), s.resolve("he")
    ('doc-vladimir-boiko', 'doc-vladimir-boiko', 'doc-vladimir-boiko')
    >>> s.records["doc-vladimir-boiko"]["kind"]
    'person'
    >>> s.resolve("two sources with knowledge of the matter")
    'doc-two-sources-with-knowledge-of-the-matter'
    >>> s.records[s.resolve("the sources")]["kind"]
    'anonymous_source'
"""

from __future__ import annotations

import re
from typing import Any

from kg.drafting.speaker_rules import GENERIC_BODIES, antecedent, document_owner, named_body
from kg.names import fold

__all__ = ["DocumentSources", "is_outlet_name", "slugify"]

_OUTLETS = frozenset({
    "reuters", "afp", "agence france presse", "ap", "associated press", "tass", "ria novosti",
    "ria", "interfax", "bloomberg", "bbc", "cnn", "xinhua", "dpa", "anadolu", "ukrinform",
    "unian", "suspilne", "al jazeera", "new york times", "nyt", "washington post",
    "wall street journal", "financial times", "ft", "guardian", "economist", "politico", "axios",
    "nbc", "cbs", "abc", "fox news", "sky news", "deutsche welle", "dw", "le monde", "spiegel",
    "kommersant", "izvestia", "rt", "sputnik", "meduza", "kyiv independent", "ukrainska pravda",
    "strana", "efe", "ansa", "kyodo", "yonhap", "pti", "upi", "times", "telegraph", "independent",
    "lb ua", "npr", "pbs", "rfe rl", "radio free europe", "voice of america", "voa", "iol",
})
_ANON_HEADS = frozenset({
    "source", "sources", "official", "officials", "officer", "officers", "commander",
    "commanders", "insider", "insiders", "diplomat", "diplomats", "lawyer", "lawyers", "mp",
    "mps", "lawmaker", "lawmakers", "member", "members", "expert", "experts", "analyst",
    "analysts", "resident", "residents", "witness", "witnesses", "photographer", "magistrate",
    "activist", "activists", "doctor", "doctors", "worker", "workers", "soldier", "soldiers",
    "servicemen", "people", "person", "correspondent", "investigators", "observers", "critics",
    "economists", "researchers", "scientists", "authors", "medics", "rescuers", "volunteers",
    "veterans", "prisoners", "survivors", "locals", "aides", "aide", "spokesperson",
    "spokesman", "spokeswoman", "representative", "representatives", "employees", "staff",
})
_DOC_HEADS = frozenset({
    "study", "report", "survey", "poll", "data", "statistics", "figures", "estimate",
    "estimates", "analysis", "tally", "tallies", "research", "document", "documents",
    "assessment", "findings", "statement", "records", "count", "review", "paper", "article",
    "post", "video", "letter", "memo", "census", "index", "outlook", "forecast", "projection",
    "figure", "numbers", "reports",
})
_OUTLET_HEADS = frozenset({"newspaper", "agency", "outlet", "channel", "broadcaster",
                           "magazine", "tabloid", "daily", "network", "website", "site",
                           "paper", "portal", "publication", "media", "newsroom", "wire"})
_MILITARY = frozenset({"army", "forces", "force", "military", "navy", "command", "staff",
                       "brigade", "troops", "guard", "battalion", "regiment", "corps"})
_GOVERNMENT = frozenset({"ministry", "office", "government", "prosecutor", "prosecutors",
                         "parliament", "council", "department", "kremlin", "presidency",
                         "court", "board", "commission", "headquarters", "authorities",
                         "administration", "governor", "governors", "service", "police",
                         "treasury", "cabinet", "embassy", "mayor", "agency",
                         "bureau", "secretariat", "senate", "congress", "assembly", "state"})
_ORGANIZATION = frozenset({"institute", "university", "organization", "organisation", "fund",
                           "union", "nato", "un", "who", "imf", "group", "association",
                           "project", "committee", "party", "front", "coalition", "foundation",
                           "centre", "center", "company", "corporation", "bank", "red cross",
                           "lender", "unicef", "unhcr", "ocha", "ngo", "charity"})
_ROLES = frozenset({
    "minister", "president", "spokesperson", "spokesman", "spokeswoman", "chief", "commander",
    "governor", "general", "secretary", "director", "professor", "prime", "deputy", "head",
    "journalist", "reporter", "correspondent", "editor", "analyst", "expert", "official",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sen", "rep", "ambassador", "mayor",
    "chairman", "chairwoman", "chair", "leader", "founder", "ceo", "adviser", "advisor",
    "lawyer", "colonel", "major", "captain", "sergeant", "officer", "manager", "king", "queen",
    "senator", "representative", "judge", "economist", "researcher", "author", "blogger",
    "commissioner", "envoy", "lawmaker", "mp", "activist", "pope", "sheikh", "colonel-general",
})
#: Head words that stand for the latest source of their kind ("the agency", "the official").
_GENERIC_HEADS = frozenset({"agency", "newspaper", "outlet", "broadcaster", "channel", "paper",
                            "official", "officials", "source", "sources", "report", "study",
                            "statement", "document", "data", "survey", "poll", "ministry",
                            "minister", "spokesman", "spokeswoman", "spokesperson",
                            "journalist", "reporter", "correspondent", "lender", "fund",
                            "institution", "organisation", "organization", "watchdog",
                            "regulator", "firm", "company", "charity", "institute"})
_PRONOUNS = {"he": "person", "she": "person", "his": "person", "her": "person", "him": "person",
             "it": "body", "its": "body", "they": "any", "their": "any", "we": "any",
             "i": "any"}
_DEMONYM = re.compile(r"(?:ian|ish|ese|ern|ic|i|an|ch)$")
_CUT = re.compile(r"\s+(?:who|which|that|whose)\b.*$|\s+(?:in|on|at|during|via|through)\s+"
                  r"(?:a|an|its|his|her|their|the)\s+(?!(?:[A-Z]\w*\s*)+(?:$|[A-Z]))"
                  r".*$|\s+(?:on|via)\s+(?:Telegram|Facebook|X|Twitter|Instagram|TV)\b.*$|"
                  r"\s+(?:earlier|later|previously|also|again)\b.*$|\s+(?:on|last|this)\s+(?:\w+day|"
                  r"week|month|year)\b.*$")


#: "published Thursday", "released this month": when a document came out, not its name.
_WHEN_OUT = re.compile(r"\s+(?:published|released|issued|unveiled|made public)\s+(?:on\s+|"
                       r"this\s+|last\s+|earlier\s+|late\s+)?(?:\w+day|week|month|year|"
                       r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                       r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?)\b", re.IGNORECASE)
#: "the study authors", "the report's authors", "researchers": the authors of a study.
_AUTHORS = re.compile(r"(?i:the\s+)?(?:(?P<of>(?i:study|report|paper|survey)(?:['\u2019]s)?)"
                      r"\s+)?(?i:authors|researchers)(?P<rest>\s+(?:from|at|of|with)\s+.*)?")
_STUDIES = frozenset({"study", "report", "paper", "analysis", "research", "survey"})


#: Definite mentions that stand for whoever made them ("the statement warned").
_SPEECH_ACTS = frozenset({"statement", "announcement", "press release", "communique",
                          "communiqué", "declaration"})


def is_outlet_name(name: str) -> bool:
    """Whether a name is a well-known news outlet or wire service ("IOL", "Reuters").

    Examples:
        >>> is_outlet_name("Reuters"), is_outlet_name("Kyiv")
        (True, False)
    """
    return fold(name) in _OUTLETS


def slugify(text: str, limit: int = 50) -> str:
    """Letters and digits joined by hyphens, at most ``limit`` characters.

    Examples:
        >>> slugify("Ukraine's Air Force (UAF)")
        'ukraine-air-force-uaf'
    """
    return "-".join(fold(text).split())[:limit].strip("-") or "x"


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019&./-]+", text)


def _head(text: str) -> str:
    """The head word of a description: the last word before a preposition or clause."""
    core = re.split(r"\s+(?:at|from|of|with|in|who|familiar|close|speaking|on|for|to|"
                    r"published|released|conducted|by)\b", text, maxsplit=1)[0]
    words = fold(core).split()
    return words[-1] if words else ""


def _has_name(text: str) -> bool:
    """A capitalised word that is not the first word nor a demonym/adjective."""
    words = _words(text)
    for i, w in enumerate(words):
        if w[:1].isupper() and (i > 0 or len(words) == 1 or w.isupper()) \
                and not (_DEMONYM.search(w.lower()) and len(w) > 4 and not w.isupper()):
            return True
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in {
        "the", "a", "an", "one", "two", "three", "several", "some", "many", "most"}


class DocumentSources:
    """The sources found so far in one document, with ids scoped by the document's slug."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.records: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, str] = {}  # folded name or alias -> id
        self.recent: list[str] = []  # most recent last
        self.notes: dict[str, list[str]] = {}
        self.seen = ""  # the article's text read so far (set by the drafter)
        self.near: list[str] = []  # the sentence being read and the one before

    def add(self, name: str, kind: str, aliases: tuple[str, ...] = (), **extra: Any) -> str:
        """The id of the source with this name (an existing one if a name or alias matches)."""
        name = name.strip(" ,.;:\"\u201c\u201d")
        for key in [fold(n) for n in (name, *aliases)]:
            if key in self.keys:
                sid = self.keys[key]
                self._seen(sid)
                return sid
        base = f"{self.slug}-{slugify(name)}"
        sid, n = base, 2
        while sid in self.records:
            sid, n = f"{base}-{n}", n + 1
        record: dict[str, Any] = {"id": sid, "kind": kind, "name": name}
        if aliases:
            record["aliases"] = sorted({a for a in aliases if a and fold(a) != fold(name)})
        record.update(extra)
        self.records[sid] = record
        for n_ in (name, *aliases):
            self.keys.setdefault(fold(n_), sid)
        self._seen(sid)
        return sid

    def note(self, sid: str, text: str) -> None:
        """Attach a CHECK note to a source."""
        if text not in self.notes.setdefault(sid, []):
            self.notes[sid].append(text)

    def _seen(self, sid: str) -> None:
        if sid in self.recent:
            self.recent.remove(sid)
        self.recent.append(sid)

    def _latest(self, want: str, exclude: frozenset[str] = frozenset()) -> str | None:
        for sid in reversed(self.recent):
            kind = self.records[sid]["kind"]
            if sid in exclude:
                continue
            if want == "person" and (kind == "person" or (
                    kind == "anonymous_source"
                    and not fold(self.records[sid]["name"]).split()[-1].endswith("s"))):
                return sid  # "he": a person, or one anonymous official
            if want == "body" and kind not in ("person", "anonymous_source"):
                return sid
            if want == "any":
                return sid
        return None

    def _by_head(self, head: str, kind: str) -> str | None:
        for sid in reversed(self.recent):
            r = self.records[sid]
            if (r["kind"] == "unnamed_document" and kind != "unnamed_document") \
                    or r["name"].endswith("(owner not given)"):
                continue  # "the bank" is not "a survey conducted by the bank"
            names = [fold(n) for n in (r["name"], *r.get("aliases", ()))]
            if r["kind"] in ("anonymous_source", "unnamed_document") or r["name"].startswith(
                    "Authors of "):
                # a description: "the study" is not "the study's authors"
                names = [_head(re.sub(r"^(?:the|a|an)\s+", "", n)) for n in names]
            if any(head in n.split() for n in names) or (
                    head in _GENERIC_HEADS and r["kind"] == kind):
                return sid
        return None

    def resolve(self, mention: str, *, exclude: frozenset[str] = frozenset(),
                hint: str | None = None) -> str | None:
        """The source a mention stands for, created if new (module doc); None if not a source."""
        text = " ".join(mention.split()).strip(" ,.;:\"\u201c\u201d'")
        text = re.sub(r"^(?:but|and|so|also|meanwhile|however|then)\s+", "", text, flags=re.I)
        text = re.sub(r"\s+(?:itself|themselves|himself|herself)\b", "", text)
        if re.match(r"(?i)(?:an?|the|this|that)?\s*(?:new\s+|latest\s+|recent\s+)?(?:study|report|"
                    r"survey|poll|analysis|paper|review)\b", text):
            # a document: keep where it was published, drop who made it ("... by X")
            text = re.sub(r"\s+(?:who|which|that)\b.*$|\s+by\s+(?:the\s+)?[A-Z].*$", "", text)
            text = _WHEN_OUT.sub("", text)  # "a study published Thursday in X": in X
        else:
            text = _CUT.sub("", text).strip(" ,")
        text = re.sub(r"^(?:a|the)\s+(?:figure|number|toll|tally|claim|estimate)\s+(?=[A-Z])", "",
                      text)  # "a figure AP said it could not verify"
        if not re.search(r"[A-Za-z]{2}", re.sub(r"(?i)\b(?:the|a|an|this|that)\b", "", text)):
            return None
        authors = self._authors(text)
        if authors is not None:
            return authors
        low = fold(text)
        if low in _PRONOUNS:
            return self._latest(_PRONOUNS[low], exclude)
        if low in self.keys:
            sid = self.keys[low]
            self._seen(sid)
            return sid
        acronym = re.sub(r"^(?:the|The)\s+", "", text)
        if re.fullmatch(r"[A-Z]{2,8}", acronym):  # "the ONS": "Office for National Statistics"
            for sid in reversed(self.recent):
                initials = "".join(w[0] for w in _words(self.records[sid]["name"])
                                   if w[:1].isupper())
                if initials == acronym:
                    self.records[sid].setdefault("aliases", [])
                    if acronym not in self.records[sid]["aliases"]:
                        self.records[sid]["aliases"].append(acronym)
                    self.keys[low] = sid
                    self._seen(sid)
                    return sid
        aliases: list[str] = []
        m = re.search(r"\s*\(([^()]{2,40})\)\s*$", text)
        if m:
            aliases.append(m.group(1))
            text = text[:m.start()].strip()
        m = re.search(r"\s*\(([A-Z]{2,10})\)", text)
        if m:  # "the Armed Conflict Location & Event Data (ACLED) project"
            aliases.append(m.group(1))
            text = (text[:m.start()] + text[m.end():]).strip()
        bare = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        head = _head(bare)
        named = _has_name(bare)
        caps = [w for w in _words(bare) if w[:1].isupper() and (w.isupper() or not (
            _DEMONYM.search(w.lower()) and len(w) > 4))]
        if (not named or (text.lower().startswith("the ") and not caps)) and (
                text.lower().startswith("the ") or low.startswith(("this ", "that "))):
            # a description: "the newspaper", "the official", "the study", "the ministry"
            body = named_body(" ".join(self.near)) if head in GENERIC_BODIES and not exclude \
                else None
            if body is not None and fold(body) != fold(bare) and not any(
                    fold(r["name"]) in fold(" ".join(self.near)) for r in self.records.values()
                    if r["kind"] == "news_outlet"):
                return self.resolve(body)  # "according to the agency": the body just named
            kind = self._kind(bare, head, named)
            found = self._by_head(head, kind)
            if found and kind in ("anonymous_source", "unnamed_document", "news_outlet",
                                  "government_body", "person", "military_body",
                                  "organization"):
                self._seen(found)
                return found
            owner = document_owner(self.seen, head) if found is None and kind == \
                "unnamed_document" and text.lower().startswith("the ") else None
            if owner is not None:  # "the report" after "its annual report": its owner's
                owned = self._latest("body") if owner in ("its", "their") else self.resolve(owner)
                if owned is not None and self.records[owned]["kind"] != "unnamed_document":
                    self._seen(owned)
                    return owned
            full = antecedent(self.seen, head) if found is None and kind in (
                "government_body", "organization", "military_body") else None
            if full is not None and fold(full) != fold(bare):
                return self.resolve(full)  # "the ministry": the Ministry of X named before
            if found is None and fold(bare) in _SPEECH_ACTS:
                # "the statement warned": the statement of the body or person named last
                found = next((sid for sid in reversed(self.recent) if self.records[sid]["kind"]
                              not in ("unnamed_document", "news_outlet")), None)
                if found is not None:
                    self._seen(found)
                    return found
        kind = self._kind(bare, head, named)
        if hint and kind == "organization" and fold(bare).isalpha() and bare.isupper():
            kind = hint  # "told DV": an acronym one tells things to is an outlet
        if kind == "person":
            person = self._person(bare)
            if person is None:
                return None
            name, role = person
            for sid in reversed(self.recent):
                r = self.records[sid]
                if r["kind"] == "person" and (fold(name) == fold(r["name"]) or self._same_person(
                        fold(name), sid)):
                    self._seen(sid)
                    return sid
            prior = self._titled(role) if role else None
            if prior is not None:  # "the charity's director" ... "Director Jane Roe"
                rec = self.records[prior]
                rec.update(kind="person", name=name, note=f"Described as {role}.",
                           aliases=sorted({*rec.get("aliases", ()), rec["name"], bare}))
                self.keys.setdefault(fold(name), prior)
                self._seen(prior)
                return prior
            sid = self.add(name, "person", tuple(aliases) + ((bare,) if role else ()),
                           **({"note": f"Described as {role}."} if role else {}))
            return sid
        if kind == "anonymous_source" or kind == "unnamed_document":
            name = text if not text.lower().startswith("the ") else bare
            name = name[:1].upper() + name[1:]
            sid = self.add(name, kind, tuple(aliases))
            self.note(sid, "CHECK: an anonymous source or unnamed document as the text "
                      "describes it; merge it with another if it is the same"
                      if kind == "anonymous_source" else
                      "CHECK: an unnamed document; say whose it is if the text tells")
            return sid
        name = bare
        if kind == "news_outlet":
            m = re.match(r"^(?:[\w-]+\s+)*?(?:news\s+)?(?:outlet|newspaper|agency|broadcaster|"
                         r"channel|website|magazine|daily|tabloid|news site)\s+(?P<n>[A-Z].*)$|"
                         r"^(?P<m>[A-Z][\w.&' -]*?)\s+(?:news\s+)?(?:outlet|newspaper|agency|"
                         r"broadcaster|channel|website|magazine|daily|tabloid)$", bare)
            if m:
                aliases.append(bare)
                name = (m.group("n") or m.group("m")).strip()
        return self.add(name, kind, tuple(aliases))

    def _titled(self, role: str) -> str | None:
        """The latest unnamed source described by this role's head word ("the charity's
        director" for "Director"), which a name given later names."""
        want = fold(role).split()[-1:]
        for sid in reversed(self.recent):
            r = self.records[sid]
            if r["kind"] not in ("person", "news_outlet", "unnamed_document") \
                    and [_head(fold(r["name"]))] == want and want[0] in _ROLES:
                return sid
        return None

    def _authors(self, text: str) -> str | None:
        """"the study authors", "researchers": the authors of the study named last, a group
        named after it ("Authors of the study in the Lancet")."""
        m = _AUTHORS.fullmatch(text)
        if m is None or (m.group("rest") and not m.group("of")):
            return None
        study = next((sid for sid in reversed(self.recent)
                      if self.records[sid]["kind"] == "unnamed_document"
                      and _head(fold(self.records[sid]["name"])) in _STUDIES), None)
        if study is None:
            return None
        doc = re.sub(r"^(?:an?|the)\s+", "", self.records[study]["name"], flags=re.I)
        mention = text[:m.start("rest")] if m.group("rest") else text
        sid = self.add(f"Authors of the {doc[:1].lower()}{doc[1:]}", "organization",
                       tuple(dict.fromkeys((mention, text))), affiliated_with=[study])
        self.note(sid, "CHECK: read as the authors of the study named before (a group "
                  "identified by their study, not an anonymous source)")
        return sid

    def described_person(self, sid: str, text: str) -> str | None:
        """The person a description names in ``text`` ("the agency's chief, Jane Roe" or
        "the agency's chief Jane Roe"): "the agency's chief says" in a headline is Jane Roe.

        Only for sources named by a role ("chief", "minister", ...) without a name of their
        own, and only when the person is a source already.
        """
        rec = self.records[sid]
        words = set(fold(rec["name"]).split())
        if rec["kind"] == "person" or not words & _ROLES or self._person_name(rec["name"]):
            return None
        desc = re.escape(re.sub(r"^(?:the|a|an)\s+", "", rec["name"], flags=re.I))
        for m in re.finditer(desc + r",?\s+(?P<n>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)"
                             r"{1,3})", text, re.IGNORECASE):
            other = self.keys.get(fold(m.group("n")))
            if other is not None and self.records[other]["kind"] == "person":
                return other
        return None

    def _kind(self, text: str, head: str, named: bool) -> str:
        key = fold(text)
        words = set(key.split())
        if head in _DOC_HEADS and key.split()[:1] == [head] and head not in _OUTLET_HEADS:
            return "unnamed_document"  # "study published in the Lancet journal"
        if key in _OUTLETS or head in _OUTLET_HEADS or (words & {"times", "post", "news",
                                                                 "journal", "herald"} and named):
            return "news_outlet"
        head_is_name = bool(re.search(r"\b" + re.escape(head) + r"\b", text, re.IGNORECASE)) \
            and not re.search(r"\b" + re.escape(head) + r"\b", text)
        if head in _DOC_HEADS and not head_is_name and not (
                named and head in {"statement", "post"}):
            return "unnamed_document"
        if head in _ANON_HEADS and not self._person_name(text):
            return "anonymous_source"
        if words & _MILITARY and not self._person_name(text):
            return "military_body"
        if (words & _GOVERNMENT or re.search(r"\b(?:central|national|reserve) bank\b|\bfederal "
                                             r"reserve\b", key)) and not self._person_name(text):
            return "government_body"
        if words & _ORGANIZATION:
            return "organization"
        if self._person_name(text) or (named and len(key.split()) <= 2 and any(
                self.records[s]["kind"] == "person" and self._same_person(key, s)
                for s in self.recent)):
            return "person"
        if not named:
            return "anonymous_source"
        return "organization"

    def _same_person(self, key: str, sid: str) -> bool:
        """A surname or first name alone ("Boiko", "al-Kaila") of a person named before."""
        full = fold(self.records[sid]["name"])
        return full == key or full.endswith(" " + key) or full.startswith(key + " ")

    @staticmethod
    def _person_name(text: str) -> bool:
        """A run of two to four capitalised words that names no body: "Vladimir Boiko"."""
        words = _words(text)
        run = best = 0
        for w in words:
            run = run + 1 if w[:1].isupper() and not w.isupper() and not (
                _DEMONYM.search(w.lower()) and len(w) > 4 and run == 0) else 0
            best = max(best, run)
        if not 2 <= best <= 4:
            return False
        return not set(fold(text).split()) & (
            _GOVERNMENT | _MILITARY | _ORGANIZATION | _OUTLET_HEADS | _DOC_HEADS)

    @staticmethod
    def _person(text: str) -> tuple[str, str] | None:
        """The name of a person mention and the role words before it."""
        words = _words(text)
        last_role = max((i for i, w in enumerate(words) if fold(w).rstrip(".") in _ROLES),
                        default=-1)
        name_words = list(words[last_role + 1:])
        while name_words and not name_words[0][:1].isupper():
            name_words.pop(0)
        if not name_words:
            return None
        role = " ".join(words[:last_role + 1])
        return " ".join(name_words).strip(" ,."), role
