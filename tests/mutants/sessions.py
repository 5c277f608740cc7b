"""Mutants of the sessions chapter: session interfaces, session classes and serializers with one
fault each, the way a framework or a fork could get them wrong."""

import datetime
import json
import re
import time

from flask import request, session
from flask.json.tag import TagDateTime, TagDict, TaggedJSONSerializer, TagMarkup, TagTuple, TagUUID
from flask.sessions import NullSession, SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode
from werkzeug.datastructures import CallbackDict

from . import mutant, rewrite_response


def _install(interface):
    """A setup fault that gives the app ``interface`` as its session interface."""
    def setup(app):
        app.session_interface = interface
    return setup


class Interface(SecureCookieSessionInterface):
    """Flask 3.1's signed-cookie interface with its save step split into overridable parts."""

    def save_session(self, app, session, response):
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.modified:
                self.delete(app, response)
                response.vary.add("Cookie")
            return
        if self.should_set_cookie(app, session):
            self.write(app, session, response)
            response.vary.add("Cookie")

    def options(self, app):
        return {
            "domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app), "samesite": self.get_cookie_samesite(app),
            "httponly": self.get_cookie_httponly(app), "partitioned": self.get_cookie_partitioned(app),
        }

    def delete(self, app, response):
        response.delete_cookie(self.get_cookie_name(app), **self.options(app))

    def write(self, app, session, response, data=None):
        value = self.get_signing_serializer(app).dumps(dict(session) if data is None else data)
        response.set_cookie(self.get_cookie_name(app), value, expires=self.get_expiration_time(app, session),
                            **self.options(app))


def _open(interface, app, request, name=None, max_age=True, catch=True):
    """Flask's open step, reading cookie ``name`` (default: the configured one); ``max_age`` and
    ``catch`` turn off the age check and the handling of a bad signature."""
    serializer = interface.get_signing_serializer(app)
    if serializer is None:
        return None
    value = request.cookies.get(name or interface.get_cookie_name(app))
    if not value:
        return interface.session_class()
    lifetime = int(app.permanent_session_lifetime.total_seconds()) if max_age else None
    try:
        return interface.session_class(serializer.loads(value, max_age=lifetime))
    except BadSignature:
        if not catch:
            raise
        return interface.session_class()


def _set_cookie_lines(headers, change):
    """Headers with every Set-Cookie value passed through ``change``."""
    return [(k, change(v) if k.lower() == "set-cookie" else v) for k, v in headers]


def _on_deletions(change):
    """A response rewrite applying ``change`` to deleting Set-Cookie fields (Max-Age=0) only."""
    return lambda s, h, b, e: (s, _set_cookie_lines(h, lambda v: change(v) if "Max-Age=0" in v else v), b)


# Cookie name and attributes

@mutant("sessions", kills=["sessions.cookie.default-name"], stage="setup")
def default_cookie_name_changed(app):
    app.config["SESSION_COOKIE_NAME"] = "flask_session"


@mutant("sessions", kills=["sessions.cookie.httponly-default"], stage="setup")
def httponly_off_by_default(app):
    app.config["SESSION_COOKIE_HTTPONLY"] = False


class NoPath(SecureCookieSessionInterface):
    def get_cookie_path(self, app):
        return None  # no Path attribute: browsers fall back to the request's directory


@mutant("sessions", kills=["sessions.cookie.path-default", "sessions.cookie.configured.path",
                           "sessions.cookie.path-attribute"], stage="setup")
def path_left_unset(app):
    _install(NoPath())(app)


@mutant("sessions", kills=["sessions.cookie.default-omits.secure"], stage="setup")
def secure_by_default(app):
    app.config["SESSION_COOKIE_SECURE"] = True


class HostDomain(SecureCookieSessionInterface):
    def get_cookie_domain(self, app):
        return super().get_cookie_domain(app) or request.host.partition(":")[0]


@mutant("sessions", kills=["sessions.cookie.default-omits.domain"], stage="setup")
def domain_from_host(app):
    _install(HostDomain())(app)


