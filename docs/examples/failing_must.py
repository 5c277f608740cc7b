"""Print the MUST requirements a results file records as failing; exit 1 if there is any.

    python failing_must.py results/tinyframe.json

Only the standard library: a results file is plain JSON (its schema is in the docs).
"""

import json
import sys

FAILING = {"fail", "error", "timeout"}


def failing_must(document):
    """(id, transport, message) of every MUST record that failed, errored or timed out."""
    for record in document["requirements"]:
        if record["level"] == "MUST" and record["outcome"] in FAILING:
            yield record["id"], record["transport"], record["message"]


def main(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    impl = document["implementation"]
    print(f"{impl['name']} {impl['version']}, profile {impl['profile']}, spec {document['spec_version']}")
    failures = list(failing_must(document))
    for rid, transport, message in failures:
        print(f"{rid} [{transport}]: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
