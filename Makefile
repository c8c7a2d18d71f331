# Kennisbank Verbondenheid & Veerkracht. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_SYSTEM ?= python3.11
VENV := .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
DEMO_PASSWORD ?= kennisbank-demo
APPS := website accounts home kennisclips blog studies search editorial security translations pagecache
MANAGE := $(PYTHON) manage.py
TEST_MANAGE := DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE)
export DEMO_PASSWORD

.PHONY: help install run setup migrate messages compilemessages static demo publish-scheduled record-searches test lint format check browser-deps lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON_SYSTEM) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON_SYSTEM) not found); set PYTHON_SYSTEM=/path/to/python3.11"; exit 1; }
	test -x $(PYTHON) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies (requirements.txt)

compilemessages: install ## Compile the Dutch and English catalogues (.po to .mo)
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (Debian: apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0

messages: install ## Update the catalogues from the code; fill the English ones (translate the Dutch by hand)
	for dir in $(APPS); do \
		(cd $$dir && ../$(PYTHON) ../manage.py makemessages --locale nl --locale en --no-obsolete --verbosity 0) || exit 1; \
	done
	$(MANAGE) fill_english_catalogues

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

static: install ## Collect static files into var/static
	$(MANAGE) collectstatic --noinput --verbosity 0

demo: migrate ## Load the demo content and demo accounts (idempotent)
	$(MANAGE) load_demo_content

publish-scheduled: install ## Publish and unpublish pages whose scheduled time has come (run every minute: deploy/)
	$(MANAGE) publish_scheduled

record-searches: install ## Move the search counts from the cache into the search report (run every few minutes)
	$(MANAGE) record_search_queries

.PHONY: renditions
renditions: install ## Make the image sizes (WebP and JPEG) that live pages show, only those still missing
	$(MANAGE) make_renditions

setup: compilemessages migrate static demo ## Everything `make run` does before it serves

run: setup ## From a fresh clone: install, migrate, load the demo, serve on http://127.0.0.1:$(PORT)
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/nl/  (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/"
	@echo "  Demo accounts (password: $(DEMO_PASSWORD)): admin (superuser), redacteur (editor), student and student2 (student authors)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

browser-deps: ## Install Debian's Chromium for the browser tests, where it is missing (needs root)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "Chromium is missing: browser tests will be skipped (install Debian's chromium to run them)"; fi; \
	fi

lint: install ## Ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format and fix with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: compilemessages ## Django system checks and missing-migration check
	$(TEST_MANAGE) check --fail-level WARNING
	$(TEST_MANAGE) makemigrations --check --dry-run --verbosity 1

test: browser-deps lint check audit ## Lint, checks and the whole test suite (SQLite, or DATABASE_URL when set)
	$(PYTHON) -m pytest $(PYTEST_ARGS)

.PHONY: audit
audit: install ## Check the pinned dependencies against PyPI's vulnerability data (pip-audit); fails on a known vulnerable pin
	$(VENV)/bin/pip-audit --requirement requirements.txt --no-deps --disable-pip --progress-spinner off $(AUDIT_ARGS)

.PHONY: backup
backup: install ## Write a backup (database, media files, manifest with counts and checksums) to BACKUP_DIR or var/backups/
	$(MANAGE) backup

.PHONY: restore
restore: install ## Restore BACKUP=path/to/archive.tar.gz into an empty install (FORCE=1 replaces a non-empty one)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/kennisbank-backup-<time>.tar.gz [FORCE=1]"; exit 2; }
	$(MANAGE) restore "$(BACKUP)" $(if $(FORCE),--force)

.PHONY: bench
bench: install compilemessages ## Benchmark: build a 22,400-page data set (var/bench/, or DATABASE_URL's <name>_bench), serve it with gunicorn, load it with wrk (BENCH_ARGS=--quick for a smoke run)
	$(PYTHON) -m bench $(BENCH_ARGS)

.PHONY: stress
stress: install compilemessages ## Load, worker-kill and SQLite-writer stress runs against gunicorn (a few minutes); writes var/stress/results.json
	$(PYTHON) -m bench.stress

lock: ## Re-resolve requirements.txt from pyproject.toml's ranges (then review the diff)
	rm -rf var/lock-venv && $(PYTHON_SYSTEM) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --disable-pip-version-check "pip>=25"
	var/lock-venv/bin/pip install --quiet --disable-pip-version-check $$($(PYTHON_SYSTEM) -c 'import tomllib; d = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(repr(x) for x in d["dependencies"] + d["optional-dependencies"]["dev"]))' | tr -d "'")
	( echo "# Exact versions for every install: made by 'make lock' from pyproject.toml's ranges."; \
	  var/lock-venv/bin/pip freeze --all --exclude pip --exclude setuptools --exclude wheel ) > requirements.txt
	rm -rf var/lock-venv

clean: ## Remove the virtualenv and generated files (keeps var/ data)
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find . -name '*.mo' -not -path './.venv/*' -delete
