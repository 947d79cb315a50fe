# Bina ASN: the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_VAR := $(CURDIR)/var/test
PYTEST := $(PY) -m pytest -p no:cacheprovider --durations=8

.PHONY: help demo test quality check-deploy test-suites test-lms test-companion test-companion-pg test-companion-sqlite \
        test-browser test-system docs screenshots starter-course system-deps messages doc-messages doc-todo clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): setup.py
	@command -v $(PYTHON) >/dev/null 2>&1 && $(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null \
	  || { echo "make: Python 3.12 is needed but '$(PYTHON)' does not run it here. Install Python 3.12 (e.g. 'pyenv install 3.12') so that 'python3.12 --version' works in this folder."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[devlms,companion,dev]"
	touch $(STAMP)

demo: $(STAMP)  ## Set everything up and run the dev LMS (:8000) and the companion (:8001) until Ctrl-C.
	@$(PY) -m dev.demo

test: $(STAMP) system-deps quality check-deploy  ## Install what tests need and run the whole suite.
	@$(PY) -m tests.support.pgcluster -- $(MAKE) --no-print-directory test-suites

system-deps:  ## Debian packages the tests need: PostgreSQL's server, Redis's server and Chromium.
	@need=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need="$$need redis-server"; \
	[ -x /usr/bin/chromium ] || need="$$need chromium"; \
	command -v msgfmt >/dev/null 2>&1 || need="$$need gettext"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "make: the tests need the Debian packages:$$need. Install them with: sudo apt-get install$$need"; exit 1; fi; \
	  echo "Installing Debian packages:$$need"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	fi

quality: $(STAMP)  ## Lint and format check (ruff).
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check-deploy: $(STAMP)  ## Django's deployment checks with production settings.
	@DJANGO_SETTINGS_MODULE=companion_service.settings.production \
	  COMPANION_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  COMPANION_ALLOWED_HOSTS=companion.example.go.id \
	  DATABASE_URL=postgres://companion:unused@127.0.0.1:5432/companion \
	  REDIS_URL=redis://127.0.0.1:6379/4 \
	  $(VENV)/bin/companion check --deploy --fail-level WARNING

# The suites below expect BINA_TEST_PG_URL (set by tests.support.pgcluster in `make test`).
# The suites share nothing (own var/ folders, databases with random names, free ports): two run side
# by side on the machine's two cores, the next one starting as soon as one ends (the LMS and the
# companion first, then the browser, the system tests and the docs); each one's output is shown
# whole when it ends.
test-suites:
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-lms test-companion test-browser test-system docs

test-companion:  # on PostgreSQL, then on SQLite (the two share var/test/companion)
	@$(MAKE) --no-print-directory test-companion-pg
	@$(MAKE) --no-print-directory test-companion-sqlite

test-lms:
	BINA_VAR_DIR=$(TEST_VAR)/lms $(PYTEST) tests/lms --ds=dev.lms.settings

test-companion-pg:
	@test -n "$$BINA_TEST_PG_URL" || { echo "make: BINA_TEST_PG_URL is not set; run 'make test'."; exit 1; }
	BINA_VAR_DIR=$(TEST_VAR)/companion DATABASE_URL="$$BINA_TEST_PG_URL" $(PYTEST) tests/companion --ds=companion_service.settings.test

test-companion-sqlite:
	BINA_VAR_DIR=$(TEST_VAR)/companion DATABASE_URL= $(PYTEST) tests/companion --ds=companion_service.settings.test

test-browser:
	BINA_VAR_DIR=$(TEST_VAR)/browser $(PYTEST) tests/browser

screenshots: $(STAMP)  ## Retake the guides' screenshots (docs/screenshots) with the browser tests.
	BINA_SCREENSHOTS=1 BINA_VAR_DIR=$(TEST_VAR)/browser $(PYTEST) tests/browser

test-system:
	BINA_VAR_DIR=$(TEST_VAR)/system $(PYTEST) tests/system

docs: $(STAMP)  ## Build the docs in Bahasa Indonesia (docs/_build/html/id, the landing page) and English (.../en); warnings are errors.
	$(PY) -m dev.doc_catalogs build docs/_build/html  # each language a fresh build (-E), so no warning hides in a cache

starter-course: $(STAMP)  ## Build the starter course for Studio's import: dist/transformasi-digital-asn-sibolga.tar.gz.
	$(PY) -m dev.starter_course

messages: $(STAMP) doc-messages  ## Update every .po catalog from the sources (blocks, apps, companion, guides), compile them, bundle JS.
	$(PY) -m dev.catalogs update

doc-messages: $(STAMP)  ## Update the guides' Indonesian catalogs (docs/locale/id) from the English pages; list what to translate.
	$(PY) -m dev.doc_catalogs update

doc-todo: $(STAMP)  ## List every guide paragraph still to translate (file, English text).
	@$(PY) -m dev.doc_catalogs todo

clean:  ## Remove the virtualenv, caches and test data (keeps var/ demo data).
	rm -rf $(VENV) .tox docs/_build $(TEST_VAR) build *.egg-info
