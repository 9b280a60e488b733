"""Comparing two texts word for word: words and flags, runs, conflicts, quotations, sentences."""

from __future__ import annotations

import numpy as np

from clean.dedup import compare
from clean.dedup.compare import DATE, LINE, NAME, NUMBER, QUOTED, SENTENCE, align, tokens
from clean.dedup.sketch import normalise_numbers

BODY = (
    "Badan Geologi mencatat kegempaan gunung itu didominasi gempa embusan sepanjang pekan "
    "pertama bulan ini, dengan jumlah kejadian antara tiga hingga sepuluh kali per hari."
)


def conflicts(a: str, b: str) -> tuple[int, int, int]:
    """Facts, dates of another day and edited dates the two texts disagree on."""
    ta, tb = tokens(normalise_numbers(a)), tokens(normalise_numbers(b))
    return compare.conflicts(ta, tb, align(ta, tb, 4, 8))[:3]


def test_glued_words_are_split_as_their_unglued_copy():
    """Scrapers glue words where markup stood; one copy glued and the other not are one text."""
    glued = tokens("tentangOne UI 8yang berbasisAndroid 16akan hadir")
    plain = tokens("tentang One UI 8 yang berbasis Android 16 akan hadir")
    assert glued.hashes.tolist() == plain.hashes.tolist()


def test_a_copy_in_capitals_is_the_same_words_with_no_names():
    """Capitals of any script are capitals ("MÜLLER" is one word, and so is "ÉTIENNE"); a text
    all in capitals tells no names by them: it is the same words as its copy in both cases."""
    text = "Kata François Müller dan Étienne di São Paulo: harga naik."
    cased, shouted = tokens(text), tokens(text.upper())
    assert cased.hashes.tolist() == shouted.hashes.tolist()
    assert len(cased) == 10 and sum(bool(f & NAME) for f in cased.flags) == 5
    assert not any(f & NAME for f in shouted.flags)
    assert tokens(text.lower()).hashes.tolist() == cased.hashes.tolist()
    glued = tokens("kataMÜLLER")
    assert glued.hashes.tolist() == tokens("kata MÜLLER").hashes.tolist()


def test_month_names_are_their_numbers_and_leading_zeros_go():
    a, b = tokens("pada 11 Juni 2025 pukul 09.05"), tokens("pada 11/06/2025 pukul 9.5")
    assert a.hashes.tolist() == b.hashes.tolist()
    assert a.flags[2] & DATE and a.flags[1] & NUMBER


def test_flags_of_quotes_sentences_lines_and_names():
    t = tokens('Kata Budi: "Harga naik."\nLalu Ani pergi ke Jakarta.')
    flags = [int(f) for f in t.flags]
    words = ["kata", "budi", "harga", "naik", "lalu", "ani", "pergi", "ke", "jakarta"]
    assert len(flags) == len(words)
    assert flags[0] & LINE and flags[0] & SENTENCE
    assert flags[1] & NAME and not flags[1] & QUOTED
    assert flags[2] & QUOTED and flags[3] & QUOTED
    assert flags[4] & LINE and not flags[5] & QUOTED  # a quotation ends with its line
    assert flags[8] & NAME


def test_another_date_in_the_same_sentence_is_a_date_conflict():
    a = "Gunung itu kembali erupsi pada Rabu pagi (11/6/2025) dengan tinggi kolom abu 750 meter. " + BODY
    b = "Gunung itu kembali erupsi pada Jumat malam (13/6/2025) dengan tinggi kolom abu 750 meter. " + BODY
    assert conflicts(a, b) == (0, 1, 0)


def test_a_weekday_or_month_changed_beside_the_same_day_is_an_edit_not_another_day():
    """One part of a date changed while the day stays is a typo or an edit; the day changed,
    or the weekday and the month together, is another day."""
    day = "Gunung itu kembali erupsi pada {} dengan tinggi kolom abu 750 meter. " + BODY
    assert conflicts(day.format("Rabu (11/6/2025)"), day.format("Kamis (11/6/2025)")) == (0, 0, 1)
    month = conflicts(day.format("Rabu, 11 Juni 2025"), day.format("Rabu, 11 Juli 2025"))
    assert month == (0, 0, 1)
    assert conflicts(day.format("Rabu (11/6/2025)"), day.format("Kamis (12/6/2025)")) == (0, 1, 0)
    assert conflicts(day.format("Rabu (11/6/2025)"), day.format("Senin (11/8/2025)")) == (0, 1, 0)


