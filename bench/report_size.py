"""Measure OUT/report.html for a run of many documents (default 100,000), in about a minute.

    .venv/bin/python bench/report_size.py [--docs 100000] [--pages 2000] [--keep DIR]

Cleaning 100k pages takes the pipeline most of an hour on a small machine, almost all of it in
language identification and duplicates; the page's size only depends on the records. So this
cleans ``--pages`` distinct generated pages (``report_corpus.py``) with the bundled rules and
writes ``--docs`` records cycling through them under new ids, one in 40 marked as a near
duplicate of the record before it, through the same ``report_html.page`` as ``clean run``. It prints
the size of report.html and of documents.jsonl, bytes per document, and the time to write.
``--keep DIR`` keeps the output (open DIR/report.html in a browser).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_corpus import page  # noqa: E402

from clean import __version__  # noqa: E402
from clean.dedup import duplicate_summary  # noqa: E402
from clean.pipeline import clean_one  # noqa: E402
from clean.records import Doc, Document, Row, dumps  # noqa: E402
from clean.report_html import DETAIL_DOCS  # noqa: E402
from clean.report_html import page as html_page  # noqa: E402
from clean.rules import bundled_rules_dir, load_rules  # noqa: E402
from clean.write import Tally  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    rules = load_rules([bundled_rules_dir()])
    rng = random.Random(1)
    started = time.perf_counter()
    cleaned: list[Document] = []
    for n in range(args.pages):
        text, _ = page(rng, n)
        doc = clean_one(Doc(f"{n}", f"{n}", "text", text.encode()), rules)
        assert isinstance(doc, Document), doc
        cleaned.append(doc)
    print(f"cleaned {args.pages} pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out"
        started = time.perf_counter()
        duplicates = {}
        out.mkdir(parents=True, exist_ok=True)
        tally, rows = Tally(), []
        with open(out / "documents.jsonl", "w", encoding="utf-8") as f:
            for i in range(args.docs):
                doc_id = f"{i // 1000:03d}/{i:06d}.txt"
                doc = dataclasses.replace(cleaned[i % args.pages], id=doc_id, source=doc_id)
                tally.add(doc)
                f.write(dumps(doc.as_json()) + "\n")
                text = doc.text if i < DETAIL_DOCS else None
                rows.append(dataclasses.replace(Row.of(doc), text=text))
                if i % 40 == 39:
                    prev = f"{(i - 1) // 1000:03d}/{i - 1:06d}.txt"
                    mark = {"cluster": f"c{i:011d}", "representative": prev}
                    duplicates[prev] = {**mark, "relation": "near", "similarity": 0.91}
                    duplicates[doc_id] = {**mark, "relation": "near", "similarity": 0.91}
        report = {
            "clean_version": __version__,
            "rules": {"digest": rules.digest, "files": {}},
            **tally.as_json(),
            "duplicates": duplicate_summary(duplicates, None),
            "elapsed_seconds": 0,
        }
        with open(out / "report.html", "w", encoding="utf-8") as f:
            for chunk in html_page(report, out.name, rows, duplicates):
                f.write(chunk)
        elapsed = time.perf_counter() - started
        html_bytes = (out / "report.html").stat().st_size
        jsonl_bytes = (out / "documents.jsonl").stat().st_size
    print(
        f"{args.docs} documents: report.html {html_bytes / 1e6:.1f} MB"
        f" ({html_bytes / args.docs:.0f} bytes per document),"
        f" documents.jsonl {jsonl_bytes / 1e6:.1f} MB ({jsonl_bytes / args.docs:.0f} bytes per"
        f" document); written in {elapsed:.1f} s"
    )


if __name__ == "__main__":
    main()
