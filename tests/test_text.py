from hypothesis import given
from hypothesis import strategies as st

from clean.text import line_key, words
from tests import strategies as gen


@given(st.one_of(gen.texts, st.text(alphabet="İıΣσςßẞǅKſ ﬁ-'’.aA1", max_size=20)))
def test_line_key_folds_each_word(line):
    expected = " ".join(w.casefold() for w in words(line))
    assert line_key(line) == expected
    assert (line_key(line).split(" ") if line_key(line) else []) == [
        w.casefold() for w in words(line)
    ]
