"""Every format credkg reads or writes, found through one registry (:mod:`.registry`).

Modules: :mod:`~kg.formats.registry` (the registry), :mod:`~kg.formats.text`
(reading an input file safely), :mod:`~kg.formats.loading` (YAML/JSON datasets
and :func:`load_dataset`), :mod:`~kg.formats.csv`, :mod:`~kg.formats.rdf` (the
RDF mapping), :mod:`~kg.formats.assessment` (an assessment as RDF),
:mod:`~kg.formats.writing` (YAML/JSON out), :mod:`~kg.formats.graphs` (GraphML,
GEXF), :mod:`~kg.formats.claimreview` and :mod:`~kg.formats.liar`.

Examples:
    >>> from kg.formats import FORMATS
    >>> sorted(f.name for f in FORMATS.values() if f.reads and f.writes)[:4]
    ['claimreview', 'csv', 'json', 'json-ld']
"""

from kg.formats.registry import FORMATS, Format, by_name, by_suffix, dataset_suffixes, names

__all__ = ["FORMATS", "Format", "by_name", "by_suffix", "dataset_suffixes", "names"]
