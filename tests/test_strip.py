import pytest
import yaml

from clean.records import Found
from clean.rules import load_rules
from clean.strip import strip

BODY1 = "Presiden Tajikistan memobilisasi 20 ribu tentara cadangan untuk menjaga perbatasan dengan Afghanistan."
BODY2 = "Lebih dari 1.000 tentara Afghanistan melarikan diri melintasi perbatasan akibat kemajuan pasukan Taliban."
TITLE = "Tajikistan Kerahkan 20.000 Tentara ke Perbatasan Afghanistan"


@pytest.fixture
def rules(tmp_path):
    """Write the given rules to a YAML rule file and load them."""

    def load(*raw):
        path = tmp_path / "rules.yaml"
        path.write_text(
            yaml.safe_dump({"version": 1, "rules": list(raw)}, allow_unicode=True), encoding="utf-8"
        )
        (rule_file,) = load_rules([path], bundled=False).files
        return rule_file.rules

    return load


def removed(s):
    return [(r.rule, r.text) for r in s.removed]


def lines(*parts):
    return "\n".join(parts)


# --- drop ------------------------------------------------------------------------------------


def test_drop_line_matches_whole_line_only(rules):
    s = strip(
        lines("Oke", "Isi.", "Oke yang lain", "oke", "Oke"),
        rules({"id": "d", "action": "drop", "line": "Oke"}),
    )
    assert s.text == lines("Isi.", "Oke yang lain", "oke")
    assert removed(s) == [("d", "Oke"), ("d", "Oke")]
    assert [r.line for r in s.removed] == [0, 4]
    assert s.lines_removed == 2


def test_drop_prefix(rules):
    s = strip(
        lines("Baca juga: Lain", "Isi.", "baca juga: kecil", "Akhir. Baca juga: X"),
        rules({"id": "d", "action": "drop", "prefix": "Baca juga:"}),
    )
    assert s.text == lines("Isi.", "baca juga: kecil", "Akhir. Baca juga: X")
    assert removed(s) == [("d", "Baca juga: Lain")]


def test_drop_prefix_ignore_case(rules):
    s = strip(
        lines("Baca juga: Lain", "Isi.", "baca juga: kecil", "BACA JUGA: BESAR"),
        rules({"id": "d", "action": "drop", "prefix": "Baca juga:", "ignore_case": True}),
    )
    assert s.text == "Isi."
    assert removed(s) == [
        ("d", "Baca juga: Lain"),
        ("d", "baca juga: kecil"),
        ("d", "BACA JUGA: BESAR"),
    ]
    assert s.lines_removed == 3


def test_drop_pattern(rules):
    s = strip(
        lines("Iklan 1", "Isi dengan iklan.", "Iklan 22", "Iklan x"),
        rules({"id": "d", "action": "drop", "pattern": r"^Iklan \d+$"}),
    )
    assert s.text == lines("Isi dengan iklan.", "Iklan x")
    assert removed(s) == [("d", "Iklan 1"), ("d", "Iklan 22")]


def test_drop_max_words(rules):
    s = strip(
        lines("Iklan", "Iklan satu dua", "Isi. Iklan di sini"),
        rules({"id": "d", "action": "drop", "pattern": "Iklan", "max_words": 3}),
    )
    assert s.text == "Isi. Iklan di sini"
    assert removed(s) == [("d", "Iklan"), ("d", "Iklan satu dua")]


def test_drop_head_counts_present_nonblank_lines(rules):
    s = strip(
        lines("", "Iklan", "", "A", "Iklan", "B", "Iklan"),
        rules({"id": "d", "action": "drop", "line": "Iklan", "head": 3}),
    )
    assert s.text == lines("A", "B", "Iklan")
    assert [(r.rule, r.text, r.line) for r in s.removed] == [("d", "Iklan", 1), ("d", "Iklan", 4)]


def test_head_counts_lines_left_by_earlier_rules(rules):
    s = strip(
        lines("Navigasi", "JAKARTA - Isi.", "JAKARTA - Lagi."),
        rules(
            {"id": "nav", "action": "drop", "line": "Navigasi"},
            {"id": "place", "action": "trim", "head": 1, "pattern": r"^[A-Z]+ - "},
        ),
    )
    assert s.text == lines("Isi.", "JAKARTA - Lagi.")
    assert removed(s) == [("nav", "Navigasi"), ("place", "JAKARTA -")]


