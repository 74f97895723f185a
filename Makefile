# Two entry points for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs in one venv: the runtime alone for `make run` (no test or lint tools), the
# dev tools on top of it for `make test`; each stamp is redone when pyproject.toml changes.
RUN_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
DB ?= sqlite:///timeline.db
PORT ?= 5000

.PHONY: run test lint serve clean bench-tagger bench-api bench-timelines bench-speed bench-entries browser web-vendor

$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): $(RUN_STAMP)
	$(PIP) -e '.[dev,postgres]'
	touch $(DEV_STAMP)

## run: ingest seeds/ into the SQLite store, print the timeline, serve it through gunicorn on :5000
run: $(RUN_STAMP)
	$(BIN)/timeline ingest seeds --db $(DB)
	$(BIN)/timeline dump --db $(DB)
	$(BIN)/timeline serve --db $(DB) --port $(PORT)

## test: the whole suite (PostgreSQL tests fail, not skip, when CI=true and it is down)
test: $(DEV_STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## browser: Chromium + chromedriver for tests/web, from Debian when missing and we are root
## (never fails: without them the browser tests skip, and fail under CI=true)
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
	      || echo "make: could not install chromium + chromium-driver"; \
	  else \
	    echo "make: chromium/chromedriver missing (install them as root: apt-get install chromium chromium-driver)"; \
	  fi; \
	fi

## web-vendor: re-create api/static/vendor/vis-timeline/ from npm (web/package-lock.json)
WEB_VENDOR := api/static/vendor/vis-timeline
VIS := web/node_modules/vis-timeline
web-vendor:
	cd web && npm ci --no-audit --no-fund
	rm -rf $(WEB_VENDOR) && mkdir -p $(WEB_VENDOR)
	cp $(VIS)/standalone/umd/vis-timeline-graph2d.min.js $(VIS)/styles/vis-timeline-graph2d.min.css \
	  $(VIS)/LICENSE.md $(VIS)/LICENSE.Apache-2.0.txt $(VIS)/LICENSE.MIT.txt $(WEB_VENDOR)/
	node -p '"vis-timeline " + require("./$(VIS)/package.json").version' > $(WEB_VENDOR)/VERSION

## bench-tagger: our tagger vs HeidelTime vs dateparser on TBAQ (not part of `make test`)
bench-tagger: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/tagger.py

## bench-api: API latency at 10k/100k/1M entries on SQLite and PostgreSQL (test client,
## gunicorn, raw SQL); BENCH_ARGS="--sizes 10000 100000" for a shorter run
bench-api: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/api.py $(BENCH_ARGS)

## bench-timelines: SemEval-2015 Task 4 entity timelines on the trial data vs two baselines
bench-timelines: $(RUN_STAMP)
	$(BIN)/python bench/timelines.py

## bench-speed: office-holder scan, tagging and trial-timeline speed (figures, no assertions)
bench-speed: $(RUN_STAMP)
	$(BIN)/python bench/speed.py

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache timeline.db timeline.db-wal timeline.db-shm

## bench-entries: the entries a reader gets, against happenings judged by hand (fixtures/events/judged)
bench-entries: $(RUN_STAMP)
	$(BIN)/python bench/entries.py
