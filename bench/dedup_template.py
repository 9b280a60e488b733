"""Clustering one template's documents: time and memory per document as the corpus grows.

    .venv/bin/python bench/dedup_template.py                        # 12.5k, 25k, 50k, 100k
    .venv/bin/python bench/dedup_template.py --sizes 1000 2000 --profile 500
    make bench-dedup                                                # the same, niced, to results/

Issue 13: "a corpus of 100,000 documents from one template clusters in time and memory that
grow linearly". Every document is ``dedup_corpus.gold_price``: Antam's daily gold price for one
of its cities on a day of 2000-2099, the same sentences with other figures. ``--copies`` (2%)
of the documents are planted copies of an earlier one, half exact, half near (a paragraph
without figures dropped, a line of chrome added), so that every prefix of the corpus holds the
originals of its copies.

The documents are sketched once (``clean.dedup.sketch``), then for each size the first N
sketches go into a fresh ``SketchStore`` and ``Deduplicator.clusters()`` runs on them, timed:
CPU seconds (``time.process_time``) and wall, the peak resident memory it adds (``VmHWM`` reset
through ``/proc/self/clear_refs``, less ``VmRSS`` before; memory-mapped sketch pages
included) and the peak of anonymous memory (``RssAnon`` sampled every 20 ms). CPU time per
document is set beside a yardstick, the CPU ms per document of clustering the first
``--reference`` (1,000) documents measured just before each size, and the pairs verified per
document are counted. Then the planted copies found (copy and original in one cluster) and
the templated pairs wrongly clustered (pairs of one cluster that are not one original and its
copies). Up to ``--trace-upto`` documents (none by default: it slows clustering several
times) a second, untimed pass gives tracemalloc's peak (Python and numpy allocations).
``--profile [N]`` adds cProfile's top entries of clustering the first N (2,000).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import random
import threading
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

import dedup_corpus
import dedup_scoring as scoring

import clean.dedup.cluster
from clean.dedup import DedupConfig, Deduplicator, Permutations, sketch
from clean.dedup.store import SketchStore

ROOT = Path(__file__).resolve().parent.parent
SIZES = (12_500, 25_000, 50_000, 100_000)
FIRST_DAY = datetime.date(2000, 1, 1)
DAYS = 36_500
CHROME = "Simak berita menarik lainnya dan ikuti kami di Google News."


def corpus(n: int, copies: float, seed: int) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """``(id, text, published)`` of ``n`` documents, and each document's original (itself, or
    the document it is a planted copy of)."""
    rng = random.Random(seed)
    docs: list[tuple[str, str, str]] = []
    bodies: list[list[str]] = []
    original: dict[str, str] = {}
    originals: list[int] = []
    for i in range(n):
        doc_id = f"t{i:06d}"
        if originals and rng.random() < copies:
            source = rng.choice(originals)
            paragraphs = list(bodies[source])
            if rng.random() < 0.5:  # near: a paragraph without figures dropped, chrome added
                plain = [k for k, p in enumerate(paragraphs) if not any(c.isdigit() for c in p)]
                del paragraphs[rng.choice(plain)]
                paragraphs.append(CHROME)
            docs.append((doc_id, "\n".join(paragraphs), docs[source][2]))
            bodies.append(paragraphs)
            original[doc_id] = docs[source][0]
            continue
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        title, paragraphs = dedup_corpus.gold_price(day, rng)
        paragraphs = [title, *paragraphs]
        docs.append((doc_id, "\n".join(paragraphs), day.isoformat()))
        bodies.append(paragraphs)
        original[doc_id] = doc_id
        originals.append(i)
    return docs, original


def status(field: str) -> int:
    """A ``/proc/self/status`` memory field in bytes (0 where there is none)."""
    with open("/proc/self/status", encoding="ascii") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


class AnonPeak:
    """The peak of ``RssAnon`` while the block runs, sampled every 20 ms on a thread."""

    def __enter__(self) -> AnonPeak:
        self.start = self.peak = status("RssAnon")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, status("RssAnon"))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, status("RssAnon"))


def reset_peak_rss() -> bool:
    """Reset ``VmHWM`` to the current RSS (Linux); whether it could."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


