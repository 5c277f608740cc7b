"""Mutants of the routing chapter."""

from werkzeug.routing import IntegerConverter

from . import mutant, rewrite_response


@mutant("routing", kills=["routing.static.match"])
def static_rule_body_changed(app):
    return rewrite_response(app, lambda s, h, b, e: (s, h, b.replace(b"static", b"other")))


class SignedInt(IntegerConverter):
    def __init__(self, map, **kwargs):
        kwargs.setdefault("signed", True)
        super().__init__(map, **kwargs)


@mutant("routing", kills=["routing.int.rejects.sign"], stage="setup")
def int_accepts_sign(app):
    app.url_map.converters["int"] = SignedInt
