"""JUnit XML of a run's verdict: one test case per check (requirement x transport).

Written by whoever decides the verdict (the supervisor, or the one pytest process of an
unsupervised run) from the settled records, so it holds every check, also those a worker that
the implementation took down never got to report, and it fails exactly what the exit status
fails on: a failure the run does not gate on (a MAY, a SHOULD without ``--strict``, one the
expectation file lists) is a skipped test case with the reason, never a failure in a CI view.
"""

from __future__ import annotations

import os
import socket
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

from .expectations import EXPECTED_FAIL, UNEXPECTED_PASS
from .outcomes import FAILING, NOT_APPLICABLE
from .results import Record
from .run import gates


def _exchanges(record: Record) -> str:
    reproducer = record.reproducer or {}
    lines = []
    for exchange in reproducer.get("exchanges", ()):
        lines += [f"> {exchange.get('request', '')}", f"< {exchange.get('response') or '(no answer)'}"]
    if reproducer.get("omitted"):
        lines.insert(0, f"({reproducer['omitted']} earlier exchanges omitted)")
    return "\n".join(lines)


def _child(record: Record, strict: bool) -> Optional[ET.Element]:
    """The element saying how the check ended, or None for a plain pass."""
    outcome = record.actual or record.outcome
    reason = (record.expected or {}).get("reason", "")
    if record.outcome == EXPECTED_FAIL:
        element = ET.Element("skipped", type="expected-fail",
                             message=f"expected to fail: {reason} ({outcome}: {record.message})")
    elif record.outcome == UNEXPECTED_PASS:
        note = f"listed as expected to fail, but passed: {reason}"
        if not strict:  # a pass, with the note where CI test views show a case's output
            element = ET.Element("system-out")
            element.text = f"unexpected-pass: {note}"
            return element
        element = ET.Element("failure", type="unexpected-pass", message=note)
    elif record.outcome == NOT_APPLICABLE:
        element = ET.Element("skipped", type="not-applicable", message=record.message)
    elif record.outcome in FAILING and not gates(record.level, strict):
        element = ET.Element("skipped", type="not-gating",
                             message=f"{record.level} {outcome}, which does not gate the run: {record.message}")
    elif record.outcome in FAILING:
        tag = "failure" if record.outcome == "fail" else "error"
        element = ET.Element(tag, type=record.outcome, message=f"{record.level}: {record.message}")
        element.text = _exchanges(record) or None
    else:
        return None
    return element


def document(records: Iterable[Record], *, name: str, strict: bool, timestamp: str) -> ET.ElementTree:
    """The JUnit XML tree: one ``testsuite`` named after the implementation, a case per record."""
    suite = ET.Element("testsuite", name=name, timestamp=timestamp, hostname=socket.gethostname())
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total = 0.0
    for record in records:
        case = ET.SubElement(suite, "testcase", classname=record.chapter,
                             name=f"{record.id}[{record.transport}]", time=f"{record.duration:.3f}")
        if record.test:
            case.set("file", record.test.split("::")[0])
        child = _child(record, strict)
        if child is not None:
            case.append(child)
            counted = {"failure": "failures", "error": "errors", "skipped": "skipped"}.get(child.tag)
            if counted:
                counts[counted] += 1
        counts["tests"] += 1
        total += record.duration
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{total:.3f}")
    root = ET.Element("testsuites", name="flask-conformance")
    root.append(suite)
    ET.indent(root)
    return ET.ElementTree(root)


def write(run, path: str) -> None:
    """Write the JUnit XML of a settled run (:class:`~flask_conformance.run.ConformanceRun`)."""
    impl = run.impl
    tree = document(sorted(run.records.values(), key=lambda r: (r.chapter, r.id, r.transport)),
                    name=f"flask-conformance: {impl.name} {impl.version}".rstrip(),
                    strict=run.strict, timestamp=run.started)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
