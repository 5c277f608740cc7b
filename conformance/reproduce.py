"""Reproducers a person can run: a failing record's requests as a standalone script.

A results file keeps, for each failing record, the last requests the check sent exactly as sent
and what came back. ``flask-conformance reproduce`` prints them as a Python script using
``requests`` or as ``curl`` commands against a URL the user gives, with the failure and each
answer that came beside them, so an implementer can paste it into a bug tracker or a test suite
without the harness.
"""

from __future__ import annotations

import shlex
from typing import List, Optional

from .client import Request
from .errors import UsageError

FORMATS = ("requests", "curl")
DEFAULT_BASE = "http://127.0.0.1:5000"


def find_record(document: dict, requirement_id: str, transport: Optional[str] = None) -> dict:
    """The failing record of ``requirement_id`` (on ``transport`` if given) that has exchanges."""
    records = [r for r in document.get("requirements", []) if r.get("id") == requirement_id]
    if not records:
        raise UsageError(f"the results have no requirement {requirement_id!r}")
    if transport:
        records = [r for r in records if r.get("transport") == transport]
        if not records:
            raise UsageError(f"{requirement_id!r} did not run over the {transport} transport")
    with_exchanges = [r for r in records if (r.get("reproducer") or {}).get("exchanges")]
    if not with_exchanges:
        outcomes = ", ".join(f"{r['transport']}: {r['outcome']}" for r in records)
        raise UsageError(f"{requirement_id!r} has no recorded requests to replay ({outcomes}); "
                         "only a check that failed after sending requests has them")
    return with_exchanges[0]


def _comment(text: str, prefix: str = "# ") -> List[str]:
    return [f"{prefix}{line}".rstrip() for line in text.splitlines()] or [prefix.rstrip()]


def _header_lines(record: dict, source: str) -> List[str]:
    reproducer = record["reproducer"]
    lines = [f"Reproduces {record['id']} ({record['level']}) over {record['transport']}, from {source}",
             f"spec test: {reproducer.get('test', record.get('test', ''))}",
             f"failure: {record.get('message', '')}"]
    if reproducer.get("omitted"):
        lines.append(f"the check sent {reproducer['omitted']} earlier request(s) that were not kept; "
                     "cookies they set are missing")
    lines.append("Serve the chapter's fixture app of the implementation, then run this against it.")
    return lines


def _notes(sent: dict) -> List[str]:
    notes = []
    if sent.get("scheme"):
        notes.append(f"sent as {sent['scheme']}: use a base URL that reaches the app over {sent['scheme']}")
    if sent.get("script_root"):
        notes.append(f"the app was mounted under {sent['script_root']}")
    return notes


def as_requests(record: dict, source: str) -> str:
    """A Python script replaying the exchanges with ``requests``, one session for the cookies."""
    lines = ['"""' + "\n".join(_header_lines(record, source)) + '"""', "",
             "import sys", "", "import requests", "",
             f'BASE = sys.argv[1] if len(sys.argv) > 1 else "{DEFAULT_BASE}"',
             "session = requests.Session()", "", "",
             "def send(method, target, headers, body=b\"\"):",
             "    # prepared by hand so the target goes out exactly as the check sent it",
             "    prepared = session.prepare_request(requests.Request(method, BASE + target, headers=headers, data=body))",
             "    prepared.url = BASE + target",
             "    response = session.send(prepared, allow_redirects=False)",
             "    print(method, target, '->', response.status_code, dict(response.headers))",
             "    print(response.content[:300])",
             "    return response", ""]
    return "\n".join(lines + _replayed(record, _python_call)) + "\n"


def _python_call(sent: dict, body: bytes, target: str) -> str:
    headers = {name: value for name, value in sent["headers"]}
    return f"send({sent['method']!r}, {target!r}, {headers!r}" + (f", {body!r})" if body else ")")


def as_curl(record: dict, source: str) -> str:
    """A shell script of curl commands sharing a cookie jar, the target sent as is."""
    lines = ["#!/bin/sh"] + _comment("\n".join(_header_lines(record, source))) + [
        f'BASE="${{1:-{DEFAULT_BASE}}}"', 'JAR="$(mktemp)"']
    return "\n".join(lines + _replayed(record, _curl_command)) + "\n"


def _curl_command(sent: dict, body: bytes, target: str) -> str:
    command = ["curl", "-sS", "-i", "--path-as-is", "-b", '"$JAR"', "-c", '"$JAR"']
    command += ["--head"] if sent["method"] == "HEAD" else ["-X", shlex.quote(sent["method"])]
    for name, value in sent["headers"]:
        command += ["-H", shlex.quote(f"{name}: {value}")]
    if body:
        command += ["--data-binary", "@-"]
    command.append('"$BASE"' + shlex.quote(target))
    return (f"printf '{_octal(body)}' | " if body else "") + " ".join(command)


def _replayed(record: dict, render) -> List[str]:
    """Each recorded exchange: a comment naming it, the request as ``render(sent, body, target)``
    writes it, and what came back as comments."""
    lines: List[str] = []
    for number, exchange in enumerate(record["reproducer"]["exchanges"], 1):
        sent = exchange.get("sent")
        lines.append("")
        if sent is None:
            lines += _comment(f"{number}. not replayable (recorded by an older harness):\n{exchange['request']}")
            continue
        route = [f"route: {exchange['route']}"] if exchange.get("route") else []
        lines += _comment(f"{number}. " + " ".join(route + _notes(sent)))
        body = Request.from_dict(sent).body
        lines.append(render(sent, body, sent.get("script_root", "") + sent["target"]))
        answer = exchange.get("response") or f"(no answer: {record.get('message') or 'the request ended in an error'})"
        lines += _comment("came back:\n" + answer, "#   ")
    return lines


def _octal(data: bytes) -> str:
    """``data`` as a printf format string: every byte that is not plain ASCII as an octal escape,
    so the body reaches curl byte for byte."""
    plain = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=&+-_.,:;/?@!()[]{} ")
    return "".join(chr(b) if b in plain else f"\\{b:03o}" for b in data)


RENDERERS = {"requests": as_requests, "curl": as_curl}
