"""Drafting a dataset from a news article: who says what, citing whom, with what figures.

``kg extract ARTICLE`` reads an article (plain text, or HTML whose main text is taken out
by trafilatura) and writes a *draft* in the dataset schema, valid for ``kg build``, whose
``# CHECK:`` comments tell the analyst what to check. The work is split by concept:

- :mod:`~kg.drafting.inputs`: HTML and text, headline, dateline, byline, date, sentences;
- :mod:`~kg.drafting.furniture`: page furniture (the page's interface, notes, captions,
  subheads);
- :mod:`~kg.drafting.publisher`: the publisher from the URL (Public Suffix List) or the text;
- :mod:`~kg.drafting.figures`: the number grammar (separators, scales, ranges, bounds);
- :mod:`~kg.drafting.periods`: periods and dates relative to the article's date;
- :mod:`~kg.drafting.figure_periods`: a figure's period in its article's context (and
  :mod:`~kg.drafting.votes` for elections);
- :mod:`~kg.drafting.attribution`: who says each sentence, to whom, citing whom;
- :mod:`~kg.drafting.sources`: mentions to sources (pronouns, surnames, anonymous ones);
- :mod:`~kg.drafting.draft`: claims, quantities and chains, ids scoped to the document;
- :mod:`~kg.drafting.scoring`: the measures of a draft against an analyst's gold.

Why rules and not a trained pipeline: no trustworthy English spaCy model installs from
the registries here (``en_core_web_sm`` is not on PyPI; the copies there are uploads by
third parties, of old or unverifiable versions), and a run-time download is not allowed.

Examples:
    >>> ds, notes = draft_dataset(
    ...     "KYIV (Reuters) - Ukraine shot down all five drones overnight, the country's "
    ...     "air force said on Friday.", slug="kyiv", url="https://example.com/x",
    ...     date=dt.date(2024, 8, 16))
    >>> [ds.source(a.source).name for a in ds.assertions]
    ["country's air force", 'Reuters', 'example.com']
    >>> q = ds.claims[0].quantity
    >>> q.value, str(q.period_end)
    (5.0, '2024-08-16')
"""

from __future__ import annotations

import datetime as dt

from kg.drafting.draft import DraftReport, draft_article
from kg.drafting.inputs import read_article
from kg.model import Dataset

__all__ = ["draft_dataset", "draft_document", "draft_yaml"]

_HEADER = ("Draft drafted by `kg extract` from {name}. Not analysed: every record is a\n"
           "reading of the text by rules. Check the sources' kinds and names, merge\n"
           "duplicates, split or join claims, and fix each item marked CHECK, then\n"
           "`kg build` it. Quotes are the article's sentences; ids start with '{slug}'.")


def draft_document(text: str, *, slug: str = "article", url: str | None = None,
                   outlet: str | None = None, date: dt.date | None = None,
                   html: bool | None = None
                   ) -> tuple[Dataset, dict[str, list[str]], DraftReport]:
    """The draft of one article's text or HTML: dataset, CHECK notes by id, report.

    Raises:
        InputError: the text holds no sentence, or HTML cannot be read.
    """
    article = read_article(text, url=url, outlet=outlet, date=date, html=html)
    return draft_article(article, slug)


def draft_dataset(text: str, *, slug: str = "article", url: str | None = None,
                  outlet: str | None = None, date: dt.date | None = None
                  ) -> tuple[Dataset, dict[str, list[str]]]:
    """Draft a dataset from article text; also the analyst's notes, by record id."""
    ds, notes, _ = draft_document(text, slug=slug, url=url, outlet=outlet, date=date)
    return ds, notes


def draft_yaml(text: str, *, name: str = "article", slug: str = "article",
               url: str | None = None, outlet: str | None = None,
               date: dt.date | None = None, html: bool | None = None) -> str:
    """The draft as YAML for ``kg build``, with the analyst's CHECK notes as comments."""
    return draft_yaml_and_report(text, name=name, slug=slug, url=url, outlet=outlet,
                                 date=date, html=html)[0]


def draft_yaml_and_report(text: str, *, name: str = "article", slug: str = "article",
                          url: str | None = None, outlet: str | None = None,
                          date: dt.date | None = None, html: bool | None = None
                          ) -> tuple[str, DraftReport]:
    """The draft's YAML and its report (what was found, skipped and why)."""
    from kg.formats.writing import dataset_yaml

    ds, notes, report = draft_document(text, slug=slug, url=url, outlet=outlet, date=date,
                                       html=html)
    yaml = dataset_yaml(ds, header=_HEADER.format(name=name, slug=slug),
                        notes={k: "\n".join(v) for k, v in notes.items()})
    return yaml, report
