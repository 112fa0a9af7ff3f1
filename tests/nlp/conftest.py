from __future__ import annotations

from typing import Any

import pytest

from eventwire.nlp import CandidateFilter, default_filter, load_model


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_model()


@pytest.fixture(scope="session")
def candidates() -> CandidateFilter:
    return default_filter()
