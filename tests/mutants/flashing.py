"""Mutants of the flashing chapter.

Most faults are in the flashing functions themselves, so these mutants build the chapter app with
a re-implementation of ``flash``/``get_flashed_messages`` (:class:`Flashing`, faithful to Flask's)
in which one detail is changed; the others break the session layer or the response.
"""

import html
import importlib
import re
import types

from flask import g, session
from flask.sessions import NullSession, SecureCookieSession, SecureCookieSessionInterface
from markupsafe import Markup

from . import mutant, rewrite_response

FIXTURE = "flask_conformance.fixtures.flask.flashing"
KEY = "_flashes"


class Flashing:
    """Flask's flashing semantics, one overridable step at a time."""

    default_category = "message"

    def flash(self, message, category=None):
        if category is None:
            category = self.default_category
        flashes = session.get(KEY, [])
        flashes.append((category, self.stored(message)))
        session[KEY] = flashes

    def get_flashed_messages(self, with_categories=False, category_filter=()):
        flashes = self.taken()
        if category_filter:
            flashes = self.selected(flashes, category_filter)
        if not with_categories:
            return [message for _, message in flashes]
        return [self.pair(category, message) for category, message in flashes]

    def stored(self, message):
        return message

    def taken(self):
        """The request's messages: taken out of the session by the first read, then cached."""
        if "flashes" not in g:
            g.flashes = session.pop(KEY) if KEY in session else []
        return g.flashes

    def selected(self, flashes, category_filter):
        return [f for f in flashes if f[0] in category_filter]

    def pair(self, category, message):
        return (category, message)

    def install(self, app):
        """Hooks some variants need on the main app (after its routes are registered)."""


def build_with(variant):
    """A build-stage fault: the fixture's app, its views calling the functions of a new
    ``variant`` (a :class:`Flashing` subclass) instance."""

    def build(make_app):
        flashing = variant()
        module = importlib.import_module(FIXTURE)
        # Re-create the fixture's functions over a copy of its namespace in which the two names
        # are the variant's, so its views (and the keyless sub-app) call the variant.
        namespace = dict(vars(module))
        namespace.update(flash=flashing.flash, get_flashed_messages=flashing.get_flashed_messages)
        for name, value in vars(module).items():
            if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
                namespace[name] = types.FunctionType(value.__code__, namespace, name, value.__defaults__)
        app = namespace["create_app"](make_app)
        app.jinja_env.globals["get_flashed_messages"] = flashing.get_flashed_messages
        flashing.install(app)
        return app

    return build


def flashing_mutant(kills):
    """Register a :class:`Flashing` subclass as a build-stage mutant named after the class
    (``NewestFirst`` becomes ``flashing:newest_first``)."""

    def register(cls):
        fault = build_with(cls)
        fault.__name__ = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
        mutant("flashing", kills=kills, stage="build")(fault)
        return cls

    return register


# Order and lifetime.

@flashing_mutant(["flashing.next-request.delivered", "flashing.category.pairs", "flashing.filter.selects",
                  "flashing.property.round-trip"])
class NewestFirst(Flashing):
    """Messages come back newest first (a stack instead of a queue)."""

    def taken(self):
        return list(reversed(super().taken()))


@flashing_mutant(["flashing.next-request.consumed", "flashing.same-request.consumed"])
class NeverRemoved(Flashing):
    """Reading copies the messages instead of taking them out of the session."""

    def taken(self):
        if "flashes" not in g:
            g.flashes = list(session.get(KEY, []))
        return g.flashes


@flashing_mutant(["flashing.unread.kept"])
class OnlyNextRequest(Flashing):
    """Read "the next request and only the next request" literally: a request that does not read
    its messages (and flashes nothing) throws them away."""

    def flash(self, message, category=None):
        g.flashed = True
        super().flash(message, category)

    def install(self, app):
        @app.after_request
        def discard_unread(response):
            if not g.get("flashed") and "flashes" not in g and KEY in session:
                session.pop(KEY)
            return response


