"""Every mutant makes the requirements it names fail: no check in the spec is toothless."""

import pytest

from flask_conformance import api
from tests.mutants import load_all

MUTANTS = load_all()


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_is_caught(mutant):
    document = api.run(mutant, transport=mutant.transport, requirements=mutant.kills)
    outcomes = {}
    for record in document["requirements"]:
        outcomes.setdefault(record["id"], []).append((record["outcome"], record["message"]))
    for requirement_id in mutant.kills:
        assert requirement_id in outcomes, f"{requirement_id} is not a requirement of the spec"
        got = outcomes[requirement_id]
        assert all(outcome == "fail" for outcome, _ in got), f"{requirement_id} did not fail: {got}"
