"""Duplicates: relations on the seeds and on built cases, the chain guard, pinned hashes, the CLI."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest

from clean.cli import main
from clean.dedup import (
    DedupConfig,
    Deduplicator,
    Permutations,
    Rarity,
    Sketch,
    entities,
    fingerprint,
    shingle_hashes,
    sketch,
    token_hashes,
    verify,
)
from clean.errors import ConfigError
from tests.golden import run_seeds

ROOT = Path(__file__).resolve().parent.parent

STORY = [
    "Presiden Tajikistan Emomali Rakhmon pada Senin memerintahkan mobilisasi 20.000 tentara cadangan untuk memperkuat perbatasan dengan Afghanistan.",
    "Langkah itu diambil setelah 1.037 tentara Afghanistan melarikan diri melintasi perbatasan akibat serangan Taliban di provinsi Badakhshan.",
    "Rakhmon juga menelepon Presiden Rusia Vladimir Putin, yang menjanjikan dukungan Moskow lewat Organisasi Perjanjian Keamanan Kolektif.",
    "Rusia mengoperasikan pangkalan militer terbesarnya di luar negeri di Tajikistan dengan sekitar 6.000 tentara, tank dan helikopter.",
    "Pejabat Tajikistan mengatakan mereka sedang mempertimbangkan pendirian kamp bagi pengungsi dari Afghanistan di wilayah Khatlon.",
    "Penasihat Keamanan Nasional Afghanistan Hamdullah Mohib mengatakan pasukan pemerintah akan melakukan serangan balik dalam 11 hari.",
]
OTHER = [
    "Bank Indonesia mempertahankan suku bunga acuan di level 5,75 persen pada rapat dewan gubernur bulan Juni di Jakarta.",
    "Gubernur Perry Warjiyo mengatakan keputusan itu sejalan dengan upaya menjaga stabilitas nilai tukar rupiah terhadap dolar AS.",
    "Inflasi tahunan tercatat 3,2 persen pada Mei, masih dalam sasaran 2,5 plus minus 1 persen yang ditetapkan pemerintah.",
    "Para ekonom memperkirakan bank sentral baru akan menurunkan suku bunga pada kuartal keempat tahun depan menurut survei Reuters.",
    "Pertumbuhan ekonomi kuartal pertama mencapai 5,1 persen, ditopang konsumsi rumah tangga dan investasi di sektor manufaktur.",
]


def text(*paragraphs: str) -> str:
    return "\n".join(paragraphs)


def gold(day: int, city: str, price: int, change: int) -> str:
    """A templated price report: the classic false positive."""
    return text(
        f"Harga emas Antam di {city} hari ini, {day} Juli 2021, naik Rp {change}.000 menjadi Rp {price}.000 per gram dibandingkan perdagangan kemarin.",
        f"Harga pembelian kembali atau buyback emas Antam di {city} juga naik Rp {change}.000 menjadi Rp {price - 120}.000 per gram pada {day} Juli 2021.",
        f"Emas batangan ukuran 0,5 gram dijual Rp {price // 2 + 30}.000, sedangkan ukuran 5 gram dijual Rp {price * 5 - 40}.000 di butik {city}.",
        f"Untuk ukuran 10 gram harganya Rp {price * 10 - 60}.000 dan ukuran 100 gram Rp {price * 100 - 300}.000 menurut situs resmi Logam Mulia {city}.",
        "Harga tersebut sudah termasuk pajak penghasilan sesuai ketentuan Peraturan Menteri Keuangan yang berlaku bagi pembeli emas batangan.",
    )


def clusters_of(docs: dict[str, str], config: DedupConfig | None = None) -> dict[str, dict]:
    dedup = Deduplicator(config)
    for doc_id, body in docs.items():
        dedup.add(doc_id, body)
    return dedup.clusters()


def edit_words(body: str, share: float, seed: int) -> str:
    """Change ``share`` of the words: substitute, delete or duplicate, reproducibly."""
    rng = random.Random(seed)
    out = []
    for line in body.split("\n"):
        words = line.split()
        for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
            words[i] = rng.choice(["juga", "telah", "sudah", "", words[i] + " " + words[i]])
        out.append(" ".join(w for w in words if w))
    return "\n".join(out)


def test_seeds_000_and_001_are_a_partial_rewrite_and_the_rest_stay_apart():
    records = run_seeds()
    marks = {doc_id: r["metadata"]["duplicate"] for doc_id, r in records.items()}
    assert marks["000_812810cdd5f3681e.txt"]["representative"] == "001_bb4a5094ef9681cd.txt"
    assert marks["000_812810cdd5f3681e.txt"]["relation"] == "partial"
    assert (
        marks["001_bb4a5094ef9681cd.txt"]["cluster"] == marks["000_812810cdd5f3681e.txt"]["cluster"]
    )
    for seed in (
        "002_bbfb8bb6227c2a53.txt",
        "003_e9dbd6ffd908c287.txt",
        "004_df906d3edab3d18d.txt",
    ):
        assert marks[seed] is None, seed


def test_exact_copy_is_exact():
    marks = clusters_of(
        {"a": text(*STORY), "b": text(*STORY).upper().replace("\n", "\n\n"), "c": text(*OTHER)}
    )
    assert marks["b"] == {
        "cluster": marks["a"]["cluster"],
        "representative": "a",
        "relation": "exact",
        "similarity": 1.0,
        "matched": "a",
    }
    assert "c" not in marks


@pytest.mark.parametrize("share", [0.05, 0.1, 0.2])
def test_light_edits_are_near(share):
    edited = edit_words(text(*STORY), share, seed=7)
    marks = clusters_of({"a": text(*STORY), "b": edited, "c": text(*OTHER)})
    assert marks["b"]["relation"] == "near"
    assert marks["b"]["cluster"] == marks["a"]["cluster"]
    assert "c" not in marks


def test_reordered_paragraphs_are_near():
    marks = clusters_of({"a": text(*STORY), "b": text(*reversed(STORY))})
    assert marks["b"]["relation"] == "near"


def test_story_inside_a_longer_page_is_partial():
    page = text(*OTHER, *STORY, *OTHER[::-1])
    marks = clusters_of({"story": text(*STORY), "page": page})
    assert marks["story"]["relation"] == "partial"
    assert marks["story"]["representative"] == "page"


def test_templated_reports_with_other_numbers_and_places_are_not_duplicates():
    docs = {
        f"gold-{i}": gold(day, city, price, change)
        for i, (day, city, price, change) in enumerate(
            [
                (5, "Jakarta", 935, 4),
                (6, "Surabaya", 941, 6),
                (7, "Medan", 929, 3),
                (8, "Bandung", 950, 9),
            ]
        )
    }
    assert clusters_of(docs) == {}


def test_chain_of_partial_links_does_not_glue_unrelated_stories():
    """A page holding story A and story B links to both, but A and B are not duplicates."""
    marks = clusters_of({"a": text(*STORY), "b": text(*OTHER), "ab": text(*STORY, *OTHER)})
    assert marks["ab"]["representative"] == "ab"
    in_cluster = [k for k in ("a", "b") if k in marks]
    assert len(in_cluster) == 1  # one story joins the page; the other is not glued to it
    assert marks[in_cluster[0]]["relation"] == "partial"


def test_digest_page_does_not_make_a_mega_cluster():
    stories = [text(*STORY), text(*OTHER), gold(5, "Jakarta", 935, 4)]
    docs = {f"s{i}": body for i, body in enumerate(stories)}
    docs["digest"] = text(*stories)
    marks = clusters_of(docs)
    sizes = {}
    for mark in marks.values():
        sizes[mark["cluster"]] = sizes.get(mark["cluster"], 0) + 1
    assert max(sizes.values(), default=0) <= 2


def test_chain_of_drifting_edits_is_split_around_the_representative():
    """Each step edits 15% more; neighbours verify, the ends do not, and no cluster spans them.

    Ten steps: the ends share 13% of their shingles (six steps still shared 30%, a rewrite's
    share, and only one signature's estimate put them under the line)."""
    steps = [text(*STORY)]
    for k in range(10):
        steps.append(edit_words(steps[-1], 0.15, seed=k))
    docs = {f"s{k}": body for k, body in enumerate(steps)}
    config = DedupConfig()
    sk = {
        k: sketch(k, v, None, config, Permutations(config.num_perm, config.seed))
        for k, v in docs.items()
    }
    assert verify(sk["s0"], sk["s10"], config) is None  # the ends are not duplicates
    marks = clusters_of(docs, config)
    assert marks, "neighbouring steps are near copies and must cluster"
    assert not all(k in marks and marks[k]["cluster"] == marks["s0"]["cluster"] for k in docs)
    for doc_id, mark in marks.items():
        rep, matched = mark["representative"], mark["matched"]
        assert verify(sk[doc_id], sk[matched], config) is not None
        if doc_id != rep and matched != rep:  # one hop at most: a copy of a star member
            assert mark["relation"] in ("exact", "near")
            assert marks[matched]["matched"] == rep
            assert verify(sk[matched], sk[rep], config) is not None


def test_copy_stranded_by_a_larger_page_joins_its_original_there():
    """The page holding an edited original is the representative; a copy whose footer reports
    other counts in the same places as the page's footer conflicts with the page, but is a
    near copy of the original, so it joins the cluster through it."""

    def footer(n: int, city: str) -> str:
        return (
            f"Artikel ini dibaca oleh {n}01 orang, dibagikan {n}02 kali, dan mendapat {n}03 "
            f"komentar, {n}04 suka, {n}05 tanda, {n}06 koreksi serta {n}07 balasan di {city} ."
        )

    story = text(*STORY, *OTHER)
    page = text(
        *[p.replace("tentara", "prajurit") for p in STORY],
        *OTHER,
        *[o + " Tambahan." for o in OTHER],
        footer(2, "Surabaya"),
    )
    copy = text(story, footer(9, "Bandung"))
    marks = clusters_of({"o": story, "p": page, "c": copy})
    assert marks["o"]["representative"] == "p" and marks["o"]["matched"] == "p"
    assert marks["c"]["cluster"] == marks["p"]["cluster"]
    assert (marks["c"]["relation"], marks["c"]["matched"]) == ("near", "o")
    strict = clusters_of({"o": story, "p": page, "c": copy}, DedupConfig(attach_similarity=1.0))
    assert "c" not in strict  # the same copy, with attachment off, is left alone


def test_a_number_an_edit_dropped_is_a_gap_not_a_conflict():
    """The copy lost the rare counts; it reports no other value in their place, so it stays a
    near copy, while a templated report of another day (other values, same places) does not."""
    story = text(*STORY, *OTHER)
    edited = story.replace("1.037 ", "").replace("6.000 ", "").replace("11 ", "")
    assert clusters_of({"a": story, "b": edited})["b"]["relation"] == "near"
    assert not clusters_of({"a": gold(5, "Jakarta", 950, 3), "b": gold(6, "Jakarta", 953, 2)})


def test_headlines_and_words_also_written_in_lower_case_are_not_names():
    names, numbers, facts = entities(
        "Tajikistan Kerahkan 20.000 Tentara ke Perbatasan\n"
        "Presiden Emomali Rakhmon memobilisasi tentara. Kata presiden: There are 20 ribu, "
        "and there were 1.037 before."
    )
    assert names == ["emomali", "rakhmon"]
    assert numbers == ["20000", "20000", "1037"] and facts == numbers


def test_rarity_does_not_count_the_pair_itself():
    """A value the two texts share is no commoner than one only the first has."""

    def fake(doc_id, names):
        none = np.zeros(0, np.uint32)
        names = np.array(sorted(names), np.uint32)
        return Sketch(doc_id, b"", none, 0, names, none, none, np.zeros(0, np.uint64), 0, None)

    rarity = Rarity([fake("a", {1, 2}), fake("b", {1}), fake("c", {3})])
    mine = np.array([1, 2], dtype=np.uint32)
    assert rarity.weights(mine, np.array([True, False])).tolist() == [1.0, 1.0]
    rarity = Rarity([fake("a", {1, 2}), fake("b", {1}), fake("c", {1, 2}), fake("d", {1})])
    assert rarity.weights(mine, np.array([True, False])).tolist() == [1 / 3, 1 / 2]


def test_representative_is_longest_then_earliest_then_smallest_id():
    dedup = Deduplicator()
    dedup.add("z", text(*STORY), "2021-07-06")
    dedup.add("y", text(*STORY), "2021-07-05")
    dedup.add("x", text(*STORY), None)
    dedup.add("long", text(*STORY, *STORY[:2]), "2021-07-09")
    marks = dedup.clusters()
    assert {m["representative"] for m in marks.values()} == {"long"}
    dedup = Deduplicator()
    for doc_id, date in (
        ("z", "2021-07-06"),
        ("y", "2021-07-05"),
        ("x", None),
        ("w", "2021-07-05"),
    ):
        dedup.add(doc_id, text(*STORY), date)
    assert {m["representative"] for m in dedup.clusters().values()} == {"w"}


def test_clusters_do_not_depend_on_input_order():
    docs = {
        "a": text(*STORY),
        "b": edit_words(text(*STORY), 0.1, 1),
        "c": text(*OTHER),
        "d": text(*OTHER, *STORY[:3]),
        "e": gold(5, "Jakarta", 935, 4),
    }
    results = []
    for order in itertools.islice(itertools.permutations(docs), 0, 120, 17):
        results.append(clusters_of({k: docs[k] for k in order}))
    assert all(r == results[0] for r in results)


def test_relation_is_symmetric():
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    bodies = [text(*STORY), edit_words(text(*STORY), 0.1, 3), text(*OTHER, *STORY), text(*OTHER)]
    sk = [sketch(str(i), b, None, config, perms) for i, b in enumerate(bodies)]
    for a, b in itertools.combinations(sk, 2):
        assert verify(a, b, config) == verify(b, a, config)


def test_number_words_and_date_notation_do_not_split_translations():
    """One story says "20 ribu ... Senin (5/7)", the other "20.000 ... hari Senin"."""
    a = text(*STORY).replace("20.000", "20 ribu").replace("pada Senin", "pada Senin (5/7)")
    b = text(*(p.replace("Presiden", "Pemimpin") for p in STORY))
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    assert verify(sketch("a", a, None, config, perms), sketch("b", b, None, config, perms), config)


def test_rare_names_and_numbers_outweigh_shared_template_constants():
    """Weather reports share every constant; their city and figures are what they report."""
    docs = {}
    for i, (city, low, high, wind) in enumerate(
        [("Pontianak", 23, 30, 26), ("Jakarta", 21, 29, 19), ("Medan", 22, 31, 14)]
    ):
        docs[f"w{i}"] = text(
            f"Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memprakirakan cuaca di {city} pada Rabu pagi hujan ringan, siang cerah dan malam berawan.",
            f"Suhu udara di {city} berkisar antara {low} hingga {high} derajat Celsius, dengan kelembapan udara 55 hingga 76 persen dan angin {wind} kilometer per jam.",
            "BMKG mengimbau masyarakat untuk mewaspadai potensi hujan disertai kilat atau petir dan angin kencang yang dapat terjadi secara tiba-tiba pada sore hari.",
            f"Berdasarkan pantauan citra satelit, potensi pertumbuhan awan hujan di wilayah {city} dan sekitarnya masih cukup tinggi dalam beberapa hari ke depan.",
        )
    assert clusters_of(docs) == {}


def test_fingerprint_and_signature_of_a_fixed_text_are_pinned():
    fixed = "Lebih dari 1.000 tentara Afghanistan melarikan diri ke Tajikistan, kata AS."
    assert (
        fingerprint(fixed)
        == "lebih dari 1000 tentara afghanistan melarikan diri ke tajikistan kata as"
    )
    tokens = token_hashes(fingerprint(fixed))
    assert [int(h) for h in tokens[:3]] == PINNED_TOKENS
    sig = Permutations(128, 1).signature(shingle_hashes(tokens, 2))
    assert [int(v) for v in sig[:4]] == PINNED_SIGNATURE


PINNED_TOKENS = [16490050462961284037, 2037694076356485921, 2661215244292949473]
# datasketch's MinHash (affine32, seed 1) over the shingle hashes
PINNED_SIGNATURE = [86028079, 47927249, 433002009, 2126725]


def test_token_hashes_have_no_collisions_on_a_vocabulary():
    vocab = " ".join(sorted({w for line in STORY + OTHER for w in fingerprint(line).split()}))
    hashes = token_hashes(vocab)
    assert len(set(hashes.tolist())) == len(vocab.split())
    assert token_hashes("").size == 0


def test_settings_are_checked():
    assert DedupConfig.from_mapping({"near_jaccard": 0.7}, "x").near_jaccard == 0.7
    with pytest.raises(ConfigError) as err:
        DedupConfig.from_mapping(
            {"near_jacard": 0.7, "num_perm": 0, "rewrite_entities": 1.5}, "f.yaml"
        )
    assert err.value.problems == [
        "f.yaml: unknown setting 'near_jacard' (known: shingle, num_perm, seed, band_rows, rare_df, rare_shared, near_jaccard, copy_containment, rewrite_containment, rewrite_entities, numbers_agree, min_numbers, conflicts, max_conflicts, partial_ratio, min_shingles, min_rewrite_shingles, attach_similarity, max_candidates)",
        "f.yaml: num_perm must be a whole number >= 1",
        "f.yaml: rewrite_entities must be a number in [0, 1]",
    ]


def test_cli_drop_duplicates_moves_members_and_keeps_accounting(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(text(*STORY), encoding="utf-8")
    (src / "b.txt").write_text("Bagikan artikel ini melalui\n" + text(*STORY), encoding="utf-8")
    (src / "c.txt").write_text(text(*OTHER), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "--quiet", "--drop-duplicates"]) == 0
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    dups = [json.loads(line) for line in (out / "duplicates.jsonl").read_text().splitlines()]
    assert [d["id"] for d in docs] == ["a.txt", "c.txt"]
    assert [d["id"] for d in dups] == ["b.txt"]
    assert dups[0]["metadata"]["duplicate"]["relation"] == "exact"
    report = json.loads((out / "report.json").read_text())
    assert (
        report["read"]
        == report["documents"]
        + report["rejected"]
        + report["skipped"]
        + report["duplicates_dropped"]
        == 3
    )
    assert report["duplicates"]["clusters_by_relation"] == {"exact": 1}


def test_cli_no_dedup_and_settings(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(ROOT / "seeds"), "-o", str(out), "--quiet", "--no-dedup"]) == 0
    assert all(
        json.loads(line)["metadata"]["duplicate"] is None
        for line in (out / "documents.jsonl").read_text().splitlines()
    )
    bad = tmp_path / "dedup.yaml"
    bad.write_text("near_jaccard: 2\n")
    assert (
        main(["run", str(ROOT / "seeds"), "-o", str(tmp_path / "o2"), "--dedup-config", str(bad)])
        == 2
    )
    assert (
        capsys.readouterr().err == f"clean: error: {bad}: near_jaccard must be a number in [0, 1]\n"
    )
    assert not (tmp_path / "o2").exists()
    assert (
        main(
            [
                "run",
                str(ROOT / "seeds"),
                "-o",
                str(tmp_path / "o3"),
                "--quiet",
                "--dedup-set",
                "rewrite_containment=0.9",
            ]
        )
        == 0
    )
    report = json.loads((tmp_path / "o3" / "report.json").read_text())
    assert report["duplicates"]["settings"]["rewrite_containment"] == 0.9
    assert report["duplicates"]["clusters"] == 0


