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

run: install
	DEBUG=1 $(BIN)/dxday manage migrate --noinput -v0
	DEBUG=1 $(BIN)/dxday demo
	@echo "dxday is serving on http://127.0.0.1:$(PORT)/ (demo logins above; Ctrl-C stops it)"
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/dxday manage runserver 127.0.0.1:$(PORT)

test: install-test
	$(BIN)/ruff format --check dxday tests bench
	$(BIN)/ruff check dxday tests bench
	$(BIN)/mypy dxday/extract --ignore-missing-imports
	$(BIN)/pytest $(PYTEST_ARGS)

messages:
	cd dxday && ../$(BIN)/dxday manage makemessages -l en --no-obsolete && ../$(BIN)/dxday manage compilemessages -l en

clean:
	rm -rf $(VENV) var .pytest_cache
