"""Duplicates on real news (issues 13 and 19): `clean run` on indonews against the baselines.

    .venv/bin/python bench/dedup_real.py                  # the default run and the baselines
    .venv/bin/python bench/dedup_real.py --sweep          # + one run per point of SWEEP
    .venv/bin/python bench/dedup_real.py --sweep --only paraphrase --only background
    .venv/bin/python bench/dedup_real.py --reuse --show   # score the last run again, list misses

Runs ``clean run indonews.jsonl.gz`` with default settings into ``OUT/default`` (bench/out/indonews)
and scores, beside the baselines of :mod:`dedup_baselines` computed here on the raw texts, over
every labelled pair set given (``--pairs``, repeatable; by default ``pairs-dev.jsonl`` and
``pairs-dev-2.jsonl``), each set apart and all together:

- precision, recall and F1 of "same cluster" over the ``rewrite`` label (``shared_passage``,
  ``same_event`` and ``different`` are negatives), all pairs and without the pairs marked
  ``unsure``, and recall of partial and whole rewrites apart; **in-sample**: the duplicate stage
  was developed on these pairs;
- word-bigram containment at 0.5 and at its best threshold on the same pairs (the threshold of
  highest F1, chosen apart for all pairs and for the sure ones), and issue 19's targets
  (precision ≥ 0.95, recall ≥ 0.90, F1 ≥ containment's best + 0.08) met or not;
- shared passages: the labelled ``shared_passage`` pairs in one cluster (must be none);
- the same-URL re-scrapes found, and of those missed, how many have a document the run
  rejected (a body that was only chrome);
- near/exact verdicts between texts that report different days: every pair of one cluster, both
  marked ``near`` or ``exact``, whose texts each mention a day (``18/6``, ``18 Juni``,
  ``June 18``) the other does not, apart from a date written beside a weekday the calendar does
  not give it (``Rabu (18/5/2025)``: a typo). The list must be empty.

``--sweep`` runs clean once more for each value of each setting in ``dedup_scoring.SWEEP``
(``--dedup-set KEY=VALUE``, the others at their defaults; about 45 s a run here) and prints a
precision/recall table per setting over all the pairs, the default marked. Prints markdown;
writes the figures (ids, never texts) to ``--json`` (bench/results/dedup-real.json, or
dedup-real-sweep.json with ``--sweep``) and the printed tables beside it as ``.md``.
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
PAIR_SETS = ("pairs-dev.jsonl", "pairs-dev-2.jsonl")
METHODS = ("clean", *baselines.BASELINES)
IN_SAMPLE = "in-sample: the duplicate stage was developed on these pairs"
THRESHOLDS = [round(0.05 + 0.01 * k, 2) for k in range(91)]  # containment's sweep
TARGET_PRECISION, TARGET_RECALL, TARGET_F1_GAIN = 0.95, 0.90, 0.08  # issue 19


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


def f1(figures: dict) -> float | None:
    p, r = figures["precision"], figures["recall"]
    return None if p is None or r is None or p + r == 0 else 2 * p * r / (p + r)


def score(decide, pairs: list[dict], scrapes: list[tuple[str, str]] | None = None) -> dict:
    """The pair figures of one decision: all pairs, sure pairs, partial and whole rewrites,
    shared passages joined, and (given ``scrapes``) the re-scrapes found."""
    figures = scoring.pair_scores(labelled(pairs), decide)
    figures["f1"] = f1(figures)
    sure = scoring.pair_scores(labelled(pairs, sure=True), decide)
    figures["precision_sure"], figures["recall_sure"] = sure["precision"], sure["recall"]
    figures["f1_sure"] = f1(sure)
    figures["found_sure"], figures["missed_sure"] = sure["found"], len(sure["missed"])
    figures["false_sure"] = len(sure["false"])
    for name, kind in (("partial", True), ("whole", False)):
        figures[f"recall_{name}"] = scoring.pair_scores(labelled(pairs, partial=kind), decide)[
            "recall"
        ]
    figures["passages_joined"] = [
        (p["a"], p["b"]) for p in pairs if p["label"] == "shared_passage" and decide(p["a"], p["b"])
    ]
    if scrapes is not None:
        missed = [(a, b) for a, b in scrapes if not decide(a, b)]
        figures["rescrapes"] = {"pairs": len(scrapes), "found": len(scrapes) - len(missed)}
        figures["rescrapes_missed"] = missed
    return figures


def best_containment(pairwise: baselines.Pairwise, pairs: list[dict]) -> dict:
    """Containment at the threshold of highest F1 on these pairs, chosen apart for all pairs
    and for the sure ones: ``{"all": (threshold, figures), "sure": (threshold, figures)}``,
    the figures those of :func:`score` at that threshold."""
    values = {
        (p["a"], p["b"]): baselines.containment(pairwise.grams(p["a"]), pairwise.grams(p["b"]))
        for p in pairs
    }
    best: dict[str, tuple[float, dict]] = {}
    for key, sure in (("all", False), ("sure", True)):
        rows = labelled(pairs, sure=sure)
        scored = []
        for t in THRESHOLDS:
            figures = scoring.pair_scores(rows, lambda a, b, t=t: values[(a, b)] >= t)
            scored.append((f1(figures) or 0.0, -t))
        t = -max(scored)[1]
        best[key] = (t, score(lambda a, b, t=t: values[(a, b)] >= t, pairs))
    return best


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
            f"{' (a date mistyped: the weekday beside it is not its own)' if c['typo'] else ''}"
        )
    return "\n".join(lines)


def pair_table(results: dict, best: dict, pairs: list[dict], title: str) -> str:
    """clean, containment at 0.5 and at its best threshold, and the other baselines, over one
    set of pairs."""
    rewrites = sum(p["label"] == "rewrite" for p in pairs)
    unsure = sum(bool(p.get("unsure")) for p in pairs)
    passages = sum(p["label"] == "shared_passage" for p in pairs)
    partial = sum(p["label"] == "rewrite" and bool(p.get("partial")) for p in pairs)
    f = scoring.figure
    (t_all, c_all), (t_sure, c_sure) = best["all"], best["sure"]
    columns = ["clean", "containment", "best_all", "best_sure", "news_copy", "datatrove"]
    header = [
        title,
        "clean",
        "containment ≥ 0.5",
        f"containment ≥ {t_all} (best, all)",
        f"containment ≥ {t_sure} (best, sure)",
        baselines.BASELINES["news_copy"],
        baselines.BASELINES["datatrove"],
    ]
    table = {**results, "best_all": c_all, "best_sure": c_sure}

    def row(label: str, cell, only: tuple[str, ...] = tuple(columns)) -> list[str]:
        return [label, *(cell(table[m]) if m in only else "–" for m in columns)]

    def counts(found: str, missed: str, false: str):
        return lambda r: f"{r[found]} / {_n(r[missed])} / {_n(r[false])}"

    all_cols = tuple(c for c in columns if c != "best_sure")
    sure_cols = tuple(c for c in columns if c != "best_all")
    rows = [
        header,
        row(f"rewrite precision ({len(pairs)} pairs)", lambda r: f(r["precision"]), all_cols),
        row(f"rewrite recall ({rewrites} rewrites)", lambda r: f(r["recall"]), all_cols),
        row("F1", lambda r: f(r["f1"]), all_cols),
        row("found / missed / false", counts("found", "missed", "false"), all_cols),
        row(f"precision without the {unsure} unsure", lambda r: f(r["precision_sure"]), sure_cols),
        row(f"recall without the {unsure} unsure", lambda r: f(r["recall_sure"]), sure_cols),
        row("F1 without the unsure", lambda r: f(r["f1_sure"]), sure_cols),
        row(
            "found / missed / false without the unsure",
            counts("found_sure", "missed_sure", "false_sure"),
            sure_cols,
        ),
        row(f"recall, partial rewrites ({partial})", lambda r: f(r["recall_partial"]), all_cols),
        row(
            f"recall, whole rewrites ({rewrites - partial})",
            lambda r: f(r["recall_whole"]),
            all_cols,
        ),
        row(
            f"shared passages in one cluster (of {passages})",
            lambda r: str(len(r["passages_joined"])),
            all_cols,
        ),
    ]
    return scoring.markdown(rows)


def _n(x) -> int:
    return x if isinstance(x, int) else len(x)


def targets(clean: dict, best: dict) -> str:
    """Issue 19's targets on these pairs, all and sure, each met or not."""
    lines = []
    for key, suffix, name in (("all", "", "all pairs"), ("sure", "_sure", "without the unsure")):
        p, r, f = clean[f"precision{suffix}"], clean[f"recall{suffix}"], clean[f"f1{suffix}"]
        t, c = best[key]
        want = c[f"f1{suffix}"] + TARGET_F1_GAIN
        checks = [
            f"precision {p:.3f} ≥ {TARGET_PRECISION} {_met(p >= TARGET_PRECISION)}",
            f"recall {r:.3f} ≥ {TARGET_RECALL} {_met(r >= TARGET_RECALL)}",
            f"F1 {f:.3f} ≥ containment's best ({t}: {c[f'f1{suffix}']:.3f}) + {TARGET_F1_GAIN} = "
            f"{want:.3f} {_met(f >= want)}",
        ]
        lines.append(f"- {name}: " + "; ".join(checks))
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "met" if ok else "**NOT met**"