def test_signature_uses_every_permutation_independently():
    sig = Permutations(16, 1).signature(np.array([1, 2, 3], dtype=np.uint32))
    assert sig.dtype == np.uint32 and len(set(sig.tolist())) == 16


def test_templated_reports_cost_linear_verification(monkeypatch):
    """Two hundred reports from one template are all LSH hits of each other; each document
    verifies only its max_candidates closest, and none of them clusters."""
    import clean.dedup as dedup_module

    calls = []
    real = dedup_module.verify
    monkeypatch.setattr(dedup_module, "verify", lambda *a, **k: calls.append(1) or real(*a, **k))
    docs = {
        f"g{k:03d}": gold(1 + k % 28, ("Jakarta", "Surabaya", "Medan")[k % 3], 900 + k, 1 + k % 9)
        for k in range(200)
    }
    marks = clusters_of(docs, DedupConfig(max_candidates=10))
    assert len(calls) <= 200 * 10 < 200 * 199 // 2
    assert not marks


def test_clusters_with_an_upper_case_copy_do_not_depend_on_input_order():
    """Found by the order property (tests/test_properties.py): an upper-case copy has other
    names than its original, and whichever of the two came first stood for both in the index."""
    a = text(*STORY[:3])
    b = text(*OTHER)
    docs = {"a": a, "b": b, "page": text(a, b), "b-copy": b.upper()}
    results = [clusters_of({k: docs[k] for k in order}) for order in itertools.permutations(docs)]
    assert all(r == results[0] for r in results)


