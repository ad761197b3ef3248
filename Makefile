# Bro — every command sets itself up: a fresh clone needs only Python 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
MSG_LANG ?= en
PORT   ?= 8000

.PHONY: setup node-setup validate build serve dev offline test test-unit test-browser lint lock clean ted-import

# Every package comes from requirements.txt, pinned and checked against its hashes (`make lock` writes the file).
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

setup: $(STAMP) ## create .venv with the pinned dependencies

# JavaScript tools from the npm registry (eslint, axe-core, vnu-jar, iframe-worker), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Bro: npm is needed here (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node-setup: $(NODE_STAMP) ## install the pinned npm tools into node_modules/

validate: setup ## check every data file; MSG_LANG=da|sv|en
	$(BIN)/python -m bro.cli --lang $(MSG_LANG)

build: setup ## validate, then build both languages into site/ (nothing is published on error)
	$(BIN)/python scripts/build.py

serve: build ## build, then serve site/ on http://localhost:$(PORT)/
	@echo "Bro: http://localhost:$(PORT)/  (da: /da/, sv: /sv/)"
	$(BIN)/python -m http.server --directory site --bind 127.0.0.1 $(PORT)

offline: setup node-setup ## the whole site as one zip to open from disk: dist/bro-offline.zip (site/ untouched)
	$(BIN)/python scripts/offline.py

dev: setup ## live-reloading preview of one language: make dev SITE_LANG=sv
	$(BIN)/mkdocs serve -f mkdocs.$(or $(SITE_LANG),da).yml

# Asks TED (the network) and writes data/tenders/ted-*.yml into the working tree, for review with `git diff` like
# any change; hand-written entries are never touched. FROM=/TO= the publication days (default: the seven days before
# today), DRY_RUN=1 for the report only, MSG_LANG=sv for a Swedish report.
ted-import: setup ## import reserved and social notices from TED into data/tenders/: FROM=YYYY-MM-DD TO=… DRY_RUN=1
	$(BIN)/python scripts/ted_import.py $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) \
	  $(if $(filter sv,$(MSG_LANG)),--lang sv) $(if $(DRY_RUN),--dry-run)

lint: setup
	$(BIN)/ruff check src hooks scripts tests

test: setup ## everything: lint, unit/golden tests, build, browser stage
	bash scripts/test.sh

# The lock. requirements.in (edited by people) → requirements.txt: every package Bro installs, pinned, with the
# hashes of its files on PyPI; requirements-automation.in → requirements-automation.txt (PyYAML for the jobs with
# a write token). Made with pip-tools from PyPI alone, whatever pip is set up to use on this machine, with Python
# 3.11 as CI runs it; versions already locked are kept where they still fit. Run it after changing a requirement.
LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.7.0
LOCK_ENV  := env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
             CUSTOM_COMPILE_COMMAND="make lock"
PIP_COMPILE := $(LOCK_ENV) $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
               --no-emit-index-url --no-emit-find-links

lock: ## write requirements.txt and requirements-automation.txt (pinned, with hashes) from the .in files
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Bro: make lock needs Python 3.11 (PYTHON=python3.11)")'
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
	  $(LOCK_ENV) $(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS); }
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-automation.txt requirements-automation.in

clean:
	rm -rf site dist .site-staging-* .pytest_cache