def test_followed_by_sees_original_neighbour_after_it_was_removed(rules):
    s = strip(
        lines("Budi Santoso", "Penulis", "Isi berita.", "Ani", "Editor", "Catatan", "Penutup"),
        rules(
            {"id": "label", "action": "drop", "pattern": "^(Penulis|Editor)$"},
            {
                "id": "name",
                "action": "drop",
                "pattern": r"^\S.*$",
                "followed_by": "^(Penulis|Editor)$",
            },
        ),
    )
    assert s.text == lines("Isi berita.", "Catatan", "Penutup")
    # in text order, though the "name" rule ran second
    assert removed(s) == [
        ("name", "Budi Santoso"),
        ("label", "Penulis"),
        ("name", "Ani"),
        ("label", "Editor"),
    ]
    assert s.lines_removed == 4


def test_preceded_by_skips_blank_lines_and_sees_removed_neighbour(rules):
    s = strip(
        lines("Bagikan artikel ini melalui", "", "Oke", "Isi.", "Oke"),
        rules(
            {"id": "share", "action": "drop", "line": "Bagikan artikel ini melalui"},
            {
                "id": "ok",
                "action": "drop",
                "line": "Oke",
                "preceded_by": "^Bagikan artikel ini melalui$",
            },
        ),
    )
    assert s.text == lines("Isi.", "Oke")
    assert removed(s) == [("share", "Bagikan artikel ini melalui"), ("ok", "Oke")]


def test_followed_by_at_last_line_has_no_neighbour(rules):
    s = strip(
        lines("Isi.", "Budi"),
        rules({"id": "d", "action": "drop", "pattern": ".", "followed_by": "."}),
    )
    assert s.text == "Budi"
    assert removed(s) == [("d", "Isi.")]


# --- trim ------------------------------------------------------------------------------------


def test_trim_removes_span_keeps_rest_of_line(rules):
    s = strip(
        lines("Isi berita selesai. [jm/em]", "Lagi [ab] di sini", "[xy/zz]"),
        rules({"id": "tag", "action": "trim", "pattern": r"\s*\[[a-z]{1,4}(?:/[a-z]{1,4})+\]\s*$"}),
    )
    assert s.text == lines("Isi berita selesai.", "Lagi [ab] di sini")
    assert removed(s) == [("tag", "[jm/em]"), ("tag", "[xy/zz]")]
    assert s.lines_removed == 1  # only the line left empty


def test_trim_in_the_middle_joins_with_one_space(rules):
    s = strip(
        "Kata dia (Foto: Budi) kemarin.",
        rules({"id": "t", "action": "trim", "pattern": r"\(Foto: [^)]*\)"}),
    )
    assert s.text == "Kata dia kemarin."
    assert removed(s) == [("t", "(Foto: Budi)")]
    assert s.lines_removed == 0


# --- cut -------------------------------------------------------------------------------------


def test_cut_removes_line_and_everything_after_as_one_removal(rules):
    s = strip(
        lines("A.", "B.", "Terkini Lainnya", "C", "", "D", "Terkini Lainnya", "E"),
        rules({"id": "cut", "action": "cut", "line": "Terkini Lainnya"}),
    )
    assert s.text == lines("A.", "B.")
    assert [(r.rule, r.text, r.line) for r in s.removed] == [
        ("cut", "Terkini Lainnya\nC\nD\nTerkini Lainnya\nE", 2)
    ]
    assert s.lines_removed == 5


def test_cut_leaves_out_lines_already_removed(rules):
    s = strip(
        lines("A.", "Terkini Lainnya", "Iklan", "C"),
        rules(
            {"id": "ad", "action": "drop", "line": "Iklan"},
            {"id": "cut", "action": "cut", "line": "Terkini Lainnya"},
        ),
    )
    assert s.text == "A."
    assert removed(s) == [("cut", "Terkini Lainnya\nC"), ("ad", "Iklan")]
    assert s.lines_removed == 3


def test_cut_without_match_removes_nothing(rules):
    s = strip(lines("A.", "B."), rules({"id": "cut", "action": "cut", "line": "Terkini Lainnya"}))
    assert (s.text, s.removed, s.lines_removed) == ("A.\nB.", (), 0)


