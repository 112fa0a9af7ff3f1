"""Shared fixtures: the ../shared folder beside the repo, offline model loading."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "acceptance" / "seed"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found beside the repo ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not (SEED / "story.txt").exists():
        pytest.skip(f"seed acceptance folder not found at {SEED}")
    return SEED


@pytest.fixture(scope="session")
def nlp_stage() -> Any:
    """The nlp stage (spaCy model loaded once per process) for the stage tests."""
    from eventwire.nlp import NLP

    return NLP()
