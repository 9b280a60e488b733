"""Bytes to clean Unicode text: BOM, charset, mojibake, NFC, line endings and whitespace.

The only module that uses ftfy and charset-normalizer. Text is repaired, never restyled:
quotes stay curly, ligatures and full-width forms stay as they are, words are not touched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from clean.errors import Rejection

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Non-ASCII letters weighted by how common they are in Latin-script languages. Used to choose
# between single-byte encodings that charset-normalizer scores alike: cp1252 bytes read as cp1250
# turn "à" into "ŕ", cp1250 bytes read as cp1252 turn "ř" into "ø".
COMMON_LATIN = frozenset(
    "àáâãäçèéêëíîïñóôõöúûüßšžčřěůňťďľłńśźżąęőűğışćđăîșțēīūļķņģ"
    "ÀÁÂÃÄÇÈÉÊËÍÎÏÑÓÔÕÖÚÛÜŠŽČŘĚŮŇŤĎĽŁŃŚŹŻĄĘŐŰĞİŞĆĐĂÎȘȚĒĪŪĻĶŅĢ"
)
RARER_LATIN = frozenset("ìòùøðþýåæœÿÌÒÙØÐÞÝÅÆŒŸ")
COMMON_PUNCT = frozenset("“”‘’‚„–—…«»•·€£¥©®°±×÷§¶¡¿ ­")
# The web's unlabelled Western default (WHATWG maps latin-1 labels to windows-1252).
WESTERN_DEFAULT = "cp1252"
SNIFF_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)

BLANK_RUNS = re.compile(r"\n{3,}")
SPACE_RUNS = re.compile(r"[^\S\n]+")  # any whitespace but the newline
# Zero-width space and stray BOMs carry nothing; ZWJ/ZWNJ do (Persian, Indic scripts), so they stay.
INVISIBLE = re.compile("[\u200b\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A quick test for text that can hold mojibake at all: ftfy's own check costs as much as the fix.
NON_ASCII = re.compile(r"[^\x00-\x7f]")
MAX_PASSES = 3


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and the repairs made (``bom``, ``mojibake``)."""

    text: str
    encoding: str
    repairs: tuple[str, ...]


def decode(raw: bytes) -> Decoded:
    """Decode bytes to normalised text, or raise :class:`Rejection` (empty, binary, undecodable)."""
    if not raw.strip():
        raise Rejection("empty", "file is empty" if not raw else "file holds only white space")
    repairs: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, name in BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                why = f"starts with a {name} BOM but is not {name}: {exc.reason}"
                raise Rejection("undecodable", why) from None
            repairs.append("bom")
            break
    if text is None:
        if looks_binary(raw):
            raise Rejection("binary", "holds binary data (NUL or control bytes), not text")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = detect(raw)
            repairs.append(f"charset:{encoding}")
    text, more = normalise_with_repairs(text)
    if not text:
        raise Rejection("empty", "file holds only white space")
    return Decoded(text, encoding, (*repairs, *more))


def looks_binary(raw: bytes) -> bool:
    """True for bytes no text file holds: a NUL, or many control bytes, in the first 4 KB.

    >>> looks_binary(b"%PDF-1.7\\x00\\x01"), looks_binary("Teks biasa.".encode())
    (True, False)
    """
    head = raw[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 100)


def detect(raw: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes: a declared HTML charset, else the most plausible detected one."""
    declared = META_CHARSET.search(raw[:SNIFF_BYTES])
    if declared:
        name = _codec(declared.group(1).decode("ascii", "replace"))
        if name and name != "utf-8":
            try:
                return raw.decode(name), name
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    for match in from_bytes(raw):
        name = _codec(match.encoding)
        if name and name not in candidates:
            candidates.append(name)
    if not candidates:
        raise Rejection("undecodable", "is not valid text in any encoding charset-normalizer knows")
    # On a tie the Western default goes first: the decodings then differ in rare letters only.
    western = _codec(WESTERN_DEFAULT)
    candidates = [western, *(c for c in candidates if c != western)]
    best: tuple[int, str, str] | None = None
    for name in candidates:
        try:
            text = raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None:
        raise Rejection("undecodable", "is not valid text in any encoding charset-normalizer knows")
    return best[2], best[1]


def plausibility(text: str) -> int:
    """Score a decoding by its non-ASCII characters: common letters and punctuation up, rest down.

    >>> plausibility("à la carte, café") > plausibility("ŕ la carte, café")
    True
    """
    score = 0
    for ch in NON_ASCII.findall(text):
        if ch in COMMON_LATIN or ch in COMMON_PUNCT:
            score += 2
        elif ch in RARER_LATIN:
            score += 1
        elif unicodedata.category(ch)[0] == "L":
            # a letter of another script is at home in its own text; an odd Latin one is not
            score += 2 if ord(ch) >= 0x0370 else -1
        else:
            score -= 3  # symbols, C1 controls and the like inside text are signs of a wrong codec
    return score


@lru_cache(maxsize=64)
def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def normalise(text: str) -> str:
    """Repair mojibake, apply NFC, unify line endings and fold white space.

    >>> normalise("Caf\\u00c3\\u00a9  \\u201cok\\u201d \\r\\n\\r\\n\\r\\n\\r\\nnext  ")
    'Café “ok”\\n\\nnext'
    """
    return normalise_with_repairs(text)[0]


def normalise_with_repairs(text: str) -> tuple[str, tuple[str, ...]]:
    """:func:`normalise`, also naming the repairs that changed the text."""
    repairs: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("newlines")
    # Folding white space can join the bytes of a mojibake sequence that a no-break space kept
    # apart, so repair and fold until nothing changes (twice is enough in practice).
    for _ in range(MAX_PASSES):
        before = text
        if NON_ASCII.search(text):
            text = unicodedata.normalize("NFC", INVISIBLE.sub("", text))
            fixed = _fix_encoding(text)
            if fixed != text:
                if "mojibake" not in repairs:
                    repairs.append("mojibake")
                text = fixed
        text = CONTROL.sub("", text)
        lines = [SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n")]
        text = BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
        if text == before:
            break
    return text, tuple(repairs)


def _fix_encoding(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text, config=_ftfy_config())


@lru_cache(maxsize=1)
def _ftfy_config():  # type: ignore[no-untyped-def]  # ftfy is imported lazily
    from ftfy import TextFixerConfig

    # Repair, do not restyle (as datatrove's ftfy wrapper): curly quotes, ligatures, full-width
    # forms and HTML entities in plain text are the author's, not encoding damage.
    return TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )
