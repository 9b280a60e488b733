"""The generic stage: body or chrome, line by line, for text from a site no rule file knows.

It reads only what the text itself shows (docs/generic-stage.md has the whole account):

1. Each non-blank line alone gets jusText's class (for text without markup): *good* (a
   paragraph: long, with the share of stop words of running prose in the document's language),
   *near* (a sentence, but short or thin in stop words), *short*, or *bad* (long without being
   prose: rows of headlines, bylines with dates). Some lines are chrome whatever their
   neighbours: prompts and labels, cookie, copyright, subscription and disclaimer notices,
   captions, date lines, "Baca Juga" boxes, short lines printed three times or more.
2. The body is where prose is dense: each line scores (a paragraph its word count, a short
   line or chrome a small cost) and the stretches with the largest sums are the body spans.
   A subheading or a list between paragraphs costs less than they bring, so it stays inside;
   a menu or a column of headlines costs more, so a span ends there. No span crosses a wall
   (a comments, related-stories or author heading), and none starts after the first wall
   behind the main span.
3. Short sentences at a span's edge join it; every line outside the spans goes, with the
   reason of its class (``generic.menu-run`` in a run of three or more short lines).

Precision comes first: inside a span only fixed chrome goes; a text with no paragraph is left
alone, and if the stage would leave less than :data:`MIN_KEPT_SHARE` of the words it removes
nothing; both say so with a flag. :func:`judge_extracted` is the light judgement for text an
extractor already chose (HTML). The stop lists are jusText's (BSD-2-Clause), read once per
process; nothing else is imported.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from clean.text import ends_sentence, line_key, words

# Languages whose stop lists compete for a document, in tie-break order.
LANGUAGES = (
    "English", "Indonesian", "Malay", "German", "French", "Spanish", "Portuguese", "Italian",
    "Dutch", "Polish", "Czech", "Swedish", "Danish", "Norwegian_Bokmal", "Finnish", "Turkish",
    "Russian", "Ukrainian", "Romanian", "Hungarian", "Vietnamese", "Tagalog", "Javanese",
    "Sundanese",
)  # fmt: skip
LANGUAGE_SAMPLE_WORDS = 600
STOP_TOKEN_CAP = 3  # times one word counts towards its languages
# jusText's thresholds (its defaults, which hold across its stop lists): a line of prose
# has this share of stop words; lengths are in characters.
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
LENGTH_LOW, LENGTH_HIGH = 70, 200
MIN_KEPT_SHARE = 0.15  # below this share of words kept, the stage keeps everything and flags
MIN_RUN = 3  # short lines in a row that make a menu
WALL_AFTER_SHARE = 0.5  # extracted text: a wall ends the article once half its words are behind
EDGE_MIN_WORDS = 4  # a sentence next to a body span joins it from this many words
# A list item in a scraped body's last list: numbered, bulleted (glued or spaced: "-Sabtu,
# 6 Juli", "2.Arema FC"), or a label and its value ("Total: 543 unit"), or an introduction that
# has the first item glued to it ("Awak Kabin Terbaik Dunia:1. Singapore Airlines").
TAIL_ITEM = re.compile(r"^(?:\d{1,3}[.)]\s?[^\W\d]|[•·▪●*–-]\s?[^\W\d]|[^:.!?]{1,50}:\s?\S)")
TAIL_ITEM_MAX_WORDS = 30
MIN_TAIL_ITEMS = 3
TAIL_ITEM_SHARE = 0.5
LEAD_MIN_WORDS = 20  # a first line this long right above the body is its lead
CLOSE_MAX_LINES = 3  # a last subheading and its paragraphs, after the body, ending the text
INTRO_MIN_WORDS = 2  # and a line that introduces what follows ("Berikut daftarnya:")
# Line scores for the body spans (see _body_spans): a paragraph scores its word count.
NEAR_WEIGHT = 0.5
SHORT_COST = 1.0
BAD_WEIGHT = 0.5
FIXED_COST = 2.0
MIN_SPAN_SCORE = 10.0
MIN_SPAN_SHARE = 0.25
FLAG_KEPT_ALL = "generic.kept-all"
# The reasons of lines removed for where they sit (outside the body spans), not for what they are.
SPAN_REASONS = frozenset(
    {"generic.menu-run", "generic.short-context", "generic.low-text", "generic.off-body",
     "generic.teasers"}
)
FLAG_NO_BODY = "generic.no-body"

# Chrome whatever the context: short lines that are only a prompt or a label ...
PROMPT = re.compile(
    r"^(?:share|bagikan|tweet|email|e-mail|print|cetak|copy link|salin (?:link|tautan)|"
    r"subscribe|berlangganan|sign ?in|sign ?up|log ?in|log ?out|masuk|daftar|register|"
    r"follow|ikuti|read more|read next|continue reading|baca (?:juga|selengkapnya|lebih lanjut)|"
    r"lihat (?:juga|selengkapnya|semua)|simak (?:juga|selengkapnya)|see (?:also|more|all)|"
    r"load more|more from|more stories|related|you may also like|recommended|trending|"
    r"most (?:read|popular)|berita (?:terkait|lainnya|populer|terkini)|artikel (?:terkait|"
    r"lainnya|populer)|terpopuler|terkini|populer|rekomendasi|tags?|label|labels|topik|"
    r"kategori|categories|comments?|komentar|tulis komentar|leave a (?:comment|reply)|"
    r"post a comment|reply|balas|(?:advertisement\s*-?\s*)?scroll to continue(?: with content"
    r"| reading)?|advertisement|iklan|sponsored|back to top|"
    r"kembali ke atas|next|previous|prev|sebelumnya|selanjutnya|newer posts?|older posts?|"
    r"postingan (?:lebih baru|lama)|home|beranda|menu|search|cari|skip to (?:main )?content|"
    r"facebook|twitter|whatsapp|telegram|linkedin|pinterest|instagram|youtube|tiktok|reddit|"
    r"close|tutup|ok|oke|accept|setuju|download|unduh|listen|dengarkan|"
    r"\d+\s+(?:comments?|komentar|shares?|views?|dilihat))\b",
    re.IGNORECASE,
)
# A rating widget under a post ("How useful was this post?", "Vote count: 4285").
RATING = re.compile(
    r"^(?:how (?:useful|helpful) was this (?:post|article|page)|click on a star to rate|"
    r"average rating:? \d|vote count:? \d|no votes so far|submit (?:rating|vote)|"
    r"rate this (?:post|article|page)|was this (?:article|post|page) helpful)",
    re.IGNORECASE,
)
# A button that sells: a verb of buying or trying and what makes it a button ("now", "free",
# "trial", "demo", "on Amazon"), with no sentence around it.
CALL_TO_ACTION = re.compile(
    r"^(?:try|buy|shop|order|book|download|get|start|request|claim|grab|schedule|visit|"
    r"see|check|view|compare|coba|beli|pesan|unduh|dapatkan)\b[^.?]{0,50}?\b(?:now|today|"
    r"free|trial|demo|website|site|on amazon|at amazon|on ebay|deals?|prices?|sekarang|"
    r"gratis)(?: now| today| here)?\s*!?$",
    re.IGNORECASE,
)
PROMPT_MAX_WORDS = 8
PROMPT_SHORT_WORDS = 2  # up to this many words, a line that begins with a prompt is one
# Words that may follow a prompt in a line that is still only a prompt.
_PROMPT_WORDS = (
    "share on to via with this article post story page us now here more all the it our "
    "facebook twitter x whatsapp telegram linkedin pinterest email e-mail reddit flipboard "
    "instagram youtube tiktok line print copy link tweet berita artikel ini ke melalui di "
    "kami sekarang semua lainnya selengkapnya"
)
PROMPT_WORDS = frozenset(_PROMPT_WORDS.split())
# ... and notices, which are whole sentences but say the same thing on every site. Each has the
# words one of which a line must hold (a cheap test before the regex) and a length limit.
NOTICES: tuple[tuple[str, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        "generic.cookie",
        re.compile(
            r"\bcookies?\b.{0,160}\b(?:accept|consent|agree|browsing|experience|privacy|"
            r"website|analy[sz]e|setuju|pengalaman|menyetujui|kebijakan|situs)|"
            r"\b(?:accept|allow|reject|manage|use|uses|menggunakan) (?:all |of )?cookies\b",
            re.IGNORECASE,
        ),
        80,
        ("cookie",),
    ),
    (
        "generic.disclaimer",
        re.compile(
            r"\bfor (?:general )?informational (?:and educational )?purposes only\b|"
            r"\bis not intended (?:to be|as) a substitute for\b|\bdoes not constitute\b.{0,40}"
            r"\badvice\b|\bnot (?:intended as )?(?:legal|tax|financial|medical|investment)"
            r"(?:, (?:legal|tax|financial|medical|investment))*,? (?:or \w+ )?advice\b|"
            r"\bas an amazon associate\b|\b(?:we|i) (?:may )?earn (?:a )?(?:small )?"
            r"(?:commission|fee)\b|\bearns? from qualifying purchases\b|"
            r"\b(?:contains?|uses?|includes?) affiliate links\b",
            re.IGNORECASE,
        ),
        80,
        ("purposes", "substitute", "constitute", "advice", "amazon", "commission", "affiliate",
         "earn"),
    ),
    (
        "generic.copyright",
        re.compile(
            r"^(?:©|\(c\)\s|copyright\b|hak cipta\b)|\ball rights reserved\b|"
            r"\bhak cipta dilindungi\b|\bdilarang (?:keras )?(?:mengutip|mengambil)\b|"
            r"\btanpa izin tertulis\b",
            re.IGNORECASE,
        ),
        40,
        ("©", "(c)", "copyright", "hak cipta", "all rights", "dilarang", "izin tertulis"),
    ),
    (
        "generic.subscribe",
        re.compile(
            r"^(?:sign up|subscribe|get|join|dapatkan|daftar|berlangganan|ikuti|follow|simak|"
            r"klik|pilih|gabung|download|unduh)\b.{0,200}\b(?:newsletter|inbox|notifications?|"
            r"google news|whatsapp|telegram|channel|update berita|berita pilihan|our app|"
            r"aplikasi)\b",
            re.IGNORECASE,
        ),
        45,
        ("newsletter", "inbox", "notification", "google news", "whatsapp", "telegram", "channel",
         "update berita", "berita pilihan", "our app", "aplikasi"),
    ),
    (
        "generic.consent",
        re.compile(
            r"^by (?:providing|entering|submitting|signing up|clicking|subscribing|registering|"
            r"continuing|sharing)\b.{0,200}\byou(?:'re| are)? (?:also )?(?:agree|acknowledge|"
            r"consent|accept|indicate|understand)|^dengan (?:mendaftar|mengklik|melanjutkan)\b"
            r".{0,200}\banda (?:menyetujui|setuju)",
            re.IGNORECASE,
        ),
        80,
        ("agree", "acknowledge", "consent", "accept", "indicate", "understand", "setuju"),
    ),
    (
        "generic.caption",
        re.compile(r"^(?:photo|foto|image|gambar|ilustrasi|credit|kredit|source|sumber)\s*:", re.I),
        40,
        (":",),
    ),
)
# A caption ends in an agency's credit; searched in the last characters of a line only.
CAPTION_CREDIT = re.compile(
    r"(?:\(|/|\|\s*|\bvia\s+|\b(?:photo|foto|image)\s*(?:by|:)\s*)(?:REUTERS|AFP|AP|"
    r"ANTARA(?: FOTO)?|Getty Images|Shutterstock|iStock|EPA|Unsplash|Pexels)\b[^.!?]{0,40}"
    r"\)?\s*$",
    re.IGNORECASE,
)
CAPTION_TAIL_CHARS = 80
CAPTION_MAX_WORDS = 40
# Headings after which a page holds no more of the article: comments, related stories, the
# author box, post navigation. A body span never crosses one, and once the main span is over,
# nothing after the first one is body.
WALL = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|thoughts on\b.*|komentar|"
    r"(?:leave|post|write) a (?:comment|reply)|tulis komentar|"
    r"you (?:may|might) also (?:like|enjoy)|more (?:from|stories|articles|to read)\b.*|"
    r"about the author|tentang penulis|post navigation|share this(?: post| article)?|"
    r"like this|discover more from\b.*|filed under\b.*|posted in\b.*|tags?|topics?|label|"
    r"don'?t miss|explore more\b.*|more about\b.*|more\b.{0,30}\b(?:posts|articles|stories)|"
    r"reply|balas|[\w .'-]{1,40} says|"
    r"(?:most )?(?:recent|popular|latest|similar|trending|related|recommended|featured|top)"
    r"(?: (?:posts?|articles?|stories|interviews|news|reads?|videos?|guides?|content|picks|"
    r"reviews|on [\w ]{1,30}))?|"
    r"(?:related|additional|other) resources(?: (?:to|on|about|for) [\w ]{1,40})?|"
    r"read next|up next|keep reading|what to read next|(?:more|other) (?:posts|articles) by\b.*|"
    r"about|about (?:us|me|the authors?|the writer)|written by|(?:books|posts|articles) by\b.*|"
    r"berita (?:terkait|lainnya|terkini|populer|terpopuler|pilihan)|artikel (?:terkait|lainnya)|"
    r"terpopuler|terkini|rekomendasi(?: untuk anda)?|pilihan (?:editor|redaksi)|topik|"
    r"baca (?:juga|berita) lainnya)"
    r"\s*:?$",
    re.IGNORECASE,
)
# Links to the neighbouring posts, with their headlines: after one, the article is over.
POST_NAV = re.compile(
    r"^(?:previous|next|prev|older|newer)\s+(?:article|post|story|entry|berita|artikel)\b",
    re.IGNORECASE,
)
POST_NAV_MAX_WORDS = 40
# A line that is only a date, a time, a reading time or a byline's name: page furniture.
# The words a date line may hold besides numbers: weekdays and months (English, Indonesian).
_CALENDAR = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|"
    r"ahad|(?:jan|feb|mar|apr|may|mei|jun|jul|aug|agu|agt|ags|sep|oct|okt|nov|nop|dec|des)"
    r"[a-z]{0,6})"
)
DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|diperbarui|diterbitkan)(?: on)?\s*(?::\s*)?)?"
    rf"(?:{_CALENDAR}\.?,?\s+)?(?:\d{{1,4}}(?:st|nd|rd|th)?[\s./,-]+)?(?:{_CALENDAR}\.?\s+)?"
    r"\d{1,4}(?:st|nd|rd|th)?(?:[\s./,-]+\d{2,4})?,?"
    r"(?:\s*(?:[|,·•-]\s*)?(?:at\s+|pukul\s+)?\d{1,2}[:.]\d{2}"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:WIB|WITA|WIT|UTC|GMT|[A-Z]{2,4}))?)?"
    r"(?:\s*(?:[|·•-]\s*)?\d+\s+min(?:ute)?s?(?: read)?)?$|^\d+\s+min(?:ute)?s?(?: read| baca)?$",
    re.IGNORECASE,
)
# What makes a line of numbers a date, not a count, a rank or a table's cell ("17", "9.8", "1-4"):
# a month, a clock time, a day/month/year, a year, a reading time.
DATE_MARK = re.compile(
    r"[a-z]{3}|\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:1[89]|20)\d{2}\b",
    re.IGNORECASE,
)
# A box between paragraphs linking to another story: the label, then the headline on its own.
READ_ALSO = re.compile(
    r"^(?:related(?: posts?| articles?| stories| content| reading)?|read (?:also|more|next)|"
    r"also read|see also|recommended(?: for you| reading)?|berita terkait|artikel terkait|"
    r"baca (?:juga|pula)|simak juga|lihat juga|pilihan editor|rekomendasi|"
    r"infografis(?: journal)?)\s*:?$",
    re.IGNORECASE,
)
# Reasons of chrome that goes only outside the body spans.
SOFT = frozenset({"generic.repeated-line"})
COUNT = re.compile(r"^\d[\d.,]*[kKmM]?$")  # a number alone: a count of likes, shares, comments
MIN_COPIES = 3  # a short line printed this often in one document is a button or a label
CONTAINER_MIN_CHARS = 40  # a line that begins with the next one, this long, is a container
READ_ALSO_MAX = 5  # headlines listed under one "Baca Juga" label
RESUME_WITHIN = 12  # lines after a "Related" box in which the article may go on
NUMBER = re.compile(r"^(\d{1,3})[.)]\s*\S")
ATTACH_MAX = 40  # lines a list introduced by the body may hold
ITEM_GAP = 3  # lines of an item's own text between two numbered items
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.),]|[a-z][.)]|[•·▪●*–-])\s")
HEADLINE_MAX_WORDS = 20
MIN_TEASERS = 3  # headline-and-excerpt pairs in a row that make a list of other stories
EXCERPT_MIN_WORDS, EXCERPT_MAX_WORDS = 5, 40
RESUME_MIN_WORDS = 20  # a paragraph this long after teasers means the article goes on

# Reader sections: comments and the reply form. Without markup they still have a shape: a heading
# or a count ("Comments", "12 comments", "7 thoughts on ...", "Komentar"), then short blocks of
# a name ("Sheri says", "Paul Harper | August 27, 2015"), a date or a relative time, the
# comment, and prompts ("Reply", "Like", "Balas"); the reply form has its own fixed lines.
COMMENT_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|komentar|tanggapan|discussion|"
    r"diskusi|discussion about this post)\s*(?:\(\d+\)\s*)?:?$|"
    r"^\d+\s+(?:thoughts?|responses?|replies|comments?|komentar|tanggapan)\s+(?:on|to|untuk)\b|"
    r"^(?:leave|post|write|add|submit)\s+(?:a|your|new|an?\s+new)\s+(?:comment|reply|response)\b|"
    r"^(?:tulis|berikan|kirim|tambahkan)\s+komentar\b|^join the (?:discussion|conversation)\b|"
    r"^(?:these )?comments are (?:closed|open)\b|^what do you think\??$|"
    r"^(?:reader|user|readers'?|top|latest|show|view|all)\s+comments?\b|"
    r"^(?:comment|komentar) (?:navigation|section)$|^have your say\b|^share your thoughts\b",
    re.IGNORECASE,
)
COMMENT_FORM = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"save my name,? e-?mail|notify me of (?:follow-up|new)|^cancel reply$|"
    r"^(?:post|submit|send) (?:a )?(?:comment|reply)$|this site uses akismet|"
    r"comment data is processed|^(?:name|e-?mail|website|comment|nama|komentar)\s*\*?\s*:?$|"
    r"please enter your (?:comment|name|email)|you have entered an incorrect email|"
    r"inline feedbacks|^view all comments|^load more comments|^loading comments|"
    r"^(?:log ?in|sign in|masuk) (?:to|untuk) (?:comment|reply|berkomentar|membalas)|"
    r"komentar menjadi tanggung jawab|^lihat semua komentar|^\d+ more comments|"
    r"^tulis komentar anda|^berikan komentar|^(?:show|view|load|hide|see) (?:\d+ )?(?:more )?"
    r"(?:replies|reply|comments?|balasan)\b|^\d+ (?:replies|balasan)$|"
    r"^(?:older|newer|previous|next) comments\b|^(?:pingback|trackback)\s*:|"
    r"^log ?in or register to post comments|^sort (?:by|comments)\b|^(?:oldest|newest|"
    r"most voted|most liked|top comments|terbaru|terlama)$",
    re.IGNORECASE,
)
COMMENT_SAYS = re.compile(
    r"^\S.{0,80}?\s(?:says|said|wrote|writes|menulis)\s*(?::|\.{3}|…)?$|"
    r"^submitted by\s+\S.{0,60}\s(?:on|at)\s+\S",
    re.IGNORECASE,
)
_COMMENT_ACTS = (
    "reply replies balas balasan like likes liked suka share report laporkan flag upvote downvote "
    "permalink edit delete hapus collapse expand restacks"
)
COMMENT_ACTS = frozenset(_COMMENT_ACTS.split())
# Acts glued together: the longest first, backtracking, so the answer is one for any split
# (trying the words of a set in its order gave answers that changed with PYTHONHASHSEED).
_ACTS_LONGEST_FIRST = "|".join(sorted(COMMENT_ACTS, key=lambda a: (-len(a), a)))
GLUED_ACTS = re.compile(f"(?:{_ACTS_LONGEST_FIRST})+")
# Prompts only a comment has (a "Share" button is under articles too).
_REPLY_ACTS = "reply replies balas balasan like likes liked suka report laporkan"
REPLY_ACTS = frozenset(_REPLY_ACTS.split())
_RELATIVE = (
    r"(?:(?:\d+|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|"
    r"months?|mos?|years?|yrs?)\.?\s+ago|\d+\s*(?:s|m|h|d|w|mo|y|yr|min|hr)\.?"
    r"|\d+\s+(?:detik|menit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu|yesterday|"
    r"just now|a (?:moment|few (?:seconds|minutes)) ago|kemarin|baru saja)"
    r"(?:\s*(?:\(edited\)|edited))?"
)
# "3 hours ago", "5h", "2 yr. ago", "yesterday", "2 jam lalu": when a comment was written
RELATIVE_TIME = re.compile(rf"^{_RELATIVE}$", re.IGNORECASE)
# A commenter's name with the time after it: "Margaret Hill • 3 years ago", "tom · 5h"
NAME_TIME = re.compile(rf"^\S.{{0,60}}?\s*[•·|–—-]\s*{_RELATIVE}$", re.IGNORECASE)
# A name and a date on one line: "Paul Harper | August 27, 2015", "Emily on January 8, 2026 2:01 am"
DATE_TAIL = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|mei|jun|jul|aug|agu|agt|sep|oct|okt|nov|dec|des)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|mei|"
    r"jun|jul|aug|agu|agt|sep|oct|okt|nov|dec|des)[a-z]*\.?,?\s+\d{4}|\b\d{1,2}[/.-]\d{1,2}[/.-]"
    r"\d{2,4})(?:,?\s*(?:at\s+|pukul\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*[-–—|]?\s*$",
    re.IGNORECASE,
)
# What makes a date line a date rather than a number: a month's name, a clock time, d/m/y.
WHEN = re.compile(
    r"\b(?:jan|feb|mar|apr|may|mei|jun|jul|aug|agu|agt|sep|oct|okt|nov|dec|des)[a-z]*\b|"
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b",
    re.IGNORECASE,
)
NAME_MAX_WORDS = 6  # a commenter's name line
# Words of a person's short biography (an author box): pronouns and trades.
_BIO_WORDS = (
    "he she his her him writer author editor journalist reporter correspondent "
    "contributor founder freelance columnist photographer president director professor expert "
    "communications dia ia beliau penulis wartawan jurnalis "
    "editor redaktur kontributor"
)
BIO_WORDS = frozenset(_BIO_WORDS.split())
_PRONOUNS = "he she his her him hers dia ia beliau"
PRONOUNS = frozenset(_PRONOUNS.split())
MAX_AUTHOR_BOXES = 2
# A person's name line: two to four capitalised words (particles allowed), after a label.
NAME_MAX_PARTS = 4
NAME_PART = re.compile(r"^[A-Z][\w'’.-]*$")
_NAME_PARTICLES = "de del der van von da di du la le bin binti al"
NAME_PARTICLES = frozenset(_NAME_PARTICLES.split())
BYLINE_LABEL = re.compile(
    r"^(?:(?:published|written|posted|reviewed|edited|interview)\s+by|by|authors?|"
    r"about the authors?|meet the author|oleh|penulis)\s*:?\s*",
    re.IGNORECASE,
)
PARAGRAPH_WORDS = 20  # a line this long is a paragraph (of the article, or of other text)
MAX_ROLE_LINES = 2  # "Associate Editor", "CEO & Co-Founder at WunderGraph" between name and bio
ROLE_MAX_WORDS = 10
BIO_MIN_WORDS = 8
COMMENT_GAP = 6  # lines of comment text between two marks of a reader section


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the stage decided: ``(line index, reason id)`` per removed line, and flags."""

    removals: tuple[tuple[int, str], ...]
    flags: tuple[str, ...] = ()
    language: str | None = None


