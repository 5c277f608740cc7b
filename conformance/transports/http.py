"""Live transport: the app served by waitress on 127.0.0.1, requested with ``requests``.

Each app is served from a child process forked after the app is built, so a view that hangs
forever costs its requirement a timeout, after which the server is replaced: no thread or process
outlives the run. Between waitress and the app sits harness middleware (see docs/development):

* a *mount* applying what HTTP cannot carry: the scheme and script root a spec test asked for
  travel as ``X-Conformance-Scheme`` / ``X-Conformance-Script-Root`` and are moved into the
  environ, the way a reverse proxy mounting the app would;
* a *fault recorder* reporting, under the request's ``X-Conformance-Request`` id, either an
  exception or WSGI violation inside the app or that the request completed (PEP 3333: once the
  body's ``close()`` returned), so a broken app is an ``error`` here too and not just the
  server's generic 500, and a fault after the last byte is still the request's own;
* the WSGI lint and the :mod:`guard` (body size limit), as on the wsgi transport.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import time
from typing import Optional

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
import waitress
from webtest import lint

from .. import taint
from ..client import Headers, Request, Response, StreamingResponse
from ..errors import ImplementationError, ImplementationTimeout
from .base import Transport, describe_exception
from .guard import Guard

SCHEME_HEADER = "X-Conformance-Scheme"
SCRIPT_ROOT_HEADER = "X-Conformance-Script-Root"
REQUEST_ID_HEADER = "X-Conformance-Request"

_FORK = multiprocessing.get_context("fork")
_RAISED = "the app broke WSGI or raised"


def _environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


class _Recorded:
    """Passes an app's response iterable through, reporting a fault raised while iterating or
    closing, and the request's completion once ``close()`` has returned."""

    def __init__(self, iterable, record, done):
        self._iterable = iterable
        self._record = record
        self._done = done

    def __iter__(self):
        try:
            yield from self._iterable
        except GeneratorExit:
            raise
        except BaseException as exc:
            self._record(exc)
            raise _contained(exc) from exc

    def close(self):
        try:
            close = getattr(self._iterable, "close", None)
            if close is not None:
                close()
        except BaseException as exc:
            self._record(exc)
            raise _contained(exc) from exc
        finally:
            self._done()


def _contained(exc: BaseException) -> BaseException:
    """An exception the server handles like any app error: SystemExit or KeyboardInterrupt
    raised by a view would otherwise end one of the server's threads without an answer."""
    return exc if isinstance(exc, Exception) else RuntimeError(describe_exception(exc))


class HarnessMiddleware:
    """Mount and fault recorder around the guarded, linted app (see the module docstring)."""

    def __init__(self, app, report):
        self.app = Guard(lint.middleware(app))
        self.report = report

    def __call__(self, environ, start_response):
        request_id = environ.pop(_environ_key(REQUEST_ID_HEADER), None)
        scheme = environ.pop(_environ_key(SCHEME_HEADER), None)
        script_root = environ.pop(_environ_key(SCRIPT_ROOT_HEADER), None)
        if scheme:
            environ["wsgi.url_scheme"] = scheme
        if script_root and environ.get("PATH_INFO", "").startswith(script_root):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + script_root
            environ["PATH_INFO"] = environ["PATH_INFO"][len(script_root):]

        reported = []
        streams = taint.streams()

        def record(exc: BaseException) -> None:
            if request_id is not None and not reported:
                reported.append(True)
                self.report((request_id, f"{_RAISED}: {describe_exception(exc)}"))

        def done() -> None:
            taint.check_streams(streams, "")
            damage = taint.take_blame()  # the server is replaced after this request: no spill
            if request_id is not None and not reported:
                reported.append(True)
                self.report((request_id, damage))

        def start_response_marked(status, headers, exc_info=None):
            # tells the client that the app answered (not the server on its own), so it waits
            # for the completion report; the client removes the field again
            if request_id is not None:
                headers = list(headers) + [(REQUEST_ID_HEADER, request_id)]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        try:
            result = self.app(environ, start_response_marked)
        except BaseException as exc:
            record(exc)
            raise _contained(exc) from exc
        return _Recorded(result, record, done)


