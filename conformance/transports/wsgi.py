"""In-process transport: WebTest's TestApp with its WSGI lint on.

``send`` hands the request to WebTest, which reads the whole body. ``open_stream`` calls the same
guarded, linted app itself and reads the response iterable one item at a time (PEP 3333), each
step under the request's time limit, so a check sees whether the body is produced as it is read,
and other requests can reach the app while the stream is paused.
"""

from __future__ import annotations

import http.cookiejar
import io
import threading
import traceback
from typing import Callable, List

from webtest import TestApp, lint
from webtest import utils as webtest_utils

from .. import taint
from ..client import Headers, Request, Response, StreamingResponse
from ..errors import ImplementationError, ImplementationTimeout
from .base import Transport, describe_exception
from .deadline import Deadline
from .guard import CANCEL_KEY, SENT_KEY, Guard


def environ_for(request: Request) -> dict:
    """The WSGI environ keys for ``request``'s headers and body (repeated headers joined)."""
    environ: dict = {}
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        environ[key] = f"{environ[key]}, {value}" if key in environ else value
    environ["wsgi.input"] = io.BytesIO(request.body)
    if request.body:
        environ["CONTENT_LENGTH"] = str(len(request.body))
    environ["SCRIPT_NAME"] = request.script_root
    if "HTTP_HOST" in environ:
        host, _, port = environ["HTTP_HOST"].rpartition(":") if ":" in environ["HTTP_HOST"] else (environ["HTTP_HOST"], "", "")
        environ["SERVER_NAME"] = host
        environ["SERVER_PORT"] = port or ("443" if request.scheme == "https" else "80")
    return environ


class WSGISession:
    def __init__(self, app, timeout: float, deadline: Deadline):
        # lint checks the app itself; the guard bounds body size and stops abandoned requests
        self._app = TestApp(Guard(lint.middleware(app)), lint=False)
        self._timeout = timeout
        self._deadline = deadline

    @property
    def cookiejar(self):
        return self._app.cookiejar

    def set_cookie(self, name: str, value: str) -> None:
        # TestApp.set_cookie would quote the value; a spec test sets the exact bytes to send
        cookie = http.cookiejar.Cookie(
            version=0, name=name, value=value, port=None, port_specified=False,
            domain=".localhost", domain_specified=True, domain_initial_dot=False,
            path="/", path_specified=True, secure=False, expires=None, discard=False,
            comment=None, comment_url=None, rest={},
        )
        self._app.cookiejar.set_cookie(cookie)

    def send(self, request: Request) -> Response:
        url = request.script_root + request.target
        what = f"{request.method} {url}"
        req = self._request(request)
        environ = req.environ  # the app's own environ: the guard leaves the headers it sent there
        # should the call be abandoned on a worker thread, the guard stops its body
        cancel = environ[CANCEL_KEY] = threading.Event()

        def call():
            return self._app.do_request(req, status="*", expect_errors=True)

        before = taint.streams()
        try:
            result = self._deadline.call(call, self._timeout, what, on_timeout=cancel.set)
        except ImplementationTimeout:
            raise
        except (Exception, SystemExit) as exc:  # SystemExit: the app's exit is its fault, not the run's end
            # a kept exception (Hypothesis keeps failures) must not keep the app's body alive
            # through the locals of the frames it passed
            traceback.clear_frames(exc.__traceback__)
            raise ImplementationError(f"{what}: the app broke WSGI or raised: {describe_exception(exc)}") from exc
        finally:
            taint.check_streams(before, what)
        # the headers as the app sent them: WebTest's response object adds a Content-Length
        status, headers = environ.get(SENT_KEY, (result.status, result.headerlist))
        return Response(
            status=int(status.split(" ", 1)[0]),
            reason=status.partition(" ")[2],
            headers=Headers(headers),
            body=result.body,
            request=request,
        )

    def open_stream(self, request: Request) -> StreamingResponse:
        """Call the app and return once it has called ``start_response``; ``chunks()`` then pulls
        one item of its response iterable per step, and ``close()`` calls the iterable's
        ``close()``. Every step runs under the request's time limit, and nothing is held between
        steps, so the app can answer other requests while the stream is paused."""
        return _Stream(self, request).open()

    def _request(self, request: Request):
        """WebTest's request for ``request``, as ``TestApp.request`` makes it; its environ is the
        one the app gets (``TestRequest.blank`` copies the environ it is given)."""
        req = self._app.RequestClass.blank(request.script_root + request.target, environ_for(request),
                                           method=request.method, base_url=f"{request.scheme}://localhost")
        req.environ["paste.throw_errors"] = True
        for name, value in self._app.extra_environ.items():
            req.environ.setdefault(name, value)
        return req

    def _environ(self, request: Request) -> dict:
        """The complete environ ``send`` gives the app: ``_request``'s, completed as
        ``TestApp.do_request`` completes it (error stream, script name, this session's cookies)."""
        req = self._request(request)
        req.environ["wsgi.errors"] = io.StringIO()
        script_name = req.environ.get("SCRIPT_NAME", "")
        if script_name and req.path_info.startswith(script_name):
            req.path_info = req.path_info[len(script_name):]
        req.environ["paste.testing"] = True
        req.environ["paste.testing_variables"] = {}
        self._app.cookiejar.add_cookie_header(webtest_utils._RequestCookieAdapter(req))
        return req.environ


