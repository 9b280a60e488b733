"""The datatrove baseline of the throughput benchmark; runs in ``bench/.venv-datatrove``.

    bench/.venv-datatrove/bin/python bench/datatrove_run.py JSONL_DIR WORK_DIR --workers 1 \
        [--no-language] [--tokenizer whitespace]

The FineWeb shape on the corpus's JSONL form: (1) JsonlReader → FTFYFormatter → LanguageFilter
→ JsonlWriter, (2) MinhashDedupSignature, (3) MinhashDedupBuckets, (4) MinhashDedupCluster,
(5) MinhashDedupFilter → JsonlWriter, each with ``--workers`` tasks and workers (the cluster step
is a single task by design). Prints one JSON object: seconds per step, documents in and out, and
the steps left out with the reason (LanguageFilter needs a fastText model that is downloaded at
run time: without network it is left out). Only the standard library and datatrove are used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import time
from pathlib import Path


def language_filter_or_reason():  # type: ignore[no-untyped-def]
    """A LanguageFilter whose model loads, or the reason it cannot run here."""
    from datatrove.data import Document
    from datatrove.pipeline.filters import LanguageFilter

    socket.setdefaulttimeout(15)  # no network: fail fast instead of hanging on the download
    try:
        f = LanguageFilter(languages=["en", "id"], language_threshold=0.0)
        f.filter(Document(text="a short test sentence in English", id="0"))
        return f, None
    except Exception as exc:  # any failure to fetch or load the model: report, do not crash
        return None, f"LanguageFilter: model not available offline ({type(exc).__name__})"
    finally:
        socket.setdefaulttimeout(None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-language", action="store_true", help="leave LanguageFilter out")
    ap.add_argument(
        "--tokenizer",
        choices=("default", "whitespace"),
        default="default",
        help="MinHash's word tokenizer: datatrove's for English (spaCy), or white space",
    )
    args = ap.parse_args(argv)

    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
    )
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    if args.work.exists():
        shutil.rmtree(args.work)
    w = args.work
    left_out: list[str] = []
    lang = None
    if args.no_language:
        left_out.append("LanguageFilter: --no-language")
    else:
        lang, reason = language_filter_or_reason()
        if reason:
            left_out.append(reason)
    config = MinhashConfig()  # 5-grams, 14 buckets x 8 hashes, the library's defaults
    words: dict = {}
    if args.tokenizer == "whitespace":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from datatrove_tokenizer import SplitTokenizer

        words = {"language": SplitTokenizer()}
    n = args.workers
    files = len([p for p in args.jsonl.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz"))])
    tasks = max(1, min(n, files))

    def run(name: str, pipeline: list, ntasks: int) -> float:  # type: ignore[type-arg]
        t = time.perf_counter()
        LocalPipelineExecutor(
            pipeline=pipeline,
            tasks=ntasks,
            workers=min(n, ntasks),
            logging_dir=str(w / "logs" / name),
            skip_completed=False,
        ).run()
        return time.perf_counter() - t

    steps = {}
    steps["read+ftfy+language+write"] = run(
        "format",
        [
            JsonlReader(str(args.jsonl), text_key="text", id_key="id"),
            FTFYFormatter(),
            *([lang] if lang is not None else []),
            JsonlWriter(str(w / "formatted"), compression=None),
        ],
        tasks,
    )
    steps["minhash signatures"] = run(
        "signatures",
        [
            JsonlReader(str(w / "formatted"), compression=None),
            MinhashDedupSignature(output_folder=str(w / "signatures"), config=config, **words),
        ],
        tasks,
    )
    steps["minhash buckets"] = run(
        "buckets",
        [
            MinhashDedupBuckets(
                input_folder=str(w / "signatures"), output_folder=str(w / "buckets"), config=config
            )
        ],
        config.num_buckets,
    )
    steps["minhash cluster"] = run(
        "cluster",
        [
            MinhashDedupCluster(
                input_folder=str(w / "buckets"), output_folder=str(w / "remove_ids"), config=config
            )
        ],
        1,
    )
    steps["minhash filter+write"] = run(
        "filter",
        [
            JsonlReader(str(w / "formatted"), compression=None),
            MinhashDedupFilter(input_folder=str(w / "remove_ids")),
            JsonlWriter(str(w / "output"), compression=None),
        ],
        tasks,
    )
    out_docs = sum(
        sum(1 for _ in p.open(encoding="utf-8")) for p in sorted((w / "output").glob("*.jsonl"))
    )
    print(
        json.dumps(
            {
                "steps": {k: round(v, 3) for k, v in steps.items()},
                "seconds": round(sum(steps.values()), 3),
                "documents_out": out_docs,
                "tasks": tasks,
                "workers": n,
                "left_out": left_out,
                "tokenizer": args.tokenizer,
                "cpu_count": os.cpu_count(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
