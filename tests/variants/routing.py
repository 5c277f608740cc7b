"""Routing: the chapter compares status and body text, whatever media type carries the text."""

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
