"""flask-conformance adapter for TinyFrame.

TinyFrame stands for your framework. To keep this example runnable anywhere it is a Flask-API
clone made in two lines (a subclass of ``flask.Flask``); a real clone would import its own
application class instead, and everything else stays as it is.
"""

import importlib
import importlib.metadata

import flask

from flask_conformance import Implementation


class TinyFrame(flask.Flask):
    """The framework under test (here: Flask under another name)."""


class TinyFrameImplementation(Implementation):
    name = "tinyframe"
    version = "1.0.0"  # the version of the framework being checked
    flask_api = importlib.metadata.version("flask")  # the Flask version TinyFrame follows: its profile

    def build_app(self, chapter):
        """The chapter's fixture app as a WSGI callable, or None for a chapter we do not provide.

        A Flask-API clone reuses the Flask fixture: each ``flask_conformance.fixtures.flask``
        module has ``create_app(make_app)``, and ``make_app(import_name)`` returns a new app.
        """
        module_name = f"flask_conformance.fixtures.flask.{chapter}"
        try:
            fixture = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # not provided: the chapter's requirements are not applicable
            raise
        return fixture.create_app(TinyFrame)


#: What the entry point names: an object with name, version, flask_api and build_app.
implementation = TinyFrameImplementation()
