"""Fixtures of the reliability suite: one real pipeline per session."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()
