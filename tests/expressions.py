"""Every built-in regular expression of the package, and long adversarial lines to time them on.

The expressions are collected, not listed: every compiled pattern a module of ``clean`` holds
(in a constant, a tuple, a mapping, a :class:`clean.rules.Pattern`), every literal pattern
passed to ``re``/``regex`` inside a function, and every pattern of the bundled rule files. A
pattern built at run time inside a function would escape this, so :func:`dynamic_calls` lists
those and the test allows only the ones that compile user patterns.

The lines (:func:`adversarial_units`) repeat a short unit made of what the pattern itself looks
for (its literal runs, the characters of its classes, white space, punctuation), after one of
its literal runs: the inputs on which a backtracking engine goes quadratic or worse (a ``\\w+``
before something that never comes, two ``\\s*`` around an optional ``:``, a lookahead to the
end of the line tried at every position).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

import clean
from clean.rules import Pattern, bundled_rules_dir, load_rules

PACKAGE = Path(clean.__file__).resolve().parent
CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
# Functions that compile patterns at run time, and why that is allowed.
DYNAMIC = {
    ("rules.py", "_compile"): "user patterns (rule files), which run under the time budget",
    ("rules.py", "first_characters"): "parses a pattern, does not run it",
    ("rules.py", "__post_init__"): "a rule pattern's required strings as an alternation of "
    "escaped literals: no repetition, linear",
    ("decode.py", "_ftfy_characters"): "one character class (the characters ftfy changes): "
    "a match is one character, linear",
}
SKIP_MODULES = ("clean.__main__", "clean.engines.ray")  # runs the CLI; imports Ray (no patterns)
PATTERN_TYPES = (re.Pattern, type(regex.compile("")))
# Characters tried in every line, beside the pattern's own.
COMMON = " \t.,:;/-()[]<>|\"'aA1é_\n"


@dataclass(frozen=True)
class Expression:
    """One built-in pattern and where it is defined."""

    where: str
    compiled: Any  # re.Pattern or regex.Pattern

    @property
    def binary(self) -> bool:
        return isinstance(self.compiled.pattern, bytes)


def _walk(value: Any, where: str, out: list[Expression], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, PATTERN_TYPES):
        out.append(Expression(where, value))
    elif isinstance(value, Pattern):
        out.append(Expression(where, value.compiled))
        if value.reverse is not None:  # searched from the end where only a match's presence counts
            out.append(Expression(f"{where} (reverse)", value.reverse))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for n, item in enumerate(value):
            _walk(item, f"{where}[{n}]", out, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{where}[{key!r}]", out, depth + 1)


def _calls(tree: ast.AST) -> list[tuple[ast.Call, str | None]]:
    """``re.X(...)``/``regex.X(...)`` calls with the function each stands in (None: module)."""
    found: list[tuple[ast.Call, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr in CALLS
                and isinstance(child.func.value, ast.Name)
                and child.func.value.id in ("re", "regex")
                and child.args
            ):
                found.append((child, function))
            visit(child, inner)

    visit(tree, None)
    return found


def dynamic_calls() -> list[str]:
    """Calls inside functions whose pattern is not a literal, outside :data:`DYNAMIC`."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for call, function in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if function is None or isinstance(call.args[0], ast.Constant):
                continue  # a module constant (collected from the module) or a literal
            if isinstance(call.args[0], ast.Name) and call.args[0].id.isupper():
                continue  # a module constant passed by name
            if (path.name, function) not in DYNAMIC:
                out.append(f"{path.relative_to(PACKAGE.parent)}:{call.lineno} ({function})")
    return out


def builtin_expressions() -> list[Expression]:
    """Every built-in pattern, once each (the first place it is defined)."""
    found: list[Expression] = []
    for info in pkgutil.walk_packages(clean.__path__, "clean."):
        if info.name in SKIP_MODULES:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            _walk(value, f"{info.name}.{name}", found)
    for path in sorted(PACKAGE.rglob("*.py")):
        for call, function in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            literal = call.args[0]
            if function is not None and isinstance(literal, ast.Constant):
                flags = _flags(call)
                where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
                found.append(Expression(where, re.compile(literal.value, flags)))
    for f in load_rules([bundled_rules_dir()]).files:
        name = Path(f.path).name
        for n, s in enumerate(f.signatures):
            found.append(Expression(f"{name}: match.signatures[{n}]", s.compiled))
        for rule in f.rules:
            for key in ("match", "end", "followed_by", "preceded_by"):
                p = getattr(rule, key)
                if p is not None:
                    found.append(Expression(f"{name}: {rule.id}.{key}", p.compiled))
                if p is not None and p.reverse is not None:
                    found.append(Expression(f"{name}: {rule.id}.{key} (reverse)", p.reverse))
    unique: dict[tuple[Any, int, type], Expression] = {}
    for e in found:
        unique.setdefault((e.compiled.pattern, e.compiled.flags, type(e.compiled)), e)
    return list(unique.values())


