"""gunicorn for Omkijken: threads per worker, sized for the password hash (see docs/deploy.md).

WEB_CONCURRENCY  worker processes (default: the number of CPU cores)
WEB_THREADS      threads per worker (default 4): a login hashes for ~0.4-0.7 s of CPU; with
                 threads, other pages of the same worker go on meanwhile
WEB_TIMEOUT      seconds before a silent worker is restarted (default 60; long work is a job)
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Load Django and the engine once, before forking: the first request is not slow, memory is shared.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
# Omkijken logs each request itself as JSON with its request id (omkijken.request); gunicorn's
# own access log would say it twice.
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
