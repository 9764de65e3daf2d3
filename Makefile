# Developer tasks. `make test` is the README's test command and what CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: test check lint format typecheck lint-imports run snapshots-update migrate revision bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff format --check src tests
	$(PY) -m ruff check src tests
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

check: lint test

format: $(STAMP)
	$(PY) -m ruff format src tests
	$(PY) -m ruff check --fix src tests

run: $(STAMP)
	$(VENV)/bin/gaptracker

snapshots-update: $(STAMP)
	$(PY) -m pytest tests/snapshots --snapshot-update

# Benchmarks (bench/README.md): figures and ratios against baselines run alongside; ~7 min.
bench: $(STAMP)
	$(PY) bench/run_all.py

revision: $(STAMP)
	$(VENV)/bin/alembic revision --autogenerate -m "$(m)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
