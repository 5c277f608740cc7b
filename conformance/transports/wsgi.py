"""In-process transport: WebTest's TestApp with its WSGI lint on.

``send`` does what ``TestApp.do_request`` does (WebTest's request, WebOb calling the app, WebTest's
cookie jar and policy), building WebTest's response object only for an answer that needs it, so
the harness' own share of a request stays well below a small app's answer (docs/benchmark).
``open_stream`` calls the same guarded, linted app itself and reads the response iterable one
item at a time (PEP 3333), each step under the request's time limit, so a check sees whether the
body is produced as it is read, and other requests can reach the app while the stream is paused.
"""

from __future__ import annotations

import http.cookiejar
import io
import re
import threading
import traceback
from typing import Callable, List

from webtest import TestApp, lint
from webtest import utils as webtest_utils
from webtest.app import CookiePolicy

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


#: A status WebOb's response object takes as it is ("200 OK"); it would parse any other.
_PLAIN_STATUS = re.compile(r"[1-5][0-9][0-9] \S")


def _body(app_iter, headers) -> bytes:
    """The whole body, read and closed, and checked against the first ``Content-Length`` field
    the way WebOb's response object checks it (an error where they differ or it is no number)."""
    if isinstance(app_iter, list) and len(app_iter) == 1:  # WebOb takes such a body as it is
        return app_iter[0]
    try:
        body = b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()
    if body:
        declared = next((value for name, value in headers if name.lower() == "content-length"), None)
        length = int(declared) if declared else None  # not a number: WebOb's ValueError
        if length is not None and length != len(body):
            raise AssertionError(f"Content-Length is different from actual app_iter length ({length!r}!={len(body)!r})")
    return body


class _Fields:
    """A response's header fields as the cookie jar reads them (what WebTest's adapter of its
    response object gives it): every value of a field, in order, by case-insensitive name."""

    def __init__(self, headers):
        self._headers = headers

    def info(self):
        return self

    def get_all(self, name: str, default=None) -> list:
        name = name.lower()
        return [value for key, value in self._headers if key.lower() == name]


class _CookieJar(http.cookiejar.CookieJar):
    """WebTest's cookie jar without the work of an exchange that carries no cookie.

    WebTest asks the jar for a ``Cookie`` header before every request and hands it every
    response; with no cookie kept, or no ``Set-Cookie`` in the response, the standard jar would
    do nothing but bookkeeping, which costs as much as a small app's answer.
    """

    def add_cookie_header(self, request) -> None:
        if self._cookies:
            super().add_cookie_header(request)

    def extract_cookies(self, response, request) -> None:
        headers = response.info()
        if headers.get_all("Set-Cookie", None) or headers.get_all("Set-Cookie2", None):
            super().extract_cookies(response, request)


class WSGISession:
    def __init__(self, app, timeout: float, deadline: Deadline):
        # lint checks the app itself; the guard bounds body size and stops abandoned requests
        self._app = TestApp(Guard(lint.middleware(app)), lint=False,
                            cookiejar=_CookieJar(policy=CookiePolicy()))
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
        req = self._completed(request)
        environ = req.environ  # the app's own environ: the guard leaves the headers it sent there
        # should the call be abandoned on a worker thread, the guard stops its body
        cancel = environ[CANCEL_KEY] = threading.Event()
        before = taint.streams()
        try:
            body = self._deadline.call(lambda: self._exchange(req), self._timeout, what, on_timeout=cancel.set)
        except ImplementationTimeout:
            raise
        except (Exception, SystemExit) as exc:  # SystemExit: the app's exit is its fault, not the run's end
            # a kept exception (Hypothesis keeps failures) must not keep the app's body alive
            # through the locals of the frames it passed
            traceback.clear_frames(exc.__traceback__)
            raise ImplementationError(f"{what}: the app broke WSGI or raised: {describe_exception(exc)}") from exc
        finally:
            taint.check_streams(before, what)
        status, headers = environ[SENT_KEY]  # as the app sent them, before anyone added to them
        return Response(
            status=int(status.split(" ", 1)[0]),
            reason=status.partition(" ")[2],
            headers=Headers(headers),
            body=body,
            request=request,
        )

    def _exchange(self, req) -> bytes:
        """The body of the app's answer to ``req``, the way ``TestApp.do_request`` gets it.

        WebOb calls the app. WebTest's response object, which costs as much as a small app's
        answer, is built only for an answer that needs what it does beyond reading the body and
        keeping cookies: a content coding to undo, a status it would parse. Otherwise the body is
        read and checked against its ``Content-Length`` as that object would check it.
        """
        status, headers, app_iter, _ = req.call_application(self._app.app, catch_exc_info=True)
        if (_PLAIN_STATUS.match(status) and not req.environ["paste.testing_variables"]
                and not any(name.lower() == "content-encoding" for name, _ in headers)):
            body = _body(app_iter, headers)
            fields = _Fields(headers)
        else:
            res = self._app.RequestClass.ResponseClass(status=status, headerlist=list(headers), app_iter=app_iter)
            res.decode_content()
            body = res.body
            for name, value in req.environ["paste.testing_variables"].items():  # as do_request does
                if hasattr(res, name):
                    raise ValueError(f"paste.testing_variables contains the variable {name!r}, but the "
                                     "response object already has an attribute by that name")
                setattr(res, name, value)
            fields = webtest_utils._ResponseCookieAdapter(res)
        self._app.cookiejar.extract_cookies(fields, webtest_utils._RequestCookieAdapter(req))
        return body

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

    def _completed(self, request: Request):
        """``_request``'s request, its environ completed as ``TestApp.do_request`` completes it
        (error stream, script name, this session's cookies): the environ the app gets."""
        req = self._request(request)
        req.environ["wsgi.errors"] = io.StringIO()
        script_name = req.environ.get("SCRIPT_NAME", "")
        if script_name and req.path_info.startswith(script_name):
            req.path_info = req.path_info[len(script_name):]
        req.environ["paste.testing"] = True
        req.environ["paste.testing_variables"] = {}
        self._app.cookiejar.add_cookie_header(webtest_utils._RequestCookieAdapter(req))
        return req


_END = object()


class _Stream:
    """One streamed exchange of a :class:`WSGISession` (see ``WSGISession.open_stream``)."""

    def __init__(self, session: WSGISession, request: Request):
        self._session = session
        self._request = request
        self._what = f"{request.method} {request.script_root}{request.target}"
        self._environ = session._completed(request).environ
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
