"""gunicorn settings for Dateline (plain Python; `gunicorn --check-config` runs in `make test`)."""

import multiprocessing
import os

# --- Binding -------------------------------------------------------------
# Loopback by default: put a reverse proxy in front to expose the service.
bind = os.environ.get("DATELINE_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# --- Workers -------------------------------------------------------------
# spaCy's analysis is CPU-bound: one sync worker per core, no threads.
workers = int(os.environ.get("WORKERS", str(max(2, multiprocessing.cpu_count()))))
worker_class = "sync"
# Load the app (and the spaCy model) once in the master; forked workers share
# its memory pages copy-on-write.
preload_app = True

# --- Time limits ---------------------------------------------------------
# The largest article (200,000 characters) takes a few seconds; a worker
# silent for longer than this is stuck and gets replaced.
timeout = int(os.environ.get("DATELINE_TIMEOUT", "60"))
# On SIGTERM, workers finish their in-flight requests within this window.
graceful_timeout = int(os.environ.get("DATELINE_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# --- Recycling -----------------------------------------------------------
# Recycle workers now and then so that any slow growth is bounded; the jitter
# keeps them from restarting all at once.
max_requests = int(os.environ.get("DATELINE_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("DATELINE_MAX_REQUESTS_JITTER", "1000"))

# --- Request limits ------------------------------------------------------
limit_request_line = 8190
limit_request_fields = 100

# --- Logging -------------------------------------------------------------
# Access log without the query string or bodies: article text never reaches logs.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("DATELINE_LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'

# --- Environment ---------------------------------------------------------
# One BLAS thread per worker: workers are the unit of parallelism.
raw_env = ["OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1"]
