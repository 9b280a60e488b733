"""How the duplicates' clustering step grows with the corpus: time and peak memory at sizes.

    .venv/bin/python bench/dedup_scaling.py bench/out/throughput-10000 --docs 4000

Cleans the first ``--docs`` documents of a throughput corpus in-process (``clean_one``), sketches
them, then runs ``Deduplicator.clusters`` on the first quarter, half and all of them, printing
CPU milliseconds per document and the peak traced memory per document of each. A step whose
cost per document rises with the size is what a 1M run will feel.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    from throughput import files_of

    from clean.dedup import DedupConfig, Deduplicator, Permutations, sketch
    from clean.pipeline import clean_one
    from clean.read import read
    from clean.records import Doc, Document
    from clean.rules import bundled_rules_dir, load_rules
    from clean.dedup.store import SketchStore

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a throughput_corpus.py folder")
    ap.add_argument("--docs", type=int, default=4000)
    args = ap.parse_args(argv)
    rules = load_rules([bundled_rules_dir()])
    files = files_of(args.corpus)[: args.docs]
    base = args.corpus / "files"
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    sketches = []
    for p in files:
        for item in read([p]):
            if isinstance(item, Doc):
                doc = clean_one(item, rules)
                if isinstance(doc, Document):
                    rel = p.relative_to(base).as_posix()
                    sketches.append(sketch(rel, doc.text, doc.published, config, perms))
    print("| documents | clusters, CPU ms/doc | peak while clustering, bytes/doc |")
    print("| ---: | ---: | ---: |")
    for n in (len(sketches) // 4, len(sketches) // 2, len(sketches)):
        dedup = Deduplicator(config)
        dedup.sketches = SketchStore.of(sketches[:n], config.num_perm)
        t = time.process_time()
        dedup.clusters()
        cpu = time.process_time() - t
        # memory in a second pass: tracing allocations slows the code it traces
        dedup = Deduplicator(config)
        dedup.sketches = SketchStore.of(sketches[:n], config.num_perm)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        dedup.clusters()
        peak = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()
        print(f"| {n:,} | {cpu / n * 1000:.2f} | {peak / n:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
