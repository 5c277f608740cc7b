"""The matrix report merges results files and renders them in three formats."""

import json
import os
import time

import pytest

from flask_conformance import cli, report, results

LEVELS = ("MUST", "SHOULD", "MAY")


def document(name, version, outcomes, transport="wsgi", profile="3.1", spec_version="0.1.0"):
    """A results document that follows the shipped schema."""
    return {
        "schema": results.SCHEMA_ID, "spec_version": spec_version, "harness_version": "0.1.0",
        "implementation": {"name": name, "version": version, "profile": profile},
        "transport": transport, "transports": [transport], "strict": False, "expectations": None,
        "started": "2026-01-01T00:00:00+00:00", "finished": "2026-01-01T00:00:01+00:00", "exit_status": 0,
        "summary": {}, "disagreements": [],
        "requirements": [
            {"id": rid, "chapter": rid.split(".")[0], "level": level, "transport": transport, "outcome": outcome,
             "message": "", "duration": 0.0, "since": "0.12", "until": None}
            for rid, (level, outcome) in outcomes.items()
        ],
    }


A = document("alpha", "1.0", {"routing.a": ("MUST", "pass"), "routing.b": ("MUST", "fail"),
                               "methods.c": ("SHOULD", "pass"), "methods.d": ("MUST", "not-applicable")})
B_WSGI = document("beta", "2.0", {"routing.a": ("MUST", "pass"), "routing.b": ("MUST", "pass")})
B_HTTP = document("beta", "2.0", {"routing.a": ("MUST", "pass"), "routing.b": ("MUST", "fail")}, transport="http")


def test_scores_and_cells():
    matrix = report.build([A, B_WSGI, B_HTTP])
    alpha, beta = matrix.columns
    assert matrix.score(alpha) == (1, 2)  # methods.d is not applicable
    assert matrix.score(beta) == (1, 2)  # routing.b fails over http
    assert beta.cell("routing.b") == "split"
    assert alpha.cell("methods.d") == "not-applicable"
    assert [r.id for r in matrix.rows] == ["methods.c", "methods.d", "routing.a", "routing.b"]
    assert matrix.counts(alpha)["MUST"] == {"pass": 1, "fail": 1, "not-applicable": 1}


def test_formats(tmp_path):
    paths = []
    for i, doc in enumerate([A, B_WSGI, B_HTTP]):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(doc))
        paths.append(str(path))
    for fmt, marker in [("text", "alpha 1.0"), ("markdown", "| `routing.b` | MUST | FAIL | SPLIT |"),
                        ("html", "<td class='o split'")]:
        out = tmp_path / f"matrix.{fmt}"
        assert cli.main(["report", *paths, "--format", fmt, "-o", str(out)]) == 0
        assert marker in out.read_text()
    html = (tmp_path / "matrix.html").read_text()
    assert "<link" not in html and "<script" not in html  # self-contained


def test_missing_results_file_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path / "absent.json")]) == 2
    assert "no results file" in capsys.readouterr().err