def main_table(results: dict, seconds: dict) -> str:
    """The run-level figures: re-scrapes, different days, CPU."""
    f = scoring.figure
    clean = results["clean"]
    header = ["indonews, the whole run", *METHODS]
    rows = [
        header,
        [
            f"same-URL re-scrapes found (of {clean['rescrapes']['pairs']:,})",
            *(f"{results[m]['rescrapes']['found']:,}" for m in METHODS),
        ],
        [
            "… missed with a document the run rejected",
            str(clean["rescrapes"]["missed_by_cause"].get("a document rejected", 0)),
            *("–" for _ in METHODS[1:]),
        ],
        [
            "near/exact pairs of different days (must be 0)",
            str(sum(not c["typo"] for c in clean["date_conflicts"])),
            *(
                "–" if m != "datatrove" else f"{results[m]['date_pairs']} (in a cluster)"
                for m in METHODS[1:]
            ),
        ],
        [
            "… and pairs whose only other day is a mistyped date",
            str(sum(c["typo"] for c in clean["date_conflicts"])),
            *("–" for _ in METHODS[1:]),
        ],
        ["CPU seconds (clean: the whole run)", *(f(seconds[m], 1) for m in METHODS)],
    ]
    return scoring.markdown(rows)


def sweep_tables(rows: list[dict]) -> str:
    """One small precision/recall table per swept setting, the default marked."""
    out = []
    for key in dict.fromkeys(r["setting"] for r in rows):
        table = [
            [
                key,
                "precision",
                "recall",
                "F1",
                "found / missed / false",
                "P / R / F1 without the unsure",
                "passages joined",
                "re-scrapes found",
                "different-day pairs",
                "CPU s",
            ]
        ]
        for r in (r for r in rows if r["setting"] == key):
            f = r["figures"]
            table.append(
                [
                    f"{r['value']}{' (default)' if r['default'] else ''}",
                    scoring.figure(f["precision"]),
                    scoring.figure(f["recall"]),
                    scoring.figure(f["f1"]),
                    f"{f['found']} / {len(f['missed'])} / {len(f['false'])}",
                    f"{scoring.figure(f['precision_sure'])} / {scoring.figure(f['recall_sure'])}"
                    f" / {scoring.figure(f['f1_sure'])}",
                    str(len(f["passages_joined"])),
                    f"{f['rescrapes']['found']:,}",
                    str(sum(not c["typo"] for c in f["date_conflicts"])),
                    f"{r['cpu']:.0f}",
                ]
            )
        out.append(scoring.markdown(table))
    return "\n\n".join(out)


