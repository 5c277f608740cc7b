"""The matrix report merges results files and renders them in three formats."""

import json
import time

from flask_conformance import cli, report

LEVELS = ("MUST", "SHOULD", "MAY")


def document(name, version, outcomes, transport="wsgi", profile="3.1"):
    return {
        "implementation": {"name": name, "version": version, "profile": profile},
        "requirements": [
            {"id": rid, "chapter": rid.split(".")[0], "level": level, "transport": transport, "outcome": outcome}
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
