"""Score the duplicates stage of clean on the labelled corpus of bench/dedup_corpus.py.

    python bench/dedup_eval.py [--stories N] [--seed S] [--keep DIR] [--documents FILE]
                               [--json FILE]

Writes the corpus (into a temporary folder, or DIR), runs `clean run` on it, reads the
predicted clusters (`metadata.duplicate.cluster`) from documents.jsonl and prints, for clean
and for a baseline run on the same clean texts:

- recall per kind of copy: the share of (copy, original) pairs that ended in one cluster;
- pairwise precision: of all pairs of documents in one predicted cluster, the share whose two
  documents copy the same story;
- the false-positive pairs (all, those with a template, those with a distractor) and the size
  of the largest cluster.

The baseline is what other tools ship as standard settings: datasketch MinHash (128
permutations, seed 1) over lower-cased word 5-grams, MinHashLSH at threshold 0.8, clusters by
union-find over the LSH hits, no verification. `--documents FILE` scores an existing
documents.jsonl (of a corpus built with the same --stories and --seed) instead of running clean.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import dedup_corpus
from datasketch import MinHash, MinHashLSH

KINDS = dedup_corpus.KINDS
TARGETS = {"exact": 1.0, "near": 0.95, "partial": 0.95, "precision": 0.99}
SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.8
LISTED_PAIRS = 200  # false-positive pairs written to --json, at most

Truth = dict[str, dict[str, str | None]]


def run_clean(corpus: Path, out: Path) -> float:
    """Run `clean run CORPUS -o OUT` with the clean script beside this Python; its seconds."""
    clean = Path(sys.executable).with_name("clean")
    if not clean.exists():
        sys.exit(f"dedup_eval: no clean script at {clean}; run this with .venv/bin/python")
    start = time.perf_counter()
    command = [str(clean), "run", str(corpus), "-o", str(out), "--force", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"dedup_eval: clean run exited with {result.returncode}:\n{result.stderr}")
    return time.perf_counter() - start


def read_documents(path: Path) -> dict[str, dict]:
    """The records of a documents.jsonl, by id."""
    with path.open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        return {record["id"]: record for record in records}


def engine_clusters(records: dict[str, dict]) -> dict[str, str]:
    """The predicted cluster of each document that has one."""
    clusters = {}
    for doc_id, record in records.items():
        duplicate = record["metadata"].get("duplicate")
        if duplicate is not None:
            clusters[doc_id] = str(duplicate["cluster"])
    return clusters


def minhash(text: str) -> MinHash:
    """The MinHash of a text's lower-cased word 5-grams (the whole text if shorter)."""
    tokens = re.findall(r"\w+", text.lower())
    count = max(1, len(tokens) - SHINGLE_WORDS + 1)
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(count)}
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def baseline_clusters(records: dict[str, dict]) -> dict[str, str]:
    """Clusters of MinHashLSH hits at LSH_THRESHOLD, joined by union-find, named by least id."""
    signatures = {doc_id: minhash(record["text"]) for doc_id, record in records.items()}
    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for doc_id, signature in signatures.items():
        index.insert(doc_id, signature)
    parent = {doc_id: doc_id for doc_id in signatures}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for doc_id, signature in signatures.items():
        for other in index.query(signature):
            a, b = root(doc_id), root(other)
            parent[max(a, b)] = min(a, b)
    roots = {doc_id: root(doc_id) for doc_id in signatures}
    sizes = Counter(roots.values())
    return {doc_id: cluster for doc_id, cluster in roots.items() if sizes[cluster] > 1}


