"""Regression check of the duplicates stage on the generated corpus of bench/dedup_corpus.py.

    python bench/dedup_eval.py [--stories N] [--seed S] [--keep DIR] [--documents FILE]
                               [--json FILE]

Writes the corpus (into a temporary folder, or DIR), runs `clean run` on it, and scores, in
the same run, clean's clusters (`metadata.duplicate.cluster`) and the three baselines of
:mod:`dedup_baselines` (computed here on the raw files, chrome and all):

- per kind of copy (exact, near, partial, rewrite): recall, the share of (copy, original)
  pairs found (in one cluster for clean and datatrove, called a duplicate for the pairwise
  baselines), and precision, the share of the joined pairs holding a copy of that kind whose
  two documents copy one story;
- per kind of hard negative (same_event, followup: about a story, written apart) the share of
  (negative, original) pairs wrongly joined, and of pairs of one template family;
- pairwise precision: of all pairs a method joins (in one cluster, or called duplicates), the
  share that copy the same story; the false pairs and the largest cluster.

This is a regression check, not the target: the texts are generated (the rewording is word
substitution, not a paraphrase), and real rewrites are scored by ``dedup_real.py``.
``--documents FILE`` scores an existing documents.jsonl (of a corpus built with the same
--stories and --seed) instead of running clean.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import dedup_baselines as baselines
import dedup_corpus
import dedup_scoring as scoring

KINDS = dedup_corpus.KINDS
NEGATIVES = dedup_corpus.NEGATIVES
METHODS = ("clean", *baselines.BASELINES)
TARGETS = {"exact": "1.00", "near": "≥ 0.95", "partial": "≥ 0.95", "precision": "≥ 0.99"}
LISTED_PAIRS = 200  # false-positive pairs written to --json, at most

Truth = dict[str, dict[str, str | None]]


def cluster_pairs(clusters: dict[str, str]) -> list[tuple[str, str]]:
    """Every pair of documents in one cluster, ``a < b``."""
    members = defaultdict(list)
    for doc_id in sorted(clusters):
        members[clusters[doc_id]].append(doc_id)
    return [p for group in members.values() for p in itertools.combinations(group, 2)]


def labelled_pairs(truth: Truth) -> dict[str, list[tuple[str, str]]]:
    """The pairs each figure is measured on: (copy, original) per kind of copy, (negative,
    original) per kind of hard negative, and the pairs of one template family."""
    originals = {
        label["story"]: name for name, label in truth.items() if label["kind"] == "original"
    }
    pairs: dict[str, list[tuple[str, str]]] = {k: [] for k in (*KINDS, *NEGATIVES, "template")}
    for name, label in sorted(truth.items()):
        if label["kind"] in KINDS:
            pairs[label["kind"]].append((name, originals[label["story"]]))
        elif label["kind"] in NEGATIVES:
            pairs[label["kind"]].append((name, originals[label["about"]]))
    families = defaultdict(list)
    for name, label in sorted(truth.items()):
        if label["kind"] == "template":
            families[label["about"]].append(name)
    pairs["template"] = [p for group in families.values() for p in itertools.combinations(group, 2)]
    return pairs


def score(truth: Truth, decide, joined: list[tuple[str, str]], largest: int | None) -> dict:
    """A method's figures: share of each kind's pairs it joins, precision over ``joined``."""
    shares, missed = {}, {}
    for kind, pairs in labelled_pairs(truth).items():
        said = [(a, b) for a, b in pairs if decide(a, b)]
        shares[kind] = len(said) / len(pairs) if pairs else None
        if kind in KINDS:
            missed[kind] = [[a, b] for a, b in pairs if not decide(a, b)]
    wrong = []
    touching, right = defaultdict(int), defaultdict(int)
    for a, b in joined:
        story = truth[a]["story"]
        ok = story is not None and story == truth[b]["story"]
        if not ok:
            wrong.append([a, b])
        for kind in {truth[a]["kind"], truth[b]["kind"]} & set(KINDS):
            touching[kind] += 1
            right[kind] += ok
    return {
        "shares": shares,
        "precision_by_kind": {k: right[k] / touching[k] if touching[k] else None for k in KINDS},
        "precision": 1 - len(wrong) / len(joined) if joined else None,
        "pairs": len(joined),
        "false_positives": len(wrong),
        "largest_cluster": largest,
        "misses": missed,
        "false_positive_pairs": wrong[:LISTED_PAIRS],
    }


def score_clusters(truth: Truth, clusters: dict[str, str]) -> dict:
    """:func:`score` of a method that clusters."""
    sizes = defaultdict(int)
    for cluster in clusters.values():
        sizes[cluster] += 1
    largest = max(sizes.values(), default=1)
    return score(truth, scoring.same_cluster(clusters), cluster_pairs(clusters), largest)


def score_all(truth: Truth, raw: dict[str, str], clean_clusters: dict[str, str]) -> tuple:
    """clean's figures and each baseline's, with each baseline's CPU seconds."""
    results = {"clean": score_clusters(truth, clean_clusters)}
    seconds = {}
    for name in baselines.PAIRWISE:
        start = time.process_time()
        pairwise = baselines.Pairwise(raw)
        joined = pairwise.all_pairs(name, raw)
        results[name] = score(
            truth, lambda a, b, n=name, w=pairwise: w.decide(n, a, b), joined, None
        )
        seconds[name] = time.process_time() - start
    start = time.process_time()
    results["datatrove"] = score_clusters(truth, baselines.datatrove_clusters(raw))
    seconds["datatrove"] = time.process_time() - start
    return results, seconds