class CountedVerify:
    """Counts the pairs ``clean.dedup.cluster.verify`` is asked about while the block runs."""

    def __enter__(self) -> CountedVerify:
        self.calls = 0
        self._verify = clean.dedup.cluster.verify

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return self._verify(*args, **kwargs)

        clean.dedup.cluster.verify = counted
        return self

    def __exit__(self, *exc: object) -> None:
        clean.dedup.cluster.verify = self._verify


def deduplicator(sketches: list, config: DedupConfig) -> Deduplicator:
    """A Deduplicator holding ``sketches`` in a fresh store."""
    dedup = Deduplicator(config)
    dedup.close()
    dedup.sketches = SketchStore.of(sketches, config.num_perm)
    return dedup


def judge(marks: dict[str, dict], original: dict[str, str], ids: list[str]) -> dict:
    """Planted copies found, and the templated pairs wrongly clustered."""
    copies = [i for i in ids if original[i] != i]
    cluster = {i: m["cluster"] for i, m in marks.items()}
    found = sum(1 for c in copies if c in cluster and cluster[c] == cluster.get(original[c]))
    members: dict[str, Counter] = defaultdict(Counter)
    for doc_id, c in cluster.items():
        members[c][original[doc_id]] += 1
    pairs = wrong = 0
    for families in members.values():
        size = sum(families.values())
        right = sum(f * (f - 1) // 2 for f in families.values())
        pairs += size * (size - 1) // 2
        wrong += size * (size - 1) // 2 - right
    return {
        "planted": len(copies),
        "found": found,
        "clustered": len(cluster),
        "clusters": len(members),
        "pairs": pairs,
        "wrong_pairs": wrong,
    }


def reference_ms(sketches: list, config: DedupConfig) -> float:
    """CPU ms per document of clustering ``sketches``: the yardstick measured just before each
    size, so that a machine slowed by other work shows in both figures."""
    dedup = deduplicator(sketches, config)
    cpu = time.process_time()
    dedup.clusters()
    cpu = time.process_time() - cpu
    dedup.close()
    return cpu / len(sketches) * 1000


def measure(
    sketches: list, original: dict[str, str], config: DedupConfig, trace: bool, reference: list
) -> dict:
    """One size: clusters() timed against the reference, its memory, what it found."""
    yardstick = reference_ms(reference, config)
    dedup = deduplicator(sketches, config)
    rss_before = status("VmRSS")
    can_reset = reset_peak_rss()
    cpu, wall = time.process_time(), time.perf_counter()
    with AnonPeak() as anon, CountedVerify() as verified:
        marks = dedup.clusters()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_rss = status("VmHWM") - rss_before if can_reset else None
    dedup.close()
    n = len(sketches)
    row = {
        "documents": n,
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "cpu_ms_per_doc": cpu / n * 1000,
        "reference_docs": len(reference),
        "reference_cpu_ms_per_doc": yardstick,
        "ratio_to_reference": cpu / n * 1000 / yardstick,
        "verified_pairs": verified.calls,
        "verified_pairs_per_doc": verified.calls / n,
        "cpu_ms_per_verified_pair": cpu * 1000 / max(verified.calls, 1),
        "peak_rss_added_bytes_per_doc": peak_rss / n if peak_rss is not None else None,
        "peak_anon_added_bytes_per_doc": (anon.peak - anon.start) / n,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        **judge(marks, original, [s.id for s in sketches]),
    }
    if trace:
        dedup = deduplicator(sketches, config)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        dedup.clusters()
        row["tracemalloc_peak_bytes_per_doc"] = (tracemalloc.get_traced_memory()[1] - before) / n
        tracemalloc.stop()
        dedup.close()
    return row


def profile(sketches: list, config: DedupConfig, top: int = 15) -> str:
    """cProfile's top entries (by own time) of clusters() on ``sketches``."""
    dedup = deduplicator(sketches, config)
    profiler = cProfile.Profile()
    profiler.enable()
    dedup.clusters()
    profiler.disable()
    dedup.close()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    return text.getvalue()


def table(rows: list[dict]) -> str:
    """The sizes side by side: per-document cost and what was found."""
    f = scoring.figure
    lines = [
        [
            "documents",
            "clusters() CPU s",
            "CPU ms/doc",
            "× the yardstick",
            "verified pairs/doc",
            "CPU ms per verified pair",
            "wall s",
            "peak RSS added, bytes/doc",
            "peak anon added, bytes/doc",
            "tracemalloc peak, bytes/doc",
            "planted copies found",
            "templated pairs wrongly clustered",
            "load average",
        ]
    ]
    for r in rows:
        traced = r.get("tracemalloc_peak_bytes_per_doc")
        rss = r["peak_rss_added_bytes_per_doc"]
        lines.append(
            [
                f"{r['documents']:,}",
                f"{r['cpu_seconds']:.1f}",
                f(r["cpu_ms_per_doc"], 2),
                f"{r['ratio_to_reference']:.2f} (of {r['reference_cpu_ms_per_doc']:.2f})",
                f(r["verified_pairs_per_doc"], 1),
                f(r["cpu_ms_per_verified_pair"], 2),
                f"{r['wall_seconds']:.0f}",
                f"{rss:,.0f}" if rss is not None else "–",
                f"{r['peak_anon_added_bytes_per_doc']:,.0f}",
                f"{traced:,.0f}" if traced is not None else "–",
                f"{r['found']:,} / {r['planted']:,}",
                f"{r['wrong_pairs']:,} of {r['pairs']:,}",
                " ".join(f"{x:.1f}" for x in r["load_average"]),
            ]
        )
    return scoring.markdown(lines)


def report(args: argparse.Namespace, rows: list[dict], extra: dict) -> str:
    """The markdown of the figures so far; with ``--json``, the figures and it written."""
    text = [
        f"# Clustering one template's documents (up to {args.sizes[-1]:,}; gold price, "
        f"{args.copies:.0%} planted copies)",
        "",
        f"Load average {extra['start']['load_average']} at the start, on "
        f"{extra['start']['cores']} cores; commit {extra['start']['commit']}. Sketching (once, "
        f"not in the table): {extra['sketch_ms']:.2f} CPU ms/doc. The yardstick: clustering the "
        f"first {args.reference:,} documents, measured just before each size (CPU time "
        "stretches when other processes share the cores).",
        "",
        table(rows),
    ]
    if extra.get("profile"):
        text += ["", f"cProfile of clusters() on {args.profile:,} documents:", ""]
        text += ["```", extra["profile"].rstrip(), "```"]
    markdown = "\n".join(text)
    if args.json:
        figures = {
            "sizes": args.sizes,
            "copies": args.copies,
            "seed": args.seed,
            "reference_docs": args.reference,
            "machine": extra["start"],
            "sketch_cpu_ms_per_doc": extra["sketch_ms"],
            "rows": rows,
            "profile": extra.get("profile"),
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(markdown + "\n", encoding="utf-8")
    return markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--copies", type=float, default=0.02, help="planted copies (0.02)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference", type=int, default=1000, help="documents of the yardstick")
    parser.add_argument("--trace-upto", type=int, default=0, help="tracemalloc pass up to N")
    parser.add_argument(
        "--profile", type=int, nargs="?", const=2000, metavar="N", help="cProfile N documents"
    )
    parser.add_argument("--json", type=Path, help="write the figures (and .md beside it)")
    args = parser.parse_args()
    args.sizes = sorted(args.sizes)
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    extra: dict = {"start": scoring.machine()}
    start = time.process_time()
    docs, original = corpus(args.sizes[-1], args.copies, args.seed)
    generated = time.process_time() - start
    start = time.process_time()
    sketches = [sketch(i, text, day, config, perms) for i, text, day in docs]
    extra["sketch_ms"] = (time.process_time() - start) / len(sketches) * 1000
    del docs
    planted = sum(v != k for k, v in original.items())
    print(
        f"{len(sketches):,} documents from one template ({planted:,} planted copies): "
        f"generated in {generated:.0f} s, sketched at {extra['sketch_ms']:.2f} CPU ms/doc",
        flush=True,
    )
    if args.profile:
        extra["profile"] = profile(sketches[: args.profile], config)
    rows: list[dict] = []
    reference = sketches[: args.reference]
    reference_ms(reference, config)  # warm-up: the first clustering of a process costs more
    for n in args.sizes:
        rows.append(measure(sketches[:n], original, config, n <= args.trace_upto, reference))
        r = rows[-1]
        print(
            f"  {n:,}: {r['cpu_ms_per_doc']:.2f} CPU ms/doc, {r['ratio_to_reference']:.2f}x the "
            f"yardstick, {r['verified_pairs_per_doc']:.1f} verified pairs/doc",
            flush=True,
        )
        report(args, rows, extra)  # written as it goes: a long run keeps what it measured
    print(report(args, rows, extra))


if __name__ == "__main__":
    main()