def test_whole_sketch_of_a_fixed_english_text_is_pinned():
    """Number words, thousands separators, times and names: every part of the sketch pinned."""
    fixed = "The President of Tajikistan, Emomali Rakhmon, on Monday ordered 20 thousand reservists to the border after 1,037 Afghan soldiers crossed it at 04:35, Reuters reported."
    config = DedupConfig()
    s = sketch("fixed", fixed, None, config, Permutations(config.num_perm, config.seed))
    assert fingerprint(fixed) == (
        "the president of tajikistan emomali rakhmon on monday ordered 20000 reservists to the"
        " border after 1037 afghan soldiers crossed it at 04 35 reuters reported"
    )
    assert (s.exact.hex(), s.shingles, s.words) == ("48beb4c70013372c13b8e71ac49b1dd6", 24, 25)
    assert [int(v) for v in s.signature[:6]] == [
        242345840, 112632149, 154856070, 526855406, 48072083, 40824477
    ]  # fmt: skip
    assert [int(v) for v in s.names] == [
        29693513, 896610000, 1250724095, 1595340889, 2256348893, 3095400210, 3190220808
    ]  # fmt: skip
    assert [int(v) for v in s.numbers] == [1440820317, 3686025056, 3911682966]
    assert [int(v) for v in s.facts] == [int(v) for v in s.numbers]  # 20000, 1037, 04:35


