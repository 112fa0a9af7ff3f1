"""eventwire: news articles in, structured, geolocated, deduplicated political event data out."""

from __future__ import annotations

from .errors import EventwireError
from .pipeline import Pipeline, RunInfo, extract
from .records import ActorRef, Analysis, Article, DateRef, Event, Failure, Place, Quantity, Sentence, Story

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Analysis",
    "Article",
    "DateRef",
    "Event",
    "EventwireError",
    "Failure",
    "Pipeline",
    "Place",
    "Quantity",
    "RunInfo",
    "Sentence",
    "Story",
    "__version__",
    "extract",
]
