"""QUANTITIES: numbers with their unit noun and kind (fatalities, injuries, counts, distances, money …).

``QuantityExtractor`` is the pipeline stage (fills ``analysis.quantities``); ``attach_quantities`` picks the
quantities (and fatalities) that belong to one event trigger. Word tables are package data
(``data/quantities/*.yaml``).
"""

from __future__ import annotations

from .attach import attach_quantities
from .extractor import QuantityExtractor
from .numbers import parse_number

__all__ = ["QuantityExtractor", "attach_quantities", "parse_number"]
