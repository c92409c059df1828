# DTI Hub — the commands a newcomer needs. `make run` serves the app; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
FRONTEND := $(wildcard frontend/package.json)
# pytest-xdist: one worker per core; an idle worker takes tests queued for a busy one (worksteal).
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: help install migrate seed spa run openapi lint lint-python lint-spa test test-backend \
	test-frontend test-vitest test-e2e test-python-chain test-spa-chain guide fuzz bench \
	backup check-evidence clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@# uv installs the same packages from PyPI in seconds where pip takes a minute; pip is the
	@# fallback when uv cannot be had.
	$(PY) -m pip install --quiet uv && $(VENV)/bin/uv pip install --quiet --python $(PY) -e '.[dev]' \
		|| { $(PY) -m pip install --quiet --upgrade pip && $(PY) -m pip install --quiet -e '.[dev]'; }
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP) ## create .venv and install the backend with its tools

migrate: install ## upgrade the database to the newest migration
	$(PY) -m api migrate

seed: migrate ## load units, groups and frameworks (and demo data when DTI_DEMO=1); idempotent
	$(PY) -m api seed

frontend/node_modules/.package-lock.json: $(if $(FRONTEND),frontend/package-lock.json)
	cd frontend && npm ci --no-audit --no-fund

spa: ## build the SPA into frontend/dist (when frontend/ exists)
ifneq ($(FRONTEND),)
	$(MAKE) frontend/node_modules/.package-lock.json
	cd frontend && npm run build
endif

run: migrate spa ## install, migrate, seed (demo on), build the SPA, serve on DTI_HOST:DTI_PORT
	DTI_DEMO=$${DTI_DEMO:-1} $(PY) -m api seed
	DTI_DEMO=$${DTI_DEMO:-1} $(PY) -m api serve

openapi: install ## regenerate openapi.yaml (and the SPA's typed client) from the app
	$(PY) -m api openapi
ifneq ($(FRONTEND),)
	$(MAKE) frontend/node_modules/.package-lock.json
	cd frontend && npm run generate:api
endif

lint: lint-python lint-spa ## ruff (lint + format check), mypy --strict, import contracts; eslint + tsc

lint-python: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

lint-spa:
ifneq ($(FRONTEND),)
	$(MAKE) frontend/node_modules/.package-lock.json
	cd frontend && npm run lint && npm run typecheck
endif

test-backend: install ## pytest on SQLite; the database tests again on PostgreSQL if TEST_DATABASE_URL is set
	env -u TEST_DATABASE_URL $(PY) -m pytest -q $(PYTEST_PARALLEL)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL: the tests that use the database (-m db) =="; \
		$(PY) -m pytest -q $(PYTEST_PARALLEL) -m db; \
	fi

test-frontend: test-vitest test-e2e ## Vitest, then Playwright journeys in headless Chromium (when frontend/ exists)

test-vitest: ## Vitest (when frontend/ exists)
ifneq ($(FRONTEND),)
	$(MAKE) frontend/node_modules/.package-lock.json
	cd frontend && npm test
endif

test-e2e: ## Playwright journeys in headless Chromium, against a fresh app (when frontend/ exists)
ifneq ($(FRONTEND),)
	$(MAKE) frontend/node_modules/.package-lock.json
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null); } || \
		{ echo "chromium is missing: apt-get install chromium"; exit 1; }
	cd frontend && npm run e2e
endif

# Three chains side by side: the Python checks and tests; the SPA's checks and Vitest; and the
# browser journeys. The first two keep both cores busy; the journeys mostly wait on the page and
# the server, so they run beside them from the start instead of after Vitest. Each chain's output
# is printed as a block when its step ends. The Python environment and the SPA's packages are
# installed first: the journeys' server runs in the one, and two chains use the other.
test: install ## every check: lint, backend tests, frontend tests
ifneq ($(FRONTEND),)
	$(MAKE) --no-print-directory frontend/node_modules/.package-lock.json
endif
	$(MAKE) --no-print-directory -j3 --output-sync=target test-python-chain test-spa-chain test-e2e

test-python-chain:
	$(MAKE) --no-print-directory lint-python
	$(MAKE) --no-print-directory test-backend

test-spa-chain:
	$(MAKE) --no-print-directory lint-spa
	$(MAKE) --no-print-directory test-vitest

# make fuzz FUZZ_EXAMPLES=300 FUZZ_SEED=7 FUZZ_ARGS='--keep var/fuzz -- --include-path-regex /rounds'
FUZZ_EXAMPLES ?= 100
FUZZ_SEED ?= 20261204
guide: install ## the user guide's screenshots (from the app) and its PDF in docs/guide (Chromium)
	cd frontend && npx vite build && DTI_GUIDE=screenshots npx playwright test e2e/guide.spec.ts --project journeys --no-deps
	cd frontend && npx vite build && DTI_GUIDE=pdf npx playwright test e2e/guide.spec.ts --project journeys --no-deps

fuzz: install ## schemathesis, every phase, as admin and as a unit editor, on a fresh database
	$(PY) -m tests.support.fuzz --max-examples $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED) $(FUZZ_ARGS)

bench: install ## print the benchmarks' figures
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f; done

# Outside var/, which `make clean` removes.
BACKUP_DIR ?= backups
backup: install ## back up the database and the evidence files into BACKUP_DIR (backups/)
	$(PY) -m api backup $(BACKUP_DIR)

check-evidence: install ## list evidence files missing from storage (exit 1) and orphan blobs
	$(PY) -m api check

clean: ## remove the local database, storage and build output
	rm -rf var frontend/dist
