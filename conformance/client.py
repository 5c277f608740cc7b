"""The one client interface every spec test sees, whatever the transport.

Spec tests talk HTTP through :class:`Client` and observe only status, headers, body and cookies
(DESIGN rule 1). Transports turn a :class:`Request` into a :class:`Response`; the client adds the
conveniences (methods, forms, JSON, following redirects) on top, identically for all of them.
"""

from __future__ import annotations

import base64
import json as jsonlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Tuple, Union
from urllib.parse import urlencode, urlsplit

HeaderInput = Union[None, dict, Iterable[Tuple[str, str]]]

#: Headers a transport or server adds on its own; ignored when comparing header sets.
TRANSPORT_HEADERS = frozenset({"date", "server", "connection", "keep-alive", "transfer-encoding"})


class Headers:
    """An ordered, case-insensitive multi-map of header fields."""

    def __init__(self, items: Iterable[Tuple[str, str]] = ()):
        self._items: List[Tuple[str, str]] = [(str(k), str(v)) for k, v in items]

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The first value of ``name``, or ``default``."""
        lowered = name.lower()
        for key, value in self._items:
            if key.lower() == lowered:
                return value
        return default

    def get_all(self, name: str) -> List[str]:
        lowered = name.lower()
        return [value for key, value in self._items if key.lower() == lowered]

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[Tuple[str, str]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> List[Tuple[str, str]]:
        return list(self._items)

    def comparable(self, ignore: Iterable[str] = ()) -> List[Tuple[str, str]]:
        """Sorted (lowercased name, value) pairs without transport-added and ``ignore`` fields."""
        skip = TRANSPORT_HEADERS | {name.lower() for name in ignore}
        return sorted((k.lower(), v) for k, v in self._items if k.lower() not in skip)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass(frozen=True)
class SetCookie:
    """One parsed ``Set-Cookie`` field; attribute names are lowercased, flags map to True."""

    name: str
    value: str
    attributes: dict

    @classmethod
    def parse(cls, header: str) -> "SetCookie":
        pair, *params = header.split(";")
        name, _, value = pair.partition("=")
        attributes: dict = {}
        for param in params:
            key, sep, val = param.strip().partition("=")
            if key:
                attributes[key.lower()] = val.strip() if sep else True
        return cls(name.strip(), value.strip(), attributes)

    def get(self, attribute: str, default=None):
        return self.attributes.get(attribute.lower(), default)


@dataclass
class Request:
    """What a spec test asks a transport to send; ``target`` is the raw path and query."""

    method: str
    target: str
    headers: List[Tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    scheme: str = "http"
    script_root: str = ""

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    def as_dict(self) -> dict:
        """What was sent, exactly enough to send it again outside the suite (reproducers)."""
        data = {"method": self.method, "target": self.target, "headers": [list(h) for h in self.headers]}
        if self.body:
            data["body"] = base64.b64encode(self.body).decode("ascii")
        if self.scheme != "http":
            data["scheme"] = self.scheme
        if self.script_root:
            data["script_root"] = self.script_root
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Request":
        """The request ``as_dict`` describes (a reproducer's ``sent``, an explore corpus step)."""
        body = base64.b64decode(data["body"]) if data.get("body") else b""
        return cls(str(data["method"]), str(data["target"]), [(str(k), str(v)) for k, v in data.get("headers", [])],
                   body, data.get("scheme", "http"), data.get("script_root", ""))

    def describe(self) -> str:
        """The request as an HTTP/1.1 message head, for reproducers."""
        lines = [f"{self.method} {self.script_root}{self.target} HTTP/1.1"]
        lines += [f"{k}: {v}" for k, v in self.headers]
        if self.scheme != "http":
            lines.append(f"(scheme: {self.scheme})")
        if self.script_root:
            lines.append(f"(script root: {self.script_root})")
        text = "\n".join(lines)
        if self.body:
            text += "\n\n" + self.body[:200].decode("utf-8", "replace")
        return text


@dataclass
class Response:
    """What came back: status, headers and the complete body."""

    status: int
    headers: Headers
    body: bytes
    request: Request
    reason: str = ""

    @property
    def text(self) -> str:
        return self.body.decode(self.charset, "replace")

    @property
    def charset(self) -> str:
        content_type = self.headers.get("Content-Type", "")
        for param in content_type.split(";")[1:]:
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"')
        return "utf-8"

    @property
    def mimetype(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def json(self):
        """The body parsed as JSON; a body that is not JSON fails the check that asked."""
        try:
            return jsonlib.loads(self.body)
        except ValueError as exc:
            raise AssertionError(f"expected a JSON body, got {self.body[:120]!r}") from exc

    @property
    def set_cookies(self) -> List[SetCookie]:
        return [SetCookie.parse(h) for h in self.headers.get_all("Set-Cookie")]

    def set_cookie(self, name: str) -> Optional[SetCookie]:
        """The last ``Set-Cookie`` for ``name`` in this response, or None."""
        found = [c for c in self.set_cookies if c.name == name]
        return found[-1] if found else None

    def describe(self, limit: int = 300) -> str:
        """Status, headers and a body excerpt, for failure messages and reproducers."""
        lines = [f"{self.status} {self.reason}".rstrip()]
        lines += [f"{k}: {v}" for k, v in self.headers]
        excerpt = self.body[:limit].decode("utf-8", "replace")
        if len(self.body) > limit:
            excerpt += f"... ({len(self.body)} bytes)"
        return "\n".join(lines) + ("\n\n" + excerpt if excerpt else "")

    def __repr__(self) -> str:
        return f"<Response {self.status} for {self.request.method} {self.request.target}>"


class StreamingResponse:
    """Status and headers of a response whose body is still arriving; ``chunks()`` reads it."""

    def __init__(self, status: int, headers: Headers, request: Request, chunks, close):
        self.status = status
        self.headers = headers
        self.request = request
        self._chunks = chunks
        self._close = close

    def chunks(self) -> Iterator[bytes]:
        """Yield body data as it arrives (at least one byte per item)."""
        return self._chunks

    def close(self) -> None:
        self._close()

    def __enter__(self) -> "StreamingResponse":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


REDIRECT_KEEPS_METHOD = {307, 308}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class Client:
    """Sends requests through one transport session (its own cookie jar) and records them.

    ``exchanges`` keeps every (request, response) pair so a failure can say what was sent and
    what came back (None: no answer, the request ended in an error).
    """

    def __init__(self, session, transport: str):
        self._session = session
        self.transport = transport
        self.exchanges: List[Tuple[Request, Optional[Response]]] = []

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Union[None, str, dict, list] = None,
        headers: HeaderInput = None,
        body: Union[None, bytes, str] = None,
        form: Union[None, dict, list] = None,
        json=None,
        scheme: str = "http",
        script_root: str = "",
        follow_redirects: bool = False,
    ) -> Response:
        """Send one request; ``path`` is sent exactly as given (percent-encoding included).

        Redirects are not followed unless ``follow_redirects``: then 307/308 repeat the method
        and body, the other redirect statuses become a GET without a body, as browsers do.
        """
        header_list = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if query is not None:
            path += "?" + (query if isinstance(query, str) else urlencode(query, doseq=True))
        payload = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if form is not None:
            payload = urlencode(form, doseq=True).encode("ascii")
            header_list.append(("Content-Type", "application/x-www-form-urlencoded"))
        elif json is not None:
            payload = jsonlib.dumps(json).encode("utf-8")
            header_list.append(("Content-Type", "application/json"))
        request = Request(method.upper(), path, header_list, payload, scheme, script_root)
        response = self.send(request)
        hops = 0
        while follow_redirects and response.status in REDIRECT_STATUSES and hops < 10:
            hops += 1
            response = self.send(self._redirected(request, response))
        return response

    def send(self, request: Request) -> Response:
        try:
            response = self._session.send(request)
        except BaseException:  # no answer (the app raised, a timeout): the request was still sent
            self.exchanges.append((request, None))
            raise
        self.exchanges.append((request, response))
        return response

    @staticmethod
    def _redirected(request: Request, response: Response) -> Request:
        location = response.headers.get("Location")
        if location is None:
            raise AssertionError(f"{response.status} redirect without a Location header")
        parts = urlsplit(location)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        script_root = request.script_root
        if script_root and target.startswith(script_root):
            target = target[len(script_root):] or "/"
        if response.status in REDIRECT_KEEPS_METHOD:
            return Request(request.method, target, request.headers, request.body,
                           parts.scheme or request.scheme, script_root)
        kept = [(k, v) for k, v in request.headers if k.lower() not in {"content-type", "content-length"}]
        return Request("GET", target, kept, b"", parts.scheme or request.scheme, script_root)

    def stream(self, method: str, path: str, *, headers: HeaderInput = None) -> "StreamingResponse":
        """Send a request and return as soon as the status and headers arrive.

        The body is then read chunk by chunk as the app produces it, so a spec test can observe
        streaming: over http as the connection delivers it, in-process (wsgi) one item of the
        response iterable at a time. Leave the ``with`` block (or call ``close()``) to end it.
        """
        header_list = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        request = Request(method.upper(), path, header_list)
        opener = getattr(self._session, "open_stream", None)
        if opener is None:
            raise NotImplementedError(f"the {self.transport} transport cannot observe streaming")
        return opener(request)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def head(self, path: str, **kwargs) -> Response:
        return self.request("HEAD", path, **kwargs)

    def post(self, path: str, **kwargs) -> Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs) -> Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs) -> Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs) -> Response:
        return self.request("DELETE", path, **kwargs)

    def options(self, path: str, **kwargs) -> Response:
        return self.request("OPTIONS", path, **kwargs)

    # Cookies: the jar of this client's transport session.

    def cookie(self, name: str) -> Optional[str]:
        """The value the client's jar holds for cookie ``name`` (None when absent)."""
        for cookie in self._session.cookiejar:
            if cookie.name == name:
                return cookie.value
        return None

    def set_cookie(self, name: str, value: str) -> None:
        """Put ``name=value`` in the jar (replacing any cookie of that name) to be sent next."""
        self.delete_cookie(name)
        self._session.set_cookie(name, value)

    def delete_cookie(self, name: str) -> None:
        jar = self._session.cookiejar
        for cookie in list(jar):
            if cookie.name == name:
                jar.clear(cookie.domain, cookie.path, cookie.name)
