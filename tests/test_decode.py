import codecs

import pytest
from hypothesis import given

from clean.decode import decode, normalise
from clean.errors import Rejection
from tests import strategies as gen

# UTF-8 text read as Windows-1252 (ftfy's sloppy codec keeps the 0x9D of a closing quote).
MOJIBAKE = "Dia bilang \u00e2\u20ac\u0153halo\u00e2\u20ac\x9d di caf\u00c3\u00a9"
# The same damage with a no-break space right before the opening quote.
NBSP_MOJIBAKE = "Kata dia:\u00a0\u00e2\u20ac\u0153halo\u00e2\u20ac\x9d di caf\u00c3\u00a9"


def test_mojibake_sample_is_what_it_claims():
    import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252

    assert "Dia bilang “halo” di café".encode().decode("sloppy-windows-1252") == MOJIBAKE


def test_utf8_bom_is_removed():
    d = decode(codecs.BOM_UTF8 + "Halo “dunia”, café.\n".encode())
    assert (d.text, d.encoding, d.repairs) == ("Halo “dunia”, café.", "utf-8", ("bom",))


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom(bom, codec):
    d = decode(bom + "Kata “dia” di café — selesai.".encode(codec))
    assert (d.text, d.encoding, d.repairs) == ("Kata “dia” di café — selesai.", codec, ("bom",))


def test_crlf_and_lone_cr_become_newlines():
    d = decode(b"satu\r\ndua\rtiga\nempat")
    assert (d.text, d.encoding, d.repairs) == ("satu\ndua\ntiga\nempat", "utf-8", ("newlines",))


def test_plain_utf8_needs_no_repair():
    d = decode("Kata “dia” di café.".encode())
    assert (d.text, d.encoding, d.repairs) == ("Kata “dia” di café.", "utf-8", ())


def test_cp1252_bytes():
    text = "Menteri berkata, “Kami siap” — kata dia à la carte, café."
    d = decode(text.encode("cp1252"))
    assert (d.text, d.encoding) == (text, "cp1252")
    assert d.repairs == ("charset:cp1252",)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Dnes jsme šli do města, kde žije můj přítel Jiří a jeho sestra Věra.", "cp1250"),
        ("Сегодня в Москве прошла встреча президента с министрами правительства.", "cp1251"),
    ],
)
def test_central_european_and_cyrillic_codepages(text, codec):
    d = decode(text.encode(codec))
    assert (d.text, d.encoding) == (text, codec)


def test_declared_html_charset_is_honoured():
    """Without the declaration these bytes are detected as cp1250 and come out wrong."""
    page = '<html><head><meta charset="iso-8859-2"></head><body><p>Zażółć gęślą jaźń. Łódź.</p></body></html>'
    d = decode(page.encode("iso-8859-2"))
    assert (d.text, d.encoding) == (page, "iso8859-2")


def test_mojibake_is_repaired():
    d = decode(MOJIBAKE.encode())
    assert (d.text, d.encoding) == ("Dia bilang “halo” di café", "utf-8")
    assert "mojibake" in d.repairs


def test_mojibake_after_nbsp_is_repaired():
    assert decode(NBSP_MOJIBAKE.encode()).text == "Kata dia: “halo” di café"


def test_text_is_not_restyled():
    """Curly quotes, the ligature ﬁ and the full-width Ａ are the author's: they stay."""
    text = "“Kutip” ‘tunggal’ ﬁnal Ａ"
    d = decode(text.encode())
    assert (d.text, d.repairs) == (text, ())


def test_nfc():
    assert decode("Cafe\u0301 e\u0301".encode()).text == "Caf\u00e9 \u00e9"


def test_nfc_alone_is_not_reported_as_mojibake():
    assert decode("Cafe\u0301".encode()).repairs == ()


def test_trailing_and_leading_spaces_removed():
    assert decode(b"  satu   \ndua\t \n").text == "satu\ndua"


def test_blank_line_runs_fold_to_one_blank_line():
    assert decode(b"a\n\n\nb\n\n\n\n\n\nc\n\nd\n\n\n").text == "a\n\nb\n\nc\n\nd"


def test_lines_of_spaces_count_as_blank():
    assert decode("a\n  \n\t\n\u00a0\nb".encode()).text == "a\n\nb"


def test_tab_and_nbsp_runs_fold_to_one_space():
    assert decode("a \t\u00a0 b\t\tc\u00a0\u00a0d".encode()).text == "a b c d"


def test_zero_width_space_removed_zwj_kept():
    d = decode("ab\u200bc \u0915\u094d\u200d\u0937 x\u200cy".encode())
    assert d.text == "abc \u0915\u094d\u200d\u0937 x\u200cy"


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"", "file is empty"),
        (b" ", "file holds only white space"),
        (b"  \r\n\t\n\n ", "file holds only white space"),
    ],
)
def test_empty_input_is_rejected(raw, detail):
    with pytest.raises(Rejection) as exc:
        decode(raw)
    assert (exc.value.reason, exc.value.detail) == ("empty", detail)