def _serve(app, threads: int, port_pipe, reports) -> None:  # runs in the child process
    import threading

    logging.getLogger("waitress").setLevel(logging.CRITICAL)
    taint.reset()
    lock = threading.Lock()

    def report(message) -> None:
        with lock:  # the server's threads share the one pipe
            reports.send(message)

    server = waitress.create_server(
        HarnessMiddleware(app, report), host="127.0.0.1", port=0, threads=threads,
        expose_tracebacks=False, channel_timeout=60, ident="waitress",
    )
    port_pipe.send(server.effective_port)
    port_pipe.close()
    server.run()


class ServedApp:
    """A waitress server for one app in a forked child process, on an ephemeral loopback port."""

    def __init__(self, app, threads: int = 4, start_timeout: float = 10.0):
        self._app = app
        self._threads = threads
        self._start_timeout = start_timeout
        self._reports = {}
        self._receiver = None
        self.process = None
        self.port = None
        self.start()

    def start(self) -> None:
        receiver, sender = _FORK.Pipe(duplex=False)
        reports, report_sender = _FORK.Pipe(duplex=False)
        self.process = _FORK.Process(target=_serve, args=(self._app, self._threads, sender, report_sender),
                                     name="flask-conformance-waitress", daemon=True)
        self.process.start()
        sender.close()
        report_sender.close()
        self._receiver = reports
        self._reports = {}
        if not receiver.poll(self._start_timeout):
            self.stop()
            raise ImplementationError(f"the server did not start within {self._start_timeout:g}s")
        self.port = receiver.recv()
        receiver.close()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.process = None
        self._receiver.close()

    def restart(self) -> None:
        """Replace the server, dropping threads stuck in a hung view."""
        self.stop()
        self.start()

    def ended(self, wait: float = 0.0) -> Optional[str]:
        """How the server process ended, if the app ended it (waiting up to ``wait`` for it to
        finish dying); None while it runs."""
        if self.process is None:
            return None
        self.process.join(wait)
        code = self.process.exitcode
        if code is None:
            return None
        if code < 0:
            return f"the server process was killed by signal {-code}"
        return f"the implementation ended the server process with exit status {code} (os._exit?)"

    def report(self, request_id: str, wait: float = 0.0):
        """What the app reported for ``request_id`` (waiting up to ``wait``): ``(True, None)``
        once it completed, ``(False, fault)`` when it broke, ``None`` when nothing came."""
        deadline = time.monotonic() + wait
        while request_id not in self._reports:
            try:
                if not self._receiver.poll(max(0.0, deadline - time.monotonic())):
                    return None
                rid, fault = self._receiver.recv()
            except (EOFError, OSError):  # the server is gone
                return None
            self._reports[rid] = fault
        fault = self._reports.pop(request_id)
        return (fault is None, fault)

    def fault(self, request_id: str, wait: float = 0.0) -> Optional[str]:
        """The fault the app reported for ``request_id``, if any (waiting up to ``wait``)."""
        found = self.report(request_id, wait)
        return found[1] if found else None

    close = stop


class _Reported(ImplementationError):
    """A fault the server reported for the request (not one the client inferred)."""


