"""Live transport: the app served by waitress on 127.0.0.1, requested with ``requests``.

The server is wrapped in two pieces of harness middleware (documented in the developer docs):

* a *mount* that applies what HTTP cannot carry: the scheme and the script root a spec test asked
  for travel as ``X-Conformance-Scheme`` / ``X-Conformance-Script-Root`` and are moved into the
  environ, the way a reverse proxy mounting the app would;
* a *fault recorder* that notes an exception or WSGI violation inside the app under the request's
  ``X-Conformance-Request`` id, so a broken app is an ``error`` here too and not just the
  server's generic 500.
"""

from __future__ import annotations

import itertools
import threading
import time

import requests
import waitress
from webtest import lint

from ..client import Headers, Request, Response, StreamingResponse
from ..errors import ImplementationError, ImplementationTimeout
from .base import Transport, describe_exception

SCHEME_HEADER = "X-Conformance-Scheme"
SCRIPT_ROOT_HEADER = "X-Conformance-Script-Root"
REQUEST_ID_HEADER = "X-Conformance-Request"


def _environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


class _GuardedIterable:
    """Passes an app's response iterable through, recording a fault raised while iterating."""

    def __init__(self, iterable, record):
        self._iterable = iterable
        self._record = record

    def __iter__(self):
        try:
            yield from self._iterable
        except BaseException as exc:
            self._record(exc)
            raise

    def close(self):
        close = getattr(self._iterable, "close", None)
        if close is not None:
            try:
                close()
            except BaseException as exc:
                self._record(exc)
                raise


class HarnessMiddleware:
    """Mount and fault recorder around the app under test (see the module docstring)."""

    def __init__(self, app):
        self.app = lint.middleware(app)
        self.faults: dict = {}

    def __call__(self, environ, start_response):
        request_id = environ.pop(_environ_key(REQUEST_ID_HEADER), None)
        scheme = environ.pop(_environ_key(SCHEME_HEADER), None)
        script_root = environ.pop(_environ_key(SCRIPT_ROOT_HEADER), None)
        if scheme:
            environ["wsgi.url_scheme"] = scheme
        if script_root and environ.get("PATH_INFO", "").startswith(script_root):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + script_root
            environ["PATH_INFO"] = environ["PATH_INFO"][len(script_root):]

        def record(exc: BaseException) -> None:
            if request_id is not None:
                self.faults.setdefault(request_id, describe_exception(exc))

        try:
            result = self.app(environ, start_response)
        except BaseException as exc:
            record(exc)
            raise
        return _GuardedIterable(result, record)


class ServedApp:
    """A waitress server for one app, on an ephemeral loopback port, in a daemon thread."""

    def __init__(self, app, threads: int = 4):
        self.middleware = HarnessMiddleware(app)
        self.server = waitress.create_server(
            self.middleware, host="127.0.0.1", port=0, threads=threads,
            expose_tracebacks=False, channel_timeout=60,
        )
        self.port = self.server.effective_port
        self._thread = threading.Thread(target=self._serve, name=f"flask-conformance-waitress-{self.port}", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            self.server.run()
        except (OSError, ValueError):  # the socket map is torn down by close()
            pass

    def close(self) -> None:
        """Stop the loop from its own thread: closing every channel empties its map, ending it."""

        def close_all():
            for channel in list(self.server._map.values()):
                if channel is not self.server.trigger:
                    channel.close()
            self.server.close()

        self.server.trigger.pull_trigger(close_all)
        self._thread.join(timeout=5)
        self.server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)


class HTTPSession:
    _ids = itertools.count(1)

    def __init__(self, served: ServedApp, timeout: float):
        self._served = served
        self._timeout = timeout
        self._http = requests.Session()
        self._http.headers.clear()  # send only what the spec test asks for
        self._http.trust_env = False

    @property
    def cookiejar(self):
        return self._http.cookies

    def set_cookie(self, name: str, value: str) -> None:
        self._http.cookies.set(name, value, domain="127.0.0.1", path="/")

    def open_stream(self, request: Request) -> StreamingResponse:
        prepared, _, what = self._prepare(request)
        try:
            reply = self._http.send(prepared, allow_redirects=False, timeout=self._timeout, stream=True)
        except requests.Timeout as exc:
            raise ImplementationTimeout(f"{what}: no response head within {self._timeout:g}s") from exc
        except requests.RequestException as exc:
            raise ImplementationError(f"{what}: the connection broke: {describe_exception(exc)}") from exc

        def chunks():
            try:
                # read1-style: hand over whatever has arrived, without waiting to fill a buffer
                while True:
                    data = reply.raw.read1(65536) if hasattr(reply.raw, "read1") else reply.raw.read(1)
                    if not data:
                        return
                    yield data
            except requests.RequestException as exc:
                raise ImplementationError(f"{what}: the stream broke: {describe_exception(exc)}") from exc
            except Exception as exc:
                if "timed out" in str(exc).lower():
                    raise ImplementationTimeout(f"{what}: no more data within {self._timeout:g}s") from exc
                raise ImplementationError(f"{what}: the stream broke: {describe_exception(exc)}") from exc

        return StreamingResponse(reply.status_code, Headers(reply.raw.headers.items()), request, chunks(), reply.close)

    def _prepare(self, request: Request):
        request_id = str(next(self._ids))
        headers = [(k, v) for k, v in request.headers]
        headers.append((REQUEST_ID_HEADER, request_id))
        if request.scheme != "http":
            headers.append((SCHEME_HEADER, request.scheme))
        if request.script_root:
            headers.append((SCRIPT_ROOT_HEADER, request.script_root))
        url = f"http://127.0.0.1:{self._served.port}{request.script_root}{request.target}"
        what = f"{request.method} {request.script_root}{request.target}"
        prepared = self._http.prepare_request(
            requests.Request(request.method, url, headers=_merged(headers), data=request.body or None)
        )
        prepared.url = url  # exactly as the spec test wrote it: no re-quoting
        return prepared, request_id, what

    def send(self, request: Request) -> Response:
        prepared, request_id, what = self._prepare(request)
        try:
            reply = self._http.send(prepared, allow_redirects=False, timeout=self._timeout)
        except requests.Timeout as exc:
            raise ImplementationTimeout(f"{what}: no complete response within {self._timeout:g}s") from exc
        except requests.RequestException as exc:
            fault = self._fault(request_id, wait=True)
            reason = fault or f"the connection broke: {describe_exception(exc)}"
            raise ImplementationError(f"{what}: {reason}") from exc
        fault = self._fault(request_id)
        if fault:
            raise ImplementationError(f"{what}: the app broke WSGI or raised: {fault}")
        return Response(
            status=reply.status_code,
            reason=reply.reason or "",
            headers=Headers(reply.raw.headers.items()),
            body=reply.content,
            request=request,
        )

    def _fault(self, request_id: str, wait: bool = False):
        faults = self._served.middleware.faults
        deadline = time.monotonic() + (0.5 if wait else 0)
        while True:
            fault = faults.pop(request_id, None)
            if fault or time.monotonic() >= deadline:
                return fault
            time.sleep(0.01)


def _merged(headers):
    """requests takes a mapping; repeated fields are joined the way a proxy would."""
    merged: dict = {}
    for name, value in headers:
        key = next((k for k in merged if k.lower() == name.lower()), name)
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


class HTTPTransport(Transport):
    name = "http"

    def __init__(self, app, *, timeout: float):
        self.timeout = timeout
        self.served = ServedApp(app)

    def session(self) -> HTTPSession:
        return HTTPSession(self.served, self.timeout)

    def close(self) -> None:
        self.served.close()
