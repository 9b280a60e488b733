# Two commands on a fresh clone: `make demo` and `make test`. Everything else builds on .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed  # the benchmarks' own packages (tests/test_bench.py)

.PHONY: demo test installed fuzz fuzz-atheris soak golden lint eval eval-meta clean-out chromium bench-report screenshot bench bench-1m profile bench-datatrove eval-dedup bench-dedup

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ray,interop]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/clean run seeds/ -o out/ --force

test: $(STAMP) $(BENCH_STAMP) lint chromium
	$(BIN)/python -m pytest -q
	$(BIN)/python -m tests.installed

# The package as a user installs it: wheel and sdist built, the wheel installed into a fresh venv
# outside the checkout, `clean rules check` and `clean run` (local and Ray) from there.
installed: $(STAMP)
	$(BIN)/python -m tests.installed

# The reliability tests at full size: a 200 MB file, a 50 MB line, a 10 GB gzip bomb, more kills.
soak: $(STAMP)
	CLEAN_SOAK=1 $(BIN)/python -m pytest -q tests/test_reliability.py

# The report.html tests drive headless Chromium; without it they are skipped (with the reason).
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the report.html tests"; \
		(apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
		 (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)) || \
		echo "chromium could not be installed: the browser tests will be skipped"; \
	fi

# report.html at 100k documents: its size per document (about a minute; not part of `make test`).
bench-report: $(STAMP)
	$(BIN)/python bench/report_size.py --docs 100000 --keep bench/out/report-100k-out

# Throughput and memory (issue 20): bench/throughput.py prints one table, each target of issue 20
# beside its baseline from the same run (met or missed), every row counted as its whole process
# tree (bench/measure.py); BENCH_DOCS for the corpus size, BENCH_ARGS for options (--repeat N,
# --skip-datatrove, --json F). datatrove gets its own virtualenv (it pins trafilatura 1.x); if it
# cannot be installed the benchmark runs without it and its table says so.
BENCH_DOCS  ?= 10000
BENCH_ARGS  ?=
# The scale plan (docs/scale.md): each phase per core, driver memory, pool against Ray (1, 2).
SCALE_DOCS  ?= 4000
DT_VENV     := bench/.venv-datatrove
DT_STAMP    := $(DT_VENV)/.installed

$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	touch $(BENCH_STAMP)

$(DT_STAMP): bench/requirements-datatrove.txt
	$(PYTHON) -m venv $(DT_VENV)
	$(DT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DT_VENV)/bin/python -m pip install --quiet -r bench/requirements-datatrove.txt
	touch $(DT_STAMP)

bench-datatrove: $(DT_STAMP)

bench: $(BENCH_STAMP)
	@$(MAKE) --no-print-directory bench-datatrove || \
		echo "datatrove could not be installed: the benchmark runs without it"
	nice $(BIN)/python bench/throughput.py --docs $(BENCH_DOCS) $(BENCH_ARGS)
	nice $(BIN)/python bench/scale.py --docs $(SCALE_DOCS)

# One real run over a million generated documents (issue 20's memory targets): the driver's bytes
# per document at every phase, the tree's peak PSS, the wall time (hours on 2 cores; 3.3 GB of
# corpus kept in bench/out/throughput-1000000). MILLION_ARGS="--docs 100000" for a smaller one.
MILLION_ARGS ?=
bench-1m: $(BENCH_STAMP)
	nice $(BIN)/python bench/million.py $(MILLION_ARGS)

# Where a document's CPU goes (docs/throughput.md): py-spy on one worker, by stage, ms a document,
# on 2,000 generated documents and on indonews. PROFILE_ARGS="--json F" to keep the figures.
PROFILE_ARGS ?=
profile: $(BENCH_STAMP)
	nice $(BIN)/python bench/cpu_profile.py $(PROFILE_ARGS)

# The screenshot of the seeds' report in docs/explain-and-report.md.
screenshot: demo
	$(BIN)/python -m tests.browser out/report.html docs/report.png

# The property suite and the fuzz targets (tests/test_fuzz.py: the readers, the rule loader's
# alias and size bombs, every built-in expression on long adversarial lines) with many more
# examples and no deadline (a few minutes to an hour), then FUZZ_SECONDS of coverage-guided
# fuzzing with atheris (the `fuzz` extra) where it installs; crashes go to out/fuzz/.
FUZZ_SECONDS ?= 300
FUZZ_STAMP   := $(VENV)/.fuzz-installed

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	touch $(FUZZ_STAMP)

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q tests/test_properties.py tests/test_fuzz.py
	@if $(MAKE) --no-print-directory $(FUZZ_STAMP); then \
		$(MAKE) --no-print-directory fuzz-atheris; \
	else \
		echo "atheris could not be installed: the coverage-guided target is skipped"; \
	fi

fuzz-atheris: $(FUZZ_STAMP)
	mkdir -p out/fuzz/corpus
	$(BIN)/python -m tests.fuzz_atheris -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=out/fuzz/ out/fuzz/corpus

lint: $(STAMP)
	$(BIN)/ruff check clean tests

# Rewrite golden/ from the current code, then show what changed: read every line of the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden write
	git --no-pager diff --stat -- golden/
	git --no-pager diff -- golden/

# Chrome stripping on WCXB (HTML, raw text, baselines) and the Indonesian dumps, then metadata
# on trafmeta (title, day, authors from HTML and raw text, beside trafilatura): a few minutes.
eval: $(STAMP)
	$(BIN)/python bench/chrome_eval.py --json out/chrome_eval.json
	$(BIN)/python bench/meta_eval.py --json out/meta_eval.json

# Metadata alone (issue 22): tuning and held-out halves of trafmeta, and both (about 2 min).
META_ARGS ?=
eval-meta: $(STAMP)
	nice $(BIN)/python bench/meta_eval.py --json out/meta_eval.json $(META_ARGS)

clean-out:
	rm -rf out/

# Duplicates on real news (issue 13): `clean run` over indonews against three baselines in one
# table (bench/results/dedup-real.md, .json). SWEEP=1 adds a run per point of each setting's
# precision/recall curve (about 20 runs of 45 s); DEDUP_ARGS for more (--show, --only KEY, --reuse).
DEDUP_ARGS ?=
eval-dedup: $(STAMP)
	nice $(BIN)/python bench/dedup_real.py $(if $(SWEEP),--sweep) $(DEDUP_ARGS)

# Clustering 100,000 documents of one template (issue 13): CPU ms and peak bytes per document at
# 12.5k, 25k, 50k and 100k beside a 1k-document yardstick, planted copies found, templated pairs
# wrongly clustered, cProfile's top entries (bench/results/dedup-template.md, .json). Slow (every
# candidate pair is verified word for word): TEMPLATE_ARGS="--sizes 1000 2000" for a quick look.
TEMPLATE_ARGS ?=
bench-dedup: $(STAMP)
	nice $(BIN)/python bench/dedup_template.py --profile \
		--json bench/results/dedup-template.json $(TEMPLATE_ARGS)
