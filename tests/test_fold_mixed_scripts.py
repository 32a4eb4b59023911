"""Text past ASCII is folded word by word: Latin look-alikes typed in another script are read as the Latin
letters, full-width letters as plain ones, invisible and direction characters dropped, a line separator read as a
space, and the plain ASCII around them left as it was, however long the text."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind
from bot.core.text import fold_ascii

DECODER = Card(
    deck="t", id="decoder", question="Which half of a seq2seq model writes the output?", answer="decoder",
    accept=("decoder",),
)


def test_look_alikes_full_width_and_invisible_characters_fold_to_plain_words() -> None:
    # Cyrillic "е" and "о" inside Latin words, a zero-width space, full-width letters, a line separator, a
    # right-to-left override
    typed = "Th\u0435 d\u0435c\u043ed\u0435r\u200b, na\u00efve \uff32\uff45\uff4c\uff55\u2028\u03bb-smoothing \u202eok"
    assert fold_ascii(typed) == "the decoder, naive relu l-smoothing ok"


def test_a_word_of_another_script_alone_is_transliterated_not_taken_for_latin() -> None:
    assert fold_ascii("\u0441\u0435\u0442\u044c and net") == "set' and net"


def test_an_answer_typed_with_look_alikes_is_graded_as_its_latin_letters_inside_a_long_text() -> None:
    spelt = "th\u0435 d\u0435c\u043ed\u0435r"
    assert grade_card(DECODER, spelt).kind is VerdictKind.CORRECT
    assert grade_card(DECODER, "th\u0435 \u0435nc\u043ed\u0435r").kind is VerdictKind.WRONG  # (still not "encoder")
    long = "caf\u00e9 cr\u00e8me " * 200 + spelt
    assert len(long) > 2000
    assert grade_card(DECODER, long).kind is VerdictKind.CORRECT
