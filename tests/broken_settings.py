"""An implementation module whose own code fails at import, as one reading missing settings does."""

SETTINGS = {}

impl = SETTINGS["FRAMEWORK_SECRET_KEY"]
