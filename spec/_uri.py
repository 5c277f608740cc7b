"""URIs compared the way RFC 3986 compares them, for checks about where a redirect points.

A ``Location`` may be a relative reference (RFC 9110, section 10.2.2): the client resolves it
against the URL it requested (RFC 3986, section 5.2). Two URIs are then the same resource when
they are equal after syntax-based and scheme-based normalisation (section 6.2.2 and 6.2.3):
scheme and host in lower case, percent-escapes with upper-case hex digits, escapes of unreserved
characters decoded, the scheme's default port left out and an empty path written ``/``. Nothing
else is changed: the path's other escapes, its slashes and the query keep their exact form.
"""

import re
from typing import NamedTuple, Optional

_URI = re.compile(r"^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")
DEFAULT_PORTS = {"http": "80", "https": "443"}


class Reference(NamedTuple):
    """The five components of a URI reference (RFC 3986, appendix B); None when absent."""

    scheme: Optional[str]
    authority: Optional[str]
    path: str
    query: Optional[str]
    fragment: Optional[str]

    @classmethod
    def parse(cls, text: str) -> "Reference":
        return cls(*_URI.match(text).groups(default=None)) if text else cls(None, None, "", None, None)

    def text(self) -> str:
        out = f"{self.scheme}:" if self.scheme is not None else ""
        out += f"//{self.authority}" if self.authority is not None else ""
        out += self.path
        out += f"?{self.query}" if self.query is not None else ""
        return out + (f"#{self.fragment}" if self.fragment is not None else "")

    @property
    def port(self) -> Optional[str]:
        """The authority's explicit port, '' for a bare colon, None when it names none."""
        host = (self.authority or "").rpartition("@")[2]
        match = re.search(r":([0-9]*)$", host)
        return match.group(1) if match and not host.endswith("]") else None


def _remove_dot_segments(path: str) -> str:
    """RFC 3986, section 5.2.4."""
    out = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./"):
            path = path[2:]
        elif path.startswith("/./") or path == "/.":
            path = "/" + path[3:]
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            start = 1 if path.startswith("/") else 0
            end = path.find("/", start)
            end = len(path) if end < 0 else end
            out.append(path[:end])
            path = path[end:]
    return "".join(out)


def resolve(reference: str, base: str) -> str:
    """``reference`` resolved against the absolute URI ``base`` (RFC 3986, section 5.2.2)."""
    r, b = Reference.parse(reference), Reference.parse(base)
    if r.scheme is not None:
        return Reference(r.scheme, r.authority, _remove_dot_segments(r.path), r.query, r.fragment).text()
    if r.authority is not None:
        return Reference(b.scheme, r.authority, _remove_dot_segments(r.path), r.query, r.fragment).text()
    if not r.path:
        return Reference(b.scheme, b.authority, b.path, r.query if r.query is not None else b.query,
                         r.fragment).text()
    if r.path.startswith("/"):
        path = r.path
    elif b.authority is not None and not b.path:
        path = "/" + r.path
    else:
        path = b.path[: b.path.rfind("/") + 1] + r.path
    return Reference(b.scheme, b.authority, _remove_dot_segments(path), r.query, r.fragment).text()


def _escapes(text: str) -> str:
    """Percent-escapes in upper case, those of unreserved characters decoded."""
    def one(match):
        char = chr(int(match.group()[1:], 16))
        return char if _UNRESERVED.fullmatch(char) else match.group().upper()
    return re.sub(r"%[0-9A-Fa-f]{2}", one, text)


def normalise(uri: str) -> str:
    """The absolute ``uri`` in its normal form (RFC 3986, sections 6.2.2 and 6.2.3)."""
    u = Reference.parse(uri)
    scheme = u.scheme.lower() if u.scheme else u.scheme
    authority = u.authority
    if authority is not None:
        userinfo, at, host = authority.rpartition("@")
        port = Reference(None, host, "", None, None).port
        if port is not None:
            host = host[: -len(port) - 1]
            if port and port != DEFAULT_PORTS.get(scheme or ""):
                host += ":" + port
        authority = _escapes(userinfo) + at + _escapes(host).lower()
    path = _escapes(u.path)
    if authority is not None and not path:
        path = "/"
    query = _escapes(u.query) if u.query is not None else None
    return Reference(scheme, authority, path, query, u.fragment).text()


def same(reference: str, base: str, expected: str) -> bool:
    """True when ``reference``, resolved against ``base``, is the absolute URI ``expected``."""
    return normalise(resolve(reference, base)) == normalise(expected)
