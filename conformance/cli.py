"""The ``flask-conformance`` command: run the spec, list requirements, list implementations."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional

from . import arguments
from .__about__ import SPEC_VERSION, __version__
from .errors import UsageError
from .transports import DEFAULT_TIMEOUT

EXIT_STATUSES = """\
exit status:
  0  no MUST requirement failed (with --strict: no SHOULD either)
  1  a MUST requirement failed, errored or timed out and no expectation file lists it
     (with --strict: a SHOULD one too, or a listed requirement passed unexpectedly)
  2  usage or configuration error: bad option, unknown or unloadable implementation,
     a selection that matches no requirement, an interrupted run
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flask-conformance",
        description="Check a Flask-style web framework against the executable Flask specification.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXIT_STATUSES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} (spec {SPEC_VERSION})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    run = commands.add_parser(
        "run", help="run the spec against an implementation",
        description="Run the spec against an implementation and print a summary per chapter and level. "
                    "Arguments after -- go to pytest unchanged.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXIT_STATUSES,
    )
    run.add_argument("--impl", default="flask", metavar="NAME",
                     help="entry point name or package.module:attribute (default: flask)")
    run.add_argument("--transport", choices=("wsgi", "http", "both"), default="wsgi",
                     help="wsgi: in-process through WebTest; http: a live waitress server on 127.0.0.1; "
                          "both: each requirement on each (default: wsgi)")
    run.add_argument("--results", metavar="FILE", help="write the results JSON to FILE")
    run.add_argument("--profile", metavar="VERSION",
                     help="Flask-API version to check against (default: the one the implementation targets)")
    run.add_argument("-k", dest="keyword", metavar="EXPR", help="pytest -k expression selecting spec tests")
    run.add_argument("--requirement", action="append", default=[], metavar="ID",
                     help="run only requirements whose ID matches this glob (repeatable)")
    run.add_argument("--strict", action="store_true",
                     help="failing SHOULD requirements and unexpected passes also fail the run")
    run.add_argument("--expectations", metavar="FILE",
                     help="expectation file (TOML): listed requirements (IDs, families or globs) that fail "
                          "are expected-fail, listed ones that pass are unexpected-pass")
    run.add_argument("--update-expectations", metavar="FILE",
                     help="write an expectation file listing every MUST and SHOULD requirement that failed "
                          "in this run (keeping the grouping and reasons of the --expectations file), "
                          "and gate the run on it")
    run.add_argument("--thorough", action="store_true",
                     help="run properties with many more Hypothesis examples (default: derandomized CI profile)")
    run.add_argument("--timeout", type=arguments.timeout, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"per-request timeout, greater than 0 and at most {arguments.MAX_TIMEOUT:g} "
                          f"(default: {DEFAULT_TIMEOUT:g})")
    run.add_argument("--junitxml", metavar="FILE", help="also write JUnit XML of the verdict: a test case per check, failing only what "
                          "the exit status fails on")
    run.add_argument("--tracebacks", action="store_true",
                     help="also print each failing check's traceback and pytest's list of failed tests "
                          "(default: the summary's one line per failing requirement)")
    run.add_argument("pytest_args", nargs="*", metavar="-- PYTEST-ARGS", help="passed to pytest unchanged")

    listing = commands.add_parser("list", help="print every requirement with its metadata")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--chapter", action="append", default=[], help="only this chapter (repeatable)")

    report = commands.add_parser(
        "report", help="merge results files into the comparison matrix",
        description="Merge results files into the comparison matrix: requirements by chapter down the "
                    "side, one column per implementation, version, profile and spec version, and per "
                    "column its MUST score, the share of the spec the score covers and counts per level. "
                    "The HTML page adds a legend, each cell's messages and expectation reasons, and a "
                    "'differences only' switch.")
    report.add_argument("results", nargs="+", metavar="RESULTS", help="results JSON files (from run --results), or directories of them")
    report.add_argument("--format", choices=("text", "markdown", "html"), default="text",
                        help="text, markdown or a stand-alone HTML page (default: text)")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    report.add_argument("--differences", action="store_true",
                        help="only the requirements on which the columns reach different verdicts "
                             "(n/a, gap and not-run cells left out); in HTML, the page opens with its "
                             "'differences only' switch on")
    report.add_argument("--docs-url", metavar="BASE",
                        help="link each requirement ID (markdown, html) to its anchor in the reference "
                             "docs published at BASE: BASE/chapters/CHAPTER.html#ID (default: no links)")

    badge = commands.add_parser(
        "badge", help="write a score badge of one implementation for its README",
        description="Merge the results files of one implementation, version and profile and write a "
                    "badge of its MUST score, with the share of the spec the score covers when that is "
                    "less than all: an SVG, or JSON for a shields.io endpoint badge.")
    badge.add_argument("results", nargs="+", metavar="RESULTS",
                       help="results JSON files (from run --results), or directories of them")
    badge.add_argument("--format", choices=("svg", "json"), default="svg",
                       help="svg: a flat badge image; json: the shields.io endpoint schema "
                            "(schemaVersion, label, message, color) (default: svg)")
    badge.add_argument("--label", default="flask-conformance", help="the badge's left-hand text (default: flask-conformance)")
    badge.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    reproduce = commands.add_parser(
        "reproduce", help="print a failing requirement's requests as a script to run outside the suite",
        description="Print the requests a failing requirement sent (from a results file) as a standalone "
                    "script, with the failure and each answer that came back as comments: Python with "
                    "requests, or curl commands. Run it against the chapter's fixture app served at a URL "
                    "(the script's first argument, default http://127.0.0.1:5000).")
    reproduce.add_argument("results", metavar="RESULTS", help="a results file (from run --results)")
    reproduce.add_argument("requirement", metavar="ID", help="the requirement ID of a failing record")
    reproduce.add_argument("--transport", choices=("wsgi", "http"),
                           help="the record of this transport (default: the first failing one)")
    reproduce.add_argument("--format", choices=("requests", "curl"), default="requests")

    explore = commands.add_parser(
        "explore", help="send the same requests to an implementation and to Flask, report the differences",
        description="Replay the corpus (--corpus) and the request sequences the spec's own checks send, then "
                    "generate cases from them and from each chapter's fixture routes (Hypothesis, seeded), "
                    "send each one in-process to the implementation and to the reference Flask, compare the "
                    "answers the way the spec compares them and report every kind of difference, shrunk "
                    "to a minimal case, with the requirements that already cover it. The implementation "
                    "runs unsupervised in this process. Needs Flask installed (the explore extra).",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXPLORE_EXIT_STATUSES,
    )
    explore.add_argument("--impl", required=True, metavar="NAME",
                         help="entry point name or package.module:attribute of the implementation to explore")
    explore.add_argument("--chapter", action="append", default=[], metavar="C",
                         help="explore this chapter (repeatable; default: every chapter)")
    budget = explore.add_mutually_exclusive_group()
    budget.add_argument("--examples", type=_examples, default=None, metavar="N",
                        help="generated cases per chapter, after the replays (default: 200)")
    budget.add_argument("--seconds", type=_seconds, default=None, metavar="S",
                        help="generate cases for S seconds per chapter instead, after the replays")
    explore.add_argument("--corpus", metavar="FILE",
                         help="replay the cases in FILE first, and append the differences found to it "
                              "(created if missing)")
    explore.add_argument("--exact", action="store_true",
                         help="count Flask's exact form as a difference too (header spellings, JSON bytes, "
                              "cookie attributes as written), as the spec's SHOULD and MAY requirements do")
    explore.add_argument("--stop-on-first", action="store_true",
                         help="stop at the first difference found (still shrunk and reported)")
    explore.add_argument("--results", metavar="FILE", help="write the differences as JSON to FILE")
    explore.add_argument("--fail-on-difference", action="store_true",
                         help="exit with status 1 when a difference is found (default: 0 either way)")

    commands.add_parser("implementations", help="list the implementations registered by entry point")
    return parser


