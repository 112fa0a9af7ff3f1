"""The contract every pipeline stage follows: a batch ``pipe`` over ``Analysis`` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from .records import Analysis


@runtime_checkable
class Stage(Protocol):
    """A stage reads what earlier stages put on each ``Analysis`` and returns a new one with its own part
    filled in (``dataclasses.replace``). ``name`` labels the stage in RunInfo metrics."""

    name: str

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]: ...