def test_cluster_id_is_pinned():
    marks = clusters_of({"a": text(*STORY), "b": text(*STORY)})
    assert marks["b"]["cluster"] == marks["a"]["cluster"] == "433911c6eb0d"


def test_verify_is_symmetric_when_both_texts_have_as_many_shingles():
    """Found by the symmetry property (tests/test_properties.py): with equal shingle counts the
    first argument was taken as the smaller text, and names agree in one direction only."""
    config = DedupConfig()
    sig = np.arange(config.num_perm, dtype=np.uint32)

    def made(doc_id: str, exact: bytes, names: list[int]) -> Sketch:
        empty = np.zeros(0, dtype=np.uint32)
        slots = np.zeros(0, dtype=np.uint64)
        names_ = np.array(names, dtype=np.uint32)
        return Sketch(doc_id, exact, sig, 50, names_, empty, empty, slots, 60, None)

    a = made("a", b"\x01" * 16, [1, 2, 3])
    b = made("b", b"\x02" * 16, [1, 2, 3, 4, 5, 6, 7, 8])
    assert verify(a, b, config) == verify(b, a, config)


def test_store_gives_back_every_sketch_and_removes_its_files():
    """The index keeps most of a sketch on disk; what it reads back is what was added."""
    from pathlib import Path

    from clean.sketchstore import SketchStore

    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    originals = [
        sketch(f"d{k}", text(*STORY[k:]), f"2021-07-0{k + 1}", config, perms)
        for k in range(3)
    ]
    store = SketchStore.of(originals, config.num_perm)
    folder = Path(store._tmp.name)
    for original, back in zip(originals, store, strict=True):
        for field in original.__dataclass_fields__:
            a, b = getattr(original, field), getattr(back, field)
            if isinstance(a, np.ndarray):
                assert (a.tolist(), a.dtype) == (b.tolist(), b.dtype)
            else:
                assert a == b
    assert store.memory_bytes() < 300 * len(store)
    store.close()
    assert not folder.exists()


