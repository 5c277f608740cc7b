"""The requirement model: one spec test (or one member of a family) is one requirement.

A requirement is declared with :func:`requirement` on a spec test. The decorator records the
metadata on the function so it can be listed without running pytest, and marks the test so the
pytest plugin can attach the metadata to every outcome.
"""

from __future__ import annotations

import enum
import inspect
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Optional, Sequence, Tuple, Union

import pytest
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from . import capabilities

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
CASE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Documentation sets a requirement's ``source`` may point into, and their stable base URLs.
SOURCE_BASES = {
    "flask": "https://flask.palletsprojects.com/en/stable/",
    "werkzeug": "https://werkzeug.palletsprojects.com/en/stable/",
    "markupsafe": "https://markupsafe.palletsprojects.com/en/stable/",
    "jinja": "https://jinja.palletsprojects.com/en/stable/",
    "itsdangerous": "https://itsdangerous.palletsprojects.com/en/stable/",
}

MARKER = "requirement"
CASE_MARKER = "requirement_case"


class Level(str, enum.Enum):
    """RFC 2119 level. A failing MUST fails the run; SHOULD fails it only under ``--strict``."""

    MUST = "MUST"
    SHOULD = "SHOULD"
    MAY = "MAY"

    def __str__(self) -> str:
        return self.value


MUST, SHOULD, MAY = Level.MUST, Level.SHOULD, Level.MAY


class RequirementError(ValueError):
    """A requirement was declared with invalid metadata (a spec authoring error)."""


#: What an implementation that does not report a package's version is judged as having: the
#: newest release, so a bound like ``werkzeug >= 2.2`` applies to it and ``werkzeug < 2.2`` does
#: not. Frameworks that are not built on the package target its current behaviour.
NEWEST = Version("99999")


def _ranges(value: Union[str, Sequence[str]]) -> Tuple[SpecifierSet, ...]:
    """One or several version ranges (their union): ``">=2.2"`` or ``("~=2.2.5", ">=2.3.2")``."""
    texts = (value,) if isinstance(value, str) else tuple(value)
    try:
        return tuple(SpecifierSet(text) for text in texts)
    except InvalidSpecifier as exc:
        raise RequirementError(f"{value!r} is not a version range: {exc}") from exc


def _in_ranges(version: Version, ranges: Tuple[SpecifierSet, ...]) -> bool:
    return any(spec.contains(version, prereleases=True) for spec in ranges)


@dataclass(frozen=True)
class PackageBound:
    """The releases of a package (not Flask) in which the behaviour holds, as one or several
    ranges: the package that decides it, named so a verdict is true on every combination a
    Flask release allows."""

    package: str
    ranges: Tuple[SpecifierSet, ...]

    def admits(self, packages: Mapping[str, str]) -> bool:
        reported = packages.get(self.package)
        return _in_ranges(Version(reported) if reported else NEWEST, self.ranges)

    def describe(self) -> str:
        return f"{self.package} " + " or ".join(str(r) for r in self.ranges)


@dataclass(frozen=True)
class Defect:
    """A released dependency known to break the behaviour: a failure on it names the package,
    the versions, the release that fixed it and the upstream report, so a user upgrades instead
    of suspecting the suite."""

    package: str
    versions: str
    fixed: str
    link: str
    what: str
    #: For a family: the members the defect breaks (empty: every member).
    cases: Tuple[str, ...] = ()

    def affects(self, packages: Mapping[str, str]) -> bool:
        reported = packages.get(self.package)
        return bool(reported) and _in_ranges(Version(reported), _ranges(self.versions.split(" or ")))

    def describe(self, packages: Mapping[str, str]) -> str:
        return (f"known upstream defect of {self.package} {self.versions} (installed: "
                f"{packages.get(self.package)}): {self.what}; fixed in {self.fixed}, see {self.link}")

    def as_dict(self) -> dict:
        return {"package": self.package, "versions": self.versions, "fixed": self.fixed,
                "link": self.link, "what": self.what}


@dataclass(frozen=True)
class Requirement:
    """Metadata of one requirement; ``statement`` is the test's docstring."""

    id: str
    chapter: str
    level: Level
    statement: str
    source: str
    since: str
    until: Optional[str] = None
    test: str = ""
    case: Optional[str] = None
    transports: tuple = ("wsgi", "http")
    packages: Tuple[PackageBound, ...] = ()
    defects: Tuple[Defect, ...] = ()
    needs: Tuple[str, ...] = ()

    @property
    def source_url(self) -> str:
        docs, _, rest = self.source.partition(":")
        return SOURCE_BASES[docs] + rest

    def applies_to(self, profile: str) -> bool:
        """True when a Flask-API version ``profile`` is within ``since``..``until``.

        ``until`` names the last release series the behaviour held for: ``until="1.1"`` covers
        1.1.4 too (the profile is cut to as many components as ``until`` has).
        """
        version = Version(profile)
        if version < Version(self.since):
            return False
        if self.until is None:
            return True
        until = Version(self.until)
        cut = Version(".".join(str(part) for part in version.release[: len(until.release)]))
        return cut <= until

    def admitted_by(self, packages: Mapping[str, str]) -> Optional[PackageBound]:
        """The first package bound the reported ``packages`` fall outside, or None."""
        return next((bound for bound in self.packages if not bound.admits(packages)), None)

    def defect_in(self, packages: Mapping[str, str]) -> Optional[Defect]:
        """The known upstream defect the reported ``packages`` include, or None."""
        return next((defect for defect in self.defects if defect.affects(packages)), None)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "chapter": self.chapter,
            "level": self.level.value,
            "statement": self.statement,
            "source": self.source,
            "source_url": self.source_url,
            "since": self.since,
            "until": self.until,
            "packages": {bound.package: [str(r) for r in bound.ranges] for bound in self.packages},
            "defects": [defect.as_dict() for defect in self.defects],
            "needs": list(self.needs),
            "test": self.test,
        }