@lru_cache(maxsize=1)
def _stop_index() -> dict[str, tuple[int, ...]]:
    """Each stop word of :data:`LANGUAGES`, folded, to the languages (indices) it belongs to."""
    import justext

    index: dict[str, list[int]] = {}
    for n, name in enumerate(LANGUAGES):
        for word in justext.get_stoplist(name):
            for w in words(word.casefold()):
                if n not in index.setdefault(w, []):
                    index[w].append(n)
    return {w: tuple(ns) for w, ns in index.items()}


def stop_language(tokens: Sequence[str]) -> str | None:
    """The language whose stop words cover most of ``tokens`` (folded words), or None.

    >>> stop_language("yang dan di dengan dari adalah pada ini untuk".split())
    'Indonesian'
    >>> stop_language("the cat sat on the mat and it was happy".split())
    'English'
    """
    index = _stop_index()
    hits = [0] * len(LANGUAGES)
    for token, count in Counter(tokens[:LANGUAGE_SAMPLE_WORDS]).items():
        # a word counts a few times at most: "v" of a fixture list ("Arsenal v Leeds") is in
        # the Finnish list, and eighty of them made an Indonesian text Finnish
        for n in index.get(token, ()):
            hits[n] += min(count, STOP_TOKEN_CAP)
    best = max(range(len(LANGUAGES)), key=lambda k: (hits[k], -k))
    return LANGUAGES[best] if hits[best] else None


@lru_cache(maxsize=len(LANGUAGES))
def _stoplist(language: str) -> frozenset[str]:
    n = LANGUAGES.index(language)
    return frozenset(w for w, ns in _stop_index().items() if n in ns)


GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


def judge(lines: Sequence[str | None]) -> Verdict:
    """Decide which lines are chrome; ``None`` and blank lines are ignored.

    >>> body = "Presiden Tajikistan memobilisasi tentara cadangan untuk menjaga perbatasan " \\
    ...        "dengan Afghanistan, kata pejabat yang tidak mau disebutkan namanya kepada kami."
    >>> judge(["Home", "News", "Sport", body, "Subjudul", body, "Tags", "Berita Utama Lain"])
    ... # doctest: +NORMALIZE_WHITESPACE
    Verdict(removals=((0, 'generic.prompt'), (1, 'generic.menu-run'), (2, 'generic.menu-run'),
                      (6, 'generic.prompt'), (7, 'generic.short-context')),
            flags=(), language='Indonesian')
    """
    present = [(i, line) for i, line in enumerate(lines) if line and line.strip()]
    if not present:
        return Verdict(())
    keys = [line_key(line) for _, line in present]
    tokens = [key.split(" ") if key else [] for key in keys]  # the folded words
    language = stop_language([t for ts in tokens for t in ts])
    stops = _stoplist(language) if language else frozenset()

    cls = [_classify(line, ts, stops) for (_, line), ts in zip(present, tokens, strict=True)]
    copies = Counter(keys)
    fixed = [
        _chrome(line, ts, copies[key], c)
        for (_, line), ts, key, c in zip(present, tokens, keys, cls, strict=True)
    ]
    for k in _reader_sections(present, tokens):
        fixed[k] = "generic.comments"
    for k in _containers(present):
        fixed[k] = "generic.container"
    for k in _author_boxes(present, tokens):
        fixed[k] = fixed[k] or "generic.author"
    for k in _teasers(present, tokens, cls):
        fixed[k] = fixed[k] or "generic.teasers"
    # Chrome by its neighbours only: a label printed three times goes outside the body, but
    # inside it is a table's or a list's own label ("Pros:", "Theme", "Player Count").
    soft = [f if f in SOFT else None for f in fixed]
    fixed = [None if f in SOFT else f for f in fixed]
    for k, (_, line) in enumerate(present):
        if not fixed[k] and COUNT.match(line) and (
            _beside_chrome(fixed, k) or _counting(present, k)
        ):
            # "17", "4" between a date and "Share" (likes, comments); "1 2 3 ...": a code
            # block's line numbers, pagination
            fixed[k] = "generic.count"
    if GOOD not in cls:
        return Verdict(_safe(present, fixed), (FLAG_NO_BODY,), language)
    walls = [_wall(line, ts) for (_, line), ts in zip(present, tokens, strict=True)]
    for k, (_, line) in enumerate(present):
        if walls[k] and not fixed[k] and POST_NAV.match(line):
            fixed[k] = "generic.prompt"  # "Previous article: <headline>"
    for k, (_, line) in enumerate(present):
        if walls[k] and READ_ALSO.match(line) and _resumes(present, cls, k):
            walls[k] = False  # a related-stories box inside the article, which goes on after it
    labels = [k for k in range(len(present) - 1) if READ_ALSO.match(present[k][1])]
    # A page prints its boxes one way: where one label stands right above a paragraph, the
    # links were not kept (a body scraped alone), and the line under another label is body too.
    bare = any(_sentence(present[k + 1][1]) and cls[k + 1] in (GOOD, NEAR) for k in labels)
    for k in labels:
        if not bare and not _sentence(present[k + 1][1]):
            fixed[k] = "generic.read-also"
            # the headlines under the label, one or a few, until a sentence or a break
            j = k + 1
            while j < len(present) and j - k <= READ_ALSO_MAX and _headline(present[j][1]):
                between = range(present[j - 1][0], present[j][0])
                if j > k + 1 and any(lines[m] is None for m in between):
                    break  # something stood between (an advert the rules took): body again
                fixed[j] = "generic.read-also"
                j += 1
    scores = [
        _score(c, len(ts), f or sf, _sentence(line))
        for c, ts, f, sf, (_, line) in zip(cls, tokens, fixed, soft, present, strict=True)
    ]
    inside = _body_spans(scores, walls)
    _extend(present, tokens, fixed, inside)
    _attach_lists(present, tokens, fixed, walls, inside)
    _close(present, tokens, fixed, walls, inside)
    _lead(tokens, fixed, walls, inside)
    if _scraped_body(fixed, inside):
        _fill_body(fixed, walls, inside)
        _tail_list(present, tokens, fixed, walls, inside)
    runs = _short_runs(cls, inside)

    removals = []
    for k, (i, _) in enumerate(present):
        if fixed[k]:
            removals.append((i, fixed[k]))
        elif not inside[k]:
            if soft[k]:
                reason = soft[k]
            elif k in runs:
                reason = "generic.menu-run"
            else:
                reason = {
                    SHORT: "generic.short-context",
                    BAD: "generic.low-text",
                }.get(cls[k], "generic.off-body")
            removals.append((i, reason))
    # The share kept is counted on what is not chrome on its own: a page whose comments
    # outweigh its article loses the comments and keeps the article.
    total = sum(len(ts) for ts, f, sf in zip(tokens, fixed, soft, strict=True) if not (f or sf))
    gone = {i for i, _ in removals}
    kept = sum(len(ts) for (i, _), ts in zip(present, tokens, strict=True) if i not in gone)
    if total and kept < MIN_KEPT_SHARE * total:
        return Verdict(_safe(present, fixed), (FLAG_KEPT_ALL,), language)
    return Verdict(tuple(removals), (), language)