# --- block -----------------------------------------------------------------------------------


def test_block_start_to_end_inclusive(rules):
    s = strip(
        lines("A.", "MULAI", "x", "y", "SELESAI", "B.", "MULAI", "z", "SELESAI"),
        rules({"id": "blk", "action": "block", "line": "MULAI", "end": "^SELESAI$"}),
    )
    assert s.text == lines("A.", "B.")
    assert [(r.rule, r.text, r.line) for r in s.removed] == [
        ("blk", "MULAI\nx\ny\nSELESAI", 1),
        ("blk", "MULAI\nz\nSELESAI", 6),
    ]
    assert s.lines_removed == 7


def test_block_without_end_removes_nothing(rules):
    text = lines("A.", "MULAI", "x", "B.")
    s = strip(text, rules({"id": "blk", "action": "block", "line": "MULAI", "end": "^SELESAI$"}))
    assert (s.text, s.removed, s.lines_removed) == (text, (), 0)


def test_block_unclosed_second_start_keeps_its_lines(rules):
    s = strip(
        lines("MULAI", "x", "SELESAI", "B.", "MULAI", "z"),
        rules({"id": "blk", "action": "block", "line": "MULAI", "end": "^SELESAI$"}),
    )
    assert s.text == lines("B.", "MULAI", "z")
    assert removed(s) == [("blk", "MULAI\nx\nSELESAI")]


# --- meta ------------------------------------------------------------------------------------


def test_meta_value_group_single_field_takes_first_match(rules):
    s = strip(
        lines("Kompas.com - 05/07/2021, 14:54 WIB", "Isi.", "Kompas.com - 06/07/2021, 10:00 WIB"),
        rules(
            {
                "id": "date",
                "action": "meta",
                "field": "published",
                "pattern": r"^Kompas\.com\s*-\s*(?P<value>.+)$",
            }
        ),
    )
    assert s.found.values == (("published", "05/07/2021, 14:54 WIB"),)
    assert s.text == lines("Isi.", "Kompas.com - 06/07/2021, 10:00 WIB")
    assert removed(s) == [("date", "Kompas.com - 05/07/2021, 14:54 WIB")]
    assert s.lines_removed == 1


def test_meta_authors_take_every_match(rules):
    s = strip(
        lines("Oleh Budi", "Isi.", "Oleh  Ani   Lestari", "Oleh Budi"),
        rules(
            {"id": "by", "action": "meta", "field": "authors", "pattern": "^Oleh (?P<value>.+)$"}
        ),
    )
    assert s.found.all("authors") == ["Budi", "Ani Lestari"]  # white space folded, duplicates once
    assert s.text == "Isi."
    assert removed(s) == [("by", "Oleh Budi"), ("by", "Oleh  Ani   Lestari"), ("by", "Oleh Budi")]
    assert s.lines_removed == 3


def test_meta_named_groups_after_fields(rules):
    s = strip(
        lines("MOSKOW (Reuters) - Isi berita di sini.", "LONDON (AFP) - Lagi."),
        rules(
            {
                "id": "dl",
                "action": "meta",
                "head": 1,
                "pattern": r"^(?P<dateline>[A-Z]+) \((?P<wire>\w+)\) - ",
            }
        ),
    )
    assert s.found.values == (("dateline", "MOSKOW"), ("wire", "Reuters"))
    assert s.text == lines("Isi berita di sini.", "LONDON (AFP) - Lagi.")
    assert removed(s) == [("dl", "MOSKOW (Reuters) -")]
    assert s.lines_removed == 0  # the rest of the line stays


def test_meta_field_with_extra_named_group(rules):
    s = strip(
        "Oleh Budi (Reuters)",
        rules(
            {
                "id": "by",
                "action": "meta",
                "field": "authors",
                "pattern": r"^Oleh (?P<value>\w+) \((?P<wire>\w+)\)$",
            }
        ),
    )
    assert s.found.values == (("authors", "Budi"), ("wire", "Reuters"))
    assert s.text == ""


