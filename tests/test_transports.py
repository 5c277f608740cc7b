"""Both transports deliver the same request to the app and the same response to the spec."""

import json
import threading

import pytest

from flask_conformance.client import Client
from flask_conformance.errors import ImplementationError, ImplementationTimeout
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


def test_wsgi_transport_streams():
    """In-process, chunks() reads one item of the response iterable per step, and another request
    reaches the app while the stream is paused."""
    produced = []
    release = threading.Event()

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain"), ("X-Stream", "yes")])
        if environ["PATH_INFO"] == "/release":
            release.set()
            return [b"released"]

        def body():
            for chunk in (b"first", b"", b"second", None):
                chunk = chunk if chunk is not None else b"last" if release.is_set() else b"never released"
                produced.append(chunk)
                yield chunk
        return body()

    transport = create("wsgi", app, timeout=5)
    client = Client(transport.session(), "wsgi")
    with client.stream("GET", "/") as response:
        assert (response.status, response.headers.get_all("X-Stream")) == (200, ["yes"])
        assert produced == []  # nothing is read before the check asks for it
        chunks = response.chunks()
        assert next(chunks) == b"first"
        assert produced == [b"first"]
        assert next(chunks) == b"second"  # empty items are no chunks
        assert produced == [b"first", b"", b"second"]
        assert Client(transport.session(), "wsgi").get("/release").text == "released"
        assert list(chunks) == [b"last"]


def test_wsgi_stream_headers_after_first_item():
    """An app whose iterable calls start_response (a generator app, an ASGI adapter) gives its
    status and headers once the first item is read; that item is the first chunk."""
    def app(environ, start_response):
        start_response("201 Created", [("Content-Type", "text/plain")])
        yield b"one"
        yield b"two"

    transport = create("wsgi", app, timeout=5)
    with Client(transport.session(), "wsgi").stream("GET", "/") as response:
        assert response.status == 201
        assert list(response.chunks()) == [b"one", b"two"]


class Body:
    """A response iterable that records whether its close() was called."""

    def __init__(self, chunks, close_error=None):
        self.chunks = chunks
        self.close_error = close_error
        self.closed = False

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        self.closed = True
        if self.close_error is not None:
            raise self.close_error


def test_wsgi_stream_close_calls_the_iterable_close():
    bodies = []

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        bodies.append(Body([b"a", b"b", b"c"]))
        return bodies[-1]

    transport = create("wsgi", app, timeout=5)
    client = Client(transport.session(), "wsgi")
    with client.stream("GET", "/") as response:
        assert next(response.chunks()) == b"a"
        assert not bodies[0].closed
    assert bodies[0].closed  # closed although the body was not read to its end
    response.close()  # once is enough


def test_wsgi_stream_close_raising_is_an_implementation_error():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Body([b"a"], close_error=RuntimeError("close broke"))

    transport = create("wsgi", app, timeout=5)
    response = Client(transport.session(), "wsgi").stream("GET", "/")
    assert list(response.chunks()) == [b"a"]
    with pytest.raises(ImplementationError, match=r"GET / \(closing the body\): .*RuntimeError: close broke"):
        response.close()


def test_wsgi_stream_exception_mid_stream_is_an_implementation_error():
    closed = []

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])

        def body():
            try:
                yield b"first"
                raise KeyError("lost")
            finally:
                closed.append(True)
        return body()

    transport = create("wsgi", app, timeout=5)
    with pytest.raises(ImplementationError, match=r"GET /\?x=1 .*KeyError: 'lost'"):
        with Client(transport.session(), "wsgi").stream("GET", "/?x=1") as response:
            chunks = response.chunks()
            assert next(chunks) == b"first"
            next(chunks)
    assert closed == [True]


def test_wsgi_stream_exception_before_start_response_is_an_implementation_error():
    def app(environ, start_response):
        raise KeyError("lost")

    transport = create("wsgi", app, timeout=5)
    with pytest.raises(ImplementationError, match="KeyError: 'lost'"):
        Client(transport.session(), "wsgi").stream("GET", "/")


@pytest.mark.parametrize("on_thread", [False, True], ids=["alarm", "worker-thread"])
def test_wsgi_stream_hang_is_a_timeout(on_thread):
    """A generator that hangs between chunks is a timeout naming the request, under the alarm and
    on the worker thread alike; the next request is answered."""
    stop = threading.Event()

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        if environ["PATH_INFO"] == "/ok":
            return [b"ok"]

        def body():
            yield b"first"
            stop.wait(30)  # hangs (the worker thread's wait ends when the test does)
            yield b"never"
        return body()

    transport = create("wsgi", app, timeout=0.5)
    client = Client(transport.session(), "wsgi")

    def run():
        with pytest.raises(ImplementationTimeout, match=r"GET /hang .*within 0.5s"):
            with client.stream("GET", "/hang") as response:
                chunks = response.chunks()
                assert next(chunks) == b"first"
                next(chunks)
        return client.get("/ok").body

    try:
        if on_thread:  # not the main thread: the deadline's worker thread runs each step
            box = {}
            thread = threading.Thread(target=lambda: box.setdefault("body", run()))
            thread.start()
            thread.join(10)
            assert box.get("body") == b"ok"
        else:
            assert run() == b"ok"
    finally:
        stop.set()


def test_wsgi_stream_sends_the_session_cookies():
    transport = create("wsgi", echo, timeout=5)
    client = Client(transport.session(), "wsgi")
    client.set_cookie("flavour", "lemon")
    with client.stream("GET", "/inner", headers={"X-Custom": "yes"}) as response:
        seen = json.loads(b"".join(response.chunks()))
    assert (seen["cookie"], seen["x_custom"], seen["path_info"]) == ("flavour=lemon", "yes", "/inner")


def test_wsgi_headers_are_the_apps_own():
    """send returns the header fields the app gave start_response, without WebTest's additions."""
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"no length"]

    transport = create("wsgi", app, timeout=5)
    response = Client(transport.session(), "wsgi").get("/")
    assert response.headers.items() == [("Content-Type", "text/plain")]
    assert response.body == b"no length"


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