EXPLORE_EXIT_STATUSES = """\
exit status:
  0  the exploration ran, whether or not it found differences
  1  with --fail-on-difference: a difference was found
  2  usage or configuration error: bad option, unknown or unloadable implementation or chapter,
     the reference Flask not installed, an unreadable corpus file
"""


def _examples(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def command_run(args) -> int:
    from .api import run_spec

    # the implementation is loaded in the supervised worker, never in this process
    tracebacks = ["--tb=short", "-rfE"] if args.tracebacks else []
    return run_spec(
        impl_name=args.impl, transport=args.transport, results=args.results, junitxml=args.junitxml,
        profile=args.profile,
        strict=args.strict, timeout=args.timeout, requirements=args.requirement, keyword=args.keyword,
        thorough=args.thorough, expectations=args.expectations, update_expectations=args.update_expectations,
        extra_args=tracebacks + list(args.pytest_args),
    )


def command_list(args) -> int:
    from .catalog import requirements

    selected = [r for r in requirements() if not args.chapter or r.chapter in args.chapter]
    if args.format == "json":
        json.dump([r.as_dict() for r in selected], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max((len(r.id) for r in selected), default=10)
    for r in selected:
        versions = f"{r.since}..{r.until}" if r.until else f"{r.since}+"
        versions += "".join(f", {bound.describe()}" for bound in r.packages)
        first = r.statement.splitlines()[0]
        print(f"{r.id:<{width}}  {r.level.value:<6}  {versions:<12}  {first}")
    return 0


def command_report(args) -> int:
    from . import report

    matrix = report.load(args.results)  # UsageError names a missing, unreadable or invalid file
    text = report.RENDERERS[args.format](matrix, docs_url=args.docs_url, differences=args.differences)
    return _write(text, args.output)


def command_badge(args) -> int:
    from . import badge, report

    matrix = report.load(args.results)
    return _write(badge.RENDERERS[args.format](badge.endpoint(matrix, args.label)), args.output)


def _write(text: str, output: Optional[str]) -> int:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    return 0


def command_reproduce(args) -> int:
    from . import reproduce
    from .report import read

    record = reproduce.find_record(read(args.results), args.requirement, args.transport)
    sys.stdout.write(reproduce.RENDERERS[args.format](record, args.results))
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400")
    return value


def command_explore(args) -> int:
    from . import explore
    from .catalog import chapter_names
    from .registry import load

    reference = explore.load_reference()  # first: without Flask there is nothing to compare with
    unknown = [c for c in args.chapter if c not in chapter_names()]
    if unknown:
        raise UsageError(f"no chapter {', '.join(map(repr, unknown))} (chapters: {', '.join(chapter_names())})")
    implementation = load(args.impl)
    chapters = list(dict.fromkeys(args.chapter)) or list(explore.DEFAULT_CHAPTERS)
    budget = explore.Budget(examples=args.examples or (None if args.seconds else 200), seconds=args.seconds)
    options = explore.Options(exact=args.exact, stop_on_first=args.stop_on_first)
    document = explore.explore(implementation, reference, chapters, budget, options, corpus=args.corpus)
    if args.results:
        _write(json.dumps(document, indent=2) + "\n", args.results)
    sys.stdout.write(explore.render_text(document))
    return 1 if args.fail_on_difference and document["differences"] else 0


def command_implementations(args) -> int:
    from .registry import available

    for name in available():
        print(name)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = {"run": command_run, "list": command_list, "report": command_report, "badge": command_badge,
               "reproduce": command_reproduce, "explore": command_explore, "implementations": command_implementations}[args.command]
    try:
        return handler(args)
    except UsageError as exc:
        print(f"flask-conformance: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (head, less) went away: nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush is silent
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
