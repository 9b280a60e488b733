"""Duplicates on real news (issue 13): `clean run` on indonews against three baselines, one run.

    .venv/bin/python bench/dedup_real.py                  # the default run and the baselines
    .venv/bin/python bench/dedup_real.py --sweep          # + one run per point of SWEEP
    .venv/bin/python bench/dedup_real.py --sweep --only rewrite_quotes --only series
    .venv/bin/python bench/dedup_real.py --reuse --show   # score the last run again, list misses

Runs ``clean run indonews.jsonl.gz`` with default settings into ``OUT/default`` (bench/out/indonews)
and scores, beside the baselines of :mod:`dedup_baselines` computed here on the raw texts:

- precision and recall of "same cluster" over the ``rewrite`` label of ``pairs-dev.jsonl``
  (also without the pairs marked ``unsure``, and recall of partial and whole rewrites apart);
  these are in-sample figures: the duplicate stage was tuned on these pairs;
- the same-URL re-scrapes found, and of those missed, how many have a document the run
  rejected (a body that was only chrome);
- near/exact verdicts between texts that report different days: every pair of one cluster, both
  marked ``near`` or ``exact``, whose texts each mention a day (``18/6``, ``18 Juni``,
  ``June 18``) the other does not. The list must be empty.

``--sweep`` runs clean once more for each value of each setting in ``dedup_scoring.SWEEP``
(``--dedup-set KEY=VALUE``, the others at their defaults; about 45 s a run here) and prints a
precision/recall table per setting, the default marked. Prints markdown; writes the figures
(ids, never texts) to ``--json`` (bench/results/dedup-real.json, or dedup-real-sweep.json with
``--sweep``) and the printed tables beside it as ``.md``.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import dedup_baselines as baselines
import dedup_scoring as scoring

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "indonews"
METHODS = ("clean", *baselines.BASELINES)
IN_SAMPLE = "in-sample: the duplicate stage was tuned on pairs-dev"


def load_corpus(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Raw texts and URLs by id, in file order."""
    texts, urls = {}, {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
            urls[record["id"]] = record["url"]
    return texts, urls


def rescrapes(urls: dict[str, str]) -> list[tuple[str, str]]:
    """Consecutive scrapes of one URL, as pairs of ids (as the data's score.py counts them)."""
    by_url: dict[str, list[str]] = {}
    for doc_id, url in urls.items():
        by_url.setdefault(url, []).append(doc_id)
    return [(x, y) for ids in by_url.values() for x, y in itertools.pairwise(ids)]


def labelled(pairs: list[dict], sure: bool = False, partial: bool | None = None) -> list:
    """``(a, b, is_rewrite)`` of the pairs, without the unsure ones if ``sure``; ``partial``
    keeps only rewrites of that kind (and no negatives)."""
    out = []
    for p in pairs:
        if sure and p.get("unsure"):
            continue
        if partial is not None and (p["label"] != "rewrite" or bool(p.get("partial")) != partial):
            continue
        out.append((p["a"], p["b"], p["label"] == "rewrite"))
    return out


def score(decide, pairs: list[dict], scrapes: list[tuple[str, str]]) -> dict:
    """The pair figures of one decision: all pairs, sure pairs, partial and whole rewrites, and
    the re-scrapes found."""
    figures = scoring.pair_scores(labelled(pairs), decide)
    sure = scoring.pair_scores(labelled(pairs, sure=True), decide)
    figures["precision_sure"], figures["recall_sure"] = sure["precision"], sure["recall"]
    for name, kind in (("partial", True), ("whole", False)):
        figures[f"recall_{name}"] = scoring.pair_scores(labelled(pairs, partial=kind), decide)[
            "recall"
        ]
    missed = [(a, b) for a, b in scrapes if not decide(a, b)]
    figures["rescrapes"] = {"pairs": len(scrapes), "found": len(scrapes) - len(missed)}
    figures["rescrapes_missed"] = missed
    return figures


def score_clean(out: Path, pairs: list[dict], scrapes: list[tuple[str, str]]) -> dict:
    """clean's figures on the run in ``out``, with the re-scrapes it missed by cause and the
    near/exact pairs of different days."""
    output = scoring.read_output(out)
    figures = score(scoring.same_cluster(output.clusters()), pairs, scrapes)
    causes = Counter(
        "a document rejected"
        if a in output.rejected or b in output.rejected
        else "both kept, not clustered"
        for a, b in figures["rescrapes_missed"]
    )
    figures["rescrapes"]["missed_by_cause"] = dict(sorted(causes.items()))
    figures["rejected"] = dict(sorted(Counter(output.rejected.values()).items()))
    figures["date_conflicts"] = scoring.date_conflicts(output.marks, output.texts)
    figures["clustered"] = len(output.marks)
    figures["clusters"] = len(set(output.clusters().values()))
    return figures


def explain(figures: dict, pairs: list[dict], out: Path) -> str:
    """Every missed rewrite and false pair with its label note and what the run said."""
    notes = {(p["a"], p["b"]): p for p in pairs}
    marks = scoring.read_output(out).marks

    def said(x: str) -> str:
        m = marks.get(x)
        return f"{m['relation']} {m['similarity']} in {m['cluster']}" if m else "alone"

    lines = []
    for title, key in (("missed rewrites", "missed"), ("false pairs", "false")):
        lines.append(f"== {title} ({len(figures[key])})")
        for a, b in figures[key]:
            p = notes[(a, b)]
            flags = "".join(f", {f}" for f in ("partial", "unsure") if p.get(f))
            lines.append(f"  {a} ~ {b} [{p['label']}{flags}] {p['note']}")
            lines.append(f"      a: {said(a)}; b: {said(b)}")
    conflicts = figures["date_conflicts"]
    lines.append(f"== near/exact pairs of different days ({len(conflicts)})")
    for c in conflicts:
        lines.append(
            f"  {c['a']} ~ {c['b']} {'/'.join(c['relations'])} in {c['cluster']}"
            f"{' (verdict pair)' if c['verdict'] else ''}: {c['dates_a']} vs {c['dates_b']}"
        )
    return "\n".join(lines)


def main_table(results: dict, pairs: list[dict], seconds: dict) -> str:
    """clean and the baselines side by side."""
    rewrites = sum(p["label"] == "rewrite" for p in pairs)
    unsure = sum(bool(p.get("unsure")) for p in pairs)
    partial = sum(p["label"] == "rewrite" and bool(p.get("partial")) for p in pairs)
    header = ["indonews, pairs-dev (in-sample)", "clean", *baselines.BASELINES.values()]
    f = scoring.figure

    def row(label: str, cell) -> list[str]:
        return [label, *(cell(results[m], m) for m in METHODS)]

    rescrape_pairs = results["clean"]["rescrapes"]["pairs"]
    rows = [
        header,
        row(f"rewrite precision ({len(pairs)} pairs)", lambda r, m: f(r["precision"])),
        row(f"rewrite recall ({rewrites} rewrites)", lambda r, m: f(r["recall"])),
        row(
            "found / missed / false",
            lambda r, m: f"{r['found']} / {len(r['missed'])} / {len(r['false'])}",
        ),
        row(f"precision without the {unsure} unsure", lambda r, m: f(r["precision_sure"])),
        row(f"recall without the {unsure} unsure", lambda r, m: f(r["recall_sure"])),
        row(f"recall, partial rewrites ({partial})", lambda r, m: f(r["recall_partial"])),
        row(f"recall, whole rewrites ({rewrites - partial})", lambda r, m: f(r["recall_whole"])),
        row(
            f"same-URL re-scrapes found (of {rescrape_pairs:,})",
            lambda r, m: f"{r['rescrapes']['found']:,}",
        ),
        row(
            "… missed with a document the run rejected",
            lambda r, m: (
                str(r["rescrapes"]["missed_by_cause"].get("a document rejected", 0))
                if m == "clean"
                else "–"
            ),
        ),
        row(
            "near/exact pairs of different days (must be 0)",
            lambda r, m: (
                str(len(r["date_conflicts"]))
                if m == "clean"
                else (f"{r['date_pairs']} (in a cluster)" if m == "datatrove" else "–")
            ),
        ),
        row("CPU seconds (clean: the whole run)", lambda r, m: f"{seconds[m]:.1f}"),
    ]
    return scoring.markdown(rows)


def sweep_tables(rows: list[dict]) -> str:
    """One small precision/recall table per swept setting, the default marked."""
    out = []
    for key in dict.fromkeys(r["setting"] for r in rows):
        table = [[key, "precision", "recall", "found / missed / false", "re-scrapes found",
                  "different-day pairs", "CPU s"]]  # fmt: skip
        for r in (r for r in rows if r["setting"] == key):
            f = r["figures"]
            table.append(
                [
                    f"{r['value']}{' (default)' if r['default'] else ''}",
                    scoring.figure(f["precision"]),
                    scoring.figure(f["recall"]),
                    f"{f['found']} / {len(f['missed'])} / {len(f['false'])}",
                    f"{f['rescrapes']['found']:,}",
                    str(len(f["date_conflicts"])),
                    f"{r['cpu']:.0f}",
                ]
            )
        out.append(scoring.markdown(table))
    return "\n\n".join(out)


def slim(figures: dict) -> dict:
    """The figures without long lists (ids of misses kept, re-scrape misses counted)."""
    keep = {k: v for k, v in figures.items() if k != "rescrapes_missed"}
    keep["missed"] = [list(p) for p in figures["missed"]]
    keep["false"] = [list(p) for p in figures["false"]]
    return keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the indonews folder")
    parser.add_argument("--pairs", type=Path, help="labelled pairs (default: DATA/pairs-dev.jsonl)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "indonews")
    parser.add_argument("--reuse", action="store_true", help="score OUT/default without a run")
    parser.add_argument("--sweep", action="store_true", help="also sweep the settings (slow)")
    parser.add_argument("--only", action="append", help="sweep only this setting; repeatable")
    parser.add_argument("--keep-sweep", action="store_true", help="keep each sweep run's output")
    parser.add_argument("--show", action="store_true", help="list the misses and false pairs")
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the figures (default bench/results/dedup-real.json, with --sweep "
        "dedup-real-sweep.json); the tables go beside it as .md",
    )
    args = parser.parse_args()
    if args.json is None:
        name = "dedup-real-sweep.json" if args.sweep else "dedup-real.json"
        args.json = ROOT / "bench" / "results" / name
    corpus = args.data / "indonews.jsonl.gz"
    if not corpus.exists():
        sys.exit(f"dedup_real: {corpus} not found (--data names the indonews folder)")
    pairs_path = args.pairs or args.data / "pairs-dev.jsonl"
    pairs = [json.loads(line) for line in pairs_path.open(encoding="utf-8") if line.strip()]
    raw, urls = load_corpus(corpus)
    scrapes = rescrapes(urls)
    machine = scoring.machine()

    default_out = args.out / "default"
    if args.reuse and (default_out / "documents.jsonl").exists():
        cpu = {"clean": float("nan")}
    else:
        run = scoring.run_clean([corpus], default_out)
        cpu = {"clean": run.cpu}
    results = {"clean": score_clean(default_out, pairs, scrapes)}

    for name in baselines.PAIRWISE:
        start = time.process_time()
        pairwise = baselines.Pairwise(raw)
        results[name] = score(lambda a, b, n=name, w=pairwise: w.decide(n, a, b), pairs, scrapes)
        cpu[name] = time.process_time() - start
    start = time.process_time()
    dt = baselines.datatrove_clusters(raw)
    results["datatrove"] = score(scoring.same_cluster(dt), pairs, scrapes)
    results["datatrove"]["date_pairs"] = scoring.cluster_date_pairs(dt, raw)
    cpu["datatrove"] = time.process_time() - start
    for name in baselines.BASELINES:
        results[name]["rescrapes"]["missed_by_cause"] = {}

    text = [
        f"# Duplicates on indonews ({len(raw):,} documents; {IN_SAMPLE})",
        "",
        f"clean: `clean run {corpus.name}` with default settings; baselines on the raw texts. "
        f"Load average {machine['load_average']} on {machine['cores']} cores, commit "
        f"{machine['commit']}.",
        "",
        main_table(results, pairs, cpu),
    ]
    if args.show:
        print(explain(results["clean"], pairs, default_out), file=sys.stderr)

    rows = []
    if args.sweep:
        grid = {k: v for k, v in scoring.SWEEP.items() if not args.only or k in args.only}
        for key, values in grid.items():
            default = scoring.clean_default(key)
            for value in sorted({*values, default}):
                if value == default:
                    figures, seconds = results["clean"], cpu["clean"]
                else:
                    out = args.out / f"sweep-{key}-{value}"
                    run = scoring.run_clean([corpus], out, {key: value})
                    figures, seconds = score_clean(out, pairs, scrapes), run.cpu
                    if not args.keep_sweep:
                        shutil.rmtree(out)
                rows.append(
                    {
                        "setting": key,
                        "value": value,
                        "default": value == default,
                        "cpu": seconds,
                        "figures": figures,
                    }
                )
                print(f"swept {key}={value}", file=sys.stderr, flush=True)
        text += [
            "",
            f"## Each setting alone (`--dedup-set KEY=VALUE`; {IN_SAMPLE})",
            "",
            sweep_tables(rows),
        ]
    print("\n".join(text))
    if args.json:
        report = {
            "data": str(corpus),
            "documents": len(raw),
            "pairs": pairs_path.name,
            "in_sample": IN_SAMPLE,
            "machine": machine,
            "cpu_seconds": cpu,
            "results": {m: slim(r) for m, r in results.items()},
            "sweep": [{**r, "figures": slim(r["figures"])} for r in rows],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text("\n".join(text) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
