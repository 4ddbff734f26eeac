# dxday: two commands for a fresh machine.
#   make run   — venv, install, SQLite database, demo data, serve on http://127.0.0.1:$(PORT)
#   make test  — venv, install with test dependencies, run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-test messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# `make run` serves as production does (DEBUG off, gunicorn, whitenoise, plain error pages), but over
# plain HTTP on this machine only (HTTPS=0), with e-mail printed to the console instead of sent and the
# login throttle in a database table that every worker shares.
LOCAL_ENV := DEBUG=0 HTTPS=0 ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=http://127.0.0.1:$(PORT) \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend CACHE_TABLE=dxday_cache

run: install
	$(LOCAL_ENV) $(BIN)/dxday manage migrate --noinput -v0
	$(LOCAL_ENV) $(BIN)/dxday demo
	@echo "dxday is serving on http://127.0.0.1:$(PORT)/ (demo logins above; Ctrl-C stops it)"
	$(LOCAL_ENV) $(BIN)/dxday serve --bind 127.0.0.1:$(PORT) --workers 2

test: install-test
	.ci/system-packages
	$(BIN)/ruff format --check dxday tests bench
	$(BIN)/ruff check dxday tests bench
	$(BIN)/mypy dxday/extract dxday/*/services.py dxday/*/queries.py dxday/contests/lean.py dxday/contests/ballot_box.py dxday/contests/ballot_server.py  # django-stubs; settings in pyproject.toml
	$(BIN)/pytest $(PYTEST_ARGS)

messages:
	cd dxday && ../$(BIN)/dxday manage makemessages -l en --no-obsolete && ../$(BIN)/dxday manage compilemessages -l en

clean:
	rm -rf $(VENV) var .pytest_cache
