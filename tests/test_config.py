from pathlib import Path

import pytest

from eventwire.config import load_settings
from eventwire.errors import ConfigError


def test_settings_layers_and_provenance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "eventwire.toml"
    cfg.write_text('[eventwire]\ndb = "x.duckdb"\nbatch_size = 8\nport = 9000\n')
    monkeypatch.setenv("EVENTWIRE_PORT", "9100")
    s = load_settings(cfg, batch_size=16)
    assert s.db == Path("x.duckdb") and s.origin("db") == f"file:{cfg}"
    assert s.port == 9100 and s.origin("port") == "env:EVENTWIRE_PORT"
    assert s.batch_size == 16 and s.origin("batch_size") == "argument"
    assert s.host == "127.0.0.1" and s.origin("host") == "default"


def test_unknown_and_bad_settings_are_clear_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "eventwire.toml"
    cfg.write_text("dbb = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'dbb'"):
        load_settings(cfg)
    cfg.write_text('port = "eighty"\n')
    with pytest.raises(ConfigError, match="port"):
        load_settings(cfg)
