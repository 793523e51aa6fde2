"""Chain rules of a draft that look beyond one sentence: who says what the text leaves open.

Mixed into the drafter of :mod:`kg.drafting.draft`, they read the sources and assertions
drafted so far:

- "That was the assessment of X" puts X between the sentence before and its relay;
- a study's or data set's figures go on in the next unattributed sentence with a figure;
- figures stated without a source come from an unnamed document, owner not given
  (:mod:`kg.drafting.unsourced`), one per article;
- "the official death toll of 27", said of a figure the article stated as its own (or
  without its owner), makes that figure the official toll's, an unnamed document;
- figures about respondents are the poll's the article named last; a document named after
  an outlet ("the Reuters/Ipsos poll") is relayed by that outlet.
"""

from __future__ import annotations

import re
from typing import Any

from kg.drafting.attribution import Attribution
from kg.drafting.figures import find_figures, written_numbers
from kg.drafting.sources import DocumentSources, is_outlet_name
from kg.drafting.unsourced import document_name

__all__ = ["ChainRules"]

#: "the official death toll of 27": a figure named as the official one.
_OFFICIAL = re.compile(r"\bofficial\s+(?P<what>(?:death\s+|casualty\s+)?(?:toll|figure|count|"
                       r"tally|number|estimate))\s+of\s+(?P<n>\d[\d,]*(?:\.\d+)?)\b",
                       re.IGNORECASE)


class ChainRules:
    """The rules above, over the drafter's state (declared here, set by the drafter)."""

    src: DocumentSources
    assertions: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    prev_claims: list[str]
    agency: str | None
    publisher: str
    doc_voice: str | None  # the study or data the last sentence credited
    doc_owners: set[str]  # sources named as the owners of data
    unsourced_doc: str | None  # the article's unattributed statistics

    def note(self, rid: str, text: str) -> None:
        """Attach a CHECK note to a record (the drafter's)."""
        raise NotImplementedError

    def _back_reference(self, mention: str, s: str) -> bool:
        """"That was the assessment of X": X says the claims of the sentence before, between
        their origin and whoever relayed it (or as their origin, if the article's own)."""
        sid = self.src.resolve(mention)
        if sid is None:
            return False
        for cid in self.prev_claims:
            chain = [a for a in self.assertions if a["claim"] == cid]
            if any(a["source"] == sid for a in chain):
                continue
            origins = [a for a in chain if not a.get("cites")]
            above = [a for a in chain if any(c in {o["id"] for o in origins}
                                             for c in a.get("cites", ()))]
            new: dict[str, Any] = {"id": f"{cid}-b{len(chain) + 1}", "source": sid, "claim": cid,
                   "quote": " ".join(s.split())}
            if len(chain) == 1:  # the article's own statement: X is its origin
                chain[0]["cites"] = [new["id"]]
            else:
                new["cites"] = [o["id"] for o in origins]
                for a in above:
                    a["cites"] = [new["id"]]
            self.assertions.insert(self.assertions.index(chain[0]), new)
            self.note(cid, f"CHECK: credited to {self.src.records[sid]['name']} by the next "
                      "sentence (\"that was the assessment of ...\")")
        return True

    def _data_voice(self, s: str, x: Attribution, speaker: str | None, headline: bool
                    ) -> str | None:
        """A study's or data set's figures go on after the sentence that credits it: an
        unattributed sentence with a figure (not a vague word such as "millions") right
        after one is the same data's (CHECK)."""
        if headline:
            return speaker
        if speaker is None and self.doc_voice is not None and not x.hedged and any(
                f.word is None for f in find_figures(written_numbers(x.claim or s))):
            x.rule = "the data's figures go on"
            return self.doc_voice
        if speaker is None:
            self.doc_voice = None
        elif x.rule == "data shows" or self.src.records[speaker]["kind"] == "unnamed_document":
            self.doc_voice = speaker
            if x.rule == "data shows" and self.src.records[speaker]["kind"] != "unnamed_document":
                self.doc_owners.add(speaker)
        else:
            self.doc_voice = None
        return speaker

    def _unsourced(self, clause: str) -> str:
        """The unnamed document behind the article's own statistics (kg.drafting.unsourced):
        one per article, presented by the wire or the outlet."""
        if self.unsourced_doc is None:
            self.unsourced_doc = self.src.add(
                document_name(clause), "unnamed_document",
                affiliated_with=[self.agency or self.publisher])
            self.src.note(self.unsourced_doc, "CHECK: figures the article states without a "
                          "source; name their owner if known, or credit them to the outlet")
        return self.unsourced_doc

    def _latest_poll(self) -> str | None:
        """The poll or survey the article last named (its respondents' figures are its own)."""
        for sid in reversed(self.src.recent):
            rec = self.src.records[sid]
            if rec["kind"] == "unnamed_document" and re.search(
                    r"\b(?:poll|survey|census)\b", rec["name"], re.IGNORECASE):
                return sid
        return None

    def _outlet_in_name(self, sid: str) -> str | None:
        """A document named after an outlet ("the Reuters/Ipsos poll") is relayed by it."""
        for word in re.split(r"[/\s-]+", self.src.records[sid]["name"]):
            if word[:1].isupper() and is_outlet_name(word):
                return self.src.add(word, "news_outlet")
        return None

    def official_figures(self, text: str) -> None:
        """"the official death toll of 27": the earlier claim of 27 that the article stated
        as its own (or without its owner) is the official toll's, an unnamed document the
        outlet relays."""
        for m in _OFFICIAL.finditer(text):
            n = float(m.group("n").replace(",", ""))
            for claim in self.claims:
                q = claim.get("quantity")
                if q is None or n not in (q.value, q.min_value, q.max_value):
                    continue
                chain = [a for a in self.assertions if a["claim"] == claim["id"]]
                origins = [a for a in chain if not a.get("cites")]
                if len(origins) != 1:
                    continue
                origin = origins[0]
                own = origin["source"] in (self.publisher, self.agency)
                if not own and not self.src.records[origin["source"]]["name"].endswith(
                        "(owner not given)"):
                    continue
                doc = self.src.add(f"Official {m.group('what').lower()}", "unnamed_document")
                self.src.note(doc, f"CHECK: the text later calls {m.group('n')} "
                              f"\"the {m.group(0).lower()}\"; say whose it is if known")
                if own:  # the outlet's own statement: the official figure is its origin
                    new = {"id": f"{claim['id']}-official", "source": doc,
                           "claim": claim["id"], "quote": origin["quote"]}
                    origin["cites"] = [new["id"]]
                    self.assertions.insert(self.assertions.index(origin), new)
                else:
                    origin["source"] = doc
                break
