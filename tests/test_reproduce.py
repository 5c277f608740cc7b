"""A failing record replays outside the suite: the script sends what the check sent."""

import subprocess
import sys
import threading

import pytest
from waitress.server import create_server

from flask_conformance import api, cli, results
from tests.mutants import load_all

MUTANT = "routing:unknown_paths_fall_back_to_index"
REQUIREMENT = "routing.not-found.unknown"


@pytest.fixture(scope="module")
def failed(tmp_path_factory):
    mutant = next(m for m in load_all() if m.name == MUTANT)
    path = tmp_path_factory.mktemp("reproduce") / "results.json"
    results.write(api.run(mutant, requirements=[REQUIREMENT]), str(path))
    return mutant, str(path)


@pytest.fixture
def served(failed):
    server = create_server(failed[0].build_app("routing"), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


def _script(capsys, *args):
    assert cli.main(["reproduce", *args]) == 0
    return capsys.readouterr().out


def test_the_requests_script_replays_the_failure(failed, served, capsys, tmp_path):
    script = tmp_path / "repro.py"
    script.write_text(_script(capsys, failed[1], REQUIREMENT), encoding="utf-8")
    assert "failure: GET /no-such-page: expected 404, got 200" in script.read_text()
    run = subprocess.run([sys.executable, str(script), served], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "GET /no-such-page -> 200" in run.stdout


def test_the_curl_script_is_valid_shell_sending_the_body_byte_for_byte(failed, capsys, tmp_path):
    text = _script(capsys, failed[1], REQUIREMENT, "--format", "curl")
    assert "--path-as-is" in text and '"$BASE"/no-such-page' in text
    script = tmp_path / "repro.sh"
    script.write_text(text)
    assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
    from flask_conformance.reproduce import _octal

    printed = subprocess.run(["sh", "-c", f"printf '{_octal(bytes(range(256)))}'"], capture_output=True)
    assert printed.stdout == bytes(range(256))


def test_a_requirement_without_recorded_requests_is_a_usage_error(failed, capsys):
    assert cli.main(["reproduce", failed[1], "routing.no-such-id"]) == 2
    assert "no requirement 'routing.no-such-id'" in capsys.readouterr().err


def test_a_request_the_app_raised_on_is_in_the_reproducer(tmp_path, capsys):
    """An ``error`` record keeps the request that got no answer, so it can be replayed too."""
    from tests.zoo import BROKEN_CHAPTER, ZOO

    path = tmp_path / "results.json"
    document = api.run(ZOO["raises-in-view"][0](), requirements=[f"{BROKEN_CHAPTER}.static.*"])
    results.write(document, str(path))
    erred = [r for r in document["requirements"] if r["outcome"] == "error"]
    assert erred
    for record in erred:
        last = record["reproducer"]["exchanges"][-1]
        assert last["sent"]["method"] and "response" not in last, last
    script = _script(capsys, str(path), erred[0]["id"], "--format", "curl")
    assert "curl" in script and "(no answer: " in script and "boom in the view" in script
