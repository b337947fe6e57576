"""The WSGI entry point for gunicorn: ``service.wsgi:app``."""

from .app import create_app
from .guardian import Guard, worker_channel
from .pipeline import freeze_heap

app = create_app()
# gunicorn.conf.py starts a guardian and names its socket: requests are then
# replayed when their worker dies.
app.wsgi_app = Guard(app.wsgi_app, worker_channel(), app.config["MAX_BODY_BYTES"])  # type: ignore[method-assign]
# Loaded once in the gunicorn master (preload_app): freeze it before the fork.
freeze_heap()
