"""An implementation module that calls sys.exit() while it is imported."""

import sys

sys.exit("the framework refuses to start without its configuration")