@pytest.mark.parametrize(
    "raw", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \r\n", "\u00a0\n\u200b".encode()]
)
def test_input_empty_after_decoding_is_rejected(raw):
    with pytest.raises(Rejection) as exc:
        decode(raw)
    assert exc.value.reason == "empty"


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"%PDF-1.7\x00\x01\x02binary stream", "is a PDF file, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG file, not text"),
        (b"\x01\x02\x03abc", "holds binary data (NUL or control bytes), not text"),
        (
            b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
            "holds binary data (NUL or control bytes), not text",
        ),
    ],
)
def test_binary_input_is_rejected(raw, detail):
    with pytest.raises(Rejection) as exc:
        decode(raw)
    assert (exc.value.reason, exc.value.detail) == ("binary", detail)


# --- control bytes (issue 16) -----------------------------------------------------------------

ARTICLE = (
    "Pemerintah kota akan membangun 1.200 rumah baru untuk warga yang terdampak banjir.\n"
    "Menurut dia, café dan restoran di kawasan itu juga menerima bantuan dari pemerintah.\n"
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"Teks\x00 biasa.", "Teks biasa."),
        ("Kata\x00 dia di café\x1f.\nBaris dua.".encode(), "Kata dia di café.\nBaris dua."),
        (
            (ARTICLE * 3).replace("rumah", "ru\x07mah", 1).replace("café", "ca\x7ffé", 1).encode(),
            (ARTICLE * 3).strip(),
        ),
        (ARTICLE.replace("kota", "ko\x00ta").encode(), ARTICLE.strip()),
        (("x" * 99 + "\x00") * 41, "x" * 99 * 41),  # 41 in 4,100 bytes: the most that is text
    ],
    ids=["nul", "utf-8", "bel-del", "article", "at-the-line"],
)
def test_a_few_control_bytes_in_text_are_removed_and_recorded(raw, text):
    """Issue 16: one NUL from a scraper cost the whole article (rejected as binary)."""
    raw = raw if isinstance(raw, bytes) else raw.encode()
    d = decode(raw)
    assert (d.text, d.encoding, d.repairs) == (text, "utf-8", ("control-bytes",))


def test_control_bytes_in_a_legacy_encoding_are_removed_before_it_is_detected():
    """charset-normalizer finds no encoding at all for cp1252 bytes holding a NUL."""
    d = decode("Café à la carte\x00, naïve: le président l'a dit à Zürich.".encode("cp1252"))
    assert d.text == "Café à la carte, naïve: le président l'a dit à Zürich."
    assert d.repairs == ("control-bytes", "charset:cp1252")


def test_control_characters_are_not_taken_for_mojibake():
    """ftfy removes control characters as well: that change was reported as ``mojibake``."""
    d = decode("Kata “dia”\x00 di café.".encode())
    assert (d.text, d.repairs) == ("Kata “dia” di café.", ("control-bytes",))


def test_more_control_bytes_than_the_line_is_binary():
    with pytest.raises(Rejection) as exc:
        decode((b"x" * 98 + b"\x00\x01") * 41)  # 82 in 4,100 bytes
    assert exc.value.reason == "binary"


def test_a_binary_tail_after_a_text_head_is_binary():
    """The share of control bytes is counted over the whole file, not only its first 4 KB."""
    with pytest.raises(Rejection) as exc:
        decode(ARTICLE.encode() * 30 + bytes(range(32)) * 2000)
    assert exc.value.reason == "binary"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            "PDF",
        ),
        (b"PK\x03\x04" + ARTICLE.encode(), "ZIP"),
        (b"GIF89a" + ARTICLE.encode(), "GIF"),
    ],
)
def test_binary_formats_are_known_by_their_signature(raw, name):
    """Without a NUL in its head a PDF was read as cp1252 text; a signature settles it."""
    with pytest.raises(Rejection) as exc:
        decode(raw)
    assert (exc.value.reason, exc.value.detail) == ("binary", f"is a {name} file, not text")


def test_normalise_doc_example():
    assert (
        normalise("Caf\u00c3\u00a9  \u201cok\u201d \r\n\r\n\r\n\r\nnext  ") == "Café “ok”\n\nnext"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Caf\u00c3\u00a9  \u201cok\u201d \r\n\r\n\r\n\r\nnext  ",
        MOJIBAKE,
        "satu\r\rdua\r\n\r\n\r\n\r\ntiga",
        "a\u200b\u200db\t\u00a0c",
        "Cafe\u0301 \ufb01 \uff21 ‘kutip’",
        "\u00a0 spasi di tepi \u00a0\n\n\n",
        "kontrol\x01\x0b\x7f di sini",
        "\ufeffBOM di tengah\ufeff teks",
        pytest.param(NBSP_MOJIBAKE),
    ],
)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


