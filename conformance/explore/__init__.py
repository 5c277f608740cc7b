"""Differential exploration: the implementation and the reference Flask answer the same
requests, and every kind of difference is reported (issue 14).

For each chapter both provide, explore replays the corpus of earlier findings (:mod:`.corpus`),
then the request sequences the spec's own checks send (:mod:`.seeds`), then generates cases with
Hypothesis: those sequences mutated, and requests built from the fixture's URL rules
(:mod:`.generate`). Each case goes in-process through the ``wsgi`` transport to both apps
(:mod:`.sides`), the answers are compared with the spec's equivalence rules (:mod:`.compare`),
each kind of difference is shrunk (:mod:`.shrink`) and matched to the requirements that already
cover it (:mod:`.coverage`). Runs are deterministic: the same implementation and budget give the
same report.

The implementation runs in this process, unsupervised: a view that hangs is stopped by the wsgi
transport's per-request deadline, but an implementation that ends or damages its process ends
the exploration with it.
"""

from __future__ import annotations

import warnings
from typing import Dict, List, Optional, Sequence

from flask_conformance.spec import CHAPTERS

from ..errors import LoadError, UsageError
from . import corpus as corpus_file
from .compare import differences
from .coverage import coverage
from .model import ANY_PATH, NOT_COVERED, Answer, Case, Difference, Step
from .report import render_text
from .search import Budget, Options, explore_chapter
from .seeds import seeds as spec_seeds

SCHEMA_ID = "flask-conformance/explore/1"
#: The chapters explored when none is named: all of them, in reading order.
DEFAULT_CHAPTERS = CHAPTERS

__all__ = ["ANY_PATH", "NOT_COVERED", "Answer", "Budget", "Case", "Difference", "Options", "Step", "coverage",
           "differences", "explore", "load_reference", "render_text"]


def load_reference():
    """The reference Flask implementation; UsageError (exit status 2) when Flask is missing."""
    from .. import registry

    try:
        return registry.load("flask")
    except LoadError as exc:
        raise UsageError("explore needs the reference Flask installed: "
                         f"pip install 'flask-conformance[explore]' ({exc})") from None


def explore(implementation, reference, chapters: Sequence[str], budget: Budget = Budget(),
            options: Options = Options(), corpus: Optional[str] = None, covering: bool = True,
            use_seeds: bool = True) -> dict:
    """Explore ``chapters``; the results document (see ``schema/explore.schema.json``). With
    ``corpus`` (a path), its cases are replayed first and new differences appended to it."""
    with warnings.catch_warnings():  # WebTest's lint warns on every extension method
        warnings.simplefilter("ignore")
        return _explore(implementation, reference, chapters, budget, options, corpus, covering, use_seeds)


#: The reference's chapter apps, built once per process: the reference is trusted, and what a case
#: leaves in an app (records under a token) no other case reads, since each replay has its own tokens.
_REFERENCE_APPS: Dict[tuple, tuple] = {}


def _reference_app(reference, chapter: str):
    key = (id(reference), chapter)
    if key not in _REFERENCE_APPS:
        _REFERENCE_APPS[key] = (reference, reference.build_app(chapter))
    return _REFERENCE_APPS[key][1]


def _apps(implementation, reference, chapter: str):
    """Both apps of ``chapter``, or None when either side does not provide it."""
    try:
        reference_app = _reference_app(reference, chapter)
        implementation_app = implementation.build_app(chapter)
    except Exception as exc:  # an app that cannot be built: nothing to explore
        raise UsageError(f"chapter {chapter!r}: the app could not be built: {exc}") from exc
    if reference_app is None or implementation_app is None or not hasattr(reference_app, "url_map"):
        return None
    return reference_app, implementation_app


def _explore(implementation, reference, chapters, budget, options, corpus, covering, use_seeds) -> dict:
    # Hypothesis draws now and then from the constants of the local modules imported so far: import
    # what the seed and coverage runs import before generating, so every run draws the same
    from .. import api, supervisor  # noqa: F401
    replayed: Dict[str, List[Case]] = corpus_file.load(corpus) if corpus else {}
    seeded = spec_seeds(reference, chapters) if use_seeds else {}
    explored, found, count = [], [], 0
    for chapter in chapters:
        apps = _apps(implementation, reference, chapter)
        if apps is None:
            continue
        explored.append(chapter)
        chapter_corpus, chapter_seeds = replayed.get(chapter, []), seeded.get(chapter, [])
        count += len(chapter_corpus) + len(chapter_seeds)
        chapter_found = explore_chapter(chapter, *apps, seeds=chapter_seeds, corpus=chapter_corpus,
                                        budget=budget, options=options)
        found.extend(chapter_found)
        if found and options.stop_on_first:
            break
    if covering:
        coverage(implementation, reference, found, options.exact)
    if corpus:
        corpus_file.append(corpus, found, f"{implementation.name} {implementation.version}")
    return {
        "schema": SCHEMA_ID,
        "implementation": {"name": implementation.name, "version": str(implementation.version)},
        "reference": {"name": reference.name, "version": str(reference.version)},
        "examples": budget.examples if budget.seconds is None else None,
        "seconds": budget.seconds,
        "exact": options.exact,
        "replayed": count,
        "chapters": explored,
        "differences": [d.as_dict() for d in found],
    }
