"""Hooks: the ``X-After`` marks read as an HTTP list, whatever the field lines and whitespace."""

from tests.variants import variant


@variant("hooks", transport="both")
def marks_on_separate_lines(app):
    """``X-After`` split into one field line per element, with whitespace around the commas of
    the first: the same list."""
    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            out = []
            for k, v in headers:
                if k.lower() == "x-after":
                    first, *rest = v.split(",")
                    out.append(("x-after", first + " , "))
                    out += [("X-AFTER", " " + item) for item in rest]
                else:
                    out.append((k, v))
            return start_response(status, out, exc_info)
        return app(environ, respond)
    return middleware