def test_merging_100_files_of_500_requirements_is_fast():
    documents = [
        document(f"impl{i}", "1.0", {f"chapter{j % 7}.req{j}": (LEVELS[j % 3], "pass" if (i + j) % 5 else "fail")
                                      for j in range(500)})
        for i in range(100)
    ]
    started = time.perf_counter()
    matrix = report.build(documents)
    report.render_markdown(matrix)
    assert time.perf_counter() - started < 1.0


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def report_error(capsys, *paths):
    """Run ``report`` expecting a usage error; return its one-line message."""
    assert cli.main(["report", *paths]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("flask-conformance: error: ") and "Traceback" not in err
    assert captured.out == ""  # no matrix, no verdict
    return err


def test_the_documents_above_follow_the_schema():
    for doc in (A, B_WSGI, B_HTTP):
        results.validate(doc)


def test_unknown_outcome_names_the_file_and_the_field(tmp_path, capsys):
    bad = json.loads(json.dumps(A))
    bad["requirements"][1]["outcome"] = "maybe"
    path = write(tmp_path, "bad.json", bad)
    err = report_error(capsys, write(tmp_path, "good.json", B_WSGI), path)
    assert f"not a results file: {path}: $.requirements[1].outcome: 'maybe' is not one of" in err


@pytest.mark.parametrize("content, field", [
    ({"name": "alpha", "results": []}, "$: "),
    ([1, 2, 3], "$: [1, 2, 3] is not of type 'object'"),
    ({**A, "implementation": {"name": "alpha", "version": "1.0"}}, "$.implementation: 'profile' is a required property"),
    ({**A, "requirements": [{"id": "routing.a"}]}, "$.requirements[0]: "),
])
def test_document_of_another_shape_names_the_field(content, field, tmp_path, capsys):
    path = write(tmp_path, "other.json", content)
    assert f"{path}: {field}" in report_error(capsys, path)


@pytest.mark.parametrize("content, reason", [
    ("", "is not JSON (line 1 column 1"),
    ('{"implementation": ', "is not JSON (line 1"),
    ("<html></html>", "is not JSON"),
    ("[" * 100000, "is JSON nested too deeply"),
    ('{"exit_status": ' + "9" * 5000 + "}", "is not JSON this can read"),
])
def test_file_that_is_not_json(content, reason, tmp_path, capsys):
    path = write(tmp_path, "r.json", content)
    assert f"not a results file: {path} {reason}" in report_error(capsys, path)


def test_deeply_nested_field_is_a_one_line_error(tmp_path, capsys):
    path = write(tmp_path, "r.json", '{"schema": ' + "[" * 950 + "]" * 950 + "}")
    err = report_error(capsys, path)
    assert f"{path}: $" in err or f"{path} is JSON nested too deeply" in err


def test_file_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / "r.json"
    path.write_bytes(b'{"spec_version": "\xff"}')
    assert f"{path} is not UTF-8 text" in report_error(capsys, str(path))


def test_empty_directory_and_missing_file(tmp_path, capsys):
    assert f"no results files (*.json) in directory {tmp_path}" in report_error(capsys, str(tmp_path))
    assert f"no results file {tmp_path / 'absent.json'}" in report_error(capsys, str(tmp_path / "absent.json"))


def test_unreadable_file(tmp_path, capsys):
    (tmp_path / "looks-like-results.json").mkdir()  # a directory where a file should be: unreadable as one
    assert "cannot read results file" in report_error(capsys, str(tmp_path))
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # permissions do not stop root
        locked = write(tmp_path, "locked.json", A)
        os.chmod(locked, 0)
        assert f"cannot read results file {locked}: Permission denied" in report_error(capsys, locked)


def test_unwritable_output_is_a_usage_error(tmp_path, capsys):
    path = write(tmp_path, "a.json", A)
    assert cli.main(["report", path, "-o", str(tmp_path / "no-such-dir" / "m.md")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_each_column_shows_its_spec_version_and_mixed_versions_are_noted(tmp_path):
    old = document("alpha", "1.0", {"routing.a": ("MUST", "pass")}, spec_version="0.1.0")
    new = document("alpha", "1.0", {"routing.a": ("MUST", "fail")}, spec_version="0.2.0")
    other = document("beta", "2.0", {"routing.a": ("MUST", "pass")}, spec_version="0.2.0")
    matrix = report.build([old, new, other])
    assert [(c.label, c.spec_version) for c in matrix.columns] == [
        ("alpha 1.0 (spec 0.1.0)", "0.1.0"), ("alpha 1.0 (spec 0.2.0)", "0.2.0"), ("beta 2.0 (spec 0.2.0)", "0.2.0")]
    assert [c.cell("routing.a") for c in matrix.columns] == ["pass", "fail", "pass"]  # never merged across versions
    paths = [write(tmp_path, f"{i}.json", d) for i, d in enumerate([old, new, other])]
    note = "these results come from different spec versions (0.1.0, 0.2.0)"
    for fmt, column_marker in [("text", "(profile 3.1, spec 0.1.0, wsgi)"),
                               ("markdown", "| alpha 1.0 (spec 0.1.0) | 3.1 | 0.1.0 | wsgi |"),
                               ("html", "<td>alpha 1.0 (spec 0.1.0)</td><td>3.1</td><td>0.1.0</td>")]:
        out = tmp_path / f"matrix.{fmt}"
        assert cli.main(["report", *paths, "--format", fmt, "-o", str(out)]) == 0
        text = out.read_text()
        assert note in text and column_marker in text, fmt
    assert "<p class='note' role='note'>" in (tmp_path / "matrix.html").read_text()


def test_one_spec_version_shows_it_without_a_note(tmp_path):
    matrix = report.build([A, B_WSGI])
    assert matrix.spec_note() == "" and [c.label for c in matrix.columns] == ["alpha 1.0", "beta 2.0"]
    text = report.render_text(matrix)
    assert "spec 0.1.0" in text and "different spec versions" not in text
    assert "| alpha 1.0 | 3.1 | 0.1.0 |" in report.render_markdown(matrix)
    assert "class='note'" not in report.render_html(matrix)


def test_loading_and_validating_100_files_of_500_requirements_is_fast(tmp_path):
    for i in range(100):
        write(tmp_path, f"{i:03}.json", document(f"impl{i}", "1.0", {
            f"chapter{j % 7}.req{j}": (LEVELS[j % 3], "pass" if (i + j) % 5 else "fail") for j in range(500)}))
    started = time.perf_counter()
    matrix = report.load([str(tmp_path)])
    assert len(matrix.columns) == 100
    assert time.perf_counter() - started < 10.0


def _leaves(value, path=()):
    """Every path into ``value``, containers included."""
    yield path
    if isinstance(value, dict):
        for key, member in value.items():
            yield from _leaves(member, path + (key,))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from _leaves(member, path + (index,))


def _replaced(document, path, new):
    copy = json.loads(json.dumps(document))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return copy


def test_fast_schema_check_never_accepts_what_jsonschema_rejects():
    from flask_conformance import schemacheck

    full = json.loads(json.dumps(A))
    full["requirements"][1].update(
        test="spec/routing.py::test_b", actual="fail", outcome="expected-fail",
        expected={"reason": "known", "issue": "https://example.org/1"},
        reproducer={"test": "t", "exchanges": [{"request": "GET / HTTP/1.1", "response": "200 OK", "route": "/"}]})
    full["disagreements"] = [{"id": "routing.a", "outcomes": {"wsgi": "pass", "http": "fail"}}]
    full["summary"] = {"MUST": {"pass": 1}}
    fast = schemacheck.compile_schema(results.schema())
    assert fast is not None, "the schema uses a keyword schemacheck does not compile: report gets slow"
    assert fast(full)
    validator = report._validator()
    odd = [None, True, False, 0, 1, 1.0, -1, 10 ** 400, -10 ** 400, float("nan"), float("inf"),
           "", "x", "Routing.A", [], [1], {}, {"k": 1}]
    checked = 0
    for path in _leaves(full):
        if not path:
            continue
        for value in odd:
            mutated = _replaced(full, path, value)
            if fast(mutated):
                assert validator.is_valid(mutated), (path, value)
            checked += 1
    assert checked > 500


def test_schema_keyword_outside_the_fast_subset_falls_back_to_jsonschema():
    from flask_conformance import schemacheck

    assert schemacheck.compile_schema({"type": "object", "oneOf": [{"required": ["a"]}]}) is None
