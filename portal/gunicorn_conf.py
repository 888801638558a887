"""Gunicorn settings for production: `gunicorn -c portal/gunicorn_conf.py portal.wsgi`.

Everything can be overridden from the environment (GUNICORN_*). The access log never carries a query
string (searches by name, phone or passport could be in it): the format logs the path only (%(U)s), and
portal.logging's filter scrubs whatever an operator adds back.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only the reverse proxy on this host (or the load balancer's addresses) may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Remote address, time, method, path WITHOUT query string, status, size, duration. No referrer (it holds
# the previous page's full URL) and no user agent (fingerprinting detail we do not need).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "portal.logging.GunicornLogger"
