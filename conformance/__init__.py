"""flask-conformance: an executable specification of Flask-style framework behaviour.

What spec chapters and implementations need is importable from here.
"""

from .__about__ import SPEC_VERSION, __version__
from .client import Client, Headers, Response, SetCookie
from .errors import ImplementationError, ImplementationTimeout, LoadError
from .implementation import Implementation
from .requirements import MAY, MUST, SHOULD, Defect, Level, Requirement, not_applicable, requirement

__all__ = [
    "MAY", "MUST", "SHOULD", "SPEC_VERSION", "Client", "Defect", "Headers", "Implementation",
    "ImplementationError", "ImplementationTimeout", "Level", "LoadError", "Requirement",
    "Response", "SetCookie", "__version__", "not_applicable", "requirement",
]
