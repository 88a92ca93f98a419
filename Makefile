# fivesoc: `make serve` runs the API with the demo data, `make test` runs the whole suite.
# Both create or update the virtual environment in .venv as needed (Python 3.11+ and make only).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint typecheck schema clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fivesoc needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/fivesoc serve

lint: $(STAMP)
	$(BIN)/ruff check fivesoc tests bench
	$(BIN)/ruff format --check fivesoc tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest -q

schema: $(STAMP)
	$(BIN)/fivesoc export-schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
