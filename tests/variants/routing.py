"""Routing: the chapter compares status and body text, whatever media type carries the text."""

import re
from urllib.parse import unquote_to_bytes

from tests.variants import variant


@variant("routing")
def plain_text_in_latin_1(app):
    """Views' text sent as ``text/plain`` in ISO-8859-1 where it fits (UTF-8 otherwise), the
    charset named in another spelling: the same text for a client that reads the charset."""
    def middleware(environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(app(environ, capture))
        text = body.decode("utf-8")
        try:
            body, charset = text.encode("iso-8859-1"), '"ISO-8859-1"'
        except UnicodeEncodeError:
            charset = "UTF-8"
        headers = [(k, v) for k, v in captured["headers"] if k.lower() not in ("content-type", "content-length")]
        headers += [("Content-Type", f"text/plain; Charset={charset}"), ("Content-Length", str(len(body)))]
        start_response(captured["status"], headers)
        return [body]
    return middleware


#: What an encoded slash stands for while it is routed as data (a control character, which the
#: chapter never sends otherwise).
_DATA_SLASH = "\x1f"


@variant("routing", transport="http", fails=["routing.percent.encoded-slash-separates.variable",
                                             "routing.percent.encoded-slash-separates.static"])
def encoded_slash_as_data(app):
    """An encoded slash routed as data inside its segment, as RFC 3986 allows (a router reading
    the raw ``REQUEST_URI``), and decoded to a slash in the value: ``/str/a%2Fb`` gives ``a/b``
    and ``/docs%2Fguide%2Fintro`` is not found. Only the MAY about Werkzeug's way fails."""
    def middleware(environ, start_response):
        raw = re.sub("%2[Ff]", "%1F", environ["REQUEST_URI"].partition("?")[0])
        environ["PATH_INFO"] = unquote_to_bytes(raw).decode("latin-1")
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(app(environ, capture)).replace(_DATA_SLASH.encode(), b"/")
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], headers + [("Content-Length", str(len(body)))])
        return [body]
    return middleware
