"""Event coding: trigger patterns + dependency roles → CAMEO/PLOVER events with evidence spans.

``EventCoder`` is the pipeline stage; ``cameo_table``/``lookup``/``plover_for`` expose the code tables.
"""

from .coder import EventCoder
from .ontology import CameoCode, cameo_table, lookup, plover_for, plover_quad
from .patterns import Pattern, build_index, default_patterns

__all__ = [
    "CameoCode",
    "EventCoder",
    "Pattern",
    "build_index",
    "cameo_table",
    "default_patterns",
    "lookup",
    "plover_for",
    "plover_quad",
]
