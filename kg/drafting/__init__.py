"""Drafting datasets from article text (``kg extract``), and scoring drafts against gold.

Modules: :mod:`~kg.drafting.extract` (the draft) and :mod:`~kg.drafting.evaluation`
(recall and precision of a draft against an analyst's dataset).
"""
