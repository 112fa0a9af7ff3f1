from __future__ import annotations

import pytest

from eventwire.errors import ConfigError
from eventwire.events import cameo_table, lookup, plover_for, plover_quad


def test_table_has_all_roots_and_levels() -> None:
    table = cameo_table()
    assert len(table) == 312
    assert {c.root for c in table.values()} == {f"{i:02d}" for i in range(1, 21)}
    assert table["195"].name == "Employ aerial weapons"
    assert table["195"].quad_class == 4
    assert table["051"].goldstein == pytest.approx(3.4)


def test_quad_class_follows_root() -> None:
    for c in cameo_table().values():
        root = int(c.root)
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert c.quad_class == expected, c.code


def test_plover_mapping() -> None:
    assert plover_for("195")[0] == "ASSAULT"
    assert plover_for("051") == ("SUPPORT", None)
    assert plover_for("0871")[0] == "RETREAT"
    assert plover_for("062")[0] == "COOPERATE"
    assert plover_for("1041")[0] == "REQUEST"  # 4-digit code without its own row uses its parent
    assert plover_for("020")[0] == "REQUEST"  # appeals fall back to REQUEST
    assert plover_for("010") == (None, None)  # statements are not PLOVER events
    assert set(plover_quad()) >= {"ASSAULT", "CONSULT", "REQUEST", "AGREE"}


def test_unknown_code() -> None:
    with pytest.raises(ConfigError):
        lookup("999")