def slim(figures: dict) -> dict:
    """The figures without long lists (ids of misses kept, re-scrape misses counted)."""
    keep = {k: v for k, v in figures.items() if k != "rescrapes_missed"}
    for key in ("missed", "false", "passages_joined"):
        keep[key] = [list(p) for p in figures[key]]
    return keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the indonews folder")
    parser.add_argument(
        "--pairs",
        type=Path,
        action="append",
        help=f"labelled pairs; repeatable (default: DATA/{' and DATA/'.join(PAIR_SETS)})",
    )
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
    paths = args.pairs or [args.data / n for n in PAIR_SETS if (args.data / n).exists()]
    sets = {
        path.name: [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
        for path in paths
    }
    together = [p for pairs in sets.values() for p in pairs]
    raw, urls = load_corpus(corpus)
    scrapes = rescrapes(urls)
    machine = scoring.machine()

    default_out = args.out / "default"
    if args.reuse and (default_out / "documents.jsonl").exists():
        cpu = {"clean": float("nan")}
    else:
        run = scoring.run_clean([corpus], default_out)
        cpu = {"clean": run.cpu}
    output = scoring.read_output(default_out)
    clean_decide = scoring.same_cluster(output.clusters())

    start = time.process_time()
    pairwise = baselines.Pairwise(raw)
    decide = {"clean": clean_decide}
    for name in baselines.PAIRWISE:
        decide[name] = lambda a, b, n=name, w=pairwise: w.decide(n, a, b)
    cpu_pairwise = time.process_time() - start
    start = time.process_time()
    dt = baselines.datatrove_clusters(raw)
    decide["datatrove"] = scoring.same_cluster(dt)
    cpu["datatrove"] = time.process_time() - start

    results = {"clean": score_clean(default_out, together, scrapes)}
    start = time.process_time()
    for name in METHODS[1:]:
        results[name] = score(decide[name], together, scrapes)
        results[name]["rescrapes"]["missed_by_cause"] = {}
    results["datatrove"]["date_pairs"] = scoring.cluster_date_pairs(dt, raw)
    for name in baselines.PAIRWISE:
        cpu[name] = cpu_pairwise + time.process_time() - start
    best = {"together": best_containment(pairwise, together)}
    per_set = {}
    for set_name, pairs in sets.items():
        per_set[set_name] = {m: score(decide[m], pairs) for m in METHODS}
        best[set_name] = best_containment(pairwise, pairs)

    names = " + ".join(sets)
    text = [
        f"# Duplicates on indonews ({len(raw):,} documents; {IN_SAMPLE})",
        "",
        f"clean: `clean run {corpus.name}` with default settings; baselines on the raw texts. "
        f"Load average {machine['load_average']} on {machine['cores']} cores, commit "
        f"{machine['commit']}.",
        "",
        f"## {names}, together ({len(together)} pairs)",
        "",
        pair_table(results, best["together"], together, f"{names} ({IN_SAMPLE})"),
        "",
        "Issue 19's targets on these pairs:",
        "",
        targets(results["clean"], best["together"]),
        "",
        main_table(results, cpu),
    ]
    for set_name, pairs in sets.items():
        text += [
            "",
            f"## {set_name} alone ({len(pairs)} pairs)",
            "",
            pair_table(per_set[set_name], best[set_name], pairs, set_name),
            "",
            targets(per_set[set_name]["clean"], best[set_name]),
        ]
    if args.show:
        print(explain(results["clean"], together, default_out), file=sys.stderr)

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
                    figures, seconds = score_clean(out, together, scrapes), run.cpu
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
            f"## Each setting alone (`--dedup-set KEY=VALUE`; {names} together; {IN_SAMPLE})",
            "",
            sweep_tables(rows),
        ]
    print("\n".join(text))
    if args.json:
        report = {
            "data": str(corpus),
            "documents": len(raw),
            "pairs": list(sets),
            "in_sample": IN_SAMPLE,
            "machine": machine,
            "cpu_seconds": cpu,
            "results": {m: slim(r) for m, r in results.items()},
            "best_containment": {
                k: {g: {"threshold": t, **slim_pairs(c)} for g, (t, c) in v.items()}
                for k, v in best.items()
            },
            "per_set": {k: {m: slim_pairs(r) for m, r in v.items()} for k, v in per_set.items()},
            "sweep": [{**r, "figures": slim(r["figures"])} for r in rows],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text("\n".join(text) + "\n", encoding="utf-8")


def slim_pairs(figures: dict) -> dict:
    """Pair figures with their lists as lists of ids."""
    return {
        k: [list(p) for p in v] if k in ("missed", "false", "passages_joined") else v
        for k, v in figures.items()
    }


if __name__ == "__main__":
    main()