@flashing_mutant(["flashing.unread.accumulate"])
class LatestRequestWins(Flashing):
    """A request that flashes replaces the unread messages of earlier requests."""

    def flash(self, message, category=None):
        if "fresh" not in g:
            g.fresh = True
            session.pop(KEY, None)
        super().flash(message, category)


@flashing_mutant(["flashing.session.per-client", "flashing.no-secret-key.flash-fails"])
class SharedStore(Flashing):
    """Messages kept in one server-side list for everybody, not in the user's session."""

    def __init__(self):
        self.store = []

    def flash(self, message, category=None):
        self.store.append((category or self.default_category, message))

    def taken(self):
        if "flashes" not in g:
            g.flashes, self.store[:] = list(self.store), []
        return g.flashes


# Several reads in one request.

@flashing_mutant(["flashing.read.repeatable", "flashing.read.flash-after-read"])
class NoRequestCache(Flashing):
    """Every read takes the messages out of the session again, so a second read finds none."""

    def taken(self):
        return session.pop(KEY) if KEY in session else []


@flashing_mutant(["flashing.read.snapshot"])
class LiveRequestList(Flashing):
    """A message flashed after the read is also appended to the list the request already read."""

    def flash(self, message, category=None):
        super().flash(message, category)
        if "flashes" in g:
            g.flashes = g.flashes + [(category or self.default_category, message)]


@flashing_mutant(["flashing.read.flash-after-read"])
class ClearedAfterRead(Flashing):
    """A request that read its messages clears the session's flashes when it ends, losing those
    flashed after the read."""

    def install(self, app):
        @app.after_request
        def clear_read(response):
            if "flashes" in g:
                session.pop(KEY, None)
            return response


@flashing_mutant(["flashing.same-request.visible", "flashing.same-request.consumed"])
class DeferredUntilResponse(Flashing):
    """Messages are queued on the request and written to the session only when it ends, so the
    request that flashed them cannot read them."""

    def flash(self, message, category=None):
        g.pending = g.get("pending", []) + [(category or self.default_category, message)]

    def install(self, app):
        @app.after_request
        def store_pending(response):
            if g.get("pending"):
                session[KEY] = session.get(KEY, []) + g.pending
            return response


# What is stored.

@flashing_mutant(["flashing.message.verbatim.markup-characters"])
class EscapesMessages(Flashing):
    """Messages are HTML-escaped when flashed, instead of when rendered."""

    def stored(self, message):
        return html.escape(message)


@flashing_mutant(["flashing.message.verbatim.surrounding-spaces"])
class StripsMessages(Flashing):
    """Messages are stripped of surrounding whitespace."""

    def stored(self, message):
        return message.strip()


@flashing_mutant(["flashing.message.verbatim.empty"])
class IgnoresEmpty(Flashing):
    """An empty message is silently not flashed."""

    def flash(self, message, category=None):
        if message:
            super().flash(message, category)


@flashing_mutant(["flashing.message.verbatim.non-ascii"])
class DoubleEncoded(Flashing):
    """UTF-8 bytes of the message are decoded as Latin-1 on the way into the session (mojibake)."""

    def stored(self, message):
        return message.encode("utf-8").decode("latin-1")


# Categories.

@flashing_mutant(["flashing.category.default", "flashing.property.round-trip"])
class NoDefaultCategory(Flashing):
    """A message flashed without a category has no category (null) instead of "message"."""

    default_category = None


@flashing_mutant(["flashing.category.pairs"])
class PairsSwapped(Flashing):
    """Reads with categories give (message, category) pairs."""

    def pair(self, category, message):
        return (message, category)


# Filtering.

@flashing_mutant(["flashing.filter.selects", "flashing.filter.with-categories"])
class GroupedByFilter(Flashing):
    """A filtered read groups the messages by category in the filter's order, losing flash order."""

    def selected(self, flashes, category_filter):
        return [f for category in category_filter for f in flashes if f[0] == category]