# ftfy is asked only about the lines it could change; the answer must be ftfy's own.
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "ascii only\nand more\n",
        MOJIBAKE,
        MOJIBAKE + "\n" + MOJIBAKE + "\n",
        "ok\n\x1b[31mred\x1b[0m\nok",
        "kontrol\x01 di sini\ncaf\u00c3\u00a9",
        "œ\nŒ",
        "\u00c3 \nx\u00c3 ",
        "a\n\n\u00c2\u00a0b\n",
        "\x85 and \x9d\n\ud800\n",
        # lines ftfy changes though they hold no mojibake: not NFC, its control characters
        "cafe\u0301 ok\nkafe\u0301",
        "sana\u206a sini\nzero\ufeffwidth\ufffcobject é",
        "é \x1b[1mbold\x1b[0m",
    ],
)
def test_fix_encoding_is_ftfy_fix_text(text):
    import ftfy

    from clean.decode import _fix_encoding, _ftfy_config

    known: dict[str, str] = {}
    expected = ftfy.fix_text(text, config=_ftfy_config())
    assert _fix_encoding(text, known) == expected
    assert _fix_encoding(text, known) == expected  # answers remembered
    assert _fix_encoding(expected, known) == ftfy.fix_text(expected, config=_ftfy_config())


@given(gen.dumps)
def test_fix_encoding_is_ftfy_fix_text_for_any_text(text):
    import ftfy

    from clean.decode import _fix_encoding, _ftfy_config

    assert _fix_encoding(text, {}) == ftfy.fix_text(text, config=_ftfy_config())


@given(gen.texts)
def test_white_space_folds_as_per_line_regex_and_strip(text):
    """Splitting a line on white space and joining with one space is the regex fold + strip."""
    import re

    runs = re.compile(r"[^\S\n]+")
    expected = [runs.sub(" ", line).strip() for line in text.split("\n")]
    assert [" ".join(line.split()) for line in text.split("\n")] == expected


# --- declared charsets: only text encodings, checked against the bytes (issue 23) -----------

LATIN = "Saya suka café, crème brûlée dan pâté di Jakarta; garçon, naïve, déjà vu."


def page(charset: str, text: str, codec: str) -> bytes:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset={charset}"></head><body><p>{text}</p></body></html>').encode(codec)  # fmt: skip


@pytest.mark.parametrize(
    "label", ["base64", "hex", "zlib", "bz2", "uu", "quopri", "rot13", "base_64", "zip", "bz2_codec"]
)
def test_a_declared_codec_that_is_no_text_encoding_is_not_honoured(label):
    """Issue 23.14: charset=base64 (or hex, zlib, bz2, uu, quopri, rot13) was an internal-error."""
    from clean.pipeline import clean_one
    from clean.records import Doc, Document
    from clean.rules import bundled_rules_dir, load_rules

    raw = page(label, LATIN, "cp1252")
    d = decode(raw)
    assert (d.encoding, LATIN in d.text) == ("cp1252", True)
    doc = clean_one(Doc("p.html", "p.html", "html", raw), load_rules([bundled_rules_dir()]))
    assert isinstance(doc, Document) and "crème brûlée" in doc.text, doc


@pytest.mark.parametrize(
    ("label", "refused"),
    [("koi8-r", "koi8-r"), ("windows-1251", "cp1251"), ("iso-8859-5", "iso8859-5"),
     ("windows-1253", "cp1253"), ("mac-cyrillic", "mac-cyrillic"), ("shift_jis", "shift_jis"),
     ("euc-kr", "euc_kr"), ("utf-7", "utf-7"), ("cp037", None), ("ibm500", None),
     ("utf-16", None), ("utf-32", None)],
)  # fmt: skip
def test_a_declared_charset_that_misreads_the_bytes_is_overruled(label, refused):
    """koi8-r declared on a cp1252 page made "café" "cafИ" without a word; EBCDIC (cp037) made
    it symbols. A declaration is checked against the bytes: one that reads its own tag otherwise
    is not honoured, and one that reads the text less plausibly than another is overruled
    (and named in repairs)."""
    d = decode(page(label, LATIN, "cp1252"))
    assert (d.encoding, LATIN in d.text) == ("cp1252", True), d.text[-120:]
    assert (f"charset-declared:{refused}" in d.repairs) == (refused is not None), d.repairs


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [("koi8-r", "koi8-r", "Привет, как дела? Это новости из Москвы, сказал он."),
     ("windows-1251", "cp1251", "Привет, как дела? Это новости из Москвы, сказал он."),
     ("iso-8859-7", "iso8859-7", "Γειά σου κόσμε, καλημέρα από την Αθήνα."),
     ("windows-1250", "cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy v Praze."),
     ("shift_jis", "shift_jis", "東京の天気は晴れです。ニュースをお伝えします。"),
     ("latin1", "cp1252", LATIN)],
)  # fmt: skip
def test_a_declared_charset_that_reads_the_bytes_well_is_kept(label, codec, text):
    d = decode(page(label, text, codec))
    assert (d.encoding, text in d.text) == (codec, True), d.text[-120:]
    assert not [r for r in d.repairs if r.startswith("charset-declared")]


def test_ebcdic_without_a_declaration_is_still_read():
    text = "Presiden mengatakan kami siap membangun rumah baru untuk warga di Jakarta. " * 4
    d = decode(text.encode("cp037"))
    assert (d.encoding, d.text) == ("cp037", text.strip())
