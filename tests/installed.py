"""The package as a user gets it: build the wheel and the sdist, install the wheel into a fresh
virtual environment outside the checkout, and run ``clean`` from there (``make test`` runs this).

Checks that the wheel and the sdist hold every module of the checkout and the bundled rules,
that ``clean rules check`` passes from the installed package, and that ``clean run`` on the seeds
gives the same bytes from the installed package (local and Ray engines) as from the checkout.
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
    except Failed as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
