"""``flask-conformance explore``: the reference against itself, a mutant found, shrunk and covered,
the comparison rules, the corpus, the budgets and the usage errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest

from flask_conformance import cli, explore, registry
from flask_conformance.client import Headers, Request
from flask_conformance.errors import LoadError
from flask_conformance.explore import compare, shrink
from flask_conformance.explore.model import Case, Step, send
from flask_conformance.spec import CHAPTERS
from flask_conformance.spec._cookies import flask_session_cookie

from .mutants import load_all

SCHEMAS = Path(cli.__file__).resolve().parent / "schema"
#: Loaded by --impl tests.test_explore:LOWER_CASED (a Flask whose router lower-cases paths).
LOWER_CASED = next(m for m in load_all() if m.name == "routing:paths_lower_cased")


def validate(document: dict, schema: str = "explore.schema.json") -> None:
    jsonschema.Draft202012Validator(json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))).validate(document)


def test_the_reference_against_itself_differs_nowhere(tmp_path, capsys):
    results = tmp_path / "explore.json"
    assert cli.main(["explore", "--impl", "flask", "--examples", "20", "--exact", "--results", str(results),
                     "--fail-on-difference"]) == 0
    document = json.loads(results.read_text(encoding="utf-8"))
    validate(document)
    assert document["differences"] == []
    assert document["chapters"] == list(CHAPTERS)
    assert document["replayed"] > 500  # every chapter's seeds were replayed
    assert "explore: 0 differences" in capsys.readouterr().out


def test_a_routing_mutant_is_found_shrunk_covered_and_reported(tmp_path, capsys):
    results = tmp_path / "explore.json"
    argv = ["explore", "--impl", "tests.test_explore:LOWER_CASED", "--chapter", "routing",
            "--examples", "30", "--results", str(results)]
    assert cli.main(argv) == 0  # differences are not a failure unless asked
    out = capsys.readouterr().out
    document = json.loads(results.read_text(encoding="utf-8"))
    validate(document)
    differences = document["differences"]
    # the fault: an upper-case path the reference does not route reaches a view of the mutant
    upper = [d for d in differences if d["reference"]["status"] == 404 and d["implementation"]["status"] != 404
             and d["request"]["target"] != d["request"]["target"].lower()]
    assert upper, out
    assert any("routing.case-sensitive.upper-case" in d["covered_by"] for d in upper), out
    assert all(d["aspects"] and d["before"] == [] for d in upper)  # one request shows it
    assert "reference:" in out and "implementation:" in out and "covered by:" in out
    # the same run, deterministic, and gated when asked
    assert cli.main(argv + ["--fail-on-difference"]) == 1
    again = json.loads(results.read_text(encoding="utf-8"))
    assert [d["request"] for d in again["differences"]] == [d["request"] for d in differences]


def test_the_first_seed_showing_a_session_fault_is_its_checks_request():
    tampered = next(m for m in load_all() if m.name == "sessions:signature_not_verified")
    document = explore.explore(tampered, explore.load_reference(), ["sessions"], explore.Budget(examples=1),
                               explore.Options(stop_on_first=True), covering=False)
    (difference,) = document["differences"]
    assert difference["source"] == "seed" and difference["origin"].startswith("sessions.py::")


def test_equivalent_answers_are_not_differences():
    request = Request("GET", "/a/b")
    ref = explore.Answer(308, Headers([("Location", "http://localhost/a/b/"), ("Vary", "Cookie, Accept"),
                                       ("Content-Type", "application/json"), ("Date", "x"),
                                       ("Allow", "GET, HEAD")]), b'{"a": 1, "b": 2}')
    imp = explore.Answer(308, Headers([("Location", "/a/b/"), ("Vary", "accept"), ("Vary", "cookie"),
                                       ("Content-Type", "Application/JSON"), ("Allow", "HEAD,GET")]),
                         b'{"b":2,"a":1}')
    assert explore.differences(request, ref, imp) == []
    assert explore.differences(request, ref, explore.Answer(301, imp.headers, imp.body)) == ["status"]
    # Flask's form is a difference only when asked for
    assert explore.differences(request, ref, imp, exact=True) == ["content-type", "allow", "vary", "location", "body"]


def test_cookies_compare_as_a_user_agent_stores_them():
    request = Request("GET", "/set")
    now = time.time()
    key = compare.signing_keys()[0]

    def answer(*cookies, at=now):
        return explore.Answer(200, Headers([("Set-Cookie", c) for c in cookies]), b"", received=at)

    # the same session signed a second apart, and Expires for the same Max-Age: equivalent
    first = flask_session_cookie({"n": 1}, key, now)
    later = flask_session_cookie({"n": 1}, key, now + 1)
    expires = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 3600))
    assert explore.differences(request, answer(f"session={first}; Max-Age=3600; Path=/; HttpOnly"),
                               answer(f"session={later}; expires={expires}; httponly", at=now + 0.5)) == []
    # other session data, another lifetime, a missing flag: differences
    other = flask_session_cookie({"n": 2}, key, now)
    assert explore.differences(request, answer(f"session={first}"), answer(f"session={other}")) == ["set-cookie"]
    assert explore.differences(request, answer("a=1; Max-Age=60"), answer("a=1; Max-Age=600")) == ["set-cookie"]
    assert explore.differences(request, answer("a=1; HttpOnly"), answer("a=1")) == ["set-cookie"]
    # a value signed under no contract key is compared as it is
    assert explore.differences(request, answer("a=xyz"), answer("a=xyz")) == []


def test_head_lengths_compare_for_the_same_successful_answer():
    request = Request("HEAD", "/")
    ok = explore.Answer(200, Headers([("Content-Length", "5")]), b"")
    assert explore.differences(request, ok, explore.Answer(200, Headers([("Content-Length", "0")]), b"")) == \
        ["content-length"]
    assert explore.differences(request, ok, explore.Answer(200, Headers(), b"")) == ["content-length"]
    error = explore.Answer(404, Headers([("Content-Length", "207")]), b"")
    assert explore.differences(request, error, explore.Answer(404, Headers([("Content-Length", "9")]), b"")) == []


def test_a_hung_view_is_bounded_by_the_wsgi_deadline():
    """Explore runs the implementation in-process: the transport's deadline still ends a view that
    never returns, as an error answer, and the breaker stops sending to it."""
    from flask_conformance.explore import sides

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/hang":
            while True:
                time.sleep(0.01)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    reference, hung = sides.Side(app), sides.Side(app, timeout=0.3)
    reference.transport.app = lambda environ, start_response: app(dict(environ, PATH_INFO="/"), start_response)
    started = time.monotonic()
    index, aspects, _, answer = sides.first_difference(Case((send(Request("GET", "/hang")),)), reference, hung)
    assert aspects == ["error"] and "no complete response within 0.3s" in answer.error
    assert time.monotonic() - started < 5


def test_shrinking_drops_what_the_difference_does_not_need():
    noise = Request("GET", "/noise", [("Accept", "text/html")])
    needed = Request("GET", "/ABOUT/xxxxxxxx", [("Origin", "null"), ("Accept", "*/*")], b"", "http")
    case = Case((send(noise), Step("set-cookie", name="a", value="b"), send(needed)))

    def keeps(candidate):
        return candidate.steps[-1].request.path.startswith("/ABOUT")

    smallest = shrink.shrink(case, keeps)
    assert smallest.steps == (send(Request("GET", "/ABOUT/")),)


def test_the_corpus_is_replayed_first_and_grows(tmp_path, capsys):
    corpus = tmp_path / "corpus.json"
    argv = ["explore", "--impl", "tests.test_explore:LOWER_CASED", "--chapter", "routing", "--examples", "5",
            "--corpus", str(corpus), "--results", str(tmp_path / "first.json")]
    assert cli.main(argv) == 0
    stored = json.loads(corpus.read_text(encoding="utf-8"))
    validate(stored, "explore-corpus.schema.json")
    first = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    assert len(stored["cases"]) == len(first["differences"]) > 0
    assert cli.main(argv) == 0  # the second run finds the same: nothing new to append
    assert json.loads(corpus.read_text(encoding="utf-8")) == stored
    second = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    assert second["replayed"] == first["replayed"] + len(stored["cases"])
    # replayed first: with no seeds and no generation, the corpus alone finds them
    cases = explore.corpus_file.load(str(corpus))["routing"]
    document = explore.explore(LOWER_CASED, explore.load_reference(), ["routing"], explore.Budget(examples=0),
                               covering=False, use_seeds=False, corpus=str(corpus))
    assert len(document["differences"]) == len(cases)
    capsys.readouterr()


def test_a_budget_in_seconds_ends_in_time(capsys):
    started = time.monotonic()
    assert cli.main(["explore", "--impl", "flask", "--chapter", "urls", "--seconds", "1"]) == 0
    assert time.monotonic() - started < 20
    assert "1 s of generated cases per chapter" in capsys.readouterr().out


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


@pytest.mark.parametrize("argv, message", [
    (["--chapter", "nope"], "no chapter 'nope'"),
    (["--examples", "0"], "must be at least 1"),
    (["--seconds", "0"], "more than 0"),
    (["--examples", "5", "--seconds", "1"], "not allowed with"),
])
def test_usage_errors_exit_2(argv, message, capsys):
    try:
        status = cli.main(["explore", "--impl", "flask"] + argv)
    except SystemExit as exc:  # argparse's own errors
        status = exc.code
    assert status == 2
    assert message in capsys.readouterr().err


def test_an_unreadable_corpus_is_a_usage_error(tmp_path, capsys):
    corpus = tmp_path / "corpus.json"
    corpus.write_text('{"schema": "something else"}', encoding="utf-8")
    assert cli.main(["explore", "--impl", "flask", "--chapter", "urls", "--corpus", str(corpus)]) == 2
    assert "not a readable explore corpus" in capsys.readouterr().err