def _wall(line: str, tokens: list[str]) -> bool:
    """A heading after which a page holds no more of the article (:data:`WALL`), a link to
    the previous or the next post ("Next article: <headline>"), or a rating widget."""
    if len(tokens) <= PROMPT_MAX_WORDS and (WALL.match(line) or RATING.match(line)):
        return True
    return len(tokens) <= POST_NAV_MAX_WORDS and POST_NAV.match(line) is not None


def _beside_chrome(fixed: list[str | None], k: int) -> bool:
    """Whether the line before or after ``k`` is chrome on its own."""
    return bool((k and fixed[k - 1]) or (k + 1 < len(fixed) and fixed[k + 1]))


def _counting(present: list[tuple[int, str]], k: int) -> bool:
    """Whether the number alone at ``k`` is one of a run counting up by one ("1", "2", "3")."""
    here = present[k][1].strip()
    if not here.isdigit():
        return False
    n = int(here)
    return any(
        0 <= j < len(present) and present[j][1].strip() == str(n + j - k) for j in (k - 1, k + 1)
    )


# Chrome that goes even from a text the stage otherwise leaves alone (no paragraph, or too little
# kept): prompts, notices, captions, read-also boxes, reader sections. Date lines and lines
# printed three times stay there, as a listing of times or a table may be made of them.
SAFE_ALONE = frozenset(
    {"generic.prompt", "generic.cookie", "generic.copyright", "generic.subscribe",
     "generic.disclaimer", "generic.caption", "generic.read-also", "generic.comments",
     "generic.container"}
)  # fmt: skip


