# `make run` and `make test` do all their own set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := $(shell mktemp -u /tmp/insidetrack-demo-XXXXXX).db

.PHONY: run test lint bench clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

run: $(STAMP)
	@echo "Demo database (throwaway): $(DEMO_DB)"
	@$(BIN)/insidetrack --db $(DEMO_DB) demo
	@$(BIN)/insidetrack --db $(DEMO_DB) today
	@$(BIN)/insidetrack --db $(DEMO_DB) interview list
	@$(BIN)/insidetrack --db $(DEMO_DB) plan 1
	@$(BIN)/insidetrack --db $(DEMO_DB) advise 1
	@echo
	@echo "Try more: $(BIN)/insidetrack --db $(DEMO_DB) --help"

# Programs from the system the tests use: espeak-ng speaks the voicemail rehearsal.
system-deps:
	@command -v espeak-ng >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get update -qq && apt-get install -y -qq espeak-ng >/dev/null) \
	  || echo "note: install espeak-ng to run the rehearsal test"; }

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	command -v task >/dev/null || (apt-get update -qq && apt-get install -y -qq taskwarrior)
	$(BIN)/python bench/today_vs_taskwarrior.py --interviews 10000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
