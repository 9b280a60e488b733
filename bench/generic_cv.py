"""The generic stage on WCXB raw text, tuning part only, by fold: the design loop of issue 15.

The held-out part (``chrome_eval.held_out``) is never read here. The tuning part is split again
by a hash of the page id into :data:`FOLDS` folds; a change to the stage is designed by looking
at the pages of the ``dev`` folds only and kept when the ``check`` fold (numbers only, never
read page by page) moves the same way: the F1 per fold, and how many check pages got better or
worse (a sign test, as one page moves a 57-page mean by up to 0.02).

    .venv/bin/python bench/generic_cv.py [--html] [--baseline FILE] [--save FILE] [--pages]
                                         [--keep DIR]

``--save`` writes the per-page scores; ``--baseline`` compares with such a file (the pages
that moved, with their fold; check-fold pages are shown by id and score only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from chrome_eval import (  # noqa: E402
    MIN_COMMENT_SHINGLES,
    WCXB,
    comment_text,
    held_out,
    load_wcxb,
    page_text,
    prf,
    run_clean,
    shingles,
)

FOLDS = 3
CHECK = 2  # the fold that is measured, never read


def fold(page_id: str) -> int:
    """The tuning fold of a page: another hash of its id than the held-out split's."""
    return int(hashlib.sha256(f"cv:{page_id}".encode()).hexdigest(), 16) % FOLDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wcxb", type=Path, default=WCXB)
    parser.add_argument("--baseline", type=Path, help="per-page scores of an earlier run")
    parser.add_argument("--save", type=Path, help="write this run's per-page scores")
    parser.add_argument("--pages", action="store_true", help="list the dev pages by F1")
    parser.add_argument("--keep", type=Path, help="keep the dumps and the output here")
    parser.add_argument("--html", action="store_true", help="the pages as HTML, not raw text")
    args = parser.parse_args(argv)

    pages, gold, urls = load_wcxb(args.wcxb)
    ids = sorted(i for i in gold if not held_out(i))
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.html:
            src = work / "pages.jsonl"
            with open(src, "w", encoding="utf-8") as f:
                for i in ids:
                    f.write(json.dumps({"id": i, "html": pages[i], "url": urls[i]}) + "\n")
        else:
            src = work / "text"
            src.mkdir(exist_ok=True)
            for i in ids:
                (src / f"{i}.txt").write_text(page_text(pages[i]) + "\n", encoding="utf-8")
        records, _ = run_clean(src, work / "out")
    out = {k.removesuffix(".txt"): r["text"] for k, r in records.items()}
    scores = {i: prf(out.get(i, ""), gold[i]["main_content"]) for i in ids}
    comments = {
        i: shingles(comment_text(pages[i])) - shingles(gold[i]["main_content"]) for i in ids
    }
    comments = {i: c for i, c in comments.items() if len(c) >= MIN_COMMENT_SHINGLES}
    gone = {i: 1 - len(c & shingles(out.get(i, ""))) / len(c) for i, c in comments.items()}
    base = json.loads(args.baseline.read_text()) if args.baseline else None

    print("fold | pages | P | R | F1 | base F1 | better | worse | comments gone (pages)")
    for f in range(FOLDS):
        members = [i for i in ids if fold(i) == f]
        n = len(members)
        p, r, f1 = (sum(scores[i][k] for i in members) / n for k in range(3))
        cells = [f"{f}{' (check)' if f == CHECK else ''}", str(n), f"{p:.4f}", f"{r:.4f}",
                 f"{f1:.4f}"]  # fmt: skip
        if base:
            b = sum(base["f1"][i] for i in members) / n
            up = sum(scores[i][2] > base["f1"][i] + 1e-4 for i in members)
            down = sum(scores[i][2] < base["f1"][i] - 1e-4 for i in members)
            cells += [f"{b:.4f}", str(up), str(down)]
        else:
            cells += ["", "", ""]
        cm = [i for i in members if i in gone]
        total = sum(len(comments[i]) for i in cm)
        left = sum(len(comments[i]) * (1 - gone[i]) for i in cm)
        cells.append(f"{1 - left / total:.3f} ({len(cm)})" if total else "")
        print(" | ".join(cells))
    allf1 = sum(s[2] for s in scores.values()) / len(ids)
    print(f"all tuning pages: F1 {allf1:.4f}")
    if base:
        moved = [i for i in ids if abs(scores[i][2] - base["f1"][i]) > 1e-4]
        for i in sorted(moved, key=lambda i: scores[i][2] - base["f1"][i]):
            tag = "check" if fold(i) == CHECK else "dev"
            print(f"  {tag} {i}: {base['f1'][i]:.3f} -> {scores[i][2]:.3f}")
    if args.pages:
        for i in sorted((i for i in ids if fold(i) != CHECK), key=lambda i: scores[i][2]):
            p, r, f1 = scores[i]
            print(f"  dev {i}: P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    if args.save:
        args.save.write_text(
            json.dumps({"f1": {i: s[2] for i, s in scores.items()}, "gone": gone}, indent=0)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
