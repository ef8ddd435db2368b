# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INDEX_DIR ?= var/index
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files make re-runs instant; they are rebuilt when setup.cfg changes.
$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The bundled corpus is indexed once; delete $(INDEX_DIR) to start again.
$(INDEX_DIR)/current: | $(VENV)/.installed
	$(BIN)/loupe index corpus --index-dir $(INDEX_DIR)

run: $(VENV)/.installed | $(INDEX_DIR)/current
	$(BIN)/loupe serve --index-dir $(INDEX_DIR) --host $(HOST) --port $(PORT)

# axe-core for the browser tests' accessibility checks (they skip without npm).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json
	command -v npm >/dev/null && npm install --no-audit --no-fund || echo "no npm: the axe checks will be skipped"

test: $(VENV)/.installed-test $(AXE)
	$(BIN)/ruff check search index web tests bench
	$(BIN)/ruff format --check search index web tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/analyzer.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache *.egg-info