def score(truth: Truth, clusters: dict[str, str]) -> dict:
    """Recall per kind, pairwise precision, false positives and the largest cluster."""
    originals = {
        label["story"]: name for name, label in truth.items() if label["kind"] == "original"
    }
    recall, misses = {}, {}
    for kind in KINDS:
        pairs = [
            (name, originals[label["story"]])
            for name, label in sorted(truth.items())
            if label["kind"] == kind
        ]
        missed = [
            [copy, original]
            for copy, original in pairs
            if clusters.get(copy) is None or clusters.get(copy) != clusters.get(original)
        ]
        recall[kind] = 1 - len(missed) / len(pairs) if pairs else None
        misses[kind] = missed
    members = defaultdict(list)
    for name in sorted(truth):
        if name in clusters:
            members[clusters[name]].append(name)
    pairs = correct = with_template = with_distractor = 0
    wrong = []
    for group in members.values():
        for a, b in itertools.combinations(group, 2):
            pairs += 1
            story = truth[a]["story"]
            if story is not None and story == truth[b]["story"]:
                correct += 1
                continue
            kinds = {truth[a]["kind"], truth[b]["kind"]}
            with_template += "template" in kinds
            with_distractor += "distractor" in kinds
            wrong.append([a, b])
    return {
        "recall": recall,
        "precision": correct / pairs if pairs else None,
        "pairs": pairs,
        "false_positives": len(wrong),
        "false_positives_with_template": with_template,
        "false_positives_with_distractor": with_distractor,
        "largest_cluster": max((len(g) for g in members.values()), default=1),
        "misses": misses,
        "false_positive_pairs": wrong[:LISTED_PAIRS],
    }


def figure(value: float | None) -> str:
    """A share with three decimals, or a dash when undefined."""
    return "-" if value is None else f"{value:.3f}"


def target(metric: str) -> str:
    """The target of a metric as printed: "1.00", "≥ 0.95", or nothing."""
    value = TARGETS.get(metric)
    if value is None:
        return ""
    return f"{value:.2f}" if value == 1 else f"≥ {value:.2f}"


def table(truth: Truth, engine: dict, baseline: dict) -> str:
    """The figures of clean and of the baseline side by side, with the targets."""
    counts = Counter(label["kind"] for label in truth.values())
    rows = [("", "target", "clean", "baseline")]
    for kind in KINDS:
        label = f"recall {kind} ({counts[kind]} pairs)"
        rows.append(
            (label, target(kind), figure(engine["recall"][kind]), figure(baseline["recall"][kind]))
        )
    rows.append(
        (
            "pairwise precision",
            target("precision"),
            figure(engine["precision"]),
            figure(baseline["precision"]),
        )
    )
    for label, key in (
        ("predicted pairs", "pairs"),
        ("false-positive pairs", "false_positives"),
        ("  with a template", "false_positives_with_template"),
        ("  with a distractor", "false_positives_with_distractor"),
        ("largest cluster", "largest_cluster"),
    ):
        rows.append((label, "", str(engine[key]), str(baseline[key])))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        f"{row[0]:<{widths[0]}}  "
        + "  ".join(f"{cell:>{width}}" for cell, width in zip(row[1:], widths[1:], strict=True))
        for row in rows
    )


def main() -> None:
    """Build the corpus, run clean, score it and the baseline, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=120, help="stories (default 120)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the corpus into DIR")
    parser.add_argument("--documents", type=Path, metavar="FILE", help="score this output")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dedup-bench-") as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        truth = dedup_corpus.write_corpus(corpus, args.stories, args.seed)
        if args.documents:
            documents, clean_seconds = args.documents, None
        else:
            documents = (args.keep or Path(scratch)) / "out" / "documents.jsonl"
            clean_seconds = run_clean(corpus, documents.parent)
        records = read_documents(documents)

    start = time.perf_counter()
    baseline = score(truth, baseline_clusters(records))
    baseline_seconds = time.perf_counter() - start
    engine = score(truth, engine_clusters(records))

    missing = sorted(set(truth) - set(records))
    ran = f"scored {args.documents}" if clean_seconds is None else f"clean {clean_seconds:.1f} s"
    print(
        f"dedup benchmark: {len(truth)} documents, {args.stories} stories, seed {args.seed}; "
        f"{ran}, baseline {baseline_seconds:.1f} s"
    )
    if missing:
        print(f"warning: {len(missing)} corpus files have no document (rejected?): {missing[:5]}")
    print()
    print(table(truth, engine, baseline))
    if args.json:
        report = {
            "stories": args.stories,
            "seed": args.seed,
            "documents": len(truth),
            "missing": missing,
            "seconds": {"clean": clean_seconds, "baseline": baseline_seconds},
            "targets": TARGETS,
            "clean": engine,
            "baseline": baseline,
        }
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