class HTTPSession:
    """One client's view of the server: its own cookie jar over the transport's connection pool.

    Properties make a fresh client per example; sharing the pool keeps them from piling up
    keep-alive connections until the server's connection limit is hit.
    """

    _ids = itertools.count(1)

    def __init__(self, served: ServedApp, timeout: float, adapter: HTTPAdapter):
        self._served = served
        self._timeout = timeout
        self._adapter = adapter
        self._jar = RequestsCookieJar()

    @property
    def cookiejar(self):
        return self._jar

    def set_cookie(self, name: str, value: str) -> None:
        self._jar.set(name, value, domain="127.0.0.1", path="/")

    def _prepare(self, request: Request):
        request_id = str(next(self._ids))
        headers = list(request.headers)
        headers.append((REQUEST_ID_HEADER, request_id))
        if request.scheme != "http":
            headers.append((SCHEME_HEADER, request.scheme))
        if request.script_root:
            headers.append((SCRIPT_ROOT_HEADER, request.script_root))
        if request.method == "HEAD" and not any(k.lower() == "connection" for k, _ in headers):
            # a server that wrongly sends a body after a HEAD response would otherwise have its
            # stray bytes read as the next response on the pooled connection, failing another
            # requirement; with the connection closed the fault stays with the HEAD requirement
            headers.append(("Connection", "close"))
        url = f"http://127.0.0.1:{self._served.port}{request.script_root}{request.target}"
        # send only what the spec test asks for (no session defaults), plus this client's cookies
        prepared = requests.Request(request.method, url, headers=_merged(headers),
                                    data=request.body or None, cookies=self._jar).prepare()
        prepared.url = url  # exactly as the spec test wrote it: no re-quoting
        return prepared, request_id, f"{request.method} {request.script_root}{request.target}"

    def _open(self, prepared, what: str):
        try:
            return self._adapter.send(prepared, timeout=self._timeout, stream=True)
        except requests.Timeout as exc:
            raise ImplementationTimeout(f"{what}: no response within {self._timeout:g}s") from exc
        except requests.RequestException as exc:
            raise ImplementationError(f"{what}: the connection broke: {describe_exception(exc)}") from exc

    def send(self, request: Request) -> Response:
        prepared, request_id, what = self._prepare(request)
        deadline = time.monotonic() + self._timeout
        reply = body = None
        try:
            reply = self._open(prepared, what)
            body = bytearray()
            for chunk in reply.raw.stream(65536, decode_content=False):
                body += chunk
                if time.monotonic() > deadline:
                    reply.close()
                    raise ImplementationTimeout(f"{what}: no complete response within {self._timeout:g}s")
            if reply.raw.headers.get(REQUEST_ID_HEADER) == request_id:
                # the app answered: the request is complete once its body's close() returned
                report = self._served.report(request_id, wait=max(deadline - time.monotonic(), 0.05))
                if report is None:
                    raise ImplementationTimeout(f"{what}: no complete response within {self._timeout:g}s "
                                                "(the body's close() did not return)")
                if not report[0]:
                    raise _Reported(f"{what}: {report[1]}")
            else:  # the server answered on its own, or for an app that raised before answering
                fault = self._served.fault(request_id)
                if fault:
                    raise _Reported(f"{what}: {fault}")
        except ImplementationError as exc:
            reply = body = None  # the traceback keeps this frame, and kept exceptions keep their tracebacks
            raise self._failed(exc, request_id, what) from exc
        except Exception as exc:  # the body broke off mid-way
            reply = body = None
            broke = ImplementationError(f"{what}: the response broke off: {describe_exception(exc)}")
            raise self._failed(broke, request_id, what) from exc
        extract_cookies_to_jar(self._jar, prepared, reply.raw)
        return Response(
            status=reply.status_code,
            reason=reply.reason or "",
            headers=_answered(reply),
            body=bytes(body),
            request=request,
        )

    def _failed(self, exc: ImplementationError, request_id: str, what: str) -> ImplementationError:
        """The error naming the fault, with nothing of it left for the next request: the pooled
        connections are dropped, and a dead or hung server is replaced."""
        self._adapter.close()
        if isinstance(exc, _Reported):
            if _RAISED not in str(exc):  # it damaged the server process: replace it
                self._served.restart()
            return exc
        timed_out = isinstance(exc, ImplementationTimeout)
        fault = self._served.fault(request_id, wait=0.0 if timed_out else 0.5)
        ended = self._served.ended(wait=0.0 if timed_out or fault else 0.5)
        if ended or timed_out:
            self._served.restart()
        if fault:  # whatever followed (a timeout, a broken connection), this is what happened
            return _Reported(f"{what}: {fault}")
        if ended:
            return ImplementationError(f"{what}: {ended}")
        return exc

    def open_stream(self, request: Request) -> StreamingResponse:
        prepared, _, what = self._prepare(request)
        reply = self._open(prepared, what)

        def chunks():
            try:
                while True:
                    data = reply.raw.read1(65536)
                    if not data:
                        return
                    yield data
            except Exception as exc:
                if "timed out" in str(exc).lower():
                    raise ImplementationTimeout(f"{what}: no more data within {self._timeout:g}s") from exc
                raise ImplementationError(f"{what}: the stream broke: {describe_exception(exc)}") from exc

        return StreamingResponse(reply.status_code, _answered(reply), request, chunks(), reply.close)


def _answered(reply) -> Headers:
    """The response's header fields as the app sent them (without the harness' marker)."""
    marker = REQUEST_ID_HEADER.lower()
    return Headers((k, v) for k, v in reply.raw.headers.items() if k.lower() != marker)


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
        self.adapter = HTTPAdapter(pool_connections=1, pool_maxsize=8, max_retries=0)

    def session(self) -> HTTPSession:
        return HTTPSession(self.served, self.timeout, self.adapter)

    def close(self) -> None:
        self.adapter.close()
        self.served.close()
