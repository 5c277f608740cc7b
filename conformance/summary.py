"""The terminal summary: counts per chapter and level, disagreements, the verdict."""

from __future__ import annotations

from collections import Counter

COLUMNS = ("pass", "fail", "error", "timeout", "not-applicable")
EXPECTATION_COLUMNS = ("expected-fail", "unexpected-pass")
LEVELS = ("MUST", "SHOULD", "MAY")


def table(records) -> list:
    """Rows of (chapter, level, counts by outcome) in chapter and level order."""
    counts: dict = {}
    for record in records:
        row = counts.setdefault((record.chapter, record.level), Counter())
        row[record.outcome] += 1
    return [(chapter, level, counts[(chapter, level)])
            for chapter, level in sorted(counts, key=lambda k: (k[0], LEVELS.index(k[1])))]


def write(tr, run, results_path) -> None:
    impl = run.impl
    tr.section("flask-conformance", sep="=")
    tr.write_line(
        f"implementation {impl.name} {impl.version}, profile {run.profile}, "
        f"transport{'s' if len(run.transports) > 1 else ''} {', '.join(run.transports)}"
    )
    packages = run.packages
    tr.write_line("deciding packages: " + (", ".join(f"{name} {packages[name]}" for name in sorted(packages))
                                          or "none reported (judged at their newest releases)"))
    columns = COLUMNS + (EXPECTATION_COLUMNS if run.expectations else ())
    header = f"{'chapter':<14}{'level':<8}" + "".join(f"{c:>16}" for c in columns)
    tr.write_line(f"checks by outcome (a check is one requirement on one transport; "
                  f"{len({r.id for r in run.records.values()})} requirements, {len(run.records)} checks):")
    tr.write_line(header)
    for chapter, level, row in table(run.records.values()):
        tr.write_line(f"{chapter:<14}{level:<8}" + "".join(f"{row[c]:>16}" for c in columns))
    gaps = run.gaps()
    if gaps:
        tr.write_line(f"declared gaps ({sum(gaps.values())} checks not applicable because the implementation "
                      "lacks the API): " + ", ".join(f"{name} ({count})" for name, count in sorted(gaps.items())))
    disagreements = run.disagreements()
    if disagreements:
        tr.write_line("")
        tr.write_line(f"transport disagreements ({len(disagreements)}):", yellow=True)
        for item in disagreements:
            outcomes = ", ".join(f"{t}: {o}" for t, o in sorted(item["outcomes"].items()))
            tr.write_line(f"  {item['id']} ({outcomes})")
    must = run.failing(("MUST",))
    should = run.failing(("SHOULD",))
    tr.write_line("")
    for record in sorted(must + should, key=lambda r: (r.level, r.id, r.transport)):
        tr.write_line(f"{record.outcome.upper():<8}{record.level:<7}{record.id} [{record.transport}]: {record.message}", red=record.level == "MUST")
    for record in sorted(run.unexpected_passes(), key=lambda r: (r.id, r.transport)):
        tr.write_line(f"UNEXPECTED PASS {record.level:<7}{record.id} [{record.transport}]: "
                      "listed as expected to fail; remove it from the expectation file", yellow=True, bold=True)
    verdict = run.exit_status()
    text = (f"{len(must)} MUST and {len(should)} SHOULD requirement checks failed"
            f"{' (strict: SHOULD counts)' if run.strict else ''}; exit status {verdict}")
    tr.write_line(text, green=verdict == 0, red=verdict != 0, bold=True)
    if run.written_expectations is not None:
        tr.write_line(f"expectation file written to {run.update_expectations} "
                      f"({run.written_expectations} entries; this run was gated on it)")
    if results_path:
        tr.write_line(f"results written to {results_path}")
