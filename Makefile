# `make run` and `make test` do all their own set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := $(shell mktemp -u /tmp/insidetrack-demo-XXXXXX).db

.PHONY: run demo test lint bench clean system-deps

# urllib3-future (caldav -> niquests) is built from source without its start-up hook,
# which overwrites urllib3 and makes every Python start here 15-20 ms slower.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	URLLIB3_NO_OVERRIDE=1 $(BIN)/pip install --quiet --no-binary urllib3-future -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

# The web app on your own database; open the address it prints.
run: $(STAMP)
	@$(BIN)/insidetrack serve

# The command line on a throwaway demo database.
demo: $(STAMP)
	@echo "Demo database (throwaway): $(DEMO_DB)"
	@$(BIN)/insidetrack --db $(DEMO_DB) demo
	@$(BIN)/insidetrack --db $(DEMO_DB) today
	@$(BIN)/insidetrack --db $(DEMO_DB) plan 1
	@$(BIN)/insidetrack --db $(DEMO_DB) advise 1
	@echo
	@echo "Try more: $(BIN)/insidetrack --db $(DEMO_DB) --help"

# Programs from the system the tests use: node runs the OpenID provider of the OAuth tests, espeak-ng speaks the voicemail rehearsal,
# Dovecot is the real IMAP server the sync tests read from, Chromium the browser,
# PostgreSQL the second database every storage test runs on (the tests start their own),
# poppler's pdftotext reads the letters back, fontconfig finds a font for every name
# (WenQuanYi Micro Hei, a small CJK font, prints the Chinese names of the letter tests), and
# nginx terminates TLS in front of two career-center servers (tests/test_org_proxy.py).
SYSTEM_PROGRAMS := espeak-ng:espeak-ng dovecot:dovecot-imapd chromium:chromium initdb:postgresql \
	pdftotext:poppler-utils fc-list:fontconfig node:nodejs npm:npm nginx:nginx-light
CJK_FONT := fonts-wqy-microhei
# Python modules of the system's own Python: link-grammar's parser reads every draft of the
# language tests (tests/language.py) and every polished draft (integrations/grammar.py), a
# module of /usr/bin/python3 rather than a program.
SYSTEM_MODULES := linkgrammar:python3-link-grammar
system-deps:
	@missing=""; for pair in $(SYSTEM_PROGRAMS); do \
	  command -v $${pair%%:*} >/dev/null || [ -x /usr/sbin/$${pair%%:*} ] || \
	    ls /usr/lib/postgresql/*/bin/$${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	for pair in $(SYSTEM_MODULES); do \
	  /usr/bin/python3 -c "import $${pair%%:*}" 2>/dev/null || missing="$$missing $${pair##*:}"; \
	done; \
	fc-list ':charset=738b 4f1f' 2>/dev/null | grep -q . || missing="$$missing $(CJK_FONT)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: install$$missing to run every test"; fi; \
	fi

# The OpenID provider the OAuth tests sign in at (node's oidc-provider, locked versions).
OIDC_STAMP := tests/oidc/node_modules/.installed
$(OIDC_STAMP): tests/oidc/package.json tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --no-audit --no-fund --silent
	touch $(OIDC_STAMP)

test: $(STAMP) system-deps $(OIDC_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP) system-deps
	command -v task >/dev/null && command -v wrk >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq taskwarrior wrk)
	URLLIB3_NO_OVERRIDE=1 $(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/today_vs_taskwarrior.py --interviews 10000
	$(BIN)/python bench/today_vs_taskwarrior.py --interviews 10000 --postgresql
	$(BIN)/python bench/today_vs_taskwarrior.py --interviews 100000 --runs 7
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/planner.py
	$(BIN)/python bench/polish.py
	$(BIN)/python bench/import_csv.py --rows 100000
	$(BIN)/python bench/import_csv.py --rows 100000 --postgresql
	$(BIN)/python bench/import_floor.py --rows 100000
	$(BIN)/python bench/import_floor.py --rows 100000 --postgresql
	$(BIN)/python bench/web_latency.py --interviews 10000
	$(BIN)/python bench/web_latency.py --interviews 10000 --postgresql
	$(BIN)/python bench/every_route.py --interviews 10000
	$(BIN)/python bench/every_route.py --interviews 10000 --postgresql
	$(BIN)/python bench/org_load.py
	$(BIN)/python bench/org_roster.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