@flashing_mutant(["flashing.filter.no-match"])
class FilterFallsBack(Flashing):
    """A filter that matches nothing is treated as no filter."""

    def selected(self, flashes, category_filter):
        return super().selected(flashes, category_filter) or flashes


@flashing_mutant(["flashing.filter.consumes-all"])
class FilterKeepsOthers(Flashing):
    """A filtered read puts the messages it did not return back into the session."""

    def selected(self, flashes, category_filter):
        others = [f for f in flashes if f[0] not in category_filter]
        if others:
            session[KEY] = others
        return super().selected(flashes, category_filter)


# Templates.

@flashing_mutant(["flashing.markup.kept-safe"])
class StoresText(Flashing):
    """Messages are stored as plain text, so ``Markup`` comes back as a string and is escaped."""

    def stored(self, message):
        return str(message)


@flashing_mutant(["flashing.markup.plain-escaped"])
class StoresMarkup(Flashing):
    """Every message is stored as ``Markup``: plain text is then rendered as HTML."""

    def stored(self, message):
        return Markup(message)


# Flashes beside the application's own session data.

@flashing_mutant(["flashing.session.changed-with-flash"])
class FlashesAreTheSession(Flashing):
    """Flashes are saved as the whole session at the end of the request, dropping what the view
    stored beside them."""

    def flash(self, message, category=None):
        g.setdefault("pending", []).append((category or self.default_category, message))

    def install(self, app):
        @app.after_request
        def save_pending(response):
            if "pending" in g:
                flashes = session.get(KEY, []) + g.pending
                session.clear()
                session[KEY] = flashes
            return response


@flashing_mutant(["flashing.session.read-keeps-keys"])
class ReadClearsSession(Flashing):
    """The first read takes the messages out by clearing the whole session."""

    def taken(self):
        if "flashes" not in g:
            g.flashes = session.get(KEY, [])
            session.clear()
        return g.flashes


@mutant("flashing", kills=["flashing.template.available"], stage="setup")
def template_helper_peeks(app):
    """The template's get_flashed_messages reads the session without taking the messages out."""

    def peek(with_categories=False, category_filter=()):
        flashes = session.get(KEY, [])
        return list(flashes) if with_categories else [m for _, m in flashes]

    app.jinja_env.globals["get_flashed_messages"] = peek


# Redirects and the session layer.

@mutant("flashing", kills=["flashing.redirect.shown-once"])
def redirect_drops_session(app):
    """The session is not saved when the response is a redirect, so the flash is lost."""

    def change(status, headers, body, environ):
        if status.startswith("3"):
            headers = [(k, v) for k, v in headers if k.lower() != "set-cookie"]
        return status, headers, body

    return rewrite_response(app, change)


class DiscardedSession(SecureCookieSession):
    """Accepts writes; the interface treats it as null, so it is never saved."""


class ForgivingSessionInterface(SecureCookieSessionInterface):
    """Without a secret key the session is a writable dict that is never saved."""

    null_session_class = DiscardedSession


@mutant("flashing", kills=["flashing.no-secret-key.flash-fails"], stage="setup")
def keyless_flash_dropped(app):
    """Flashing without a secret key silently drops the message instead of failing."""
    app.session_interface = ForgivingSessionInterface()


class StrictNullSession(NullSession):
    """A null session that refuses reads as well as writes."""

    def _refuse(self, *args, **kwargs):
        raise RuntimeError("no secret key")

    __contains__ = __getitem__ = get = _refuse


class StrictSessionInterface(SecureCookieSessionInterface):
    null_session_class = StrictNullSession


@mutant("flashing", kills=["flashing.no-secret-key.read-empty"], stage="setup")
def keyless_read_fails(app):
    """Reading flashes without a secret key is an error too."""
    app.session_interface = StrictSessionInterface()