@mutant("sessions", kills=["sessions.cookie.default-omits.samesite"], stage="setup")
def samesite_lax_by_default(app):
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"


@mutant("sessions", kills=["sessions.cookie.default-omits.partitioned"], stage="setup")
def partitioned_by_default(app):
    app.config["SESSION_COOKIE_PARTITIONED"] = True


class AlwaysExpires(SecureCookieSessionInterface):
    def get_expiration_time(self, app, session):
        return datetime.datetime.now(datetime.timezone.utc) + app.permanent_session_lifetime


@mutant("sessions", kills=["sessions.cookie.browser-session"], stage="setup")
def expires_without_permanent(app):
    _install(AlwaysExpires())(app)


class FixedName(SecureCookieSessionInterface):
    def get_cookie_name(self, app):
        return "session"


@mutant("sessions", kills=["sessions.cookie.configured.name", "sessions.roundtrip.configured-name"], stage="setup")
def configured_name_ignored(app):
    _install(FixedName())(app)


class RootPath(SecureCookieSessionInterface):
    def get_cookie_path(self, app):
        return app.config["APPLICATION_ROOT"]


@mutant("sessions", kills=["sessions.cookie.configured.path"], stage="setup")
def configured_path_ignored(app):
    _install(RootPath())(app)


class NoDomain(SecureCookieSessionInterface):
    def get_cookie_domain(self, app):
        return None


@mutant("sessions", kills=["sessions.cookie.configured.domain"], stage="setup")
def configured_domain_ignored(app):
    _install(NoDomain())(app)


@mutant("sessions", kills=["sessions.cookie.configured.secure"])
def secure_attribute_lost(app):
    drop = lambda value: re.sub(r";\s*Secure(?=;|$)", "", value)  # noqa: E731
    return rewrite_response(app, lambda s, h, b, e: (s, _set_cookie_lines(h, drop), b))


class AlwaysHttpOnly(SecureCookieSessionInterface):
    def get_cookie_httponly(self, app):
        return True


@mutant("sessions", kills=["sessions.cookie.configured.httponly-off"], stage="setup")
def httponly_forced(app):
    _install(AlwaysHttpOnly())(app)


class NoSameSite(SecureCookieSessionInterface):
    def get_cookie_samesite(self, app):
        return None


@mutant("sessions", kills=["sessions.cookie.configured-samesite"], stage="setup")
def samesite_ignored(app):
    _install(NoSameSite())(app)


class Unpartitioned(SecureCookieSessionInterface):
    def get_cookie_partitioned(self, app):
        return False


@mutant("sessions", kills=["sessions.cookie.configured-partitioned"], stage="setup")
def partitioned_ignored(app):
    _install(Unpartitioned())(app)


# Loading and saving

class ReadsOtherName(SecureCookieSessionInterface):
    def open_session(self, app, request):
        return _open(self, app, request, name=self.get_cookie_name(app) + "_id")


@mutant("sessions", kills=["sessions.roundtrip.next-request"], stage="setup")
def cookie_read_under_other_name(app):
    _install(ReadsOtherName())(app)


class ReadsDefaultName(SecureCookieSessionInterface):
    def open_session(self, app, request):
        return _open(self, app, request, name="session")  # the configured name only applies on write


@mutant("sessions", kills=["sessions.roundtrip.configured-name"], stage="setup")
def configured_name_ignored_on_read(app):
    _install(ReadsDefaultName())(app)


class KeyTracking(SecureCookieSession):
    def __init__(self, initial=None):
        super().__init__(initial)
        self.changed_keys = set()

    def __setitem__(self, key, value):
        self.changed_keys.add(key)
        super().__setitem__(key, value)


class ChangedKeysOnly(Interface):
    session_class = KeyTracking

    def write(self, app, session, response, data=None):
        super().write(app, session, response, {key: session[key] for key in session.changed_keys})


@mutant("sessions", kills=["sessions.roundtrip.keeps-other-keys"], stage="setup")
def saves_changed_keys_only(app):
    _install(ChangedKeysOnly())(app)


class EveryVisitor(Interface):
    def save_session(self, app, session, response):
        if not session and not session.modified:
            self.write(app, session, response)  # hands out a cookie to every new client
            return
        super().save_session(app, session, response)


