# Two commands on a fresh clone: `make demo` and `make test`. Everything else builds on .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test golden lint eval clean-out

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/clean run seeds/ -o out/ --force

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check clean tests

# Rewrite golden/ from the current code, then show what changed: read every line of the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden write
	git --no-pager diff --stat -- golden/
	git --no-pager diff -- golden/

# Chrome stripping on WCXB (HTML, raw text, baselines) and the Indonesian dumps: a few minutes.
eval: $(STAMP)
	$(BIN)/python bench/chrome_eval.py --json out/chrome_eval.json

clean-out:
	rm -rf out/
