"""The package as a user gets it: build the wheel and the sdist, install the wheel into a fresh
virtual environment outside the checkout, and run ``clean`` from there (``make test`` runs this).

Checks that the wheel and the sdist hold every module of the checkout and the bundled rules,
that ``clean rules check`` passes from the installed package, that ``clean run`` on the seeds
gives the same bytes from the installed package (local and Ray engines) as from the checkout,
and that each input format (a WARC.gz, a Parquet file, .html.gz pages, standard input) gives
the documents the checkout gives.
Prints one line per check; exits 1 on the first failure, naming it.

    python -m tests.installed [--keep DIR]
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("documents.jsonl", "rejected.jsonl", "duplicates.jsonl")


class Failed(Exception):
    pass


def sh(*args: str | Path, cwd: Path | None = None, expect: int = 0) -> str:
    """Run a command; its standard output, or :class:`Failed` with what it printed."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != expect:
        shown = " ".join(map(str, args))
        raise Failed(f"`{shown}` exited {done.returncode}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout + done.stderr


def expected_files() -> set[str]:
    """Every module and bundled rule file the checkout has, as paths inside the package."""
    names = {p.relative_to(ROOT).as_posix() for p in (ROOT / "clean").rglob("*.py")}
    names |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "clean").rglob("*.yaml")}
    return {n for n in names if "__pycache__" not in n}


def build(dist: Path) -> tuple[Path, Path]:
    """The sdist from the checkout, then the wheel from the sdist (as an index builds it; no
    stale ``build/`` of the checkout in it), without network access for the build."""
    sh(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT)
    (wheel,), (sdist,) = dist.glob("*.whl"), dist.glob("*.tar.gz")
    want = expected_files()
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    if missing := want - in_wheel:
        raise Failed(f"the wheel lacks {len(missing)} files: {sorted(missing)[:8]}")
    top = sdist.name.removesuffix(".tar.gz")
    in_sdist = {n.removeprefix(top + "/") for n in tarfile.open(sdist).getnames()}
    if missing := want - in_sdist:
        raise Failed(f"the sdist lacks {len(missing)} files: {sorted(missing)[:8]}")
    return wheel, sdist


def same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        if not filecmp.cmp(a / name, b / name, shallow=False):
            raise Failed(f"{name} differs between {a} and {b}")


def texts(out: Path) -> list[str]:
    """The clean texts of a run, in order."""
    import json

    with open(out / "documents.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def formats(folder: Path) -> dict[str, Path]:
    """One small input of each format a pipeline has, made from the seeds."""
    import gzip
    import io
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    pages = [
        "<html><head><title>{t}</title></head><body><article><h1>{t}</h1>{p}</article></body>"
        "</html>".format(
            t=text.splitlines()[0],
            p="".join(f"<p>{line}</p>" for line in text.splitlines()[1:] if line.strip()),
        )
        for text in texts
    ]
    folder.mkdir(parents=True)
    made = {}
    html = folder / "html-gz"
    html.mkdir()
    for n, page in enumerate(pages):
        (html / f"page{n}.html.gz").write_bytes(gzip.compress(page.encode(), mtime=0))
    made["html.gz"] = html
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(page.encode()),
            http_headers=http, warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{n:08d}>",
                                                  "WARC-Date": "2026-01-16T00:00:00Z"},
        )  # fmt: skip
        writer.write_record(record)
    (folder / "crawl.warc.gz").write_bytes(buf.getvalue())
    made["warc.gz"] = folder / "crawl.warc.gz"
    table = pa.table({"id": [p.stem for p in seeds], "text": texts})
    pq.write_table(table, folder / "seeds.parquet", row_group_size=2)
    made["parquet"] = folder / "seeds.parquet"
    lines = [json.dumps({"id": p.stem, "text": t}) for p, t in zip(seeds, texts, strict=True)]
    (folder / "seeds.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    made["stdin"] = folder / "seeds.jsonl"
    return made


def run_on(cli: Path, source: Path, out: Path, stdin: bool, cwd: Path) -> None:
    """``clean run`` on one input, or with it on standard input."""
    if not stdin:
        sh(cli, "run", source, "-o", out, "-q", "-j", "1", cwd=cwd)
        return
    with open(source, "rb") as f:
        done = subprocess.run([str(cli), "run", "-", "-o", str(out), "-q", "-j", "1"],
                              stdin=f, cwd=cwd, capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise Failed(f"clean run - < {source.name} exited {done.returncode}: {done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="clean-installed-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        wheel, sdist = build(work / "dist")
        print(f"ok  built {wheel.name} and {sdist.name}: every module and rule file in both")
        venv = work / "venv"
        sh(sys.executable, "-m", "venv", venv)
        py, cli = venv / "bin" / "python", venv / "bin" / "clean"
        sh(py, "-m", "pip", "install", "--quiet", f"{wheel}[ray]")
        print(f"ok  installed {wheel.name}[ray] into a fresh venv at {venv}")
        here = work / "user"  # outside the checkout: nothing of it on the path
        shutil.copytree(ROOT / "seeds", here / "seeds")
        out = sh(cli, "rules", "check", cwd=here)
        if "all passed" not in out:
            raise Failed(f"clean rules check: {out}")
        print(f"ok  clean rules check from the installed package: {out.strip()}")
        sh(ROOT / ".venv" / "bin" / "clean", "run", here / "seeds", "-o", work / "checkout-out",
           "-q", "-j", "1")  # fmt: skip
        sh(cli, "run", "seeds", "-o", "out", "-q", "-j", "1", cwd=here)
        same_outputs(here / "out", work / "checkout-out")
        print("ok  clean run seeds/: the same bytes as the checkout's")
        sh(cli, "run", "seeds", "-o", "out-ray", "-q", "--engine", "ray", "-j", "2", cwd=here)
        same_outputs(here / "out-ray", work / "checkout-out")
        print("ok  clean run seeds/ --engine ray: the same bytes")
        code = "import clean; r = clean.run(['seeds'], 'out-lib', workers=1); print(r['documents'])"
        if sh(py, "-c", code, cwd=here).strip() != "5":
            raise Failed("clean.run from the installed package did not give 5 documents")
        same_outputs(here / "out-lib", work / "checkout-out")
        print("ok  clean.run() from Python: the same bytes")
        checkout = ROOT / ".venv" / "bin" / "clean"
        for name, source in formats(work / "formats").items():
            got, want = work / f"installed-{name}", work / f"checkout-{name}"
            run_on(cli, source, got, name == "stdin", here)
            run_on(checkout, source, want, name == "stdin", here)
            same_outputs(got, want)
            n = sum(1 for _ in open(got / "documents.jsonl", encoding="utf-8"))
            if n != 5:
                raise Failed(f"{name}: {n} documents, not the 5 seeds")
            if name in ("parquet", "stdin") and texts(got) != texts(work / "checkout-out"):
                raise Failed(f"{name}: the documents' texts differ from the seed files' run")
            print(f"ok  {name}: 5 documents, the same bytes as the checkout's")
    except Failed as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
