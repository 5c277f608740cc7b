"""Explore finds every mutant's fault, black-box, by comparing it with the reference Flask.

Each mutant is the reference with one deliberate fault; exploring it against the reference on its
chapter must find a difference. Exact mode (Flask's form counts) is used, since several mutants
break only the form a SHOULD or MAY requirement pins; the run stops at the first difference and
does not shrink, so most mutants cost one replay of their chapter's seeds.
"""

from __future__ import annotations

import pytest

from flask_conformance import explore
from flask_conformance.spec import CHAPTERS

from .mutants import load_all

MUTANTS = load_all()

#: Mutants that are the reference itself: their fault is the release they claim (an older Flask
#: profile or Werkzeug), which the spec judges them against and a comparison with the newest
#: Flask cannot see. They answer every request exactly as the reference does.
CLAIMS_ONLY = {
    "errors:handler_gets_wrapper_on_old_profile": "claims Flask 1.0, behaves as the reference",
    "escaping:svg_autoescaped_under_flask_2_2_2": "claims Flask 2.2.2, behaves as the reference",
    "redirects:old_werkzeug_with_308": "claims Werkzeug 0.14, behaves as the reference",
    "redirects:old_router_answering_404": "claims Werkzeug 2.1, behaves as the reference",
    "requests:old_werkzeug_refusing_other_media_types": "claims Werkzeug 2.0, behaves as the reference",
    "requests:werkzeug_22_answering_415": "claims Werkzeug 2.2, behaves as the reference",
    "responses:tuple_headers_replace_on_1_1": "claims Flask 1.1, behaves as the reference",
    "responses:one_item_tuple_refused_on_0_12": "claims Flask 0.12, behaves as the reference",
    "responses:jsonify_nothing_as_null_on_2_1": "claims Flask 2.1, behaves as the reference",
    "routing:segment_ranking_claiming_werkzeug_2_1": "claims Werkzeug 2.1, behaves as the reference",
}

#: Mutants whose fault shows only as time passes, which explore does not wait for.
TIME_ONLY = {
    "sessions:refresh_keeps_expiry": "re-sends the cookie with the expiry of its first signing: the same "
                                     "expiry as a refresh within the second it was signed",
}


@pytest.fixture(scope="module")
def reference():
    return explore.load_reference()


def found(mutant, reference) -> list:
    document = explore.explore(mutant, reference, [mutant.chapter], explore.Budget(examples=30),
                               explore.Options(exact=True, stop_on_first=True, shrink=False), covering=False)
    return document["differences"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_mutant_of_the_chapter_differs_from_the_reference(chapter, reference):
    mutants = [m for m in MUTANTS if m.chapter == chapter]
    assert mutants
    missed = [m.name for m in mutants if m.name not in {**CLAIMS_ONLY, **TIME_ONLY} and not found(m, reference)]
    assert missed == [], f"explore found no difference for {missed}"


def test_the_claims_only_mutants_really_answer_as_the_reference(reference):
    """The list above is honest: each of those mutants wraps nothing and changes nothing."""
    names = {m.name: m for m in MUTANTS}
    assert set(CLAIMS_ONLY) <= set(names)
    for name in CLAIMS_ONLY:
        mutant = names[name]
        app = mutant.build_app(mutant.chapter)
        assert type(app) is type(reference.build_app(mutant.chapter)), name
        assert mutant.stage == "wrap" and mutant.fault(app) is app, name
