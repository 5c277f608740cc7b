"""Mutants of the hooks chapter: request hooks run in the wrong order, at the wrong moment, or not
at all.

Most faults rearrange the registries the finished app keeps (``before_request_funcs``,
``after_request_funcs``, ``teardown_request_funcs``) or its request processing methods, the way
a reimplementation could get them wrong.
"""

from flask import g, request

from . import mutant, rewrite_response


def _reorder(registry, name, change):
    registry[name] = change(list(registry[name]))


@mutant("hooks", kills=["hooks.before-request.order"])
def before_reversed(app):
    """``before_request`` functions run last registered first."""
    _reorder(app.before_request_funcs, None, lambda funcs: funcs[::-1])
    return app


@mutant("hooks", kills=["hooks.before-request.short-circuit", "hooks.before-request.skips-view",
                        "hooks.before-request.skips-later"])
def before_return_ignored(app):
    """What a ``before_request`` function returns is thrown away."""
    funcs = app.before_request_funcs[None]
    app.before_request_funcs[None] = [lambda f=f: (f(), None)[1] for f in funcs]
    return app


@mutant("hooks", kills=["hooks.before-request.skips-view"])
def view_runs_anyway(app):
    """The view still runs (its answer dropped) when a ``before_request`` function answered."""
    original = app.preprocess_request

    def preprocess_request():
        answer = original()
        if answer is not None:
            app.dispatch_request()
        return answer

    app.preprocess_request = preprocess_request
    return app


@mutant("hooks", kills=["hooks.before-request.skips-later"])
def every_before_runs(app):
    """Every ``before_request`` function runs; the first answer wins."""
    funcs = app.before_request_funcs[None]

    def run_all():
        answers = [f() for f in funcs]
        return next((answer for answer in answers if answer is not None), None)

    app.before_request_funcs[None] = [run_all]
    return app


@mutant("hooks", kills=["hooks.before-request.after-request-runs"])
def short_circuit_unfinalized(app):
    """A ``before_request`` function's answer goes out without the ``after_request`` functions."""
    def full_dispatch_request():
        try:
            answer = app.preprocess_request()
            if answer is not None:
                return app.make_response(answer)
            answer = app.dispatch_request()
        except Exception as error:
            answer = app.handle_user_exception(error)
        return app.finalize_request(answer)

    app.full_dispatch_request = full_dispatch_request
    return app


@mutant("hooks", kills=["hooks.after-request.order"])
def after_in_registration_order(app):
    """``after_request`` functions run first registered first."""
    _reorder(app.after_request_funcs, None, lambda funcs: funcs[::-1])
    return app


def _request_context():
    from flask.globals import _cv_request

    return _cv_request.get()


@mutant("hooks", kills=["hooks.blueprint.after-order"])
def blueprint_after_last(app):
    """A blueprint's ``after_request`` functions run after the application's."""

    def process_response(response):
        ctx = _request_context()
        for func in ctx._after_request_functions:
            response = func(response)
        for name in (None, *request.blueprints):
            for func in reversed(app.after_request_funcs.get(name, ())):
                response = func(response)
        return response

    app.process_response = process_response
    return app


@mutant("hooks", kills=["hooks.after-request.header", "hooks.before-request.after-request-runs",
                        "hooks.after-request.http-error", "hooks.after-request.server-error"])
def after_headers_dropped(app):
    """Header fields set by ``after_request`` functions are lost (the response is copied first)."""
    return rewrite_response(app, lambda s, h, b, e: (s, [(k, v) for k, v in h if k.lower() != "x-after"], b))


@mutant("hooks", kills=["hooks.after-request.replace"])
def after_return_ignored(app):
    """What an ``after_request`` function returns is ignored; the response it got goes on."""
    funcs = app.after_request_funcs[None]
    app.after_request_funcs[None] = [lambda response, f=f: (f(response), response)[1] for f in funcs]
    return app


@mutant("hooks", kills=["hooks.after-request.chained"])
def after_each_gets_original(app):
    """Each ``after_request`` function gets the view's response; the last answer is sent."""
    original = app.process_response

    def process_response(response):
        funcs = app.after_request_funcs.pop(None)
        try:
            answers = [func(response) for func in reversed(funcs)]
            return original(answers[-1])
        finally:
            app.after_request_funcs[None] = funcs

    app.process_response = process_response
    return app


@mutant("hooks", kills=["hooks.after-request.http-error"])
def errors_unfinalized(app):
    """The answer to an HTTP error goes out without the ``after_request`` functions."""
    original = app.finalize_request

    def finalize_request(rv, from_error_handler=False):
        if getattr(rv, "code", None) == 404:
            return app.make_response(rv)
        return original(rv, from_error_handler)

    app.finalize_request = finalize_request
    return app