def _safe(present: list[tuple[int, str]], fixed: list[str | None]) -> tuple[tuple[int, str], ...]:
    """The removals of chrome that goes whatever the rest of the text is (:data:`SAFE_ALONE`)."""
    return tuple((i, f) for (i, _), f in zip(present, fixed, strict=True) if f in SAFE_ALONE)


HEAD, FORM, AUTHOR, TIME, ACT, NAME = "head", "form", "author", "time", "act", "name"
# A heading that counts comments or names them ("3 Comments", "2 Replies to ...", "Komentar")
COUNTED_HEAD = re.compile(r"\d|comment|komentar|repl(?:y|ies)|tanggapan", re.IGNORECASE)
HANDLE = re.compile(r"^@?(?=[\w.-]*[\d_.])[a-z][\w.-]{1,29}$")  # "tom_b", "jen.k", "user123"
COMMENT_MIN_WORDS = 6  # the text under a commenter's name


def _comment_mark(line: str, tokens: list[str]) -> str | None:
    """What a line is in a reader section, on its own: heading, form, author, time, act."""
    n = len(tokens)
    if n == 0 or n > 40:
        return None
    if n <= PROMPT_MAX_WORDS and COMMENT_HEAD.match(line):
        return HEAD
    if n <= 25 and COMMENT_FORM.search(line):
        return FORM
    if any(t in COMMENT_ACTS for t in tokens) and all(
        t in COMMENT_ACTS or t.isdigit() for t in tokens
    ):
        return ACT
    if n == 1 and len(tokens[0]) <= 20 and _glued_acts(tokens[0]):
        return ACT
    if n <= PROMPT_MAX_WORDS and (
        RELATIVE_TIME.match(line) or (DATELINE.match(line) and WHEN.search(line))
    ):
        return TIME
    if n <= 12 and (
        COMMENT_SAYS.match(line) or DATE_TAIL.search(line[-40:]) or NAME_TIME.match(line)
    ):
        return AUTHOR
    return None


def _glued_acts(token: str) -> bool:
    """Prompts printed without a space between them: "ReplyShare", "LikeReply".

    >>> [_glued_acts(t) for t in ("replyshare", "likesreply", "balasanlike", "replyx")]
    [True, True, True, False]
    """
    return GLUED_ACTS.fullmatch(token) is not None


def _reader_sections(present: list[tuple[int, str]], tokens: list[list[str]]) -> set[int]:
    """Lines (indices into ``present``) of comment sections and reply forms.

    A section starts at a heading, a form line or a commenter's name, and goes on while marks
    (names, times, prompts, form lines) keep coming, with at most :data:`COMMENT_GAP` lines of
    comment text between two of them. It counts only with the evidence of comments: after a
    heading or a form line, a commenter's name, two more form lines, or prompts and a time;
    without a heading, two names and a prompt or a second time.
    """
    marks = [_comment_mark(line, ts) for (_, line), ts in zip(present, tokens, strict=True)]
    n = len(present)
    for k in range(n - 1):  # a short name line right above a time is an author line
        name = 0 < len(tokens[k]) <= NAME_MAX_WORDS and not ends_sentence(present[k][1])
        if marks[k] is None and marks[k + 1] == TIME and name:
            marks[k] = AUTHOR
    # under a heading that counts or names comments, a name alone above the comment's text
    # ("Margaret Hill", "tom_b") is a commenter's, though no time or prompt is printed
    named = [
        marks[k] is None and k + 1 < n and len(tokens[k + 1]) >= COMMENT_MIN_WORDS
        and (_person(present[k][1]) is not None or HANDLE.match(present[k][1].strip()) is not None)
        for k in range(n)
    ]  # fmt: skip
    out: set[int] = set()
    k = 0
    while k < n:
        if marks[k] not in (HEAD, FORM, AUTHOR):
            k += 1
            continue
        counted = marks[k] == HEAD and COUNTED_HEAD.search(present[k][1]) is not None
        seen = Counter([marks[k]])
        last, j, gap = k, k + 1, 0
        while j < n and gap <= COMMENT_GAP:
            mark = marks[j] or (NAME if counted and named[j] else None)
            if mark:
                seen[mark] += 1
                last, gap = j, 0
            else:
                gap += 1
            j += 1
        if marks[k] in (HEAD, FORM):
            proof = (
                seen[AUTHOR]
                or seen[FORM] >= 2
                or (seen[ACT] >= 2 and seen[TIME])
                or seen[NAME] >= 2
            )
        else:  # an article's byline and date look like a comment's: ask for two comments
            answers = sum(
                1 for m, ts in zip(marks[k : last + 1], tokens[k : last + 1], strict=True)
                if m == ACT and any(t.startswith(a) for t in ts for a in REPLY_ACTS)
            )  # fmt: skip
            texts = sum(1 for m in marks[k : last + 1] if m is None)
            proof = seen[AUTHOR] >= 2 and answers >= 1 and texts >= 2
        if not proof:
            k += 1
            continue
        end = last
        if marks[last] in (AUTHOR, TIME) or named[last]:  # the last comment's text
            while end + 1 < n and end - last < COMMENT_GAP and len(tokens[end + 1]) >= 4:
                end += 1
        out.update(range(k, end + 1))
        k = end + 1
    return out


