"""Methods: ``Allow`` in other list spellings, another 2xx for OPTIONS, HEAD without a size or
with its media type spelled otherwise."""

from tests.variants import variant


def _respond_with(app, change):
    """A middleware passing ``(method, status, headers)`` of each response through ``change``."""
    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            status, headers = change(environ["REQUEST_METHOD"], status, list(headers))
            return start_response(status, headers, exc_info)
        return app(environ, respond)
    return middleware


def _allow_respelled(method, status, headers):
    """Each ``Allow`` as two field lines, reversed, with extra spaces, a duplicate and an
    empty element: the same set of methods (RFC 9110, section 5.6.1)."""
    out = []
    for name, value in headers:
        if name.lower() != "allow":
            out.append((name, value))
            continue
        methods = [m.strip() for m in value.split(",")][::-1]
        out.append(("allow", "  ,".join(methods[:1] + methods[:1])))
        out.append(("ALLOW", " , ".join([""] + methods[1:])))
    return status, out


@variant("methods", transport="both")
def allow_spelled_otherwise(app):
    return _respond_with(app, _allow_respelled)


@variant("methods", transport="both", fails={"methods.options.status-200"})
def options_answered_204(app):
    """The automatic OPTIONS answer as 204 No Content, which every client takes as success."""
    def change(method, status, headers):
        if method == "OPTIONS" and status.startswith("200") and any(k.lower() == "allow" for k, _ in headers):
            status = "204 No Content"
            headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "content-type")]
        return status, headers
    return _respond_with(app, change)


@variant("methods", fails={"methods.head.content-length"})
def head_without_content_length(app):
    """HEAD answered without ``Content-Length``, which RFC 9110 (section 9.3.2) allows."""
    def change(method, status, headers):
        if method == "HEAD":
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        return status, headers
    return _respond_with(app, change)


@variant("methods", transport="both")
def head_media_type_spelled_otherwise(app):
    """HEAD answered with the same media type as GET in another spelling (RFC 9110, 8.3.1)."""
    def change(method, status, headers):
        if method == "HEAD":
            headers = [(k, 'Text/HTML;charset="UTF-8"' if k.lower() == "content-type" else v) for k, v in headers]
        return status, headers
    return _respond_with(app, change)
