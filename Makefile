# Omkijken: the two commands.
#   make demo   set up from nothing and start the demo on http://127.0.0.1:8000 (SQLite)
#   make test   install what the tests need and run the whole test suite
# Set DATABASE_URL to run either against PostgreSQL.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
HOST   ?= 127.0.0.1:8000
# Every target here is the laptop's: the demo mode (DEBUG on, the public demo key). Production sets
# neither and must give a real SECRET_KEY (docs/deploy.md).
export OMKIJKEN_DEMO ?= 1

.PHONY: demo setup test test-fast test-deps system-test-deps assets messages lint lock bandit ci

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	$(PY) manage.py runserver $(HOST)

setup: $(VENV)/.base-installed assets

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: $(VENV)/bin/python requirements/base.txt pyproject.toml
	$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	$(PIP) install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/bin/python requirements/test.txt pyproject.toml
	$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	$(PIP) install --quiet --disable-pip-version-check --no-deps -e .
	touch $@ $(VENV)/.base-installed

# Front-end assets (htmx, Pico CSS, axe-core for accessibility tests) from the npm registry.
assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Debian's Chromium for the browser tests and GNU gettext for the translation check.
system-test-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null || ! command -v pdftotext >/dev/null \
	  || ! ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium gettext poppler-utils \
	    libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

test-deps: $(VENV)/.test-installed assets system-test-deps

test: test-deps
	$(PY) -m pytest

# The fast loop while developing: everything but the browser and the slow property, load and
# query-growth tests (CI runs those too, through `make test`).
test-fast: $(VENV)/.test-installed assets
	$(PY) -m pytest -m "not slow and not browser"

messages:
	cd omkijken && $(abspath $(PY)) ../manage.py makemessages -l nl -l en --no-obsolete --no-location
	cd omkijken && $(abspath $(PY)) ../manage.py compilemessages

# The lock files, with a hash for every distribution (installed with --require-hashes above; the
# project itself goes in separately with --no-deps). Run after changing dependencies in pyproject.toml:
# uv keeps the versions already locked and adds what is new.
UV ?= $(VENV)/bin/uv
lock:
	@test -x $(UV) || $(PIP) install --quiet --disable-pip-version-check uv
	$(UV) pip compile pyproject.toml --generate-hashes -o requirements/base.txt --python-version 3.11
	$(UV) pip compile pyproject.toml --extra test --generate-hashes -o requirements/test.txt --python-version 3.11

# Security lint: no finding of medium severity or higher; each accepted one is a `# nosec` with its reason.
bandit: $(VENV)/.test-installed
	$(VENV)/bin/bandit -r omkijken -ll -q -c pyproject.toml

lint: $(VENV)/.test-installed
	$(VENV)/bin/bandit -r omkijken -ll -q -c pyproject.toml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy omkijken
	$(VENV)/bin/lint-imports --no-cache pyproject.toml
	$(PY) manage.py makemigrations --check --dry-run
