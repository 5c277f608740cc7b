"""``flask-conformance explore``: the reference against itself, a routing mutant, no reference."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from flask_conformance import cli, explore, registry
from flask_conformance.client import Headers, Request
from flask_conformance.errors import LoadError

from .mutants import load_all

SCHEMA = Path(explore.__file__).resolve().parent / "schema" / "explore.schema.json"
#: Loaded by --impl tests.test_explore:LOWER_CASED (a Flask whose router lower-cases paths).
LOWER_CASED = next(m for m in load_all() if m.name == "routing:paths_lower_cased")


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(document)


def test_the_reference_against_itself_differs_nowhere(tmp_path, capsys):
    results = tmp_path / "explore.json"
    assert cli.main(["explore", "--impl", "flask", "--examples", "60", "--results", str(results),
                     "--fail-on-difference"]) == 0
    document = json.loads(results.read_text(encoding="utf-8"))
    validate(document)
    assert document["differences"] == []
    assert document["chapters"] == ["routing", "methods"]
    assert "explore: 0 differences" in capsys.readouterr().out


def test_a_routing_mutant_is_found_shrunk_and_reported(tmp_path, capsys):
    results = tmp_path / "explore.json"
    argv = ["explore", "--impl", "tests.test_explore:LOWER_CASED", "--chapter", "routing",
            "--examples", "60", "--results", str(results)]
    assert cli.main(argv) == 0  # differences are not a failure unless asked
    out = capsys.readouterr().out
    document = json.loads(results.read_text(encoding="utf-8"))
    validate(document)
    differences = document["differences"]
    assert differences, out
    # the fault: an upper-case path the reference does not route reaches a view of the mutant
    assert any(d["reference"]["status"] == 404 and d["implementation"]["status"] != 404
               and d["request"]["target"] != d["request"]["target"].lower()
               for d in differences), out
    assert all(d["aspects"] for d in differences)
    assert "reference:" in out and "implementation:" in out and "covered by:" in out
    # the same run, deterministic, and gated when asked
    assert cli.main(argv + ["--fail-on-difference"]) == 1
    again = json.loads(results.read_text(encoding="utf-8"))
    assert [d["request"] for d in again["differences"]] == [d["request"] for d in differences]


def test_coverage_names_the_failing_requirement_of_the_same_path_and_method():
    difference = explore.Difference(
        "routing", "/about", ["status"], Request("GET", "/ABOUT"),
        explore.Answer(404, Headers(), b""), explore.Answer(200, Headers(), b"about"))
    explore.coverage(LOWER_CASED, "routing", [difference])
    assert "routing.case-sensitive.upper-case" in difference.covered_by


def test_equivalent_answers_are_not_differences():
    request = Request("GET", "/a/b")
    ref = explore.Answer(308, Headers([("Location", "http://localhost/a/b/"), ("Vary", "Cookie, Accept"),
                                       ("Content-Type", "application/json"), ("Date", "x"),
                                       ("Allow", "GET, HEAD")]), b'{"a": 1, "b": 2}')
    imp = explore.Answer(308, Headers([("Location", "/a/b/"), ("Vary", "accept"), ("Vary", "cookie"),
                                       ("Content-Type", "Application/JSON"), ("Allow", "HEAD,GET"),
                                       ("Content-Length", "13")]), b'{"b":2,"a":1}')
    assert explore.differences(request, ref, imp) == []
    assert explore.differences(request, ref, explore.Answer(301, imp.headers, imp.body)) == ["status"]


def test_without_the_reference_flask_explore_says_so_and_exits_2(monkeypatch, capsys):
    real = registry.load

    def load(spec):
        if spec == "flask":
            raise LoadError("implementation 'flask' needs Flask installed (No module named 'flask')")
        return real(spec)

    monkeypatch.setattr(registry, "load", load)
    assert cli.main(["explore", "--impl", "flask"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "explore needs the reference Flask installed" in err[0]


def test_usage_errors_exit_2(capsys):
    assert cli.main(["explore", "--impl", "flask", "--chapter", "nope"]) == 2
    assert "no chapter 'nope'" in capsys.readouterr().err