@mutant("sessions", kills=["sessions.save.read-only.empty", "sessions.save.untouched.empty"], stage="setup")
def cookie_for_every_visitor(app):
    _install(EveryVisitor())(app)


@mutant("sessions", kills=["sessions.cookie.default-name", "sessions.save.read-only.empty"], stage="setup")
def renamed_cookie_for_every_visitor(app):
    """Hands out a cookie to every visitor under another default name: the check that no cookie
    is sent must look for the name the implementation uses, not only for ``session``."""
    app.config["SESSION_COOKIE_NAME"] = "flask_session"
    _install(EveryVisitor())(app)


class SavesAlways(SecureCookieSessionInterface):
    def should_set_cookie(self, app, session):
        return True


@mutant("sessions", kills=["sessions.save.read-only.existing", "sessions.save.mutation-untracked",
                           "sessions.permanent.refresh-disabled", "sessions.save.untouched.existing"], stage="setup")
def saves_unmodified_sessions(app):
    _install(SavesAlways())(app)


class ChangeOnly(SecureCookieSession):
    _changed = False

    def __init__(self, initial=None):
        def on_update(self):
            self._changed = True

        CallbackDict.__init__(self, initial, on_update)

    @property
    def modified(self):
        return self._changed

    @modified.setter
    def modified(self, value):
        pass  # setting session.modified by hand is lost


class ChangeOnlyInterface(SecureCookieSessionInterface):
    session_class = ChangeOnly


@mutant("sessions", kills=["sessions.save.mutation-marked"], stage="setup")
def modified_flag_ignored(app):
    _install(ChangeOnlyInterface())(app)


class UntrackedPop(SecureCookieSession):
    def pop(self, key, *default):
        return dict.pop(self, key, *default)  # bypasses the change callback


class UntrackedPopInterface(SecureCookieSessionInterface):
    session_class = UntrackedPop


@mutant("sessions", kills=["sessions.save.pop"], stage="setup")
def pop_not_tracked(app):
    _install(UntrackedPopInterface())(app)


# Deleting the cookie

class EmptiedKept(Interface):
    def delete(self, app, response):  # stores an empty session instead of deleting the cookie
        response.set_cookie(self.get_cookie_name(app), self.get_signing_serializer(app).dumps({}), **self.options(app))


@mutant("sessions", kills=["sessions.clear.expires-cookie", "sessions.clear.empty-session",
                           "sessions.save.set-then-delete.empty"], stage="setup")
def emptied_session_kept(app):
    _install(EmptiedKept())(app)


class NeverDeletes(Interface):
    def delete(self, app, response):
        pass


@mutant("sessions", kills=["sessions.clear.expires-cookie", "sessions.clear.empties-session"], stage="setup")
def clear_not_saved(app):
    _install(NeverDeletes())(app)


@mutant("sessions", kills=["sessions.clear.deletion-form"])
def deletion_without_max_age(app):
    """Deletes by the past Expires alone: RFC 6265 user agents drop the cookie all the same, but
    it is not Werkzeug's form."""
    return rewrite_response(app, _on_deletions(lambda v: v.replace("; Max-Age=0", "")))


@mutant("sessions", kills=["sessions.clear.expires-cookie", "sessions.clear.deletion-form"])
def deletion_max_age_positive(app):
    """The deletion says ``Max-Age=1``: Max-Age wins over the past Expires, so the cookie lives one
    more second in RFC 6265 user agents."""
    return rewrite_response(app, _on_deletions(lambda v: v.replace("Max-Age=0", "Max-Age=1")))


@mutant("sessions", kills=["sessions.clear.deletion-form"])
def deletion_without_expires(app):
    return rewrite_response(app, _on_deletions(lambda v: re.sub(r"; Expires=[^;]*", "", v)))


@mutant("sessions", kills=["sessions.clear.expires-cookie"])
def deletion_expires_in_future(app):
    """A deletion without Max-Age whose Expires lies ahead: the cookie is kept until then."""
    future = "; Expires=Fri, 01 Jan 2100 00:00:00 GMT"
    return rewrite_response(app, _on_deletions(
        lambda v: re.sub(r"; Expires=[^;]*", future, v.replace("; Max-Age=0", ""))))


