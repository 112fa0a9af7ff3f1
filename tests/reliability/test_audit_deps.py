"""scripts/audit_deps.py: PyPI's project JSON (latest release) decides; older installs are reported as not
audited; an advisory fails the audit unless it is listed as an exception. No network: a mock transport."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import audit_deps  # noqa: E402

PROJECTS = {
    "safe": {"info": {"version": "2.0"}, "vulnerabilities": []},
    "bad": {"info": {"version": "1.5"}, "vulnerabilities": [
        {"id": "PYSEC-1", "aliases": ["CVE-1"], "fixed_in": ["1.6"], "summary": "x", "withdrawn": None},
        {"id": "PYSEC-OLD", "fixed_in": ["1.0"], "withdrawn": "2024-01-01"}]},
    "old": {"info": {"version": "9.0"}, "vulnerabilities": []},
}


_REAL_CLIENT = httpx.Client


def _client() -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        name = request.url.path.split("/")[2]
        return httpx.Response(200, json=PROJECTS[name]) if name in PROJECTS else httpx.Response(404)
    return _REAL_CLIENT(transport=httpx.MockTransport(handler))


def test_check_classifies_each_installed_version() -> None:
    with _client() as http:
        assert audit_deps.check(http, "safe", "2.0")["status"] == "ok"
        bad = audit_deps.check(http, "bad", "1.5")
        assert bad["status"] == "vulnerable" and [v["id"] for v in bad["vulnerabilities"]] == ["PYSEC-1"]
        old = audit_deps.check(http, "old", "8.1")
        assert old["status"] == "not audited" and old["latest"] == "9.0"
        assert audit_deps.check(http, "missing", "1.0")["status"] == "unreachable"


def test_exit_code_follows_undocumented_advisories(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(audit_deps, "installed", lambda: {"safe": "2.0", "bad": "1.5", "old": "8.1"})
    monkeypatch.setattr(audit_deps.httpx, "Client", lambda **_: _client())
    none = tmp_path / "none.txt"
    assert audit_deps.main(["--exceptions", str(none)]) == 1
    listed = tmp_path / "exceptions.txt"
    listed.write_text("# comment\nbad PYSEC-1 no fix for our use yet\n")
    assert audit_deps.main(["--exceptions", str(listed)]) == 0