@dataclass
class _Declaration:
    """What :func:`requirement` stores on a spec function: the family, one member per case."""

    members: list = field(default_factory=list)

    def member(self, case: Optional[str]) -> Requirement:
        for member in self.members:
            if member.case == case:
                return member
        raise KeyError(case)


def _check_version(name: str, value: Optional[str]) -> None:
    if value is None:
        return
    try:
        Version(value)
    except InvalidVersion as exc:
        raise RequirementError(f"{name}={value!r} is not a version") from exc


def requirement(
    id: str,
    level: Level,
    *,
    since: str,
    source: str,
    until: Optional[str] = None,
    cases: Optional[Mapping[str, Any]] = None,
    transports: tuple = ("wsgi", "http"),
    packages: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
    defects: Sequence[Defect] = (),
    needs: Sequence[str] = (),
) -> Callable:
    """Declare the decorated spec test as requirement ``id``.

    With ``cases`` (case id -> value) the test is a family: it is run once per case with the
    value as its ``case`` argument, and each member is its own requirement ``id.case-id``.
    ``transports`` limits a requirement that only one transport can observe (say why in the
    docstring); on the others it is not applicable.

    ``since`` and ``until`` bound the Flask-API profile. ``packages`` names the other packages
    that decide the behaviour, each with the releases it holds for (``{"werkzeug": ">=2.2"}``;
    a tuple is a union of ranges, for fixes shipped in several series); outside them the
    requirement is not applicable. ``defects`` lists released dependencies known to break it: the
    requirement still applies, and a failure on such a release names the defect. ``needs`` names
    the API capabilities (:mod:`.capabilities`) the requirement exercises beyond HTTP behaviour;
    for an implementation that declares it lacks one, the requirement is a declared gap.
    """
    level = Level(level)
    _check_version("since", since)
    _check_version("until", until)
    docs, sep, _ = source.partition(":")
    if not sep or docs not in SOURCE_BASES:
        raise RequirementError(f"source {source!r} must start with one of {sorted(SOURCE_BASES)}:")
    bounds = tuple(PackageBound(name.lower(), _ranges(value)) for name, value in (packages or {}).items())
    if any(bound.package == "flask" for bound in bounds):
        raise RequirementError("Flask's versions are the profile: bound them with since and until")
    for defect in defects:
        _ranges(defect.versions.split(" or "))
    try:
        needed = tuple(sorted(capabilities.check(needs, id)))
    except capabilities.UnknownCapability as exc:
        raise RequirementError(str(exc)) from exc

    def decorate(func: Callable) -> Callable:
        statement = inspect.cleandoc(func.__doc__ or "")
        if not statement:
            raise RequirementError(f"{func.__qualname__}: the docstring is the statement; it is empty")
        chapter = func.__module__.rpartition(".")[2]
        base = Requirement(
            id=id, chapter=chapter, level=level, statement=statement, source=source,
            since=since, until=until, test=f"{func.__module__}.{func.__qualname__}",
            transports=tuple(transports), packages=bounds, defects=tuple(defects), needs=needed,
        )
        declaration = _Declaration()
        if cases is None:
            declaration.members.append(base)
            marked = pytest.mark.requirement(base)(func)
        else:
            params = []
            for case_id, value in cases.items():
                member = replace(base, id=f"{id}.{case_id}", case=case_id,
                                 defects=tuple(d for d in base.defects if not d.cases or case_id in d.cases))
                declaration.members.append(member)
                params.append(pytest.param(value, id=case_id, marks=pytest.mark.requirement_case(case_id)))
            marked = pytest.mark.requirement(base)(pytest.mark.parametrize("case", params)(func))
        marked.__requirements__ = declaration
        return marked

    return decorate


def not_applicable(reason: str):
    """End a check whose premise does not hold for this implementation, as not applicable.

    For a requirement about a situation another requirement must first produce (a cookie to
    repeat, a hook that ran): when that did not happen, the other requirement fails and this one
    does not fail a second time. ``reason`` says what did not happen.
    """
    from .outcomes import NOT_APPLICABLE_PREFIX

    pytest.skip(NOT_APPLICABLE_PREFIX + reason)


def declared(func: Callable) -> list:
    """The requirements declared on a spec function (empty when it declares none)."""
    declaration = getattr(func, "__requirements__", None)
    return list(declaration.members) if declaration else []


def for_item(item: "pytest.Item") -> Optional[Requirement]:
    """The requirement a collected pytest item checks, or None for a non-spec test."""
    func = getattr(item, "function", None)
    declaration = getattr(func, "__requirements__", None)
    if declaration is None:
        return None
    case = item.get_closest_marker(CASE_MARKER)
    return declaration.member(case.args[0] if case else None)
