"""Both transports deliver the same request to the app and the same response to the spec."""

import json
import threading

import pytest

from flask_conformance.client import Client
from flask_conformance.errors import ImplementationError
from flask_conformance.transports import create


def echo(environ, start_response):
    """Reports what it received, as JSON."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    seen = {
        "method": environ["REQUEST_METHOD"],
        "script_name": environ.get("SCRIPT_NAME", ""),
        "path_info": environ["PATH_INFO"],
        "query": environ.get("QUERY_STRING", ""),
        "scheme": environ["wsgi.url_scheme"],
        "host": environ.get("HTTP_HOST"),
        "x_custom": environ.get("HTTP_X_CUSTOM"),
        "cookie": environ.get("HTTP_COOKIE"),
        "body": environ["wsgi.input"].read(length).decode("latin-1"),
        "harness_headers": sorted(k for k in environ if k.startswith("HTTP_X_CONFORMANCE")),
    }
    body = json.dumps(seen).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
               ("X-Twice", "a"), ("X-Twice", "b")]
    if environ["PATH_INFO"] == "/set-cookie":
        headers.append(("Set-Cookie", "flavour=ginger; Path=/"))
    start_response("200 OK", headers)
    return [body]


@pytest.fixture(params=["wsgi", "http"])
def client(request):
    transport = create(request.param, echo, timeout=5)
    yield Client(transport.session(), request.param)
    transport.close()


def test_raw_path_and_query_arrive_unchanged(client):
    seen = client.get("/caf%C3%A9/a%2Fb", query="b=2&a=%41&a=1").json()
    assert seen["path_info"] == "/caf\xc3\xa9/a/b"  # WSGI: decoded bytes as latin-1
    assert seen["query"] == "b=2&a=%41&a=1"


def test_headers_body_and_method(client):
    seen = client.put("/x", headers={"X-Custom": "yes", "Host": "example.test:8080"}, body=b"payload").json()
    assert (seen["method"], seen["x_custom"], seen["host"], seen["body"]) == ("PUT", "yes", "example.test:8080", "payload")


def test_scheme_and_script_root(client):
    seen = client.get("/inner", scheme="https", script_root="/mount").json()
    assert (seen["scheme"], seen["script_name"], seen["path_info"]) == ("https", "/mount", "/inner")
    assert seen["harness_headers"] == []  # the mount headers never reach the app


def test_repeated_response_headers_are_kept(client):
    assert client.get("/").headers.get_all("X-Twice") == ["a", "b"]


def test_cookies_round_trip_and_can_be_replaced(client):
    client.get("/set-cookie")
    assert client.cookie("flavour") == "ginger"
    assert client.get("/").json()["cookie"] == "flavour=ginger"
    client.set_cookie("flavour", "lemon")
    assert client.get("/").json()["cookie"] == "flavour=lemon"
    client.delete_cookie("flavour")
    assert client.get("/").json()["cookie"] is None


def test_follow_redirects_keeps_method_for_308():
    def app(environ, start_response):
        if environ["PATH_INFO"] == "/old":
            start_response("308 Permanent Redirect", [("Location", "http://localhost/new?q=1"), ("Content-Type", "text/plain")])
            return [b""]
        return echo(environ, start_response)

    for name in ("wsgi", "http"):
        transport = create(name, app, timeout=5)
        try:
            seen = Client(transport.session(), name).post("/old", body=b"kept", follow_redirects=True).json()
            assert (seen["method"], seen["path_info"], seen["query"], seen["body"]) == ("POST", "/new", "q=1", "kept")
        finally:
            transport.close()


def test_http_transport_streams():
    release = threading.Event()  # lives in the server process: released through a request

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        if environ["PATH_INFO"] == "/release":
            release.set()
            return [b"released"]

        def body():
            yield b"first"
            yield b"last" if release.wait(5) else b"never released"
        return body()

    transport = create("http", app, timeout=10)
    try:
        client = Client(transport.session(), "http")
        with client.stream("GET", "/") as response:
            chunks = response.chunks()
            assert next(chunks) == b"first"
            assert Client(transport.session(), "http").get("/release").text == "released"
            assert b"".join(chunks) == b"last"
    finally:
        transport.close()


def test_wsgi_transport_cannot_stream():
    transport = create("wsgi", echo, timeout=5)
    with pytest.raises(NotImplementedError):
        Client(transport.session(), "wsgi").stream("GET", "/")


def test_app_exception_is_an_implementation_error():
    def app(environ, start_response):
        raise KeyError("lost")

    for name in ("wsgi", "http"):
        transport = create(name, app, timeout=5)
        try:
            with pytest.raises(ImplementationError, match="KeyError: 'lost'"):
                Client(transport.session(), name).get("/")
        finally:
            transport.close()