def test_meta_without_value_group_takes_the_match(rules):
    s = strip(
        lines("Isi. Sumber: AFP", "Lagi."),
        rules({"id": "src", "action": "meta", "field": "wire", "pattern": r"Sumber: \w+"}),
    )
    assert s.found.values == (("wire", "Sumber: AFP"),)
    assert s.text == lines("Isi.", "Lagi.")
    assert removed(s) == [("src", "Sumber: AFP")]


def test_meta_keeps_values_found_before(rules):
    s = strip(
        "Oleh Ani",
        rules(
            {"id": "by", "action": "meta", "field": "authors", "pattern": "^Oleh (?P<value>.+)$"}
        ),
        Found().add("title", "Judul").add("authors", "Budi"),
    )
    assert s.found.values == (("title", "Judul"), ("authors", "Budi"), ("authors", "Ani"))


# --- repeated --------------------------------------------------------------------------------


def test_repeated_second_copy_goes(rules):
    text = lines(
        "Ini kalimat yang cukup panjang sekali.",
        "Lain",
        "“Ini kalimat yang cukup PANJANG sekali”",
        "Pendek",
        "Pendek",
        "'ini kalimat yang cukup panjang sekali'...",
    )
    s = strip(text, rules({"id": "rep", "action": "repeated"}))
    assert s.text == lines("Ini kalimat yang cukup panjang sekali.", "Lain", "Pendek", "Pendek")
    assert [(r.rule, r.text, r.line) for r in s.removed] == [
        ("rep", "“Ini kalimat yang cukup PANJANG sekali”", 2),
        ("rep", "'ini kalimat yang cukup panjang sekali'...", 5),
    ]
    assert s.lines_removed == 2


def test_repeated_leaves_table_rows_and_list_items(rules):
    text = lines(
        "| Berat | 1,2 kg |",
        "- Baterai tahan lama sekali",
        "| Berat | 1,2 kg |",
        "- Baterai tahan lama sekali",
        "Judul berita yang dicetak dua kali",
        "Judul berita yang dicetak dua kali",
    )
    s = strip(text, rules({"id": "rep", "action": "repeated"}))
    assert removed(s) == [("rep", "Judul berita yang dicetak dua kali")]


def test_repeated_keeps_the_copy_that_heads_a_paragraph(rules):
    body = "Presiden Tajikistan memobilisasi tentara cadangan untuk menjaga perbatasan negaranya."
    contents = ["Daftar Isi", "Situasi di perbatasan Tajik-Afghanistan", "Reaksi dari Moskow"]
    text = lines(*contents, body, "Situasi di perbatasan Tajik-Afghanistan", body + " Lagi.")
    s = strip(text, rules({"id": "rep", "action": "repeated"}))
    assert [r.line for r in s.removed] == [1]  # the table of contents' copy goes


def test_repeated_leaves_an_item_reused_in_several_lists_but_not_a_block_printed_twice(rules):
    pros = [
        "Kelebihan:", "Baterai tahan lama", "Garansi panjang", "Layar terang",
        "Kelebihan:", "Kamera tajam", "Garansi panjang", "Harga terjangkau",
    ]  # fmt: skip
    menu = ["Berita Nasional Terkini", "Ekonomi dan Bisnis Hari Ini"] * 2
    s = strip(lines(*pros, *menu), rules({"id": "rep", "action": "repeated"}))
    assert removed(s) == [("rep", "Berita Nasional Terkini"), ("rep", "Ekonomi dan Bisnis Hari Ini")]
    quote = "Harga beras naik dua kali lipat dalam sebulan."  # a pull quote: a sentence
    s = strip(lines(quote, "Lain", "Dan lain", quote), rules({"id": "rep", "action": "repeated"}))
    assert removed(s) == [("rep", quote)]


def test_repeated_leaves_numbered_items_and_introductions(rules):
    text = lines("3. Cathay Pacific Airways", "Berikut isi postingannya:", "x") * 2
    s = strip(text, rules({"id": "rep", "action": "repeated"}))
    assert s.removed == ()


@pytest.mark.parametrize(
    ("min_chars", "kept"), [(10, "abcdefghij"), (11, "abcdefghij\nabcdefghij")]
)
def test_repeated_min_chars(rules, min_chars, kept):
    s = strip(
        "abcdefghij\nabcdefghij", rules({"id": "rep", "action": "repeated", "min_chars": min_chars})
    )
    assert s.text == kept