def table(truth: Truth, results: dict, seconds: dict) -> str:
    """Every method's figures side by side, with clean's regression targets."""
    counts = {k: len(v) for k, v in labelled_pairs(truth).items()}
    f = scoring.figure
    header = ["generated corpus", "target", "clean", *baselines.BASELINES.values()]
    rows = [header]
    for kind in KINDS:
        rows.append(
            [f"{kind}: recall ({counts[kind]} pairs)", TARGETS.get(kind, "")]
            + [f(results[m]["shares"][kind]) for m in METHODS]
        )
        rows.append(
            [f"{kind}: precision (joined pairs with such a copy)", ""]
            + [f(results[m]["precision_by_kind"][kind]) for m in METHODS]
        )
    for kind in (*NEGATIVES, "template"):
        label = "template pairs of one family" if kind == "template" else f"{kind} pairs"
        rows.append(
            [f"wrongly joined: {label} ({counts[kind]})", "0"]
            + [f(results[m]["shares"][kind]) for m in METHODS]
        )
    rows.append(
        ["pairwise precision", TARGETS["precision"]] + [f(results[m]["precision"]) for m in METHODS]
    )
    for label, key in (("joined pairs", "pairs"), ("false pairs", "false_positives")):
        rows.append([label, ""] + [str(results[m][key]) for m in METHODS])
    rows.append(
        ["largest cluster", ""] + [str(results[m]["largest_cluster"] or "–") for m in METHODS]
    )
    rows.append(
        ["near/exact pairs of different days", "0"]
        + [str(len(results[m]["date_conflicts"])) if m == "clean" else "–" for m in METHODS]
    )
    rows.append(
        ["CPU seconds (clean: the whole run)", ""]
        + [f"{seconds[m]:.1f}" if m in seconds else "–" for m in METHODS]
    )
    return scoring.markdown(rows)


def read_raw(folder: Path, truth: Truth) -> dict[str, str]:
    """The corpus files as written, by name."""
    return {name: (folder / name).read_text(encoding="utf-8") for name in sorted(truth)}


def main() -> None:
    """Build the corpus, run clean, score it and the baselines, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=120, help="stories (default 120)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the corpus into DIR")
    parser.add_argument("--documents", type=Path, metavar="FILE", help="score this output")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="write the figures as JSON (the table as .md)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dedup-bench-") as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        truth = dedup_corpus.write_corpus(corpus, args.stories, args.seed)
        raw = read_raw(corpus, truth)
        seconds = {}
        if args.documents:
            out = args.documents.parent
        else:
            out = (args.keep or Path(scratch)) / "out"
            seconds["clean"] = scoring.run_clean([corpus], out).cpu
        output = scoring.read_output(out)

    results, baseline_seconds = score_all(truth, raw, output.clusters())
    results["clean"]["date_conflicts"] = scoring.date_conflicts(output.marks, output.texts)
    seconds.update(baseline_seconds)
    missing = sorted(set(truth) - set(output.texts))
    print(
        f"dedup regression check: {len(truth)} documents, {args.stories} stories, "
        f"seed {args.seed}; the generated corpus is not the target (see dedup_real.py)"
    )
    if missing:
        print(f"warning: {len(missing)} corpus files have no document (rejected?): {missing[:5]}")
    text = table(truth, results, seconds)
    print()
    print(text)
    if args.json:
        report = {
            "stories": args.stories,
            "seed": args.seed,
            "documents": len(truth),
            "missing": missing,
            "machine": scoring.machine(),
            "cpu_seconds": seconds,
            "targets": TARGETS,
            "results": results,
        }
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(
            f"# Generated regression check ({len(truth)} documents, {args.stories} stories, "
            f"seed {args.seed}; not the target)\n\n{text}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