@mutant("hooks", kills=["hooks.after-request.server-error"])
def server_error_unfinalized(app):
    """The 500 answer to an unhandled exception goes out without the ``after_request``
    functions, as before Flask 1.1."""
    original = app.finalize_request

    def finalize_request(rv, from_error_handler=False):
        if from_error_handler:
            return app.make_response(rv)
        return original(rv, from_error_handler)

    app.finalize_request = finalize_request
    return app


@mutant("hooks", kills=["hooks.teardown.runs.stopped"])
def teardown_skipped_when_stopped(app):
    """Teardown functions are skipped for a request a ``before_request`` function answered."""
    funcs = app.teardown_request_funcs[None]
    app.teardown_request_funcs[None] = [
        lambda error, f=f: None if request.args.get("stop") else f(error) for f in funcs]
    return app


@mutant("hooks", kills=["hooks.teardown.runs.view", "hooks.teardown.runs.http-error",
                        "hooks.teardown.last"])
def teardown_given_sentinel(app):
    """Teardown functions get an exception object even when nothing went wrong."""
    funcs = app.teardown_request_funcs[None]
    app.teardown_request_funcs[None] = [
        lambda error, f=f: f(error if error is not None else LookupError()) for f in funcs]
    return app


@mutant("hooks", kills=["hooks.teardown.last"])
def teardown_before_after_request(app):
    """Teardown functions run before the ``after_request`` functions (and again not at the
    end)."""
    funcs = app.teardown_request_funcs.pop(None)
    app.after_request_funcs[None].append(lambda response: ([f(None) for f in funcs], response)[1])
    return app


@mutant("hooks", kills=["hooks.teardown.exception"])
def teardown_never_told(app):
    """Teardown functions always get ``None``."""
    funcs = app.teardown_request_funcs[None]
    app.teardown_request_funcs[None] = [lambda error, f=f: f(None) for f in funcs]
    return app


@mutant("hooks", kills=["hooks.after-this-request.applies", "hooks.after-this-request.before-app-hooks"])
def after_this_request_dropped(app):
    """Functions registered with ``after_this_request`` are forgotten before the response."""
    original = app.process_response

    def process_response(response):
        _request_context()._after_request_functions = []
        return original(response)

    app.process_response = process_response
    return app


@mutant("hooks", kills=["hooks.after-this-request.once"])
def after_this_request_kept(app):
    """Functions registered with ``after_this_request`` run for every later request too."""
    original = app.process_response
    kept = []

    def process_response(response):
        ctx = _request_context()
        kept.extend(func for func in ctx._after_request_functions if func not in kept)
        ctx._after_request_functions = list(kept)
        return original(response)

    app.process_response = process_response
    return app


@mutant("hooks", kills=["hooks.after-this-request.before-app-hooks"])
def after_this_request_last(app):
    """Functions registered with ``after_this_request`` run after the application's."""
    original = app.process_response

    def process_response(response):
        ctx = _request_context()
        later, ctx._after_request_functions = list(ctx._after_request_functions), []
        response = original(response)
        for func in later:
            response = func(response)
        return response

    app.process_response = process_response
    return app


@mutant("hooks", kills=["hooks.g.within-request"])
def g_reset_before_view(app):
    """``g`` is emptied between the ``before_request`` functions and the view."""
    app.before_request_funcs[None].append(lambda: g.__dict__.clear())
    return app


@mutant("hooks", kills=["hooks.g.not-across-requests"])
def g_shared(app):
    """``g`` is one object for every request."""
    shared = app.app_ctx_globals_class()
    app.app_ctx_globals_class = lambda: shared
    return app


@mutant("hooks", kills=["hooks.blueprint.before-order"])
def blueprint_before_first(app):
    """A blueprint's ``before_request`` functions run before the application's."""

    def preprocess_request():
        names = (*request.blueprints, None)
        for name in names:
            for func in app.before_request_funcs.get(name, ()):
                answer = func()
                if answer is not None:
                    return answer
        return None

    app.preprocess_request = preprocess_request
    return app


@mutant("hooks", kills=["hooks.blueprint.scope"])
def blueprint_hooks_everywhere(app):
    """A blueprint's hooks run for every request, as if registered on the application."""
    app.before_request_funcs[None] = app.before_request_funcs[None] + app.before_request_funcs["bp"]
    app.after_request_funcs[None] = app.after_request_funcs["bp"] + app.after_request_funcs[None]
    return app
