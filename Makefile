# Two commands on a fresh Debian/Ubuntu machine: `make render` and `make test`.
# Each bootstraps on first use: system packages (scripts/bootstrap-system.sh), .venv, the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: render test test-fast bench setup clean checkers docs

render: $(STAMP)
	$(BIN)/python render.py $(ARGS)

# Both cores (pytest-xdist); the tests that share one rendered lesson run on one worker (loadgroup).
test: $(STAMP)
	bash scripts/bootstrap-system.sh --browser
	$(MAKE) --no-print-directory checkers
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mkdocs build --strict --site-dir site  # not --quiet: it hides the warnings --strict fails on
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n 2 --dist loadgroup $(ARGS)

test-fast: $(STAMP) checkers
	$(BIN)/python -m pytest -m "not slow" -n 2 --dist loadgroup $(ARGS)

bench: $(STAMP)
	bash scripts/bootstrap-system.sh --bench
	$(BIN)/python bench/run.py $(ARGS)

setup: $(STAMP)

# The guide (docs/, mkdocs.yml): plain MkDocs, built offline into site/; `make test` builds it too.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The checkers the tests run with node (package.json): a strict WebVTT parser and axe-core, at the locked versions.
checkers: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STAMP): pyproject.toml scripts/bootstrap-system.sh
	bash scripts/bootstrap-system.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) out .pytest_cache node_modules site
