# PeerLog developer commands. `make run` and `make check` are the two in the README.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run check lint test bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m desktop_app $(if $(DB),--db "$(DB)",--demo)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

check: lint test

# The one-folder app in dist/PeerLog/ (Linux and macOS; Windows: see README, Packaging).
package: $(STAMP)
	PYTHON=$(PY) packaging/build.sh

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

bench: $(STAMP)
	$(PY) -m benchmarks.run
