"""The ``cred:`` properties of a figure (a :class:`~kg.model.Quantity`) by model field,
shared by the store's two readers (:mod:`kg.store.reader`, :mod:`kg.store.columns`)."""

from __future__ import annotations

__all__ = ["_QUANTITY_FLAGS", "_QUANTITY_NUMBERS", "_QUANTITY_TEXT"]

_QUANTITY_TEXT = (("measure", "measure"), ("unit", "unit"), ("per", "per"),
                  ("period_start", "periodStart"), ("period_end", "periodEnd"),
                  ("kind", "quantityKind"), ("key", "measureKey"), ("as_of", "asOf"),
                  ("of", "quantityOf"), ("reference", "reference"), ("change", "change"),
                  ("currency", "currency"), ("exchange_currency", "exchangeCurrency"),
                  ("made_on", "madeOn"), ("word", "vagueWord"))
_QUANTITY_NUMBERS = (("value", "value"), ("min_value", "minValue"), ("max_value", "maxValue"),
                     ("per_population", "perPopulation"), ("exchange_rate", "exchangeRate"))
_QUANTITY_FLAGS = (("approximate", "approximate"), ("exact", "exact"),
                   ("cumulative", "cumulative"))
