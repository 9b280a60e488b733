"""Memory of the duplicate index per document: what grows with the corpus.

    .venv/bin/python bench/dedup_memory.py                 # 2,000 and 10,000 documents
    .venv/bin/python bench/dedup_memory.py --sizes 50000

Documents are generated (about 450 words from a 20,000-word vocabulary, with names and
numbers), so no corpus is needed. tracemalloc counts the Python and numpy allocations: the
sketches after the first pass (what `clean run` holds while it reads), and the peak while
`clusters()` builds the LSH Ensemble and verifies. Texts are not held: each is dropped after
`add`. Both figures are divided by the number of documents.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from clean.dedup import Deduplicator

WORDS = 450


def documents(n: int, seed: int = 1):
    """``n`` texts of WORDS words: lower-case words, some capitalised names and numbers."""
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choices("abcdefghijklmnoprstuwy", k=rng.randint(2, 9))) for _ in range(20_000)
    ]
    names = [w.title() + "an" for w in vocab[:5_000]]
    for i in range(n):
        words = rng.choices(vocab, k=WORDS)
        for k in range(0, WORDS, 15):
            words[k] = rng.choice(names) if k % 2 else str(rng.randrange(10_000))
        yield f"doc{i:07d}", " ".join(words)


def measure(n: int) -> dict:
    dedup = Deduplicator()
    tracemalloc.start()
    start = time.perf_counter()
    for doc_id, text in documents(n):
        dedup.add(doc_id, text)
    sketched = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    marks = dedup.clusters()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "documents": n,
        "sketches_bytes_per_doc": sketched / n,
        "clustering_peak_bytes_per_doc": peak / n,
        "clustered": len(marks),
        "seconds": time.perf_counter() - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    args = parser.parse_args()
    print("| documents | sketches, bytes/doc | peak while clustering, bytes/doc | seconds |")
    print("| ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        r = measure(n)
        print(
            f"| {n:,} | {r['sketches_bytes_per_doc']:,.0f} | "
            f"{r['clustering_peak_bytes_per_doc']:,.0f} | {r['seconds']:.1f} |"
        )


if __name__ == "__main__":
    main()
