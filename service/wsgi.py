"""The WSGI entry point for gunicorn: ``service.wsgi:app``."""

import os

from .app import create_app
from .guardian import SOCKET_ENV, Guard
from .pipeline import freeze_heap

app = create_app()
# gunicorn.conf.py starts a guardian and names its socket: requests are then
# replayed when their worker dies.
app.wsgi_app = Guard(  # type: ignore[method-assign]
    app.wsgi_app, os.environ.get(SOCKET_ENV) or None, app.config["MAX_BODY_BYTES"]
)
# Loaded once in the gunicorn master (preload_app): freeze it before the fork.
freeze_heap()
