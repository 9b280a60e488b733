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
# Labels WHATWG reads as windows-1252 (a page declaring latin-1 or ASCII means cp1252).
AS_WESTERN = frozenset({codecs.lookup("latin-1").name, codecs.lookup("ascii").name})
# Where letters of two scripts meet inside one word ("cafИ": cp1252 bytes read as koi8-r), the
# decoding is wrong; a word of one script, whatever the script, is at home.
MIXED_WORD = 5
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
        kept = raw.translate(None, CONTROL_BYTES)  # once: the count and the removal
        if looks_binary(raw, len(raw) - len(kept)):
            raise Rejection("binary", BINARY)
        if len(kept) < len(raw):
            raw = kept
            repairs.append("control-bytes")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, refused = detect_with_declared(raw)
            repairs.append(f"charset:{encoding}")
            if refused:  # the page said otherwise: the bytes read implausibly so
                repairs.append(f"charset-declared:{refused}")
    text, more = normalise_with_repairs(text)
    if not text:
        raise Rejection("empty", "file holds only white space")
    return Decoded(text, encoding, (*repairs, *(r for r in more if r not in repairs)))


def looks_binary(raw: bytes, controls: int | None = None) -> bool:
    """True for bytes no text file holds: more than 1 in 100 (and more than 2) control bytes,
    NUL included, in the first 4 KB or in the whole; a few inside text are removed by decode.
    ``controls``: the count in the whole, where the caller has it.

    >>> looks_binary(b"%PDF-1.7\\x00\\x01\\x02"), looks_binary("Teks\\x00 biasa.".encode())
    (True, False)
    """
    if controls is None:
        controls = len(raw) - len(raw.translate(None, CONTROL_BYTES))
    if controls > max(2, len(raw) // CONTROL_SHARE):
        return True
    if len(raw) <= SNIFF_BYTES or controls <= 2:  # the head cannot hold more than the whole
        return False
    head = raw[:SNIFF_BYTES]
    return len(head) - len(head.translate(None, CONTROL_BYTES)) > SNIFF_BYTES // CONTROL_SHARE


def detect_with_declared(raw: bytes) -> tuple[str, str, str | None]:
    """Decode non-UTF-8 bytes: a declared HTML charset, else the most plausible detected one;
    the text, the encoding, and the declared charset when the bytes refused it (else None).

    Only text encodings count (a label of base64, hex, zlib, bz2, uu, quopri or rot13 names a
    codec of bytes to bytes or text to text, not a charset), and a declaration is checked
    against the bytes: it is taken unless another encoding reads them more plausibly
    (:func:`plausibility`: ``koi8-r`` declared on a cp1252 page makes "café" "cafИ", a word of
    two scripts; ``cp037``, EBCDIC, makes it symbols).
    """
    declared = _declared(raw)
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    for match in from_bytes(raw):
        name = _codec(match.encoding)
        if name and name not in candidates:
            candidates.append(name)
    # On a tie the declared charset goes first, then the Western default: the decodings then
    # differ in rare letters only.
    western = _codec(WESTERN_DEFAULT)
    first = [declared] if declared else []
    candidates = [*first, *(c for c in [western, *candidates] if c not in first)]
    best: tuple[int, str, str] | None = None
    for name in dict.fromkeys(candidates):
        try:
            text = raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None:
        raise Rejection("undecodable", "is not valid text in any encoding charset-normalizer knows")
    refused = declared if declared and best[1] != declared else None
    return best[2], best[1], refused


def _declared(raw: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` names, if it is a text encoding that reads the
    declaration itself as it was read, in ASCII (so not EBCDIC, UTF-16 or UTF-32: a page in
    them cannot declare itself so); latin-1 and ASCII read as cp1252, as browsers do."""
    found = META_CHARSET.search(raw[:SNIFF_BYTES])
    if not found:
        return None
    name = _codec(found.group(1).decode("ascii", "replace"))
    if name in AS_WESTERN:
        return _codec(WESTERN_DEFAULT)
    if name is None or name.startswith("utf-8"):
        return None
    tag = found.group(0)
    if tag.decode(name, "replace") != tag.decode("ascii", "replace"):
        return None
    return name


def plausibility(text: str) -> int:
    """Score a decoding by its non-ASCII characters: common letters and punctuation up, rest
    down, and each word that mixes the letters of two scripts well down.

    >>> plausibility("à la carte, café") > plausibility("ŕ la carte, café")
    True
    >>> plausibility("un café noir") > plausibility("un cafИ noir"), plausibility("Привет") > 0
    (True, True)
    """
    mixed = sum(1 for w in LETTERS.findall(text) if not w.isascii() and len(_scripts(w)) > 1)
    score = -MIXED_WORD * mixed
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


LETTERS = re.compile(r"[^\W\d_]+")  # a word, as its letters


def _scripts(word: str) -> set[str]:
    """The scripts of a word's letters, told by their names' first word (LATIN, CYRILLIC,
    GREEK, ARABIC, CJK...).

    >>> sorted(_scripts("cafИ")), sorted(_scripts("Привет"))
    (['CYRILLIC', 'LATIN'], ['CYRILLIC'])
    """
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in word}


@lru_cache(maxsize=64)
def _codec(label: str) -> str | None:
    """The codec a label names, if it is a text encoding (bytes to str): base64, hex, zlib,
    bz2, uu, quopri and rot13 are codecs too, of another kind."""
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


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
            if not _ftfy_changes(segment):
                fixed = segment
            else:
                fixed = ftfy.fix_and_explain(segment, config).text
            known[segment] = known[fixed] = fixed
        segments[i] = fixed
    return "".join(segments)


def _ftfy_changes(segment: str) -> bool:
    """Whether ftfy (:func:`_ftfy_config`) may change ``segment``: False only where
    every step of ``fix_and_explain`` passes it over. The encoding is fixed only in text
    ``ftfy.badness.is_bad`` finds; C1 controls, surrogates, terminal escapes and the control
    characters ftfy removes are changed only where they are; the other steps are off. Most
    non-ASCII lines are none of these, and the test costs less than the steps (on real pages,
    ftfy's table lookup of every character for its control characters was a quarter of it)."""
    from ftfy.badness import is_bad

    return (
        _ftfy_characters().search(segment) is not None
        or not unicodedata.is_normalized("NFC", segment)  # ftfy's last step
        or is_bad(segment)
    )


@lru_cache(maxsize=1)
def _ftfy_characters() -> re.Pattern[str]:
    """The characters some step of ftfy changes whatever surrounds them: C1 controls
    (``fix_c1_controls``), surrogates (``fix_surrogates``), escape, which begins a terminal
    escape (``remove_terminal_escapes``), and ftfy's control characters
    (``remove_control_chars``)."""
    from ftfy.chardata import CONTROL_CHARS

    chars = {*map(chr, CONTROL_CHARS), "\x1b", *map(chr, range(0x80, 0xA0))}
    chars |= set(map(chr, range(0xD800, 0xE000)))
    return re.compile("[" + "".join(sorted(map(re.escape, chars))) + "]")


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
