"""Deferred checks: started first, finished last, recorded as if run in one go."""

import time

from flask_conformance import api, deferred
from tests.mutants import Mutant

CLOCK_BOUND = ["sessions.permanent.refresh", "sessions.permanent.server-expiry"]


def test_a_deferred_check_run_in_one_go_waits_for_its_moment():
    steps = []

    @deferred.deferred
    def check(value):
        steps.append(("first", value))
        yield time.time() + 0.2
        steps.append(("then", time.time()))

    started = time.time()
    check(1)
    assert steps[0] == ("first", 1)
    assert steps[1][0] == "then" and steps[1][1] >= started + 0.2
    assert deferred.steps_of(check) is not None and deferred.steps_of(test_a_deferred_check_run_in_one_go_waits_for_its_moment) is None


def test_past_second_is_the_boundary_plus_the_margin():
    assert deferred.past_second(100.7) == 101.02
    assert deferred.past_second(100.0, seconds=2, margin=0.5) == 102.5


def _writes_refused(app):
    """Every POST answers 500: the deferred checks fail in their first steps."""

    def middleware(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            start_response("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")])
            return [b"no"]
        return app(environ, start_response)

    return middleware


def test_what_the_first_steps_raise_is_the_requirements_outcome():
    impl = Mutant(chapter="sessions", kills=tuple(CLOCK_BOUND), fault=_writes_refused, name="sessions:writes_refused")
    document = api.run(impl, transport="both", requirements=CLOCK_BOUND)
    records = {(r["id"], r["transport"]): r for r in document["requirements"]}
    assert set(records) == {(i, t) for i in CLOCK_BOUND for t in ("wsgi", "http")}  # the starts record nothing
    for record in records.values():
        assert record["outcome"] == "fail", record
        assert "/write answered 500" in record["message"], record["message"]
        assert record["reproducer"]["exchanges"], "the first steps' requests are the failure's reproducer"


def test_the_checks_start_first_and_finish_last(capsys):
    """The order of a serial run: each deferred check's start before anything else, the checks
    themselves after everything else, so their seconds pass while the rest runs."""
    status = api.run_spec(impl_name="flask", requirements=["sessions.*"], isolate=False,
                          extra_args=["--collect-only", "-q", "-p", "no:randomly"])
    assert status == 0
    order = [line for line in capsys.readouterr().out.splitlines() if line.startswith("sessions.py::")]
    starts = [i for i, line in enumerate(order) if line.endswith("@start")]
    checks = [i for i, line in enumerate(order) if line.split("[")[0].rpartition("::")[2]
              in ("test_permanent_refresh", "test_server_expiry") and not line.endswith("@start")]
    assert len(starts) == len(checks) == 2 and len(order) > 10
    assert starts == [0, 1] and checks == [len(order) - 2, len(order) - 1]


def test_under_xdist_a_deferred_check_runs_in_one_go(capsys):
    status = api.run_spec(impl_name="flask", requirements=CLOCK_BOUND, isolate=False,
                          extra_args=["--collect-only", "-q", "-p", "no:randomly", "-p", "xdist", "-n", "2"])
    assert status == 0
    assert "@start" not in capsys.readouterr().out


def test_pytest_counts_the_checks_not_their_early_starts(capfd):
    import re

    status = api.run_spec(impl_name="flask", requirements=CLOCK_BOUND, extra_args=["-p", "no:randomly"])
    assert status == 0
    line = re.search(r"^=+ (.*) in [0-9.]+s", capfd.readouterr().out, re.M).group(1)
    assert line.startswith("2 passed"), line  # the two checks, not their two @start items
