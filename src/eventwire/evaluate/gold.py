"""Reading gold files: one JSON object per line, blank lines skipped; any problem is a ``GoldFileError`` that
names the file (and the line, for a line that is not JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import GoldFileError


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a JSONL gold file (the first ``limit`` of them when given)."""
    rows: list[dict[str, Any]] = []
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldFileError(f"{path}:{n}: not JSON ({exc})") from exc
                if limit is not None and len(rows) >= limit:
                    break
    except OSError as exc:
        raise GoldFileError(f"cannot read gold file {path}: {exc}") from exc
    return rows
