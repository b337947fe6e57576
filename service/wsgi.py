"""The WSGI entry point for gunicorn: ``service.wsgi:app``."""

from .app import create_app
from .pipeline import freeze_heap

app = create_app()
# Loaded once in the gunicorn master (preload_app): freeze it before the fork.
freeze_heap()
