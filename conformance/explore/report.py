"""Explore's text report: each difference as the request, both answers and its coverage."""

from __future__ import annotations

from typing import List

from .model import NOT_COVERED


def render_text(document: dict) -> str:
    lines: List[str] = []
    for d in document["differences"]:
        lines += _difference(d)
    impl, ref = document["implementation"], document["reference"]
    count = len(document["differences"])
    budget = (f"{document['seconds']:g} s of generated cases per chapter" if document.get("seconds") is not None
              else f"{document['examples']} generated cases per chapter")
    lines.append(f"explore: {count} difference{'s' if count != 1 else ''} between {impl['name']} "
                 f"{impl['version']} and {ref['name']} {ref['version']} in "
                 f"{', '.join(document['chapters']) or 'no chapter'} ({budget}, after "
                 f"{document['replayed']} replayed cases)")
    return "\n".join(lines) + "\n"


def _difference(d: dict) -> List[str]:
    request = d["request"]
    lines = [f"{d['chapter']}: {request['method']} {request['target']}  (rule {d['rule']}; "
             f"differs in {', '.join(d['aspects'])}; from {_source(d)})"]
    if d["before"]:
        lines.append("  after:")
        lines += ["    " + _step(step) for step in d["before"]]
    lines += [f"    {k}: {v}" for k, v in request["headers"]]
    if request.get("body"):
        lines.append(f"    (body, base64: {request['body'][:80]})")
    for side in ("reference", "implementation"):
        lines.append(f"  {side}:")
        lines += ["    " + line for line in _answer(d[side]).splitlines()]
    lines.append("  covered by: " + (", ".join(d["covered_by"]) or NOT_COVERED))
    lines.append("")
    return lines


def _source(d: dict) -> str:
    if d["source"] in ("seed", "mutated-seed") and d["origin"]:
        return f"{d['source']} of {d['origin']}"
    return d["source"]


def _step(step: dict) -> str:
    if "send" in step:
        sent = step["send"]
        return f"{sent['method']} {sent['target']}" + "".join(f" [{k}: {v}]" for k, v in sent["headers"])
    if "set_cookie" in step:
        return "cookie set by hand: {}={}".format(*step["set_cookie"])
    return f"cookie removed by hand: {step['delete_cookie']}"


def _answer(answer: dict) -> str:
    if answer["error"] is not None:
        return f"error: {answer['error']}"
    lines = [str(answer["status"])] + [f"{k}: {v}" for k, v in answer["headers"]]
    body = answer["body"][:120]
    if answer["body_length"] > len(body.encode("utf-8")):
        body += f"... ({answer['body_length']} bytes)"
    return "\n".join(lines) + ("\n\n" + body if body else "")
