"""One article under two kinds of chrome: the duplicate stage on real English pages it was not
developed on.

Each WCXB page (``../shared/eval/wcxb``: 257 real article pages from as many sites) goes into
one run twice, as its HTML (``ID.html``: trafilatura extracts the article) and as the page's
visible text with all its chrome (``ID.txt``, one block per line, as ``chrome_eval.py`` makes
it: the generic stage strips it). The two documents carry the same article through different
extractions: other first and last lines, a standfirst kept by one and not the other, captions,
lists, related links. They should be one cluster, and no two pages should be: the pages are of
different sites and stories, so a cluster that joins two pages is chrome or a template taken
for an article.

Printed (and written to ``--json``, the table beside it as ``.md``): pages whose two documents
were clustered together (recall), clusters that join documents of different pages (false
pairs, with the ids), the relations given, the pages where either document was rejected, and
the same for the baseline (word-bigram containment of the two cleaned texts at 0.5, the figure a
user of plain containment would get from the same cleaned texts, pairwise over all documents).
Nothing in the duplicate stage was tuned on these pages; the generic stage was tuned on 171 of
them (issue 15), which helps both documents' texts, not the clustering.

    .venv/bin/python bench/dedup_wcxb.py [--json bench/results/dedup-wcxb.json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import dedup_baselines as baselines
import dedup_scoring as scoring
from chrome_eval import page_text, prf

ROOT = Path(__file__).resolve().parent.parent
WCXB = ROOT.parent / "shared" / "eval" / "wcxb"


def write_corpus(folder: Path, into: Path) -> list[str]:
    """``ID.html`` and ``ID.txt`` for every page; the page ids."""
    from clean.decode import decode

    into.mkdir(parents=True, exist_ok=True)
    ids = []
    for path in sorted((folder / "test" / "html").glob("*.html.gz")):
        page = path.name.split(".")[0]
        raw = gzip.decompress(path.read_bytes())
        (into / f"{page}.html").write_bytes(raw)
        (into / f"{page}.txt").write_text(page_text(decode(raw).text) + "\n", encoding="utf-8")
        ids.append(page)
    return ids


def page_of(doc_id: str) -> str:
    return Path(doc_id).name.split(".")[0]


def score(clusters: dict[str, str], ids: list[str], present: set[str]) -> dict:
    """Pages found together, and pairs of documents of different pages in one cluster."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc, cluster in clusters.items():
        members[cluster].append(doc)
    found = [
        p for p in ids
        if f"{p}.html" in present and f"{p}.txt" in present
        and clusters.get(f"{p}.html") is not None
        and clusters.get(f"{p}.html") == clusters.get(f"{p}.txt")
    ]  # fmt: skip
    both = [p for p in ids if f"{p}.html" in present and f"{p}.txt" in present]
    false = sorted(
        (a, b)
        for docs in members.values()
        for a, b in itertools.combinations(sorted(docs), 2)
        if page_of(a) != page_of(b)
    )
    return {
        "pages": len(ids),
        "pages_with_both": len(both),
        "found": len(found),
        "recall": len(found) / len(both) if both else None,
        "missed": sorted(set(both) - set(found)),
        "false_pairs": len(false),
        "false": false,
    }


def kept_f1(folder: Path, output: scoring.Output, pages: list[str]) -> dict[str, float]:
    """How well the version --drop-duplicates keeps tells the article: the mean word 4-gram F1
    against WCXB's main content of the run's representative, beside the longer of the two
    documents (the rule before issue 19), the HTML's, and the better of the two (the bound)."""
    rows: dict[str, list[float]] = defaultdict(list)
    for page in pages:
        truth = json.loads((folder / "test" / "ground-truth" / f"{page}.json").read_text())
        gold = truth["ground_truth"].get("main_content") or ""
        docs = (f"{page}.html", f"{page}.txt")
        if not gold.strip() or not all(d in output.texts for d in docs):
            continue
        f1 = {d: prf(output.texts[d], gold)[2] for d in docs}
        longer = max(docs, key=lambda d: (len(output.texts[d].split()), d))
        rows["representative"].append(f1.get(output.marks[docs[0]]["representative"], 0.0))
        rows["longer"].append(f1[longer])
        rows["html"].append(f1[docs[0]])
        rows["better of the two"].append(max(f1.values()))
    return {k: round(sum(v) / len(v), 4) for k, v in rows.items()} | {"pages": len(rows["html"])}