def test_the_date_a_statement_was_given_is_an_edit():
    """Outlets running one release date the statement as they received it: another day beside
    an attribution ("dalam keterangan tertulis", "kata") is no other fact."""
    said = "“Kami menambah armada untuk musim libur,” kata direktur {} Pasokan dijamin aman. "
    a = said.format("dalam keterangan tertulis, Senin (16/6/2025).") + BODY
    b = said.format("dalam siaran pers, Rabu (18/6/2025).") + BODY
    assert conflicts(a, b) == (0, 0, 1)


def test_a_number_shared_by_chance_is_no_anchor():
    """11 August and 8 June: "11 8" and "8 6" share an 8, which must not hide the change."""
    a = "Harga emas di kota itu pada 11 Agustus 2025 naik tajam dibandingkan kemarin. " + BODY
    b = "Harga emas di kota itu pada 8 Juni 2025 naik tajam dibandingkan kemarin. " + BODY
    assert conflicts(a, b)[1] == 1


def test_another_day_of_the_same_month_is_a_date_conflict():
    """Only the day number differs; the month word beside it is the same in both."""
    a = "Jadwal salat untuk wilayah kota dan sekitarnya pada hari Senin, 24 Maret 2025, sebagai berikut. " + BODY
    b = "Jadwal salat untuk wilayah kota dan sekitarnya pada hari Senin, 10 Maret 2025, sebagai berikut. " + BODY
    assert conflicts(a, b) == (0, 1, 0)


def test_a_number_dropped_or_written_as_a_word_is_no_conflict():
    a = "Pasukan itu terdiri atas 1.037 tentara yang melarikan diri ke negara tetangga kemarin. " + BODY
    b = "Pasukan itu terdiri atas tentara yang melarikan diri ke negara tetangga kemarin. " + BODY
    assert conflicts(a, b) == (0, 0, 0)
    c = BODY.replace("tiga", "3")
    assert conflicts(BODY + " Selesai.", c + " Selesai.") == (0, 0, 0)


def test_a_time_stamp_line_is_not_a_fact_of_the_text():
    a = "Diperbarui 18 Jun 2025, 14:05 WIB\n" + BODY
    b = "Diperbarui 19 Jun 2025, 09:41 WIB\n" + BODY
    assert conflicts(a, b) == (0, 0, 0)


def test_a_place_substituted_in_three_sentences_is_a_conflict_a_correction_is_not():
    """A city's name put for another's in every sentence is another city's report; "Cina"
    for "China" is one name spelt two ways; "Indah" for "Intan" once is a correction."""
    def report(city: str) -> str:
        return (
            f"Cuaca di {city} pada pagi hari diperkirakan cerah berawan menurut badan cuaca. "
            f"Warga di {city} diminta tetap waspada terhadap hujan ringan pada sore hari. "
            f"Suhu di {city} berkisar antara 23 hingga 31 derajat sepanjang hari ini. "
            f"Angin di {city} bertiup dari arah barat dengan kecepatan sedang hingga malam."
        )

    assert conflicts(report("Medan"), report("Padang"))[0] == 3  # the first has no run before
    assert conflicts(report("China"), report("Cina")) == (0, 0, 0)
    assert compare.shape("china") == compare.shape("cina") != compare.shape("medan")
    said = 'kata Intan kepada wartawan di kantornya tentang gaji para atlet yang belum dibayar.'
    a = f"{said} {BODY} Lalu {said}"
    assert conflicts(a, a.replace("Intan", "Indah")) == (0, 0, 0)


def test_shares_count_quotations_apart():
    t = tokens('Budi said "we will pay the whole debt" today at noon')
    held = np.zeros(len(t), dtype=bool)
    held[2:8] = True  # the quotation only
    narrative, quotes, quoted = compare.shares(t, held)
    assert (narrative, quotes, round(quoted, 3)) == (0.0, 1.0, round(6 / 11, 3))


def test_sentences_correspond_in_order_only():
    first = "Harga emas naik tajam hari ini di Jakarta. Pembeli ramai datang ke butik Antam."
    same = "Hari ini di Jakarta harga emas naik tajam. Butik Antam didatangi banyak pembeli."
    swapped = "Butik Antam didatangi banyak pembeli. Hari ini di Jakarta harga emas naik tajam."
    found = compare.correspondence(tokens(first), tokens(same), 0.4)
    assert (found.share, found.judged, found.pairs) == (1.0, 2, ((0, 0), (1, 1)))
    assert compare.correspondence(tokens(first), tokens(swapped), 0.4).share < 1.0
