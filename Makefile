# Pierwsze kroki w Pomorskim: every task a contributor or CI runs. See README.md and MAINTAINING.md.
# `make serve LANG=uk` previews one language; LANG only counts when given on the command line,
# since the shell's own LANG is a locale (C.UTF-8, pl_PL.UTF-8, ...).

PYTHON ?= python3
ADDR   ?= 127.0.0.1:8000
# The engine that builds, serves and deploys (MAINTAINING.md "Engines and the exit plan"): mkdocs, or
# properdocs, its maintained continuation, in a venv of its own (the two cannot share one).
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
VENV   := .venv
REQUIREMENTS := cat requirements.lock
PIP_DEPS :=
else ifeq ($(ENGINE),properdocs)
VENV   := .venv-properdocs
REQUIREMENTS := grep -v -E '^mkdocs(-get-deps)?==' requirements.lock; sed '/^\#/d' requirements-properdocs.txt
PIP_DEPS := --no-deps
else
$(error ENGINE is mkdocs (the default) or properdocs)
endif
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# make pytest: the test files spread over every core (pytest-xdist), one file per worker.
WORKERS ?= auto
# make test-content (MAINTAINING.md, CONTRIBUTING): data, content, termbase, translations and the
# links of the built site, without a browser.
CONTENT_TESTS := $(wildcard tests/test_data.py tests/test_data_models.py tests/test_content.py tests/test_docs_files.py \
	tests/test_termbase.py tests/test_translations.py tests/test_links.py)

# Material prints a banner about its end of life on every run; MAINTAINING.md records it.
# Reproducible builds: dates in the site come from the last commit, not from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
RUN := env -u GUIDE_LANG -u GUIDE_LIVE_PREVIEW NO_MKDOCS_2_WARNING=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 PYTHONHASHSEED=0 \
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH)
ifeq ($(origin LANG),command line)
RUN += GUIDE_LANG=$(LANG)
endif

.PHONY: help install serve build test test-content chromium engines-compare build-into lint typecheck pytest check-data clean lock linkcheck-external bench deploy pdf verify-sources

help:
	@echo "make serve [LANG=uk]   preview at http://$(ADDR) with live reload"
	@echo "make build             build all languages into site/"
	@echo "make pdf               build, then print the linked PDFs into site/pdf/ (booklets, powiat sheets)"
	@echo "make test              lint, type checks, data checks and the whole test suite"
	@echo "make test-content      data, content, termbase, translation and link checks (no browser)"
	@echo "ENGINE=properdocs      build, serve or deploy with ProperDocs instead of MkDocs"
	@echo "make deploy EDITION=2026 [PUSH=1]  publish an edition with mike to gh-pages (MAINTAINING.md: Editions)"

$(STAMP): requirements.lock requirements-properdocs.txt pyproject.toml tools/register_package.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	{ $(REQUIREMENTS); } > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(PIP_DEPS) -r $(VENV)/requirements.txt
	$(BIN)/python tools/register_package.py
	touch $@

install: $(STAMP)

# mkdocs serve mounts the site at site_url's path: serve it at the root of ADDR.
# GUIDE_LIVE_PREVIEW: no CSP meta, whose hashes cannot allow live reload's inline script.
serve: $(STAMP)
	$(RUN) SITE_URL=http://$(ADDR)/ GUIDE_LIVE_PREVIEW=true $(BIN)/$(ENGINE) serve --dev-addr $(ADDR) --livereload

build: $(STAMP)
	$(RUN) $(BIN)/python -m guide build

# The PDFs every page links to (MAINTAINING.md "Printing and PDFs"); a deploy prints them itself.
pdf: build chromium
	$(RUN) $(BIN)/python -m guide pdf site

# Editions (MAINTAINING.md "Editions"): builds EDITION strictly, with its PDFs, and commits it with
# mike to gh-pages as EDITION and latest (the root opens latest); pushes only with PUSH=1.
deploy: $(STAMP)
	$(if $(EDITION),,$(error give the edition's year: make deploy EDITION=2026))
	$(RUN) $(BIN)/python -m guide deploy $(EDITION) $(if $(filter 1,$(PUSH)),--push)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

check-data: $(STAMP)
	$(RUN) $(BIN)/python -m guide check-data
	$(RUN) $(BIN)/python -m guide check-content

pytest: $(STAMP) chromium
	$(RUN) $(BIN)/pytest -n $(WORKERS) --dist loadfile

test: lint typecheck check-data pytest

test-content: check-data
	$(RUN) $(BIN)/pytest -n $(WORKERS) --dist loadfile -m "not browser" $(CONTENT_TESTS)

# A Chromium for the browser tests and the PDFs: found, or installed (tools/ensure-chromium
# says what in one line: Debian's package with apt-get, elsewhere Playwright's own build).
chromium: $(STAMP)
	bash tools/ensure-chromium $(BIN)

# Both engines build the same site (every HTML file identical but <meta name="generator">):
# CI runs it; it installs the second venv, so it is not part of `make test`.
engines-compare:
	mkdir -p .engines
	$(MAKE) build-into ENGINE=mkdocs OUT=.engines/mkdocs
	$(MAKE) build-into ENGINE=properdocs OUT=.engines/properdocs
	.venv/bin/python -m guide.site.build --compare .engines/mkdocs .engines/properdocs

build-into: $(STAMP)
	$(RUN) $(BIN)/python -m guide build $(OUT)

# Budgets (MAINTAINING.md "Budgets"): build time against a stock build of the same pages in the same
# run, first-view bytes in Chromium, Lighthouse mobile scores (npm ci --prefix tools/lighthouse
# when missing), build time over synthetic regions of 20, 80 and 380 powiats (--only scale).
# One part or fewer runs: make bench BENCH="--only lighthouse --lighthouse-runs 1"
# Opt-in: BENCH="--only instructions" counts a build's instructions under Valgrind (minutes).
BENCH ?=
bench: $(STAMP)
	$(RUN) $(BIN)/python -m guide bench $(BENCH)

# Opt-in, needs the network: fetch every office's sources again and report what drifted
# (python -m guide verify-sources; answers cached for a day). Not part of `make test`.
verify-sources: $(STAMP)
	$(RUN) $(BIN)/python -m guide verify-sources $(VERIFY)

# Opt-in, needs the network: every external link of the built site (not part of `make test`).
linkcheck-external: build
	$(BIN)/python -m pip install --quiet --disable-pip-version-check linkchecker==10.6.0
	$(BIN)/linkchecker --check-extern --no-status --no-warnings site/index.html

lock: $(STAMP)
	( echo "# Every package, pinned exactly: generated by 'make lock' from requirements-dev.txt."; \
	  $(BIN)/python -m pip freeze --exclude-editable --exclude pierwsze-kroki-w-pomorskim ) > requirements.lock

clean:
	rm -rf site .engines .pytest_cache .mypy_cache .ruff_cache