_END = object()


class _Stream:
    """One streamed exchange of a :class:`WSGISession` (see ``WSGISession.open_stream``)."""

    def __init__(self, session: WSGISession, request: Request):
        self._session = session
        self._request = request
        self._what = f"{request.method} {request.script_root}{request.target}"
        self._environ = session._environ(request)
        # should a step be abandoned on a worker thread, the guard stops the body
        self._cancel = self._environ[CANCEL_KEY] = threading.Event()
        self._written: List[bytes] = []  # data the app gave start_response's write()
        self._result = None
        self._iterator = None
        self._pending: List[bytes] = []
        self._faulted = False  # a step already failed: its outcome is the one to report
        self._abandoned = False  # a step timed out on a worker thread that is still inside it
        self._closed = False
        self._opened = False  # status and headers are handed to the check

    def _step(self, func: Callable, what: str):
        """``func()`` under the deadline; an app fault becomes the outcome ``send`` gives it."""
        before = taint.streams()
        try:
            return self._session._deadline.call(func, self._session._timeout, what, on_timeout=self._cancel.set)
        except ImplementationTimeout:
            self._faulted = True
            self._abandoned = self._cancel.is_set()  # set only when the worker thread was left
            raise
        except (Exception, SystemExit) as exc:
            self._faulted = True
            traceback.clear_frames(exc.__traceback__)
            raise ImplementationError(f"{what}: the app broke WSGI or raised: {describe_exception(exc)}") from exc
        finally:
            taint.check_streams(before, what)

    def _start_response(self, status, headers, exc_info=None):
        # the guard has checked the call and recorded status and headers (SENT_KEY)
        if exc_info is not None and self._opened:
            raise exc_info[1].with_traceback(exc_info[2])  # PEP 3333: the headers are out
        return self._written.append

    def open(self) -> StreamingResponse:
        app = self._session._app.app  # the guarded, linted app

        def call():
            self._result = app(self._environ, self._start_response)
            self._iterator = iter(self._result)

        try:
            self._step(call, self._what)
            # an app may call start_response only once its iterable is read (a generator does):
            # read items until it has, keeping them for chunks()
            while SENT_KEY not in self._environ:
                item = self._step(self._pull, self._what)
                if item is _END:
                    raise self._fault("the app's body ended without a call to start_response")
        except BaseException:
            self._close_quietly()
            raise
        self._opened = True
        status, headers = self._environ[SENT_KEY]
        return StreamingResponse(int(status.split(" ", 1)[0]), Headers(headers), self._request,
                                 self._chunks(), self.close)

    def _fault(self, message: str) -> ImplementationError:
        self._faulted = True
        return ImplementationError(f"{self._what}: the app broke WSGI or raised: {message}")

    def _pull(self):
        """One item of the response iterable (``_END`` once it is exhausted), after whatever the
        app wrote before it."""
        item = next(self._iterator, _END)
        self._pending.extend(data for data in self._written if data)
        self._written.clear()
        if item is not _END and item:
            self._pending.append(item)
        return item

    def _chunks(self):
        while True:
            while self._pending:
                yield self._pending.pop(0)
            if self._closed:
                return
            if self._step(self._pull, f"{self._what} (reading the body)") is _END:
                while self._pending:
                    yield self._pending.pop(0)
                return

    def close(self) -> None:
        """Call the response iterable's ``close()`` (once); a fault in it is the request's, unless
        reading the body already failed."""
        if self._closed:
            return
        self._closed = True
        self._pending.clear()
        close = getattr(self._result, "close", None)
        if close is None or self._abandoned:  # a thread still inside the body: it stops on the cancel
            return
        if self._faulted:
            self._close_quietly(close)
            return
        self._step(close, f"{self._what} (closing the body)")

    def _close_quietly(self, close=None) -> None:
        """Release the body after another fault, which stays the one reported."""
        self._closed = True
        close = close or getattr(self._result, "close", None)
        if close is None or self._abandoned:
            return
        try:
            self._session._deadline.call(close, self._session._timeout, f"{self._what} (closing the body)",
                                         on_timeout=self._cancel.set)
        except (Exception, SystemExit):
            pass


class WSGITransport(Transport):
    name = "wsgi"

    def __init__(self, app, *, timeout: float):
        self.app = app
        self.timeout = timeout
        self.deadline = Deadline()

    def session(self) -> WSGISession:
        return WSGISession(self.app, self.timeout, self.deadline)
