"""WHEN: date expressions resolved against the publication date, and the date of each event.

``DateResolver`` is the pipeline stage (fills ``analysis.dates``); ``date_event`` picks the date that belongs to
one event trigger. Relative-expression rules are package data (``data/when/relative.yaml``).
"""

from __future__ import annotations

from .attach import date_event
from .resolver import DateResolver

__all__ = ["DateResolver", "date_event"]
