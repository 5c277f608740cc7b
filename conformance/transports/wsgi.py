"""In-process transport: WebTest's TestApp with its WSGI lint on."""

from __future__ import annotations

import http.cookiejar
import io
import threading
import traceback

from webtest import TestApp, lint

from .. import taint
from ..client import Headers, Request, Response
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
        environ = environ_for(request)
        # should the call be abandoned on a worker thread, the guard stops its body
        cancel = environ[CANCEL_KEY] = threading.Event()

        def call():
            return self._app.request(
                url,
                method=request.method,
                base_url=f"{request.scheme}://localhost",
                environ=environ,
                status="*",
                expect_errors=True,
            )

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


class WSGITransport(Transport):
    name = "wsgi"

    def __init__(self, app, *, timeout: float):
        self.app = app
        self.timeout = timeout
        self.deadline = Deadline()

    def session(self) -> WSGISession:
        return WSGISession(self.app, self.timeout, self.deadline)
