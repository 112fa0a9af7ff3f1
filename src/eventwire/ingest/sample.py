"""The bundled sample articles used by ``eventwire demo``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_PACKAGE = "eventwire.data"
SAMPLE_FOLDER = "sample"
SAMPLE_SUFFIXES = (".jsonl", ".txt", ".html", ".rss")


def sample_paths() -> list[Path]:
    """Paths of the sample files (JSONL, TXT, HTML, RSS), sorted by name."""
    folder = resources.files(SAMPLE_PACKAGE).joinpath(SAMPLE_FOLDER)
    paths = [
        Path(str(entry))
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(SAMPLE_SUFFIXES) and not entry.name.startswith(".")
    ]
    return sorted(paths, key=lambda p: p.name)
