"""Exploring one chapter: the corpus, then the seeds, then generated cases, then shrinking.

The order is what makes a run both deterministic and quick to reach known ground: the corpus (the
differences earlier runs kept) and the seeds (the spec's own request sequences) are replayed as
they are, then Hypothesis generates cases (mutated seeds and requests from the URL rules) for
``examples`` cases or ``seconds`` seconds. Generation is seeded: chunk ``k`` of examples always
uses seed ``k``, so a run with the same budget sends the same cases. Each kind of difference (the
rule of the differing request and the aspects) is kept once, then shrunk (:mod:`.shrink`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from . import generate
from .model import Case, Difference
from .rules import rule_for
from .shrink import shrink
from .sides import Side, first_difference

#: Generated cases per Hypothesis run when the budget is in seconds.
CHUNK = 25


@dataclass
class Budget:
    """How much to generate per chapter after the replays: ``examples`` cases, or as many as
    ``seconds`` allow (whichever is set)."""

    examples: Optional[int] = 200
    seconds: Optional[float] = None


@dataclass
class Options:
    exact: bool = False
    stop_on_first: bool = False
    shrink: bool = True


class _Enough(Exception):
    """Raised out of a replay once ``stop_on_first`` has its difference."""


class ChapterSearch:
    """The state of exploring one chapter: both sides, and the differences found so far."""

    def __init__(self, chapter: str, reference_app, implementation_app, options: Options):
        self.chapter = chapter
        self.reference_app = reference_app
        self.reference, self.implementation = Side(reference_app), Side(implementation_app)
        self.options = options
        self.found: Dict[tuple, Difference] = {}

    def check(self, case: Case) -> Optional[Difference]:
        """Send ``case`` to both sides; the difference it shows, kept if its kind is new."""
        hit = first_difference(case, self.reference, self.implementation, self.options.exact)
        if hit is None:
            return None
        index, aspects, ref, imp = hit
        request = case.steps[index].request
        difference = Difference(self.chapter, rule_for(self.reference_app, request), aspects, request, ref, imp,
                                list(case.steps[:index]), case.source, case.origin)
        self.found.setdefault(difference.kind(), difference)
        if self.options.stop_on_first:
            raise _Enough()
        return difference

    def replay(self, cases: Sequence[Case]) -> None:
        for case in cases:
            self.check(case)

    def generate(self, strategy: st.SearchStrategy, budget: Budget) -> None:
        """Generated cases until the budget is spent."""
        if budget.seconds is None:
            self._run(strategy, budget.examples or 0, 0)
            return
        ends = time.monotonic() + budget.seconds
        chunk = 0
        while time.monotonic() < ends:
            self._run(strategy, CHUNK, chunk, ends)
            chunk += 1

    def _run(self, strategy: st.SearchStrategy, examples: int, number: int, ends: Optional[float] = None) -> None:
        if examples < 1:
            return

        @seed(number)
        @settings(max_examples=examples, database=None, deadline=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate])
        @given(strategy)
        def explore_one(case):
            if ends is None or time.monotonic() < ends:
                self.check(case)

        explore_one()

    def shrunk(self) -> List[Difference]:
        """Each kind of difference found, shrunk to its smallest case."""
        results, seen = [], set()
        for kind, difference in self.found.items():
            if self.options.shrink:
                difference = self._shrink(kind, difference)
            if difference.case().key() + kind not in seen:  # two kinds can shrink to one case
                seen.add(difference.case().key() + kind)
                results.append(difference)
        results.sort(key=lambda d: (d.rule, d.aspects, d.request.method, d.request.target))
        return results

    def _shrink(self, kind: tuple, difference: Difference) -> Difference:
        def keeps(case: Case) -> bool:
            hit = first_difference(case, self.reference, self.implementation, self.options.exact)
            if hit is None or hit[0] != len(case.steps) - 1:
                return False
            request = case.steps[-1].request
            return (rule_for(self.reference_app, request), tuple(hit[1])) == kind

        smallest = shrink(difference.case(), keeps)
        hit = first_difference(smallest, self.reference, self.implementation, self.options.exact)
        if hit is None or hit[0] != len(smallest.steps) - 1:  # the app is not deterministic
            return difference
        index, aspects, ref, imp = hit
        return Difference(self.chapter, difference.rule, aspects, smallest.steps[-1].request, ref, imp,
                          list(smallest.steps[:-1]), difference.source, difference.origin)


def explore_chapter(chapter: str, reference_app, implementation_app, *, seeds: Sequence[Case] = (),
                    corpus: Sequence[Case] = (), budget: Budget = Budget(), options: Options = Options()) -> List[Difference]:
    """The differences found in ``chapter``: replays first, then generation, then shrinking."""
    search = ChapterSearch(chapter, reference_app, implementation_app, options)
    try:
        search.replay(corpus)
        search.replay(seeds)
        search.generate(strategy_for(reference_app, list(seeds)), budget)
    except _Enough:
        pass
    return search.shrunk()


def strategy_for(reference_app, seeds: List[Case]) -> st.SearchStrategy:
    """Mutated seeds half of the time, requests generated from a rule the other half."""
    by_rule = generate.generated(reference_app, generate.query_names_of(seeds))
    fresh = st.one_of(*by_rule.values())
    return st.one_of(generate.mutated(seeds), fresh) if any(case.requests for case in seeds) else fresh