def containment_clusters(texts: dict[str, str]) -> dict[str, str]:
    """Pairwise word-bigram containment of the smaller text at 0.5, joined by union-find."""
    grams = {i: baselines.bigrams(t) for i, t in texts.items()}
    ids = sorted(grams)
    uf = baselines.UnionFind(ids)
    for a, b in itertools.combinations(ids, 2):
        if baselines.containment(grams[a], grams[b]) >= baselines.CONTAINMENT:
            uf.union(a, b)
    return uf.clusters()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wcxb", type=Path, default=WCXB)
    parser.add_argument("--keep", type=Path, help="keep the corpus and the run here")
    parser.add_argument("--json", type=Path, help="write the figures here (and .md beside)")
    args = parser.parse_args()
    if not (args.wcxb / "test" / "html").is_dir():
        sys.exit(f"{args.wcxb}: no WCXB pages (test/html) here")
    work = args.keep or Path(tempfile.mkdtemp(prefix="dedup-wcxb-"))
    ids = write_corpus(args.wcxb, work / "in")
    run = scoring.run_clean([work / "in"], work / "out")
    output = scoring.read_output(work / "out")
    present = set(output.texts)
    clean = score(output.clusters(), ids, present)
    clean["relations"] = dict(
        Counter(
            m["relation"]
            for d, m in output.marks.items()
            if d.endswith(".txt")
            and output.clusters().get(d) == output.clusters().get(d[: -len(".txt")] + ".html")
        )
    )
    # the version --drop-duplicates keeps: the page's HTML (trafilatura's extraction) or the
    # text with its chrome (what the generic stage left of it)
    clean["representative"] = dict(
        Counter(
            "html" if output.marks[f"{p}.html"]["representative"] == f"{p}.html"
            else "text with chrome" if output.marks[f"{p}.html"]["representative"] == f"{p}.txt"
            else "another document"
            for p in ids
            if p not in clean["missed"] and f"{p}.html" in output.marks
        )
    )  # fmt: skip
    clean["kept_f1"] = kept_f1(args.wcxb, output, [p for p in ids if p not in clean["missed"]])
    clean["rejected"] = dict(Counter(output.rejected.values()))
    clean["cpu_seconds"] = round(run.cpu, 1)
    base = score(containment_clusters(output.texts), ids, present)
    systems = (("clean", clean), ("bigram containment ≥ 0.5 (same cleaned texts)", base))
    rows = [["system", "pages with both documents", "found together", "recall", "false pairs"]]
    for name, r in systems:
        found, recall = str(r["found"]), scoring.figure(r["recall"])
        rows.append([name, str(r["pages_with_both"]), found, recall, str(r["false_pairs"])])
    table = scoring.markdown(rows)
    print(table)
    print(f"relations of the found pairs: {clean['relations']}; rejected: {clean['rejected']}")
    print(f"the representative of the found pairs: {clean['representative']}")
    print(f"mean F1 of the kept version against WCXB's article: {clean['kept_f1']}")
    print(f"missed: {' '.join(clean['missed'][:40])}")
    for a, b in clean["false"][:20]:
        print(f"false: {a} {b}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"clean": clean, "containment": base, "machine": scoring.machine()}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(
            table + f"\n\nrelations of the found pairs: {clean['relations']}; "
            f"the representative: {clean['representative']}; "
            f"mean F1 of the kept version against WCXB's article: {clean['kept_f1']}; "
            f"rejected: {clean['rejected']}; clean's CPU seconds: {clean['cpu_seconds']}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
