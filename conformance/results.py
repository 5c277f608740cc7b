"""The results document: one JSON file per run, validated against the shipped schema."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import List, Optional

from .__about__ import SPEC_VERSION, __version__

SCHEMA_ID = "flask-conformance/results/1"


@dataclass
class Record:
    """The outcome of one requirement on one transport."""

    id: str
    chapter: str
    level: str
    transport: str
    since: str
    until: Optional[str]
    outcome: Optional[str] = None
    message: str = ""
    duration: float = 0.0
    test: str = ""
    reproducer: Optional[dict] = None
    expected: Optional[dict] = None
    actual: Optional[str] = None
    defect: Optional[dict] = None
    gap: Optional[str] = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["duration"] = round(self.duration, 6)
        for optional in ("reproducer", "expected", "actual", "defect", "gap"):
            if data[optional] is None:
                del data[optional]
        return data


@dataclass
class Results:
    implementation: dict
    transport: str
    transports: List[str]
    started: str
    finished: str = ""
    exit_status: int = 0
    strict: bool = False
    expectations: Optional[str] = None
    records: List[Record] = field(default_factory=list)
    disagreements: List[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "schema": SCHEMA_ID,
            "spec_version": SPEC_VERSION,
            "harness_version": __version__,
            "implementation": self.implementation,
            "transport": self.transport,
            "transports": self.transports,
            "strict": self.strict,
            "expectations": self.expectations,
            "started": self.started,
            "finished": self.finished,
            "exit_status": self.exit_status,
            "summary": summary_counts(self.records),
            "disagreements": self.disagreements,
            "requirements": [r.as_dict() for r in self.records],
        }


def summary_counts(records) -> dict:
    """Outcome counts per level."""
    counts: dict = {}
    for record in records:
        level = counts.setdefault(record.level, {})
        level[record.outcome] = level.get(record.outcome, 0) + 1
    return counts


def schema() -> dict:
    return json.loads(resources.files("flask_conformance").joinpath("schema/results.schema.json").read_text())


_surely_valid = None


def validate(document: dict) -> None:
    """Raise jsonschema.ValidationError when ``document`` does not follow the schema.

    The compiled subset (:mod:`.schemacheck`) answers for a valid document without importing
    jsonschema or checking the schema itself again; jsonschema judges (and words) the rest."""
    global _surely_valid
    if _surely_valid is None:
        from .schemacheck import compile_schema

        _surely_valid = compile_schema(schema()) or (lambda document: False)
    if _surely_valid(document):
        return
    import jsonschema

    jsonschema.validate(document, schema())


def write(document: dict, path: str) -> None:
    target = Path(path)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True)
    target.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def read(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
