# Dateline: `make run` serves, `make test` checks everything. Each creates .venv when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Empty: gunicorn.conf.py's default (one per core, at least two).
WORKERS ?=

.PHONY: run test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files re-run the install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	PORT=$(PORT) $(if $(WORKERS),WORKERS=$(WORKERS)) $(BIN)/gunicorn -c gunicorn.conf.py service.wsgi:app

lint: $(VENV)/.installed-test
	$(BIN)/ruff check service schemas tests bench scripts
	$(BIN)/mypy

test: lint
	DATELINE_LOAD_MODEL=0 $(BIN)/gunicorn --check-config -c gunicorn.conf.py service.wsgi:app
	$(BIN)/python -m pytest

# BENCH_ARGS="--quick" or "--only http" runs a subset; see `python -m bench --help`.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
