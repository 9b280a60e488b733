"""A whitespace word tokenizer for datatrove's MinHash (its fastest honest setting).

datatrove's own ``WhitespaceTokenizer`` calls spaCy's multilingual tokenizer; this one splits on
white space, which is what a word 5-gram MinHash over news text needs. A module of its own so
datatrove's worker processes can unpickle it. Runs in ``bench/.venv-datatrove`` only.
"""

from datatrove.utils.word_tokenizers import WordTokenizer


class SplitTokenizer(WordTokenizer):
    """Words are the text's white-space separated pieces."""

    def word_tokenize(self, text: str) -> list[str]:
        return text.split()

    def sent_tokenize(self, text: str) -> list[str]:
        return [line for line in text.splitlines() if line.strip()]

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        spans, start = [], 0
        for line in text.splitlines(keepends=True):
            if line.strip():
                spans.append((start, start + len(line.rstrip())))
            start += len(line)
        return spans