def test_texts_without_names_or_numbers_are_never_rewrites():
    """A rewrite must share facts; lists of common words have none to share, and at 100k
    generated pages of a 70-word vocabulary they made thousands of false rewrites."""
    rng = random.Random(3)
    vocab = (  # noqa: SIM905 - a word list reads better as text
        "pemerintah presiden menteri rakyat kota desa wilayah pasukan perbatasan keamanan ekonomi "
        "harga pasar bank rupiah ekspor impor sekolah siswa guru rumah sakit dokter pasien banjir "
        "hujan jalan tol kereta bandara penerbangan listrik air bersih petani beras pupuk nelayan "
        "laut pulau provinsi kabupaten gubernur bupati polisi jaksa hakim sidang kasus korupsi"
    ).split()

    def prose(n: int) -> list[str]:
        return [" ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "." for _ in range(n)]

    a = prose(30)
    b = a[:12] + prose(18)  # 40% of a's sentences, the rest new
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    sa, sb = (sketch(k, " ".join(t), None, config, perms) for k, t in (("a", a), ("b", b)))
    assert sa.names.size == sa.facts.size == 0
    assert verify(sa, sb, config) is None
    # the same pair with facts in the shared part is a rewrite
    a[0] = b[0] = "Menurut Budi Santoso dari Bank Indonesia, harga naik 1.250 rupiah di Surabaya."
    sa, sb = (sketch(k, " ".join(t), None, config, perms) for k, t in (("a", a), ("b", b)))
    assert verify(sa, sb, config) is not None


def test_rare_value_pairs_are_the_same_counted_in_parts(monkeypatch):
    """Counting pairs of documents in parts bounds memory and changes nothing."""
    import clean.dedup as dedup_module

    rng = np.random.default_rng(5)
    n = 300
    docs = np.repeat(np.arange(n), 12)
    values = rng.integers(0, 700, docs.size).astype(np.uint32)  # most values in 2..50 docs
    ranks = rng.permutation(n)
    whole = dedup_module._rare_pairs(values, docs, ranks, n, DedupConfig())
    monkeypatch.setattr(dedup_module, "RARE_BUDGET", 1000)
    parts = dedup_module._rare_pairs(values, docs, ranks, n, DedupConfig())
    assert whole.size > 100
    assert np.array_equal(np.sort(whole), np.sort(parts))