def test_repeated_default_min_chars_is_20(rules):
    short = "Sembilan belas huru"  # 19 characters
    longer = "Dua puluh huruf pas!"  # 20 characters
    s = strip(lines(short, short, longer, longer), rules({"id": "rep", "action": "repeated"}))
    assert s.text == lines(short, short, longer)


# --- title -----------------------------------------------------------------------------------


def test_title_head_cleanup(rules):
    text = lines(
        "Global",
        "Internasional",
        TITLE,
        "Kerahkan Tentara ke Perbatasan Afghanistan",
        "Kompas.com - 05/07/2021",
        "",
        BODY1,
        "",
        "Subjudul Pendek",
        "",
        BODY2,
        "",
        TITLE,
    )
    s = strip(text, rules({"id": "t", "action": "title"}))
    assert s.found.values == (("title", TITLE),)
    assert [(r.rule, r.text, r.line) for r in s.removed] == [
        ("t.above", "Global", 0),
        ("t.above", "Internasional", 1),
        ("t", TITLE, 2),
        ("t.variant", "Kerahkan Tentara ke Perbatasan Afghanistan", 3),
        ("t", TITLE, 12),
    ]
    assert s.text == lines("Kompas.com - 05/07/2021", "", BODY1, "", "Subjudul Pendek", "", BODY2)
    assert s.lines_removed == 5


def test_title_is_the_most_repeated_head_line(rules):
    other = "Sebuah baris kepala yang lebih panjang daripada judul sebenarnya di sini"
    s = strip(
        lines(other, TITLE, BODY1, BODY2, TITLE.upper()), rules({"id": "t", "action": "title"})
    )
    assert s.found.first("title") == TITLE
    assert removed(s) == [("t", TITLE), ("t", TITLE.upper())]
    assert s.text == lines(other, BODY1, BODY2)


def test_title_longest_when_no_line_repeats(rules):
    s = strip(lines("Tiga kata saja", TITLE, BODY1), rules({"id": "t", "action": "title"}))
    assert s.found.first("title") == TITLE
    assert removed(s) == [("t.above", "Tiga kata saja"), ("t", TITLE)]


def test_title_variant_above_title_when_long(rules):
    kicker = "Afghanistan: Tajikistan Kerahkan Tentara ke Perbatasan Afghanistan Segera"
    s = strip(lines(kicker, TITLE, BODY1, TITLE), rules({"id": "t", "action": "title"}))
    assert s.found.first("title") == TITLE  # repeated beats longer
    assert removed(s) == [("t.variant", kicker), ("t", TITLE), ("t", TITLE)]
    assert s.text == BODY1


def test_title_keeps_subheadings_between_body_paragraphs(rules):
    text = lines(TITLE, BODY1, "Tentara ke Perbatasan", BODY2, "Jeda", BODY1 + " Lagi.")
    s = strip(text, rules({"id": "t", "action": "title"}))
    assert removed(s) == [("t", TITLE)]
    assert s.text == lines(BODY1, "Tentara ke Perbatasan", BODY2, "Jeda", BODY1 + " Lagi.")


def test_title_leaves_document_without_body_alone(rules):
    text = lines("Global", TITLE, TITLE, "Tiga kata saja")
    s = strip(text, rules({"id": "t", "action": "title"}))
    assert (s.text, s.removed, s.found, s.lines_removed) == (text, (), Found(), 0)


def test_title_no_candidate_in_head(rules):
    text = lines("Dua kata", "Kalimat pendek yang berakhir titik.", BODY1)
    s = strip(text, rules({"id": "t", "action": "title"}))
    assert (s.text, s.removed, s.found) == (text, (), Found())


def test_title_known_removes_its_copy(rules):
    known = "Tajikistan kerahkan 20.000 tentara ke perbatasan Afghanistan"
    s = strip(
        lines("Nav", TITLE, BODY1),
        rules({"id": "t", "action": "title"}),
        Found().add("title", known),
    )
    assert s.found.values == (("title", known),)
    assert removed(s) == [("t.above", "Nav"), ("t", TITLE)]
    assert s.text == BODY1