class DeletesUnderRequestPath(Interface):
    """Deletes with the request's path (``/clear``) as Path: a user agent keeps the cookie it
    holds under the session cookie's path."""

    def delete(self, app, response):
        response.delete_cookie(self.get_cookie_name(app), **dict(self.options(app), path=request.path))


@mutant("sessions", kills=["sessions.clear.same-scope.default", "sessions.clear.same-scope.configured"],
        stage="setup")
def deletion_under_request_path(app):
    _install(DeletesUnderRequestPath())(app)


class DeletesWithoutDomain(Interface):
    def delete(self, app, response):
        response.delete_cookie(self.get_cookie_name(app), **dict(self.options(app), domain=None))


@mutant("sessions", kills=["sessions.clear.same-scope.configured"], stage="setup")
def deletion_without_domain(app):
    _install(DeletesWithoutDomain())(app)


class DeletesLikeFlask1(Interface):
    def delete(self, app, response):
        options = self.options(app)
        response.delete_cookie(self.get_cookie_name(app), path=options["path"], domain=options["domain"])


@mutant("sessions", kills=["sessions.clear.keeps-flags.secure", "sessions.clear.keeps-flags.samesite",
                           "sessions.clear.httponly", "sessions.clear.partitioned"], stage="setup")
def deletion_drops_flags(app):
    _install(DeletesLikeFlask1())(app)


# Vary: Cookie

def _without_cookie_in_vary(headers):
    kept = []
    for name, value in headers:
        if name.lower() == "vary":
            value = ", ".join(v.strip() for v in value.split(",") if v.strip().lower() != "cookie")
            if not value:
                continue
        kept.append((name, value))
    return kept


@mutant("sessions", kills=["sessions.vary.read", "sessions.vary.write", "sessions.vary.read-empty",
                           "sessions.vary.clear", "sessions.vary.refresh", "sessions.vary.key-test"])
def vary_never(app):
    return rewrite_response(app, lambda s, h, b, e: (s, _without_cookie_in_vary(h), b))


class VaryBeforeFix(Interface):
    """The save step of Flask 1.0 to 2.2.4: Vary only for a non-empty session that was accessed."""

    def save_session(self, app, session, response):
        if not session:
            if session.modified:
                self.delete(app, response)
            return
        if session.accessed:
            response.vary.add("Cookie")
        if self.should_set_cookie(app, session):
            self.write(app, session, response)


@mutant("sessions", kills=["sessions.vary.read-empty", "sessions.vary.clear", "sessions.vary.refresh"], stage="setup")
def vary_before_cve_fix(app):
    _install(VaryBeforeFix())(app)


class ReadTracked(SecureCookieSession):
    """Accessed only through item reads and changes, as before Flask 3.1.3."""

    _read = False

    @property
    def accessed(self):
        return self._read or self.modified

    @accessed.setter
    def accessed(self, value):
        pass  # the request context's mark is lost

    def __getitem__(self, key):
        self._read = True
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._read = True
        return super().get(key, default)


class ReadTrackedInterface(SecureCookieSessionInterface):
    session_class = ReadTracked


@mutant("sessions", kills=["sessions.vary.names-cookie"])
def vary_star(app):
    """``Vary: *`` for ``Vary: Cookie``: it covers Cookie, but it is not Flask's form."""
    star = lambda h: [(k, "*" if k.lower() == "vary" else v) for k, v in h]  # noqa: E731
    return rewrite_response(app, lambda s, h, b, e: (s, star(h), b))


@mutant("sessions", kills=["sessions.vary.key-test"], stage="setup")
def key_test_not_an_access(app):
    _install(ReadTrackedInterface())(app)


# Permanent sessions

@mutant("sessions", kills=["sessions.permanent.expires.default"], stage="setup")
def default_lifetime_30_days(app):
    app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(days=30)