def _flags(call: ast.Call) -> int:
    """The flags of a literal ``re.X(pattern, ..., flags=re.I)`` call, where they are names."""
    value = 0
    for node in [*call.args[1:], *(k.value for k in call.keywords if k.arg == "flags")]:
        for name in ast.walk(node):
            if isinstance(name, ast.Attribute) and isinstance(name.value, ast.Name):
                flag = getattr(re, name.attr, None)
                if isinstance(flag, re.RegexFlag):
                    value |= flag
    return value


def _literal_runs(source: str, flags: int) -> list[str]:
    """The pattern's runs of two or more literal characters, and the characters it names."""
    try:
        from re import _constants as c
        from re import _parser
    except ImportError:  # Python 3.10
        import sre_constants as c  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    try:
        parsed = _parser.parse(source, flags & ~re.LOCALE)
    except re.error:
        return []
    runs: list[str] = []
    chars: set[str] = set()
    current: list[str] = []

    def close() -> None:
        if len(current) > 1:
            runs.append("".join(current))
        current.clear()

    def walk(items: Any) -> None:
        for op, av in items:
            if op is c.LITERAL:
                current.append(chr(av))
                chars.add(chr(av))
                continue
            close()
            if op is c.IN:
                for kind, value in av:
                    if kind is c.LITERAL:
                        chars.add(chr(value))
                    elif kind is c.RANGE:
                        chars.update({chr(value[0]), chr(value[1])})
            elif op is c.SUBPATTERN:
                walk(av[3])
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
                    close()
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                walk(av[2])
                close()
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1])
                close()
        close()

    walk(list(parsed))
    return runs + sorted(chars)


def alphabet(e: Expression) -> list[str]:
    """The characters a line for ``e`` is made of: those it names, and :data:`COMMON`."""
    source = e.compiled.pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    found = _literal_runs(source, e.compiled.flags & ~re.UNICODE if e.binary else 0)
    return sorted({ch for ch in "".join(found) + COMMON if ch.isprintable() or ch in "\t\n"})


def worst_line(e: Expression, chars: int, screen: int = 1000) -> tuple[float, str, str, str]:
    """The slowest adversarial line for ``e``: (CPU seconds at ``chars``, prefix, unit, suffix).

    Every prefix and unit is tried at ``screen`` characters, as it is and followed by a NUL
    (a line that does not end as the pattern needs: what a pattern anchored at the end meets
    last); the five slowest get each character of the alphabet as their suffix instead; the
    three slowest of all are timed at ``chars``."""
    prefixes, units = adversarial_units(e)
    tried = sorted(((cost(e, line(e, p, u, screen, s)), p, u) for p in prefixes for u in units
                    for s in ("", "\x00")), reverse=True)  # fmt: skip
    top = list(dict.fromkeys((p, u) for _, p, u in tried))[:5]
    ends = [(cost(e, line(e, p, u, screen, s)), p, u, s) for p, u in top
            for s in ["", "\x00", *alphabet(e)]]  # fmt: skip
    slowest = sorted(ends, reverse=True)[:3]
    return max((cost(e, line(e, p, u, chars, s), 3), p, u, s) for _, p, u, s in slowest)


def adversarial_units(e: Expression) -> tuple[list[str], list[str]]:
    """Prefixes and repeated units for lines that stress ``e``: its literal runs (and the
    characters it names, alone and with a space, a letter or a dot after), common ones."""
    source = e.compiled.pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    found = _literal_runs(source, e.compiled.flags & ~re.UNICODE if e.binary else 0)
    runs = [r for r in found if len(r) > 1][:8]
    chars = sorted({ch for ch in "".join(found) + COMMON if ch.isprintable() or ch in "\t\n"})
    units = chars + [ch + tail for ch in chars for tail in (" ", "a", ".")]
    units += [r + tail for r in runs for tail in ("", " ", "a", "1")]
    units += [ch.upper() for ch in chars if ch.upper() != ch]
    prefixes = ["", *runs[:4]]
    return prefixes, list(dict.fromkeys(units))


def line(e: Expression, prefix: str, unit: str, chars: int, suffix: str = "") -> str | bytes:
    """``prefix``, ``unit`` repeated up to about ``chars`` characters, then ``suffix``."""
    text = prefix + unit * max(1, chars // len(unit)) + suffix
    return text.encode("utf-8") if e.binary else text


def cost(e: Expression, text: str | bytes, repeat: int = 1) -> float:
    """CPU seconds of the work the package asks of a pattern (every match of the line, and a
    match of the whole line), the least of ``repeat`` tries."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for _ in e.compiled.finditer(text):
            pass
        e.compiled.fullmatch(text)
        best = min(best, time.process_time() - started)
    return best
