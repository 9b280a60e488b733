# Two commands on a fresh clone: `make demo` and `make test`. Everything else builds on .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz golden lint clean-out

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/clean run seeds/ -o out/ --force

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

# The property suite with many more examples and no deadline (a few minutes to an hour).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q tests/test_properties.py

lint: $(STAMP)
	$(BIN)/ruff check clean tests

# Rewrite golden/ from the current code, then show what changed: read every line of the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden write
	git --no-pager diff --stat -- golden/
	git --no-pager diff -- golden/

clean-out:
	rm -rf out/