class DefaultLifetime(SecureCookieSessionInterface):
    def get_expiration_time(self, app, session):
        if session.permanent:
            return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=31)
        return None


@mutant("sessions", kills=["sessions.permanent.expires.configured"], stage="setup")
def lifetime_config_ignored(app):
    _install(DefaultLifetime())(app)


class MaxAgeInMinutes(Interface):
    def write(self, app, session, response, data=None):
        lifetime = app.permanent_session_lifetime.total_seconds()
        response.set_cookie(  # a Max-Age beside Expires, counted in minutes by mistake
            self.get_cookie_name(app), self.get_signing_serializer(app).dumps(dict(session)),
            expires=self.get_expiration_time(app, session), max_age=int(lifetime // 60) if session.permanent else None,
            **self.options(app))


@mutant("sessions", kills=["sessions.permanent.expires.default", "sessions.permanent.expires.configured",
                           "sessions.permanent.expires-date"], stage="setup")
def max_age_in_minutes(app):
    """Max-Age wins over Expires in RFC 6265 user agents: a wrong Max-Age beside a right Expires
    is a wrong lifetime."""
    _install(MaxAgeInMinutes())(app)


class NoRefresh(SecureCookieSessionInterface):
    def should_set_cookie(self, app, session):
        return session.modified


@mutant("sessions", kills=["sessions.permanent.refresh"], stage="setup")
def no_refresh(app):
    _install(NoRefresh())(app)


class RefreshKeepsExpiry(Interface):
    def write(self, app, session, response, data=None):
        if session.modified:
            return super().write(app, session, response, data)
        # re-sends the incoming cookie, expiring a lifetime after it was first signed
        name = self.get_cookie_name(app)
        value = request.cookies[name]
        _, signed = self.get_signing_serializer(app).loads(value, return_timestamp=True)
        response.set_cookie(name, value, expires=signed + app.permanent_session_lifetime, **self.options(app))


@mutant("sessions", kills=["sessions.permanent.refresh"], stage="setup")
def refresh_keeps_expiry(app):
    _install(RefreshKeepsExpiry())(app)


class RefreshesAlways(SecureCookieSessionInterface):
    def should_set_cookie(self, app, session):
        return session.modified or session.permanent


@mutant("sessions", kills=["sessions.permanent.refresh-disabled"], stage="setup")
def refresh_setting_ignored(app):
    _install(RefreshesAlways())(app)


class AgeUnchecked(SecureCookieSessionInterface):
    def open_session(self, app, request):
        return _open(self, app, request, max_age=False)


@mutant("sessions", kills=["sessions.permanent.server-expiry"], stage="setup")
def signature_age_unchecked(app):
    _install(AgeUnchecked())(app)


# The secret key and the signature

@mutant("sessions", kills=["sessions.secret-key.write-fails"], stage="setup")
def dev_key_fallback(app):
    app.config["SECRET_KEY"] = "dev"


class StrictNullSession(NullSession):
    def _fail(self, *args, **kwargs):
        raise RuntimeError("no secret key")

    get = __getitem__ = __contains__ = _fail


class StrictNullInterface(SecureCookieSessionInterface):
    null_session_class = StrictNullSession


@mutant("sessions", kills=["sessions.secret-key.read-empty"], stage="setup")
def null_session_unreadable(app):
    _install(StrictNullInterface())(app)


class Unverified(SecureCookieSessionInterface):
    """Decodes the data part of the cookie and never checks the signature."""

    def open_session(self, app, request):
        if not app.secret_key:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        try:
            return self.session_class(self.serializer.loads(base64_decode(value.split(".")[0])))
        except Exception:
            return self.session_class()


@mutant("sessions", kills=["sessions.signature.other-key", "sessions.signature.rejects.unsigned",
                           "sessions.signature.rejects.forged", "sessions.signature.tampered"], stage="setup")
def signature_not_verified(app):
    _install(Unverified())(app)


@mutant("sessions", kills=["sessions.cookie.default-name", "sessions.signature.rejects.unsigned",
                           "sessions.signature.rejects.forged", "sessions.signature.tampered"], stage="setup")
def renamed_cookie_not_verified(app):
    """No signature check, under another cookie name: forged cookies must be sent under the name
    the implementation uses, or the check would pass without testing anything."""
    app.config["SESSION_COOKIE_NAME"] = "flask_session"
    _install(Unverified())(app)


class RaisesOnBadCookie(SecureCookieSessionInterface):
    def open_session(self, app, request):
        return _open(self, app, request, catch=False)


@mutant("sessions", kills=["sessions.signature.rejects.garbage", "sessions.signature.other-key",
                           "sessions.signature.tampered"], stage="setup")
def bad_cookie_raises(app):
    _install(RaisesOnBadCookie())(app)


class CurrentKeyOnly(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        return URLSafeTimedSerializer(app.secret_key, salt=self.salt, serializer=self.serializer, signer_kwargs={
            "key_derivation": self.key_derivation, "digest_method": self.digest_method})


@mutant("sessions", kills=["sessions.signature.fallback-key"], stage="setup")
def fallback_keys_ignored(app):
    _install(CurrentKeyOnly())(app)


class SignsWithFallback(SecureCookieSessionInterface):
    """Flask 3.1.0's key order: itsdangerous signs with the last key, here a fallback."""

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = [app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or [])]
        return URLSafeTimedSerializer(keys, salt=self.salt, serializer=self.serializer, signer_kwargs={
            "key_derivation": self.key_derivation, "digest_method": self.digest_method})


@mutant("sessions", kills=["sessions.signature.current-key"], stage="setup")
def signs_with_fallback(app):
    _install(SignsWithFallback())(app)


# Typed values

def _serializer(replace):
    """A tagged serializer whose default tags go through ``replace(tag) -> tag or None``."""

    class Serializer(TaggedJSONSerializer):
        default_tags = [new for new in map(replace, TaggedJSONSerializer.default_tags) if new is not None]

    interface = SecureCookieSessionInterface()
    interface.serializer = Serializer()
    return _install(interface)


def _without(missing):
    return _serializer(lambda tag: None if tag is missing else tag)


@mutant("sessions", kills=["sessions.values.roundtrip"], stage="setup")
def tuples_become_lists(app):
    _without(TagTuple)(app)


@mutant("sessions", kills=["sessions.values.roundtrip"], stage="setup")
def markup_becomes_str(app):
    _without(TagMarkup)(app)


@mutant("sessions", kills=["sessions.values.roundtrip"], stage="setup")
def uuid_becomes_str(app):
    _without(TagUUID)(app)


@mutant("sessions", kills=["sessions.values.tag-like-keys"], stage="setup")
def tag_like_keys_unescaped(app):
    _without(TagDict)(app)


class NaiveDateTime(TagDateTime):
    def to_python(self, value):
        return super().to_python(value).replace(tzinfo=None)


@mutant("sessions", kills=["sessions.values.datetime"], stage="setup")
def datetime_comes_back_naive(app):
    _serializer(lambda tag: NaiveDateTime if tag is TagDateTime else tag)(app)


# Where the session meets the rest of the app

class NoApplicationRoot(SecureCookieSessionInterface):
    def get_cookie_path(self, app):
        return app.config["SESSION_COOKIE_PATH"] or "/"


@mutant("sessions", kills=["sessions.cookie.path-application-root"], stage="setup")
def application_root_ignored(app):
    _install(NoApplicationRoot())(app)


@mutant("sessions", kills=["sessions.cookie.server-name-domain"], stage="setup", profile="2.2.5")
def server_name_ignored_under_flask_2_2(app):
    """Claims the Flask 2.2 API but leaves the cookie host-only when ``SERVER_NAME`` is set (the
    2.3 behaviour)."""
    _install(NoDomain())(app)


class ServerNameDomain(SecureCookieSessionInterface):
    """Flask 2.2's fallback: the cookie's domain from ``SERVER_NAME``."""

    def get_cookie_domain(self, app):
        return app.config["SESSION_COOKIE_DOMAIN"] or app.config["SERVER_NAME"]


@mutant("sessions", kills=["sessions.cookie.server-name-host-only"], stage="setup")
def domain_from_server_name(app):
    _install(ServerNameDomain())(app)


class SavesOnce(SecureCookieSessionInterface):
    def save_session(self, app, session, response):
        if not getattr(response, "session_saved", False):
            response.session_saved = True
            super().save_session(app, session, response)


@mutant("sessions", kills=["sessions.save.after-request"])
def saved_before_after_request(app):
    """Saves the session before the app's own ``after_request`` hooks run (Flask runs the hook
    registered last first), so what they store is lost."""
    app.session_interface = SavesOnce()
    app.after_request(lambda response: (app.session_interface.save_session(app, session, response), response)[1])
    return app


class WriteLog(SecureCookieSession):
    """Remembers every value stored during the request."""

    def __init__(self, initial=None):
        super().__init__(initial)
        self.written = {}

    def __setitem__(self, key, value):
        self.written[key] = value
        super().__setitem__(key, value)


class MergesWrites(Interface):
    """Saves the session merged with everything stored during the request: a key stored and
    deleted again comes back."""

    session_class = WriteLog

    def save_session(self, app, session, response):
        if session.written:
            self.write(app, session, response, {**session, **session.written})
            response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


@mutant("sessions", kills=["sessions.save.set-then-delete.empty", "sessions.save.set-then-delete.existing"],
        stage="setup")
def stored_then_deleted_kept(app):
    _install(MergesWrites())(app)


@mutant("sessions", kills=["sessions.vary.untouched.empty", "sessions.vary.untouched.existing"])
def vary_cookie_always(app):
    def change(status, headers, body, environ):
        return status, [(k, v) for k, v in headers if k.lower() != "vary"] + [("Vary", "Cookie")], body
    return rewrite_response(app, change)


class ReplacesVary(SecureCookieSessionInterface):
    def save_session(self, app, session, response):
        super().save_session(app, session, response)
        if "cookie" in (value.lower() for value in response.vary):
            response.headers["Vary"] = "Cookie"  # the view's Vary is lost


@mutant("sessions", kills=["sessions.vary.joins-view"], stage="setup")
def vary_replaced(app):
    _install(ReplacesVary())(app)


# Flask's cookie format

class OtherSalt(SecureCookieSessionInterface):
    salt = "session-cookie"


@mutant("sessions", kills=["sessions.format.reads-flask.plain", "sessions.format.reads-flask.compressed",
                           "sessions.format.flask-readable"], stage="setup")
def salt_changed(app):
    _install(OtherSalt())(app)


class NoCompressedPayloads(SecureCookieSessionInterface):
    """Takes a payload marked as compressed for a bad cookie."""

    def open_session(self, app, request):
        if (request.cookies.get(self.get_cookie_name(app)) or "").startswith("."):
            return self.session_class()
        return super().open_session(app, request)


@mutant("sessions", kills=["sessions.format.reads-flask.compressed"], stage="setup")
def compressed_payload_refused(app):
    _install(NoCompressedPayloads())(app)


class EpochSigner(TimestampSigner):
    """itsdangerous before 1.1: seconds since 2011 rather than since 1970."""

    def get_timestamp(self):
        return int(time.time() - 1293840000)

    def timestamp_to_datetime(self, ts):
        return super().timestamp_to_datetime(ts + 1293840000)


class EpochInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        serializer = super().get_signing_serializer(app)
        if serializer is not None:
            serializer.signer = EpochSigner
        return serializer


@mutant("sessions", kills=["sessions.format.flask-readable", "sessions.format.reads-flask.plain",
                           "sessions.format.reads-flask.compressed"], stage="setup")
def timestamps_since_2011(app):
    _install(EpochInterface())(app)


class Lenient(TaggedJSONSerializer):
    """Stores what JSON cannot hold as its repr instead of failing."""

    def dumps(self, value):
        return json.dumps(self.tag(value), separators=(",", ":"), default=repr)


@mutant("sessions", kills=["sessions.values.unstorable.set", "sessions.values.unstorable.object"], stage="setup")
def unstorable_values_as_text(app):
    interface = SecureCookieSessionInterface()
    interface.serializer = Lenient()
    _install(interface)(app)
