"""State of one conformance run: the implementation, its apps and transports, the records."""

from __future__ import annotations

import datetime
import fnmatch
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from . import expectations, registry
from .client import Client
from .errors import ImplementationError, LoadError
from .capabilities import CAPABILITIES, GAP_PREFIX
from .implementation import declared_gaps, reported_packages
from .outcomes import FAILING, NOT_APPLICABLE, worst
from .requirements import Level, Requirement
from .results import Record, Results
from .transports import DEFAULT_TIMEOUT, TRANSPORTS, create
from .transports.base import Breaker, describe_exception


def gated_levels(strict: bool) -> Tuple[Level, ...]:
    """The levels whose failures fail a run: MUST, and SHOULD under --strict."""
    return (Level.MUST, Level.SHOULD) if strict else (Level.MUST,)


def gates(level: str, strict: bool) -> bool:
    """Whether a failure at ``level`` (as a record spells it) fails the run."""
    return level in {str(gated) for gated in gated_levels(strict)}


class NotProvided(Exception):
    """The implementation does not provide a chapter: its requirements are not applicable."""


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


class ConformanceRun:
    """Everything a run shares: built once, used by every spec test.

    Apps are built once per chapter and transports (servers included) started once per app, on
    first use; ``close()`` releases them.
    """

    def __init__(
        self,
        impl_name: str = "flask",
        transports: Tuple[str, ...] = ("wsgi",),
        profile: Optional[str] = None,
        strict: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        patterns: Tuple[str, ...] = (),
        implementation=None,
        expectations_path: Optional[str] = None,
        update_expectations: Optional[str] = None,
    ):
        unknown = [t for t in transports if t not in TRANSPORTS]
        if unknown:
            raise LoadError(f"unknown transport {unknown[0]!r}; choose from wsgi, http, both")
        self.impl_name = impl_name
        self._impl = implementation
        self.transports = tuple(transports)
        self._profile = profile
        self.strict = strict
        self.timeout = timeout
        self.patterns = tuple(patterns)
        self.expectations_path = expectations_path
        self.update_expectations = update_expectations
        self.expectations = {}
        self.written_expectations: Optional[int] = None
        if expectations_path:
            from .catalog import requirements, retired

            self.expectations = expectations.load(expectations_path, (r.id for r in requirements()), retired())
        self.started = now()
        self.records: Dict[Tuple[str, str], Record] = {}
        self._apps: Dict[str, object] = {}
        self._transports: Dict[Tuple[str, str], object] = {}
        self._breakers: Dict[Tuple[str, str], Breaker] = {}
        #: called whenever a request ends (a supervised worker reports progress through it)
        self.heartbeat = None

    @property
    def impl(self):
        if self._impl is None:
            self._impl = registry.load(self.impl_name)
        return self._impl

    @property
    def profile(self) -> str:
        return self._profile or self.impl.flask_api

    def selected(self, requirement: Requirement) -> bool:
        """True when ``--requirement`` patterns are absent or one matches the ID."""
        return not self.patterns or any(fnmatch.fnmatchcase(requirement.id, p) for p in self.patterns)

    @property
    def packages(self) -> Dict[str, str]:
        """The deciding packages' versions the implementation reports (see Implementation)."""
        return reported_packages(self.impl)

    def not_applicable_reason(self, requirement: Requirement, transport: str) -> Optional[str]:
        if not requirement.applies_to(self.profile):
            span = f"since {requirement.since}" + (f", until {requirement.until}" if requirement.until else "")
            return f"outside profile {self.profile} ({span})"
        bound = requirement.admitted_by(self.packages)
        if bound is not None:
            installed = self.packages.get(bound.package, "not reported")
            return f"holds for {bound.describe()}; the implementation has {bound.package} {installed}"
        if transport not in requirement.transports:
            return f"not observable over the {transport} transport"
        lacking = sorted(set(requirement.needs) & declared_gaps(self.impl))
        if lacking:
            return f"{GAP_PREFIX}the implementation lacks {lacking[0]} ({CAPABILITIES[lacking[0]]})"
        return None

    def app(self, chapter: str):
        """The chapter's app, built once; NotProvided or ImplementationError otherwise."""
        if chapter not in self._apps:
            try:
                app = self.impl.build_app(chapter)
                self._apps[chapter] = NotProvided(chapter) if app is None else app
            except LoadError:
                raise
            except Exception as exc:
                self._apps[chapter] = ImplementationError(
                    f"building the {chapter!r} app raised {describe_exception(exc)}"
                )
        app = self._apps[chapter]
        if isinstance(app, Exception):
            raise app
        return app

    def transport(self, chapter: str, name: str):
        key = (chapter, name)
        if key not in self._transports:
            try:
                self._transports[key] = create(name, self.app(chapter), timeout=self.timeout)
            except (NotProvided, ImplementationError):
                raise
            except Exception as exc:
                self._transports[key] = ImplementationError(
                    f"the {chapter!r} app could not be served over {name}: {describe_exception(exc)}"
                )
        transport = self._transports[key]
        if isinstance(transport, Exception):
            raise transport
        return transport

    def route_for(self, chapter: str, request) -> Optional[str]:
        """The fixture route a request reaches, when the implementation can say (reproducers)."""
        describe = getattr(self.impl, "describe_route", None)
        app = self._apps.get(chapter)
        if describe is None or app is None or isinstance(app, Exception):
            return None
        try:
            return describe(app, request.method, request.path)
        except Exception:
            return None

    def new_client(self, chapter: str, transport: str) -> Client:
        session = self.transport(chapter, transport).session()
        breaker = self._breakers.setdefault((chapter, transport), Breaker())
        return Client(breaker.wrap(session, self.heartbeat), transport)

    def close(self) -> None:
        for transport in self._transports.values():
            if not isinstance(transport, Exception):
                transport.close()
        self._transports.clear()

    def record_phase(self, test: str, when: str, duration: float, phase: dict) -> None:
        """Fold one phase of a spec test into its requirement's record: the worst phase wins,
        and its message and reproducer with it."""
        key = (phase["id"], phase["transport"])
        record = self.records.get(key)
        if record is None:
            record = self.records[key] = Record(
                id=phase["id"], chapter=phase["chapter"], level=phase["level"],
                transport=phase["transport"], since=phase["since"], until=phase["until"], test=test,
            )
        outcome = phase["outcome"]
        record.duration += duration
        if when == "call" or outcome != "pass":
            previous = record.outcome
            record.outcome = worst(previous, outcome)
            if record.outcome != previous and outcome != "pass":
                record.message = phase["message"]
                record.reproducer = phase.get("reproducer")

    # Verdicts.

    def failing(self, levels=(Level.MUST,)) -> List[Record]:
        wanted = {str(level) for level in levels}
        return [r for r in self.records.values() if r.level in wanted and r.outcome in FAILING]

    def unexpected_passes(self) -> List[Record]:
        return [r for r in self.records.values() if r.outcome == expectations.UNEXPECTED_PASS]

    def gates(self, level: str) -> bool:
        return gates(level, self.strict)

    def exit_status(self) -> int:
        """1 on a (regressing) failure at a counted level or, under --strict, an unexpected pass."""
        if self.failing(gated_levels(self.strict)) or (self.strict and self.unexpected_passes()):
            return 1
        return 0

    def finish(self) -> None:
        """Settle every record: apply the expectation file, write an updated one if asked."""
        for record in self.records.values():
            if record.outcome is None:  # setup never reported (interrupted)
                record.outcome = "error"
                record.message = "the run was interrupted before this requirement finished"
        self._annotate()
        if self.update_expectations:
            self._update_expectations()
        for record in self.records.values():
            expectations.apply(record, self.expectations)

    def _update_expectations(self) -> None:
        """Write the expectation file this run's failures call for, then gate the run on it, so a
        run that writes one exits as the next run gated on it will."""
        from .catalog import requirements

        families = {r.id: r.id[: -len(r.case) - 1] for r in requirements() if r.case}
        text = expectations.render(self.records.values(), self.expectations, self.impl.name, families,
                                   expectations.header_of(self.expectations_path))
        Path(self.update_expectations).write_text(text, encoding="utf-8")
        self.expectations = expectations.load(self.update_expectations, (r.id for r in requirements()))
        self.expectations_path = self.update_expectations
        self.written_expectations = text.count("[[expected]]")

    def _annotate(self) -> None:
        """Name what explains a record beyond its outcome: the known upstream defect of an
        installed dependency behind a failure, the declared gap behind a not-applicable."""
        from .catalog import requirements

        by_id = {r.id: r for r in requirements()}
        gaps = declared_gaps(self.impl)
        for record in self.records.values():
            requirement = by_id.get(record.id)
            if requirement is None:
                continue
            defect = record.outcome in FAILING and requirement.defect_in(self.packages)
            if defect:
                record.message = f"{record.message} ({defect.describe(self.packages)})"
                record.defect = defect.as_dict()
            lacking = sorted(set(requirement.needs) & gaps)
            if record.outcome == NOT_APPLICABLE and lacking and record.message.startswith(GAP_PREFIX):
                record.gap = lacking[0]

    def gaps(self) -> Dict[str, int]:
        """Checks not applicable because of a declared gap, by capability."""
        counts: Dict[str, int] = {}
        for record in self.records.values():
            if record.gap:
                counts[record.gap] = counts.get(record.gap, 0) + 1
        return counts

    def disagreements(self) -> List[dict]:
        if len(self.transports) < 2:
            return []
        by_id: Dict[str, dict] = {}
        for record in self.records.values():
            observed = record.actual or record.outcome
            if observed == expectations.UNEXPECTED_PASS:
                observed = "pass"
            by_id.setdefault(record.id, {})[record.transport] = observed
        return [
            {"id": rid, "outcomes": outcomes}
            for rid, outcomes in sorted(by_id.items())
            if len(set(outcomes.values()) - {NOT_APPLICABLE}) > 1
        ]

    def results(self, exit_status: int) -> Results:
        impl = self.impl
        return Results(
            implementation={"name": impl.name, "version": str(impl.version), "profile": self.profile,
                            "packages": self.packages},
            transport="both" if len(self.transports) > 1 else self.transports[0],
            transports=list(self.transports),
            started=self.started,
            finished=now(),
            exit_status=exit_status,
            strict=self.strict,
            expectations=self.expectations_path,
            records=sorted(self.records.values(), key=lambda r: (r.chapter, r.id, r.transport)),
            disagreements=self.disagreements(),
        )
