"""JUnit XML from the verdict: a case per check, failing exactly what the exit status fails on."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from flask_conformance import api, junit
from flask_conformance.results import Record

CLOCK_BOUND = ("sessions.permanent.refresh", "sessions.permanent.server-expiry")


def _record(rid, outcome, level="MUST", **extra):
    return Record(id=rid, chapter=rid.split(".")[0], level=level, transport="wsgi", since="0.1", until=None,
                  outcome=outcome, message=f"{rid} said so", **extra)


def _ends(records, strict=False):
    tree = junit.document(records, name="demo", strict=strict, timestamp="2026-01-01T00:00:00+00:00")
    suite = tree.getroot().find("testsuite")
    return suite, {case.get("name"): (case[0].tag, case[0].get("type")) if len(case) else "pass"
                   for case in suite.iter("testcase")}


def test_only_what_gates_is_a_failure_or_an_error():
    records = [
        _record("a.pass", "pass"),
        _record("a.must", "fail", reproducer={"exchanges": [{"request": "GET /x", "response": "500"}]}),
        _record("a.timeout", "timeout"),
        _record("a.should", "fail", level="SHOULD"),
        _record("a.may", "error", level="MAY"),
        _record("a.na", "not-applicable"),
        _record("a.listed", "expected-fail", actual="fail", expected={"reason": "known"}),
        _record("a.fixed", "unexpected-pass", expected={"reason": "known"}),
    ]
    suite, ends = _ends(records)
    assert ends == {
        "a.pass[wsgi]": "pass", "a.must[wsgi]": ("failure", "fail"), "a.timeout[wsgi]": ("error", "timeout"),
        "a.should[wsgi]": ("skipped", "not-gating"), "a.may[wsgi]": ("skipped", "not-gating"),
        "a.na[wsgi]": ("skipped", "not-applicable"), "a.listed[wsgi]": ("skipped", "expected-fail"),
        "a.fixed[wsgi]": ("system-out", None),
    }
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("8", "1", "1", "4")
    assert "listed as expected to fail, but passed: known" in suite.find("testcase[@name='a.fixed[wsgi]']/system-out").text
    failure = suite.find("testcase[@name='a.must[wsgi]']/failure")
    assert failure.get("message") == "MUST: a.must said so" and "> GET /x" in failure.text


def test_strict_gates_on_should_and_on_unexpected_passes():
    _, ends = _ends([_record("a.should", "fail", level="SHOULD"),
                     _record("a.fixed", "unexpected-pass", expected={"reason": "known"})], strict=True)
    assert ends == {"a.should[wsgi]": ("failure", "fail"), "a.fixed[wsgi]": ("failure", "unexpected-pass")}


def test_a_run_writes_one_case_per_check_and_none_for_the_early_starts(tmp_path):
    """Deferred checks start in items of their own (``@start``); those are no checks."""
    supervised, serial = tmp_path / "supervised.xml", tmp_path / "serial.xml"
    ids = ["sessions.permanent.*", "routing.int.*"]
    document = api.run(_reference(), requirements=ids, transport="both", junitxml=str(supervised))
    api.run_spec(impl_name="flask", requirements=ids, transport="both", junitxml=str(serial), isolate=False,
                 extra_args=["-q", "-p", "no:randomly"])
    names = [case.get("name") for case in ET.parse(supervised).iter("testcase")]
    assert sorted(names) == sorted(f"{r['id']}[{r['transport']}]" for r in document["requirements"])
    assert not any("@start" in name for name in names)
    assert {f"{rid}[{t}]" for rid in CLOCK_BOUND for t in ("wsgi", "http")} <= set(names)
    assert names == [case.get("name") for case in ET.parse(serial).iter("testcase")]
    assert ET.parse(supervised).getroot().find("testsuite").get("failures") == "0"


def _reference():
    from flask_conformance import registry

    return registry.load("flask")
