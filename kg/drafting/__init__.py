"""Drafting datasets from article text (``kg extract``), and scoring drafts against gold.

Modules: :mod:`~kg.drafting.extract` (the entry points), split by concept into
:mod:`~kg.drafting.inputs` (text, HTML, furniture, dateline, byline), :mod:`~kg.drafting.figures`
(number grammar), :mod:`~kg.drafting.periods`, :mod:`~kg.drafting.attribution`,
:mod:`~kg.drafting.sources` and :mod:`~kg.drafting.draft`; :mod:`~kg.drafting.scoring` (the
measures of issue #15 against an analyst's gold) and :mod:`~kg.drafting.evaluation` (the
older precision and recall of assertions on the seed).
"""
