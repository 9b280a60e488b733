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

from clean.errors import BINARY, BINARY_FORMAT, Rejection

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
# Bytes that are not control bytes (tab, line feed, form feed and carriage return are text).
NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
# The C0 control bytes (and DEL) that decode removes from text: no text encoding without a
# BOM uses them inside a character, so they go before the charset is detected (a NUL makes
# charset-normalizer find none). Form feed stays for normalise, as in decoded text.
CONTROL_BYTES = bytes(b for b in range(33) if b not in NOT_CONTROL_BYTES) + b"\x7f"
# Text holds at most one control byte in this many bytes (and two in any text): past that, in
# the first SNIFF_BYTES or in the whole file, it is binary (an image, a PDF stream, random).
CONTROL_SHARE = 100
# Formats whose first bytes say what they are, whatever follows them.
SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF"),
    (b"OggS\x00", "Ogg"),
)
# [^<>]: a scan from each "<meta" stops at the next tag (with [^>] it went on: quadratic)
META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)

BLANK_RUNS = re.compile(r"\n{3,}")
# Zero-width space and stray BOMs carry nothing; ZWJ/ZWNJ do (Persian, Indic scripts), so they stay.
INVISIBLE = re.compile("[\u200b\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A quick test for text that can hold mojibake at all: ftfy's own check costs as much as the fix.
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A line ftfy leaves as it is: printable ASCII and the white space it keeps (see _fix_encoding).
NEEDS_FTFY = re.compile(r"[^\t\n\x0c\r\x20-\x7e]")
ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
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
        for signature, name in SIGNATURES:
            if raw.startswith(signature):
                raise Rejection("binary", BINARY_FORMAT.format(name=name))
        if looks_binary(raw):
            raise Rejection("binary", BINARY)
        kept = raw.translate(None, CONTROL_BYTES)
        if len(kept) < len(raw):
            raw = kept
            repairs.append("control-bytes")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = detect(raw)
            repairs.append(f"charset:{encoding}")
    text, more = normalise_with_repairs(text)
    if not text:
        raise Rejection("empty", "file holds only white space")
    return Decoded(text, encoding, (*repairs, *(r for r in more if r not in repairs)))


def looks_binary(raw: bytes) -> bool:
    """True for bytes no text file holds: more than 1 in 100 (and more than 2) control bytes,
    NUL included, in the first 4 KB or in the whole; a few inside text are removed by decode.

    >>> looks_binary(b"%PDF-1.7\\x00\\x01\\x02"), looks_binary("Teks\\x00 biasa.".encode())
    (True, False)
    """
    for part in (raw[:SNIFF_BYTES], raw) if len(raw) > SNIFF_BYTES else (raw,):
        controls = len(part) - len(part.translate(None, CONTROL_BYTES))
        if controls > max(2, len(part) // CONTROL_SHARE):
            return True
    return False


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
    fixed_lines: dict[str, str] = {}  # ftfy's answers, kept across passes
    for _ in range(MAX_PASSES):
        before = text
        # before ftfy, which removes them too: that change is not mojibake
        text, controls = CONTROL.subn("", text)
        if controls and "control-bytes" not in repairs:
            repairs.append("control-bytes")
        if NON_ASCII.search(text):
            if "\u200b" in text or "\ufeff" in text:  # a scan by `in` costs less than by sub
                text = INVISIBLE.sub("", text)
            text = unicodedata.normalize("NFC", text)
            fixed = _fix_encoding(text, fixed_lines)
            if fixed != text:
                if "mojibake" not in repairs:
                    repairs.append("mojibake")
                text = fixed
        # each line's runs of white space as one space, none at its ends (str.split() splits on
        # the characters ``\s`` matches)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
        if text == before:
            break
    return text, tuple(repairs)


def _fix_encoding(text: str, known: dict[str, str]) -> str:
    """``ftfy.fix_text``, calling ftfy only on the lines it could change.

    fix_text fixes each line (with its ``\\n``) on its own and joins the results, so the text
    is cut the same way here and three kinds of line are passed over, as ftfy would return
    them unchanged: lines of printable ASCII (no mojibake, no control character to remove),
    lines ftfy has returned before (it fixes until nothing changes, so what it returns is its
    own fixed point) and lines it has already answered for. ``known`` holds those answers
    across the passes over one document.
    """
    import ftfy

    config = _ftfy_config()
    if len(text) > config.max_decode_length:  # ftfy cuts such lines; let it do so itself
        return ftfy.fix_text(text, config=config)
    segments = text.split("\n")
    last = segments.pop()
    segments = [line + "\n" for line in segments]
    if last:
        segments.append(last)
    # ASCII lines of a text without control characters are printable (one scan of the text)
    plain = not ASCII_CONTROL.search(text)
    for i, segment in enumerate(segments):
        if (plain and segment.isascii()) or not NEEDS_FTFY.search(segment):
            continue
        fixed = known.get(segment)
        if fixed is None:
            fixed = ftfy.fix_and_explain(segment, config).text
            known[segment] = known[fixed] = fixed
        segments[i] = fixed
    return "".join(segments)


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