def _author_boxes(present: list[tuple[int, str]], tokens: list[list[str]]) -> list[int]:
    """Author boxes: a name alone on its line (after "Published by", "About the author" or
    not), up to two short lines of the person's role, then a sentence about that person that
    begins with the name or the first name ("Jack Busch" / "Jack Busch lives in the Pittsburgh
    area where he writes ..."; "Emmet White" / "Associate Editor" / "Emmet is ...")."""
    out: list[int] = []
    boxes = 0
    n = len(present)
    prose = [len(ts) if len(ts) >= PARAGRAPH_WORDS else 0 for ts in tokens]
    behind = list(itertools.accumulate(prose, initial=0))
    k = 0
    while k < n - 1:
        name = _person(present[k][1])
        # where the article is over (half of the page's paragraphs behind), a box may have
        # role lines and call the person by one name; above, only the strict form counts
        late = 2 * behind[k] >= behind[-1]
        end = None
        for j in range(k + 1, min(n, k + 2 + MAX_ROLE_LINES) if name else k + 1):
            if _about(present[j][1], tokens[j], name or [], loose=late):
                end = j
                break
            if not late:
                break
            if len(tokens[j]) > ROLE_MAX_WORDS or ends_sentence(present[j][1]):
                break  # not a role line: no box here
        if end is None:
            k += 1
            continue
        label = late and k and BYLINE_LABEL.fullmatch(present[k - 1][1].strip())
        out.extend(range(k - 1 if label else k, end + 1))
        boxes += 1
        k = end + 1
    # a list of items each named then described ("Brand X" / "Brand X is ...") is the article
    return out if boxes <= MAX_AUTHOR_BOXES else []


def _person(line: str) -> list[str] | None:
    """The words of a person's name if the line is only that (after a "By" label, before a
    degree: "Posted by : Ryan Bald", "Angela Holliday-Bell, MD*"), else None."""
    line = BYLINE_LABEL.sub("", line.strip(), count=1).strip(" *")
    name = line.split(",")[0].split(" | ")[0].strip()
    if len(name) < len(line) and len(words(line[len(name) :])) > 3:
        return None  # more than a degree or a title after the name
    parts = name.split()
    if not 2 <= len(parts) <= NAME_MAX_PARTS:
        return None
    if not all(NAME_PART.match(w) or w in NAME_PARTICLES for w in parts):
        return None
    return parts


def _about(line: str, tokens: list[str], name: list[str], loose: bool = True) -> bool:
    """A sentence about the person ``name``: it begins with the full name, the first name or
    the last, and reads as a biography (a trade, a pronoun, or "is", "joined", "lives" ...)."""
    text = line.lstrip(" *")
    if len(tokens) < BIO_MIN_WORDS or not (
        ends_sentence(line) or len(tokens) >= PARAGRAPH_WORDS
    ):  # a long one may end in a link: "... View all posts by Darryl Hicks"
        return False
    full = " ".join(name)
    if text.startswith(full):
        cues = BIO_WORDS
        rest = words(text[len(full) :])
    elif loose and text.startswith((name[0], name[-1])):
        cues = PRONOUNS  # "Campaigner pricing starts at ...": a first name alone needs more
        lead = name[0] if text.startswith(name[0]) else name[-1]
        rest = words(text[len(lead) :])
        if not rest or text[len(lead) : len(lead) + 1] not in (" ", "'", "’", ","):
            return False
    else:
        return False
    return any(w.casefold() in cues for w in rest)


def _teasers(present: list[tuple[int, str]], tokens: list[list[str]], cls: list[str]) -> list[int]:
    """Teasers of other stories where the article has ended: at least :data:`MIN_TEASERS`
    headline-and-excerpt pairs in a row (an excerpt is one sentence, or cut short with "…"),
    with no paragraph of the article after them."""
    out: list[int] = []
    n = len(present)
    k = 0
    while k < n - 1:
        j = k
        while (
            j + 1 < n
            and _teaser_title(present[j][1])
            and _excerpt(present[j + 1][1], tokens[j + 1])
        ):
            j += 2
        pairs = (j - k) // 2
        if pairs >= MIN_TEASERS and not any(
            cls[m] == GOOD and len(tokens[m]) >= RESUME_MIN_WORDS for m in range(j, n)
        ):
            out.extend(range(k, j))
        k = max(j, k + 1)
    return out


def _teaser_title(line: str) -> bool:
    """A teaser's headline: as :func:`_headline`, or a question ("Are AI stocks in a bubble?")."""
    return _headline(line) or (line.rstrip().endswith("?") and _headline(line.rstrip()[:-1]))


def _excerpt(line: str, tokens: list[str]) -> bool:
    """A teaser's excerpt: one short sentence, or a text cut short."""
    if not EXCERPT_MIN_WORDS <= len(tokens) <= EXCERPT_MAX_WORDS:
        return False
    return line.rstrip().endswith(("…", "...")) or (_sentence(line) and line.count(". ") == 0)


def _containers(present: list[tuple[int, str]]) -> list[int]:
    """Lines that repeat the lines after them glued together: a scraper that took the text of
    an element and then of each element inside it ("P1P2P3", "P1", "P2P3", "P2", ...)."""
    out = []
    for k in range(len(present) - 1):
        line, after = present[k][1], present[k + 1][1]
        if len(after) >= CONTAINER_MIN_CHARS and len(line) > len(after) and line.startswith(after):
            out.append(k)
    return out


def _classify(line: str, tokens: list[str], stops: frozenset[str]) -> str:
    """jusText's context-free class of one line (no link density: a dump has no links)."""
    length = len(line)
    if not tokens:
        return BAD if length > 2 else SHORT  # a row of symbols or emoji
    density = sum(t in stops for t in tokens) / len(tokens)
    sentence = ends_sentence(line)
    if length < LENGTH_LOW:
        return SHORT
    if density >= STOPWORDS_HIGH:
        return GOOD if length > LENGTH_HIGH or sentence else NEAR
    if density >= STOPWORDS_LOW:
        return NEAR
    # Prose in a language (or a register) the stop list serves badly still reads as sentences.
    if sentence and len(tokens) >= 12 and density >= STOPWORDS_LOW / 2:
        return NEAR
    return BAD


def _chrome(line: str, tokens: list[str], copies: int, cls: str) -> str | None:
    """The reason a line is chrome whatever its neighbours, or None."""
    n = len(tokens)
    if n <= PROMPT_MAX_WORDS and (_is_prompt(line, tokens) or WALL.match(line)):
        return "generic.prompt"
    if n <= PROMPT_MAX_WORDS and DATELINE.match(line) and DATE_MARK.search(line):
        return "generic.date"
    if copies >= MIN_COPIES and cls == SHORT:
        return "generic.repeated-line"
    folded = line.casefold()
    for reason, pattern, max_words, needs in NOTICES:
        if n <= max_words and any(w in folded for w in needs) and pattern.search(line):
            return reason
    if n <= CAPTION_MAX_WORDS and CAPTION_CREDIT.search(line[-CAPTION_TAIL_CHARS:]):
        return "generic.caption"
    return None


