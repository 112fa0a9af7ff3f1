"""One settings object. Values come from defaults < ``eventwire.toml`` (or $EVENTWIRE_CONFIG) < environment
variables ``EVENTWIRE_<NAME>`` < explicit arguments, and each value remembers where it came from."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: Path = Path("eventwire.duckdb")
    batch_size: int = 64
    n_process: int = 1
    max_article_bytes: int = 50_000_000
    actors_file: Path | None = None
    patterns_file: Path | None = None
    api_token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_page_size: int = 500
    event_fallback: bool = True  # the exemplar classifier for sentences with actors but no trigger match
    event_fallback_threshold: float | None = None  # None: events.fallback.DEFAULT_THRESHOLD
    # learn each outlet's home region from its other articles in the run (geo/outlet.py); off by default: an
    # article's places then depend on what else was processed with it, and on the engine's batching
    geo_outlet_prior: bool = False
    # sentence embeddings in story clustering (extra "embeddings"; see stories/embed.py). Unset (None): only
    # headline-only articles are embedded, when the model is installed (UCI News 0.82 -> 0.86; ~8 ms a headline,
    # so a feed of headlines alone runs ~3.5x slower, full articles not at all); true: every article (~120 ms an
    # article); false: none, words only
    story_embeddings: bool | None = None
    # seconds an article may take in extraction (plus 1 s per 2,000 characters) before it is stopped and
    # recorded as a "timeout" failure, so one pathological article cannot hang a run; 0: no limit
    article_time_limit: float = 60.0
    origins: dict[str, str] = field(default_factory=dict, compare=False)

    def origin(self, name: str) -> str:
        return self.origins.get(name, "default")


def _coerce(name: str, raw: Any, typ: Any) -> Any:
    text = str(typ)
    try:
        if raw is None:
            return None
        if "Path" in text:
            return Path(raw)
        if text.startswith("int"):
            return int(raw)
        if text.startswith("bool"):
            if isinstance(raw, bool):
                return raw
            if str(raw).strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                return str(raw).strip().lower() in ("1", "true", "yes", "on")
            raise ValueError("expected true or false")
        if text.startswith("float"):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {raw!r} ({exc})") from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    names = {f.name: f.type for f in fields(Settings) if f.name != "origins"}
    path = config_file or (Path(os.environ["EVENTWIRE_CONFIG"]) if "EVENTWIRE_CONFIG" in os.environ else None)
    if path is None and Path("eventwire.toml").exists():
        path = Path("eventwire.toml")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        section = data.get("eventwire", data)
        for key, raw in section.items():
            if key not in names:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(names))}")
            values[key] = _coerce(key, raw, names[key])
            origins[key] = f"file:{path}"
    for key, typ in names.items():
        env = os.environ.get(f"EVENTWIRE_{key.upper()}")
        if env is not None:
            values[key] = _coerce(key, env, typ)
            origins[key] = f"env:EVENTWIRE_{key.upper()}"
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in names:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(key, raw, names[key])
        origins[key] = "argument"
    return dataclasses.replace(Settings(), **values, origins=origins)
