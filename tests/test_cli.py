"""The command line: exit statuses, clear load errors, results and listings."""

import json
import subprocess
import sys

import pytest

from flask_conformance import catalog, cli, report, results
from flask_conformance.__about__ import SPEC_VERSION
from tests.mutants import load_all


def run_cli(*args):
    return cli.main(list(args))


def test_help_documents_exit_statuses(capsys):
    with pytest.raises(SystemExit) as exc:
        run_cli("run", "--help")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for status in ("0  no MUST requirement failed", "1  a MUST requirement failed", "2  usage or configuration error"):
        assert status in out


@pytest.mark.parametrize("impl, reason", [
    ("no-such-impl", "no implementation named 'no-such-impl'"),
    ("tests.no_such_module:impl", "could not be imported"),
    ("tests.broken_import:impl", "No module named 'a_framework_that_is_not_installed'"),
    ("tests.broken_settings:impl", "could not be imported: KeyError: 'FRAMEWORK_SECRET_KEY'"),
    ("tests.exits_at_import:impl", "could not be imported: SystemExit: the framework refuses to start"),
    ("tests.impls:nothing_here", "has no attribute 'nothing_here'"),
    ("tests.impls:raises_on_construction", "could not be constructed: RuntimeError: the framework is not configured"),
    ("tests.impls:incomplete", "missing build_app"),
])
def test_unloadable_implementation_is_a_one_line_usage_error(impl, reason, capsys):
    assert run_cli("run", "--impl", impl) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err


def test_unloadable_implementation_from_the_console_script():
    proc = subprocess.run([sys.executable, "-m", "flask_conformance.cli", "run", "--impl", "tests.broken_import:impl"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("flask-conformance: error: implementation 'tests.broken_import:impl' could not be imported")
    assert "Traceback" not in proc.stderr


def test_reference_exits_zero_and_writes_valid_results(tmp_path):
    path = tmp_path / "out" / "results.json"
    assert run_cli("run", "--requirement", "routing.*", "--transport", "both", "--results", str(path),
                   "--junitxml", str(tmp_path / "junit.xml"), "--", "-q") == 0
    document = results.read(str(path))
    results.validate(document)
    assert report.read(str(path)) == document  # what a run writes, report accepts
    assert document["spec_version"] == SPEC_VERSION
    assert document["implementation"]["name"] == "flask"
    assert document["transport"] == "both"
    assert {r["transport"] for r in document["requirements"]} == {"wsgi", "http"}
    assert all(r["chapter"] == "routing" for r in document["requirements"])
    assert (tmp_path / "junit.xml").read_text().startswith("<?xml")


def _mutant_for(level):
    by_id = {r.id: r for r in catalog.requirements()}
    for mutant in load_all():
        ids = [i for i in mutant.kills if by_id[i].level.value == level]
        if ids and mutant.transport == "wsgi":
            return mutant, ids
    pytest.fail(f"no mutant kills a {level} requirement")


def test_failing_must_exits_one():
    mutant, ids = _mutant_for("MUST")
    from flask_conformance import api

    document = api.run(mutant, requirements=ids)
    assert document["exit_status"] == 1
    failing = [r for r in document["requirements"] if r["outcome"] == "fail"]
    assert failing and all(r["message"] for r in failing)
    assert all(r["reproducer"]["exchanges"] for r in failing)
    exchange = failing[0]["reproducer"]["exchanges"][-1]
    assert exchange["request"].split()[0] in {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    assert exchange["response"].split()[0].isdigit()  # the status line comes first
    assert failing[0]["reproducer"]["test"]


def test_failing_should_exits_zero_unless_strict():
    mutant, ids = _mutant_for("SHOULD")
    from flask_conformance import api

    assert api.run(mutant, requirements=ids)["exit_status"] == 0
    assert api.run(mutant, requirements=ids, strict=True)["exit_status"] == 1


def test_selection_matching_nothing_is_a_usage_error():
    assert run_cli("run", "--requirement", "no.such.requirement") == 2


def test_bad_transport_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        run_cli("run", "--transport", "carrier-pigeon")
    assert exc.value.code == 2


def test_chapter_not_provided_is_not_applicable(tmp_path):
    path = tmp_path / "r.json"
    assert run_cli("run", "--impl", "tests.impls:only_routing", "--requirement", "methods.*",
                   "--requirement", "routing.*", "--results", str(path)) == 0
    document = results.read(str(path))
    outcomes = {(r["chapter"], r["outcome"]) for r in document["requirements"]}
    assert ("routing", "pass") in outcomes
    assert {o for c, o in outcomes if c == "methods"} == {"not-applicable"}


def test_profile_makes_newer_requirements_not_applicable(tmp_path):
    newer = [r for r in catalog.requirements() if r.since != "0.12" and r.applies_to("3.1")][:3]
    if not newer:
        pytest.fail("the spec has no requirement newer than 0.12")
    path = tmp_path / "r.json"
    args = ["run", "--profile", "0.12", "--results", str(path)]
    for r in newer:
        args += ["--requirement", r.id]
    assert run_cli(*args) == 0
    document = results.read(str(path))
    assert document["implementation"]["profile"] == "0.12"
    assert {r["outcome"] for r in document["requirements"]} == {"not-applicable"}


def test_list_json_has_every_requirement(capsys):
    assert run_cli("list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in listed] == [r.id for r in catalog.requirements()]
    assert set(listed[0]) >= {"id", "chapter", "level", "statement", "source", "since", "until"}


def test_list_text(capsys):
    assert run_cli("list", "--chapter", "routing") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("routing.") for line in lines)


def test_implementations_lists_flask(capsys):
    assert run_cli("implementations") == 0
    assert "flask" in capsys.readouterr().out.split()


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "0", "0.0", "soon", "1e12"])
def test_timeout_out_of_range_is_a_usage_error_before_anything_runs(value, capsys):
    with pytest.raises(SystemExit) as exc:
        run_cli("run", "--timeout", value, "--requirement", "routing.*")
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert f"argument --timeout: {value!r} is not a number of seconds greater than 0" in captured.err
    assert "Traceback" not in captured.err and "passed" not in captured.out


@pytest.mark.parametrize("value", ["nan", "0", "-5"])
def test_pytest_timeout_option_out_of_range_is_a_usage_error(value):
    from flask_conformance import api

    argv = ["-c", api.pytest_args()[1], "--conformance-timeout", value, "--collect-only", "-q"]
    assert api.run_pytest(argv) == 2


def test_timeout_in_range_is_accepted():
    from flask_conformance import arguments

    assert cli.build_parser().parse_args(["run", "--timeout", "0.25"]).timeout == 0.25
    assert arguments.timeout("3600") == arguments.MAX_TIMEOUT


def test_pytest_counts_as_failed_only_what_gates(capfd):
    """A failing SHOULD does not gate without --strict: pytest's last line says xfailed, not failed,
    like the exit status and JUnit; with --strict it is a failure everywhere."""
    import re

    mutant, ids = _mutant_for("SHOULD")
    from flask_conformance import api

    def pytest_line():
        return re.search(r"^=+ (.*) in [0-9.]+s", capfd.readouterr().out, re.M).group(1)

    assert api.run_spec(implementation=mutant, requirements=ids, extra_args=["-p", "no:randomly"]) == 0
    line = pytest_line()
    assert "xfailed" in line and "failed" not in line.replace("xfailed", ""), line
    assert api.run_spec(implementation=mutant, requirements=ids, strict=True, extra_args=["-p", "no:randomly"]) == 1
    line = pytest_line()
    assert "failed" in line.replace("xfailed", ""), line