def _is_prompt(line: str, tokens: list[str]) -> bool:
    """A prompt or label and nothing else (:func:`_prompt_only`), a rating widget's line, or a
    button that sells ("Try it free", "Get the Root Board Game on Amazon", "Book a demo")."""
    return _prompt_only(line, tokens) or RATING.match(line) is not None or (
        CALL_TO_ACTION.match(line) is not None
    )


def _prompt_only(line: str, tokens: list[str]) -> bool:
    """A prompt or label and nothing else: "Share", "Tags: a, b", "Share on Facebook Share on X".

    A longer line that only begins like one ("Home charging opportunity", "Most popular
    charities in 2022") is a subheading, not a prompt.
    """
    m = PROMPT.match(line)
    if not m:
        return False
    rest = line[m.end() :].lstrip()
    if len(tokens) <= PROMPT_SHORT_WORDS or not rest or rest.startswith((":", "|", "»", ">")):
        return True
    return all(t in PROMPT_WORDS for t in (w.casefold() for w in words(rest)))


def _score(cls: str, n_words: int, fixed: str | None, sentence: bool) -> float:
    """What a line adds to the body span around it: prose pays, chrome and short lines cost.

    A near line that does not end like a sentence (a headline, a teaser's title) pays nothing:
    it may sit inside a span but never starts or ends one.
    """
    if fixed:
        return -FIXED_COST
    if cls == GOOD:
        return n_words
    if cls == NEAR and not sentence:
        return -SHORT_COST
    if cls == NEAR:
        return NEAR_WEIGHT * n_words
    if cls == SHORT:
        return -SHORT_COST
    return -max(SHORT_COST, BAD_WEIGHT * n_words)


def _body_spans(scores: list[float], walls: list[bool]) -> list[bool]:
    """Lines inside a body span: the stretch with the largest sum of scores, then the best
    stretches left on either side of it, while they reach :data:`MIN_SPAN_SHARE` of the best.
    No span crosses a wall, and none starts after the first wall that follows the best span.

    Short lines between paragraphs (subheadings, list items, a closing line) cost less than the
    paragraphs around them pay, so they fall inside; a menu or a list of headlines costs more
    than it is worth, so a span ends at it.
    """
    inside = [False] * len(scores)
    best = 0.0
    end = len(scores)
    pending = [(0, len(scores))]
    while pending:
        lo, hi = pending.pop(0)
        hi = min(hi, end)
        total, start, top, span = 0.0, lo, 0.0, None
        for k in range(lo, hi):
            if total <= 0 or walls[k]:
                total, start = 0.0, k + walls[k]
            if walls[k]:
                continue
            total += scores[k]
            if total > top:
                top, span = total, (start, k + 1)
        if span is None or top < max(MIN_SPAN_SCORE, MIN_SPAN_SHARE * best):
            continue
        a, b = span
        if not best:  # the main span: whatever follows its first wall is not the article
            end = next((k for k in range(b, len(scores)) if walls[k]), end)
        best = max(best, top)
        for k in range(a, b):
            inside[k] = True
        pending.extend([(lo, a), (b, hi)])
    return inside


def _resumes(present: list[tuple[int, str]], cls: list[str], k: int) -> bool:
    """Whether the article goes on after the box a "Related" label at ``k`` opens: two
    paragraphs in a row within :data:`RESUME_WITHIN` lines. Teasers of other stories alternate
    a headline and an excerpt, so they never have two."""
    body = [cls[j] in (GOOD, NEAR) and _sentence(present[j][1])
            for j in range(k + 1, min(len(present), k + 1 + RESUME_WITHIN))]  # fmt: skip
    return any(a and b for a, b in itertools.pairwise(body))


def _headline(line: str) -> bool:
    """A line that reads as another story's headline: a few words, no sentence end."""
    n = len(words(line))
    if not 2 <= n <= HEADLINE_MAX_WORDS or ends_sentence(line) or READ_ALSO.match(line):
        return False
    return LIST_ITEM.match(line) is None  # a numbered item is the article's own list


def _sentence(line: str) -> bool:
    """Ends like a sentence (a colon introduces something, so it does not count)."""
    return ends_sentence(line) and not line.rstrip().endswith(":")


def _extend(present, tokens, fixed: list[str | None], inside: list[bool]) -> None:
    """Take in the short sentences at the edges of a span: a closing line, a one-line lead."""
    n = len(inside)
    for k in range(n):
        if not inside[k]:
            continue
        for step in (-1, 1):
            j = k + step
            while 0 <= j < n and not inside[j] and not fixed[j]:
                line = present[j][1]
                intro = step == 1 and line.rstrip().endswith(":")  # "Berikut daftarnya:"
                if len(tokens[j]) < (INTRO_MIN_WORDS if intro else EDGE_MIN_WORDS) or not (
                    _sentence(line) or intro
                ):
                    break
                inside[j] = True
                j += step


def _scraped_body(fixed: list[str | None], inside: list[bool]) -> bool:
    """Whether the text is a scraped body, not a page: its first line that is not chrome on its
    own is body (no header, menu or title block above the article)."""
    first = next((k for k in range(len(inside)) if not fixed[k]), None)
    return first is not None and inside[first]


def _fill_body(fixed: list[str | None], walls: list[bool], inside: list[bool]) -> None:
    """In a scraped body, what stands between two body spans is the article's own list or table
    (a schedule, prices, a ranking), not a menu: it joins, unless a wall stands there."""
    rest = [k for k in range(len(inside)) if not fixed[k]]
    last = max(k for k in rest if inside[k])
    gap: list[int] = []
    previous = rest[0]
    for k in rest:
        if k > last:
            break
        if inside[k]:
            if gap and not any(walls[previous:k]):
                for g in gap:
                    inside[g] = True
            gap, previous = [], k
        else:
            gap.append(k)


def _tail_list(present, tokens, fixed: list[str | None], walls, inside: list[bool]) -> None:
    """In a scraped body, a list after the last paragraph is the article's (a schedule, a price
    list, rankings: "- Harga emas 1 gram: Rp1.992.000", "1. Qatar Airways", "Total: 543 unit"):
    at least :data:`MIN_TAIL_ITEMS` items, at least :data:`TAIL_ITEM_SHARE` of the lines up
    to the last item. Credits, promotions and teasers after the list stay out."""
    last = max(k for k in range(len(inside)) if inside[k])
    tail = []
    for k in range(last + 1, len(inside)):
        if walls[k]:
            break
        if not fixed[k]:
            tail.append(k)
    items = [
        k for k in tail if len(tokens[k]) <= TAIL_ITEM_MAX_WORDS and TAIL_ITEM.match(present[k][1])
    ]
    if len(items) < MIN_TAIL_ITEMS:
        return
    run = [k for k in tail if k <= items[-1]]
    if len(items) < TAIL_ITEM_SHARE * len(run):
        return
    # the last item's own lines ("Stadion Dipta, pukul 19.30 WIB"), not a credit or a teaser
    for k in tail[len(run) : len(run) + ITEM_GAP]:
        line = present[k][1]
        if len(tokens[k]) > TAIL_ITEM_MAX_WORDS // 2 or line.startswith("(") or _is_prompt(
            line, tokens[k]
        ):
            break
        run.append(k)
    for k in run:
        inside[k] = True


