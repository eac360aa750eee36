# PeerLog developer commands. `make run` and `make check` are the two in the README.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run check lint test bench package clean lock

# Every library comes from requirements/dev.lock: exact versions with their hashes, the same on
# every machine and in every build (requirements/app.lock is the part the app bundles). `make
# lock` refreshes both after pyproject.toml changes; `make lock UPGRADE=1` takes new releases.
$(STAMP): pyproject.toml requirements/dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
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
	rm -rf $(VENV) .venv-lock build dist .mypy_cache .ruff_cache .pytest_cache

LOCK_TOOL := .venv-lock/bin/uv
COMPILE = $(LOCK_TOOL) pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --quiet --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet uv==0.13.9
	$(COMPILE) -o requirements/app.lock
	$(COMPILE) --extra dev -c requirements/app.lock -o requirements/dev.lock

bench: $(STAMP)
	$(PY) -m benchmarks.run