def test_title_known_but_absent_removes_nothing(rules):
    text = lines("Nav", "Judul Lain Sama Sekali Di Sini", BODY1)
    s = strip(text, rules({"id": "t", "action": "title"}), Found().add("title", TITLE))
    assert (s.text, s.removed) == (text, ())
    assert s.found.values == (("title", TITLE),)


def test_title_above_max_words_and_variant_overlap(rules):
    text = lines("Satu Dua Tiga Empat", "Perbatasan Afghanistan Memanas Lagi", TITLE, BODY1)
    s = strip(
        text, rules({"id": "t", "action": "title", "above_max_words": 3, "variant_overlap": 0.5})
    )
    assert removed(s) == [("t.variant", "Perbatasan Afghanistan Memanas Lagi"), ("t", TITLE)]
    assert s.text == lines("Satu Dua Tiga Empat", BODY1)


# --- order and counts across rules -----------------------------------------------------------


def test_removals_in_text_order_and_lines_removed(rules):
    text = lines(
        "Iklan",
        "",
        TITLE,
        "",
        BODY1,
        "Baca juga: Lain",
        BODY2 + " [ab/cd]",
        "",
        "",
        "",
        "Terkini Lainnya",
        "X",
        "Y",
    )
    s = strip(
        text,
        rules(
            {"id": "cut", "action": "cut", "line": "Terkini Lainnya"},
            {"id": "tag", "action": "trim", "pattern": r"\s*\[[a-z/]+\]$"},
            {"id": "also", "action": "drop", "prefix": "Baca juga:"},
            {"id": "t", "action": "title"},
            {"id": "ad", "action": "drop", "line": "Iklan"},
        ),
    )
    assert [(r.rule, r.line) for r in s.removed] == [
        ("t.above", 0),
        ("t", 2),
        ("also", 5),
        ("tag", 6),
        ("cut", 10),
    ]
    assert s.text == lines(BODY1, BODY2)
    assert (
        s.lines_removed == 6
    )  # Iklan, title, Baca juga, Terkini Lainnya, X, Y; the trimmed line stays


def test_no_rules_leaves_text_but_folds_blank_runs():
    s = strip("\n\nA\n\n\n\nB\n\n", [])
    assert (s.text, s.removed, s.found, s.lines_removed) == ("A\n\nB", (), Found(), 0)


def test_meta_with_only_single_valued_named_groups_takes_first_match(rules):
    rs = rules({"id": "t.dl", "action": "meta", "pattern": r"^(?P<dateline>[A-Z]+) - "})
    s = strip(lines("JAKARTA - Satu.", "BANDUNG - Dua."), rs)
    assert s.found.all("dateline") == ["JAKARTA"]
    assert s.text == lines("Satu.", "BANDUNG - Dua.")


def test_title_of_punctuation_only_removes_nothing(rules):
    rs = rules({"id": "t.title", "action": "title"})
    text = lines("***", "Isi berita yang panjang ini ditulis dengan kalimat lengkap dan benar.")
    s = strip(text, rs, Found().add("title", "***"))
    assert s.text == text
    assert s.removed == ()


# --- bundled rules: failures the property suite found (tests/test_properties.py) --------------


def bundled(text):
    from clean.rules import bundled_rules_dir

    generic = [f for f in load_rules([bundled_rules_dir()]).files if f.generic]
    return strip(text, [r for f in generic for r in f.rules])


@pytest.mark.parametrize(
    "line", ["Scroll to continue with content", "Advertisement - scroll to continue", "Iklan"]
)
def test_generic_advert_removes_every_line_it_lists(line):
    """generic.advert listed a five-word line but allowed four words: the line stayed."""
    s = bundled(lines(BODY1, line, BODY2))
    assert s.text == lines(BODY1, BODY2)
    assert removed(s) == [("generic.advert", line)]


def test_editor_tag_on_the_only_paragraph_does_not_hide_the_body_from_the_title_rule():
    """A tag at the end kept the paragraph from reading as body, so the title stayed."""
    short = "Lebih dari 1.000 tentara Afghanistan melarikan diri ke Tajikistan."
    s = bundled(lines(TITLE, f"{short} [jm/em]"))
    assert s.text == short
    assert removed(s) == [("generic.title", TITLE), ("generic.editor-tag", "[jm/em]")]
