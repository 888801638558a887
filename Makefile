# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEMO_PASSWORD ?= Protikar-Demo-2026!
PORT ?= 8000

.PHONY: run test install messages translations check lint bench worker clean security

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

translations: install
	$(PY) manage.py build_translations -v0

run: install translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --password '$(DEMO_PASSWORD)' --cases 200
	@echo "Demo password for every user above: $(DEMO_PASSWORD)"
	@echo "Open http://127.0.0.1:$(PORT)/ (staff sign-in: http://127.0.0.1:$(PORT)/bn/accounts/login/)"
	@# The task worker (background imports) runs beside the server and stops with it.
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install translations
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

# Re-extract the Bangla catalogue after changing strings (needs GNU gettext's xgettext).
messages: install
	$(PY) manage.py makemessages -l bn --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles
	$(PY) manage.py build_translations

# Security scan for CI: bandit fails on any high-severity finding; pip-audit fails on a known vulnerability
# (and says so, without failing, when its vulnerability service cannot be reached from this machine).
security: install
	$(PY) -m bandit -q -r portal casework home knowledge -x '*/migrations/*' --severity-level high
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py audit_dependencies

bench: install translations
	$(PY) -m pytest tests/perf -m perf -p no:cacheprovider -s

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
