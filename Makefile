# fivesoc: `make serve` runs the API with the demo data, `make test` runs the whole suite.
# Both create or update the virtual environment in .venv as needed (Python 3.11+ and make only).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint typecheck schema clean graphiql explorer chromium screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fivesoc needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/fivesoc serve

# The GraphiQL page's files, fetched again from the npm registry (npm needed only for this).
GRAPHIQL_DIR := fivesoc/static/graphiql
GRAPHIQL_PACKAGES := react@18.2.0 react-dom@18.2.0 graphiql@3.8.3

graphiql:
	rm -rf .graphiql && mkdir .graphiql
	cd .graphiql && npm pack --silent $(GRAPHIQL_PACKAGES) && \
		for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .graphiql/react-18.2.0/package/umd/react.production.min.js $(GRAPHIQL_DIR)/
	cp .graphiql/react-dom-18.2.0/package/umd/react-dom.production.min.js $(GRAPHIQL_DIR)/
	cp .graphiql/graphiql-3.8.3/package/graphiql.min.js $(GRAPHIQL_DIR)/
	cp .graphiql/graphiql-3.8.3/package/graphiql.min.css $(GRAPHIQL_DIR)/
	cp .graphiql/react-18.2.0/package/LICENSE $(GRAPHIQL_DIR)/LICENSE.react
	cp .graphiql/react-dom-18.2.0/package/LICENSE $(GRAPHIQL_DIR)/LICENSE.react-dom
	cp .graphiql/graphiql-3.8.3/package/LICENSE $(GRAPHIQL_DIR)/LICENSE.graphiql
	rm -rf .graphiql

# The explorer page's libraries, fetched again from the npm registry (npm needed only for this).
EXPLORER_DIR := fivesoc/static/explore/vendor
EXPLORER_PACKAGES := sigma@3.0.2 graphology@0.26.0 graphology-library@0.8.0 chart.js@4.6.1

explorer:
	rm -rf .explorer && mkdir .explorer && mkdir -p $(EXPLORER_DIR)
	cd .explorer && npm pack --silent $(EXPLORER_PACKAGES) && \
		for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .explorer/sigma-3.0.2/package/dist/sigma.min.js $(EXPLORER_DIR)/
	cp .explorer/graphology-0.26.0/package/dist/graphology.umd.min.js $(EXPLORER_DIR)/
	cp .explorer/graphology-library-0.8.0/package/dist/graphology-library.min.js $(EXPLORER_DIR)/
	cp .explorer/chart.js-4.6.1/package/dist/chart.umd.min.js $(EXPLORER_DIR)/
	cp .explorer/sigma-3.0.2/package/LICENSE.txt $(EXPLORER_DIR)/LICENSE.sigma
	cp .explorer/graphology-0.26.0/package/LICENSE.txt $(EXPLORER_DIR)/LICENSE.graphology
	cp .explorer/graphology-library-0.8.0/package/LICENSE.txt $(EXPLORER_DIR)/LICENSE.graphology-library
	cp .explorer/chart.js-4.6.1/package/LICENSE.md $(EXPLORER_DIR)/LICENSE.chart.js
	rm -rf .explorer

# Debian's Chromium and a CJK font, for the browser tests (Playwright drives it; its own
# download is not used).
chromium:
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk || \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk; }

lint: $(STAMP)
	$(BIN)/ruff check fivesoc tests bench
	$(BIN)/ruff format --check fivesoc tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest -q -n 2 --dist worksteal

# The explorer's screenshots in docs/explore, as the browser tests see the page.
screenshots: $(STAMP)
	FIVESOC_SCREENSHOTS=docs/explore $(BIN)/pytest -q -p no:cacheprovider tests/test_explorer.py

schema: $(STAMP)
	$(BIN)/fivesoc export-schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
