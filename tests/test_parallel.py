"""pytest-xdist: a run split over worker processes records exactly what a serial run records."""

import json

import pytest

from flask_conformance import cli


def run(tmp_path, name, *pytest_args):
    path = tmp_path / f"{name}.json"
    status = cli.main(["run", "--impl", "tests.impls:mixed_outcomes", "--transport", "both",
                       "--requirement", "methods.*",
                       "--results", str(path), "--", *pytest_args])
    document = json.loads(path.read_text())
    assert document["exit_status"] == status
    return document


def outcomes(document):
    return sorted((r["id"], r["transport"], r["outcome"], r["message"], "reproducer" in r)
                  for r in document["requirements"])


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    return run(tmp_path_factory.mktemp("serial"), "serial")


def test_the_comparison_sees_every_kind_of_outcome(serial):
    assert {r["outcome"] for r in serial["requirements"]} >= {"pass", "fail", "error"}
    assert serial["exit_status"] == 1


def test_parallel_run_records_what_the_serial_run_records(serial, tmp_path):
    parallel = run(tmp_path, "parallel", "-n", "2", "-p", "xdist")
    assert outcomes(parallel) == outcomes(serial)
    assert parallel["exit_status"] == serial["exit_status"]
    assert parallel["disagreements"] == serial["disagreements"]