def _lead(tokens, fixed: list[str | None], walls: list[bool], inside: list[bool]) -> None:
    """The text's first line (nothing but chrome above it) right above a body span is the lead
    when it is paragraph-long, though thin in stop words or cut short by the scraper ("...
    menjadi 3,23 kali per pelangganPLNper tahun pada 2024")."""
    first = next((k for k in range(len(inside)) if not fixed[k]), None)
    if first is None or inside[first] or walls[first] or len(tokens[first]) < LEAD_MIN_WORDS:
        return
    following = next((k for k in range(first + 1, len(inside)) if not fixed[k]), None)
    if following is not None and inside[following]:
        inside[first] = True


def _close(present, tokens, fixed: list[str | None], walls, inside: list[bool]) -> None:
    """Take in a subheading and the sentences under it where they end the text: nothing but
    chrome after them, so they are the article's last section, not a teaser (a scraped body
    ends with its last paragraph; a page goes on with its footer)."""
    rest = [k for k in range(len(inside)) if not fixed[k]]
    last = max((k for k in rest if inside[k]), default=None)
    if last is None:
        return
    tail = [k for k in rest if k > last]
    if not tail or len(tail) > CLOSE_MAX_LINES or any(walls[last + 1 :]):
        return
    heading, sentences = tail[0], tail[1:]
    if not _headline(present[heading][1]):
        heading, sentences = None, tail
    if sentences and all(
        _sentence(present[k][1]) and len(tokens[k]) >= EDGE_MIN_WORDS for k in sentences
    ):
        for k in tail:
            inside[k] = True


def _attach_lists(present, tokens, fixed: list[str | None], walls, inside: list[bool]) -> None:
    """Take in the list a body span ends on or announces: a list is the article's content,
    not a menu, when a line of the span introduces it ("Berikut daftarnya:") or when its
    numbering goes on from the span's last line.

    After an introduction, the lines up to the next span, chrome or wall join (not a run of
    one-word lines, which is a menu); numbered items join while their numbering goes on (or
    starts again at 1: the next list), with up to :data:`ITEM_GAP` lines of an item's own text
    between two items; a line ending in ":" introduces the next list. At most
    :data:`ATTACH_MAX` lines join after one span.
    """
    n = len(inside)
    for k in range(n - 1):
        if not inside[k] or inside[k + 1]:
            continue
        line = present[k][1].rstrip()
        introduced = line.endswith(":")
        last = _item_number(line)
        if not introduced and last is None and _item_number(present[k + 1][1]) != 1:
            continue
        end, j, gap = k, k + 1, 0
        while j < n and not inside[j] and not fixed[j] and not walls[j] and j - k <= ATTACH_MAX:
            here = present[j][1].rstrip()
            number = _item_number(here)
            if number is not None and (number == 1 or (last is not None and number == last + 1)):
                introduced, last, gap, end = False, number, 0, j
            elif here.endswith(":") and len(tokens[j]) >= INTRO_MIN_WORDS:
                introduced, last, gap, end = True, None, 0, j
            elif introduced:
                if len(tokens[j]) <= 1 and (j + 1 >= n or len(tokens[j + 1]) <= 1):
                    break  # one-word lines in a row: a menu
                end = j
            elif gap < ITEM_GAP:
                gap += 1  # an item's own text, if another item follows
            else:
                break
            j += 1
        for m in range(k + 1, end + 1):
            if not fixed[m] and not walls[m]:
                inside[m] = True


def _item_number(line: str) -> int | None:
    """The number of a numbered list item ("3. Nama", "3) Nama"), or None."""
    m = NUMBER.match(line)
    return int(m.group(1)) if m else None


def _short_runs(cls: list[str], inside: list[bool]) -> set[int]:
    """Lines outside the body in runs of :data:`MIN_RUN` or more short or bad lines: menus."""
    out: set[int] = set()
    k, n = 0, len(cls)
    while k < n:
        end = k
        while end < n and not inside[end] and cls[end] in (SHORT, BAD):
            end += 1
        if end - k >= MIN_RUN:
            out.update(range(k, end))
        k = max(end, k + 1)
    return out


def judge_extracted(lines: Sequence[str | None]) -> Verdict:
    """The light judgement for text an extractor (trafilatura) already cut out of a page.

    The extractor has chosen the body, so line classes and spans would only second-guess it
    (and cost lists and table rows); what it leaves is chrome of the kinds that hold on any
    site: prompts, notices, dates, captions, read-also boxes, and whatever follows a wall
    (comments, related stories, the author box) once :data:`WALL_AFTER_SHARE` of the words are
    behind.

    >>> judge_extracted(["Isi berita yang panjang sekali di sini.", "Komentar", "Bagus!"])
    Verdict(removals=((1, 'generic.prompt'), (2, 'generic.after-article')), flags=(), language=None)
    """
    present = [(i, line) for i, line in enumerate(lines) if line and line.strip()]
    keys = [line_key(line) for _, line in present]
    tokens = [key.split(" ") if key else [] for key in keys]  # the folded words
    total = sum(len(ts) for ts in tokens)
    language = stop_language([t for ts in tokens for t in ts])
    stops = _stoplist(language) if language else frozenset()
    cls = [_classify(line, ts, stops) for (_, line), ts in zip(present, tokens, strict=True)]
    shaped: dict[int, str] = {}  # chrome known by its shape among its neighbours
    for k in _teasers(present, tokens, cls):
        shaped[k] = "generic.teasers"
    for k in _author_boxes(present, tokens):
        shaped[k] = "generic.author"
    for k in _reader_sections(present, tokens):
        shaped[k] = "generic.comments"
    removals: list[tuple[int, str]] = []
    behind = 0
    cut = False
    for k, ((i, line), ts) in enumerate(zip(present, tokens, strict=True)):
        if not cut and behind >= WALL_AFTER_SHARE * total and len(ts) <= PROMPT_MAX_WORDS:
            cut = WALL.match(line) is not None
            if cut:
                removals.append((i, "generic.prompt"))
                continue
        if cut:
            removals.append((i, "generic.after-article"))
            continue
        reason = shaped.get(k) or _chrome(line, ts, 1, NEAR)
        if not reason and k + 1 < len(present) and READ_ALSO.match(line):
            if not _sentence(present[k + 1][1]):
                reason = "generic.read-also"
        elif not reason and k and READ_ALSO.match(present[k - 1][1]) and not _sentence(line):
            reason = "generic.read-also"
        if reason:
            removals.append((i, reason))
        else:
            behind += len(ts)
    gone = {i for i, _ in removals}
    kept = sum(len(ts) for (i, _), ts in zip(present, tokens, strict=True) if i not in gone)
    if total and kept < MIN_KEPT_SHARE * total:
        return Verdict((), (FLAG_KEPT_ALL,))
    return Verdict(tuple(removals))


def decide(lines: Sequence[str | None]) -> tuple[tuple[tuple[int, str], ...], tuple[str, ...]]:
    """:func:`judge` as the strip stage calls it: the removals and the flags."""
    v = judge(lines)
    return v.removals, v.flags


def decide_extracted(
    lines: Sequence[str | None],
) -> tuple[tuple[tuple[int, str], ...], tuple[str, ...]]:
    """:func:`judge_extracted` as the strip stage calls it."""
    v = judge_extracted(lines)
    return v.removals, v.flags
