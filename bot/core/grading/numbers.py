"""Numbers in any form to one canonical token: "fifty thousand" == "50k" == "50,000"; "seven times" == "7x"."""

from __future__ import annotations

import logging
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Final

log = logging.getLogger(__name__)

_ONES: Final = {
    w: i
    for i, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
        sixteen seventeen eighteen nineteen""".split()
    )
}
#: The spelled form of a number up to ten by its digits ("1": "one"), for a number word run into a name
#: ("onehot" for "one-hot", "alpha zero" for "AlphaZero").
SPELLED_SMALL: Final[dict[str, str]] = {str(i): w for w, i in _ONES.items() if i <= 10}
_TENS: Final = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES: Final = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
#: Scales written after a number ("175 bn", "30 k").
_AFTER_SCALES: Final = {
    **_SCALES,
    **{w + "s": v for w, v in _SCALES.items()},  # "175 billions"
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "mil": 1_000_000,
    "mln": 1_000_000,
    "k": 1_000,
    "dozen": 12,
}
_ORDINALS: Final = {
    w: i
    for i, w in enumerate(
        """zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split()
    )
}
_ORDINAL_RE: Final = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
#: Roman numerals from 2 ("Llama II", "GPT-IV"); one letter ("i", "v", "x") is too often a word.
_ROMAN: Final = {
    w: i
    for i, w in enumerate(
        "_ _ ii iii iv _ vi vii viii ix _ xi xii xiii xiv xv xvi xvii xviii xix xx".split()
    )
    if w != "_"
}
#: A Roman numeral in its usual (strict) form: "mcmxii" is 1912, "mcmxi" 1911; "mmcd", "iiii" are not numerals.
_ROMAN_RE: Final = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_DIGITS: Final = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}
_ROMAN_LETTERS: Final = frozenset(_ROMAN_DIGITS)
#: Numerals beyond ``_ROMAN`` of four letters or more ("mcmxii", "xlii"), or of three that start with "x"
#: ("xxv", "xli"): most shorter ones are also words and acronyms ("mix", "cd", "cli", "mdl", "div"), read as
#: numbers nowhere. These of the longer ones are words or placeholders too.
_ROMAN_WORDS: Final = frozenset({"xxx"})


def roman_value(word: str) -> int | None:
    """The number a Roman numeral names ("ii" is 2, "mcmxii" 1912), where it is read as one (``_ROMAN``,
    and the longer numerals ``_ROMAN_WORDS`` does not name); else None."""
    small = _ROMAN.get(word)
    if small is not None:
        return small
    n = len(word)
    if n < 3 or (n == 3 and word[0] != "x") or word in _ROMAN_WORDS or not _ROMAN_LETTERS.issuperset(word):
        return None
    if _ROMAN_RE.fullmatch(word) is None:
        return None
    total = 0
    for k, ch in enumerate(word):
        value = _ROMAN_DIGITS[ch]
        total += -value if k + 1 < n and _ROMAN_DIGITS[word[k + 1]] > value else value
    return total


#: Fractions: "one quarter", "nine tenths", "a third", "one thousandth".
_DENOMINATORS: Final = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
}
_DIGIT_WORDS: Final = {**_ONES, "oh": 0}
#: "once" == "1x", "twice" == "2x" ("one time", "two times").
#: The smallest number a scale of one letter multiplies ("0.001b" is a million; "0.000001 m" is in metres).
_SMALLEST_SCALED: Final = 0.001
_MULTIPLES: Final = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "triple": 3, "quadruple": 4}
#: Words after "once", "double" or "triple" that keep it a count ("once the model is trained" is a time,
#: "double precision" a name). "twice" and "thrice" are a count before any word ("twice the highest frequency").
_AFTER_MULTIPLE: Final = frozenset(
    {"per", "every", "each", "a", "an", "more", "again", "or", "and", "only", "over", "through", "as"}
)
_ALWAYS_MULTIPLE: Final = frozenset({"twice", "thrice"})
#: Decades said in words or two digits: "the fifties" == "the '50s" == "the 1950s".
_DECADES: Final = {w + "ies": f"19{i}0s" for w, i in (
    ("twent", 2), ("thirt", 3), ("fort", 4), ("fift", 5), ("sixt", 6), ("sevent", 7), ("eight", 8), ("ninet", 9)
)}
_DECADE_RE: Final = re.compile(r"^([2-9])0s$")
#: Words that may start a number although they begin like a plain word.
_NUMBER_STARTS: Final = frozenset(_ROMAN) | {"a", "an", "dozen", "half"} | frozenset(_MULTIPLES) | frozenset(_DECADES)
#: Ordinal words stay words (a typo of "second" is still a typo) and stem to their number: "second" == "2nd".
ORDINAL_STEMS: Final = {w: str(i) for w, i in _ORDINALS.items()}
_SUFFIX_SCALES: Final = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "t": 10**12}
#: Units a number may be given in with an SI prefix: the unit -> (power of ten of its prefix, the unit
#: without it). "44.1 kHz", "44.1 kilohertz" and "44,100 Hz" are one number of hertz. Bytes are left out
#: (a kilobyte is 1,000 or 1,024 of them), as are "m" (after a number it is "million"), "mW" (milli or
#: mega once folded), and "g" and "w" alone ("5G" is a network, "W" a matrix of weights).
_UNITS: Final = {
    **{w: (0, "hertz") for w in ("hz", "hertz")},
    **{w: (3, "hertz") for w in ("khz", "kilohertz")},
    **{w: (6, "hertz") for w in ("mhz", "megahertz")},
    **{w: (9, "hertz") for w in ("ghz", "gigahertz")},
    **{w: (12, "hertz") for w in ("thz", "terahertz")},
    **{w: (0, "watt") for w in ("watt", "watts")},
    **{w: (3, "watt") for w in ("kw", "kilowatt", "kilowatts")},
    **{w: (6, "watt") for w in ("megawatt", "megawatts")},
    **{w: (9, "watt") for w in ("gw", "gigawatt", "gigawatts")},
    **{w: (0, "metre") for w in ("metre", "metres", "meter", "meters")},
    **{w: (3, "metre") for w in ("km", "kilometre", "kilometres", "kilometer", "kilometers")},
    **{w: (-2, "metre") for w in ("cm", "centimetre", "centimetres", "centimeter", "centimeters")},
    **{w: (-3, "metre") for w in ("mm", "millimetre", "millimetres", "millimeter", "millimeters")},
    # ("um" is how "μm" is typed without the sign, and how ``normalise`` folds it)
    **{w: (-6, "metre") for w in ("um", "micrometre", "micrometres", "micrometer", "micrometers", "micron", "microns")},
    **{w: (0, "gram") for w in ("gram", "grams", "gramme", "grammes")},
    **{w: (3, "gram") for w in ("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes")},
    **{w: (-3, "gram") for w in ("mg", "milligram", "milligrams", "milligramme", "milligrammes")},
    **{w: (-6, "gram") for w in ("ug", "mcg", "microgram", "micrograms", "microgramme", "microgrammes")},
}
#: What a hertz counts a second: "44,100 samples per second" is 44,100 Hz.
_CYCLES: Final = frozenset({"samples", "cycles"})
#: The unit of ``_UNITS`` a number token is given in ("44.1khz", "44100hz", "5000metre"), from its unit
#: without prefix and the power of ten of the prefix. (Not "m" for metres: "5m" is five million.)
_SYMBOLS: Final = {
    ("hertz", 0): "hz", ("hertz", 3): "khz", ("hertz", 6): "mhz", ("hertz", 9): "ghz", ("hertz", 12): "thz",
    ("watt", 0): "w", ("watt", 3): "kw", ("watt", 6): "mw", ("watt", 9): "gw",
    ("metre", 0): "metre", ("metre", 3): "km", ("metre", -2): "cm", ("metre", -3): "mm", ("metre", -6): "um",
    ("gram", 0): "g", ("gram", 3): "kg", ("gram", -3): "mg", ("gram", -6): "ug",
}
_SYMBOL_UNITS: Final = {symbol: (power, base) for (base, power), symbol in _SYMBOLS.items()}
#: A number token given in a unit of ``_SYMBOLS``: "44.1khz" is 44.1 kHz. A bare number matches either of its
#: values: "44100" or "44.1" for "44.1 kHz".
_UNIT_NUMBER_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")
_PERCENT_WORDS: Final = frozenset({"percent", "pct", "percentage"})
_TIMES_WORDS: Final = frozenset({"times", "x", "fold"})
#: A binary number with its mark: "0b1010", "1010b".
_BINARY_RE: Final = re.compile(r"^(?:0b([01]+)|([01]{2,})b)$")
#: Digits said one by one: single digits, "oh" for zero.
_SPOKEN_DIGITS: Final = {w: v for w, v in _DIGIT_WORDS.items() if v < 10}
#: At least this many digits said one by one make one number ("4 0 4").
_SPELT_DIGITS: Final = 3
_NUM_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|b|bn|t|x|%|pct)?$")
_XNUM_RE: Final = re.compile(r"^x(\d+(?:\.\d+)?)$")
#: First letters of words that are never a number ("x7" starts with x, "50k" with a digit).
_PLAIN_START: Final = frozenset("abcdefghijklmnopqrstuvwyz")


#: Number words, and the scales and units said with them, that a slip of the keyboard may misspell
#: ("ninty", "thosand", "kiloherz"), each with what it says: its number, or the word itself for a scale or a
#: unit. Words of four letters or less are left out: one slip in "four" or "nine" too often spells another
#: word ("for", "none").
SLIPPABLE: Final[dict[str, str]] = {
    **{w: str(v) for w, v in _ONES.items() if len(w) >= 5},
    **{w: str(v) for w, v in _TENS.items()},
    **{w: str(v) for w, v in _ORDINALS.items() if len(w) >= 5},
    **{w: w for w in (*_SCALES, "hundred", *_PERCENT_WORDS) if len(w) >= 5},
    # (units with a prefix only: "kilohertz", not "grams", of which "grads" and "n-gramm" are slips)
    **{w: f"{power} {base}" for w, (power, base) in _UNITS.items() if len(w) >= 5 and power},
}
#: Every word a number form reads ("five", "fifths", "twice", "dozen", "kilohertz"): never a slip of another.
NUMBER_WORDS: Final = frozenset(
    {*_ONES, *_TENS, *_ORDINALS, *_DENOMINATORS, *_MULTIPLES, *_AFTER_SCALES, *_DECADES, *_UNITS, *_PERCENT_WORDS}
    | {*_TIMES_WORDS, "hundred", "dozen", "oh", "point"}
)
#: The ordinal words of ``SLIPPABLE`` ("eighth"): a slip ending in "th" is read as one of them ("nineth" is
#: "ninth", not "ninety").
SLIPPABLE_ORDINALS: Final = frozenset(w for w in _ORDINALS if w in SLIPPABLE)


def _fmt_number(value: float) -> str:
    value = float(f"{value:.12g}")  # 1.2 * 1e6 is 1200000.0000000002
    if value >= 1e18:
        return format(Decimal(f"{value:.12g}"), "f")  # 6.02e23 is 602 and 21 zeros, not 601999999999999995805696
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _number_words(words: list[str], i: int) -> tuple[float, int] | None:
    """Parse number words starting at words[i] ("fifty thousand") -> (value, tokens used)."""
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(words):
        w = words[j]
        if total == 0 and 10 <= current < 100 and (w in _TENS or (w in _ONES and _ONES[w] >= 10)):
            # A year read in pairs ("nineteen eighty-nine", "twelve fifteen"): the first pair is hundreds.
            rest = _number_words(words, j)
            if rest and rest[0] < 100:
                return current * 100 + rest[0], j - i + rest[1]
            break
        if w in _ONES:
            if current % 10 and _ONES[w] < 10:
                break  # "four four" is two numbers
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred" and seen:
            current *= 100
        elif w in _SCALES and seen:
            total += current * _SCALES[w]
            current = 0.0
        elif w == "and" and seen and j + 1 < len(words) and (words[j + 1] in _ONES or words[j + 1] in _TENS):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j - i


#: Words that may start a number although their first letter is one of ``_PLAIN_START``.
_WORD_STARTS: Final = frozenset(_ONES) | frozenset(_TENS) | _NUMBER_STARTS


def plain_words(words: list[str]) -> bool:
    """Whether none of ``words`` can start a number: ``numberise`` would give them back as they are."""
    for w in words:
        if w[0] not in _PLAIN_START or w in _WORD_STARTS or w.endswith("fold") or _maybe_roman(w):
            return False
    return True


def _maybe_roman(w: str) -> bool:
    """Whether ``w`` may be a Roman numeral of ``roman_value`` past the small ones of ``_ROMAN`` (a word's
    first letter is one of ``_PLAIN_START``)."""
    return len(w) >= 4 and w[0] in "mdcl" and _ROMAN_LETTERS.issuperset(w) and roman_value(w) is not None


def plain_raw(raw: list[str]) -> bool:
    """``plain_words`` of the words of ``raw`` (tokens that start with a letter or a digit; marks are left
    out), without building their list."""
    for w in raw:
        first = w[0]
        if first in _PLAIN_START:
            if w in _WORD_STARTS or w.endswith("fold") or _maybe_roman(w):
                return False
        elif first.isalnum():
            return False
    return True


def numberise(words: list[str]) -> list[tuple[str, bool]]:
    """Canonical numbers: "50k", "fifty thousand", "50 thousand" -> "50000"; "7x", "x7", "seven times"
    -> "7x"; "15%", "15 percent" -> "15%". Returns (token, is_number)."""
    out: list[tuple[str, bool]] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if (
            w[0] in _PLAIN_START
            and w not in _ONES
            and w not in _TENS
            and w not in _NUMBER_STARTS
            and not w.endswith("fold")
            and not _maybe_roman(w)
        ):
            out.append((w, False))  # a plain word: none of the number forms below can start with it
            i += 1
            continue
        value: float | None = None
        unit = ""
        used = 1
        if (m := _BINARY_RE.match(w)) is not None:
            out.append((m.group(1) or m.group(2), True))  # "0b1010", "1010b": the binary number 1010
            i += 1
            continue
        k = i
        while k < n and (len(words[k]) == 1 and words[k].isdigit() or words[k] in _SPOKEN_DIGITS):
            k += 1
        if k - i >= _SPELT_DIGITS and (any(words[x] == "oh" for x in range(i, k)) or all(words[x].isdigit() for x in range(i, k))):
            # Digits said or typed one by one ("four oh four", "4 0 4", "1 0 1 0")
            out.append(("".join(str(_SPOKEN_DIGITS.get(words[x], words[x])) for x in range(i, k)), True))
            i = k
            continue
        if w in _DECADES or _DECADE_RE.match(w):
            out.append((_DECADES.get(w) or f"19{w}", False))  # a decade is a name, not a quantity
            i += 1
            continue
        nxt = words[i + 1] if i + 1 < n else ""
        if w in _MULTIPLES:
            # "once per epoch", not "once the model is trained"
            counted = not nxt or nxt in _AFTER_MULTIPLE or w in _ALWAYS_MULTIPLE
            out.append((f"{_MULTIPLES[w]}x", True) if counted else (w, False))
            i += 1
            continue
        if w == "half":
            after = words[i + 2] if i + 2 < n else ""
            if nxt in ("a", "an") and after in _SCALES:
                out.append((_fmt_number(_SCALES[after] / 2), True))  # "half a million"
                i += 3
            elif not nxt or nxt == "of":
                out.append(("0.5", True))  # "half" alone, not "half precision"
                i += 1
            else:
                out.append((w, False))
                i += 1
            continue
        if w in ("a", "an"):
            nxt = words[i + 1] if i + 1 < n else ""
            if nxt in _SCALES or nxt == "hundred":
                out.append((_fmt_number(_SCALES.get(nxt, 100)), True))  # "a million", "a hundred"
                i += 2
            elif nxt in _DENOMINATORS:
                out.append((_fmt_number(1 / _DENOMINATORS[nxt]), True))  # "a quarter"
                i += 2
            elif nxt == "dozen":
                out.append(("12", True))
                i += 2
            else:
                out.append((w, False))
                i += 1
            continue
        grouped = False
        while (
            w.isdigit()
            and (len(w) <= 3 or grouped)
            and i + 1 < n
            and len(words[i + 1].rstrip("%")) == 3
            and words[i + 1].rstrip("%").isdigit()
        ):
            w = w + words[i + 1]  # "50 000", "175 000 000 000"
            grouped = True
            i += 1
        m = _NUM_RE.match(w)
        if m:
            value = float(m.group(1))
            suffix = m.group(2) or ""
            if suffix in _SUFFIX_SCALES:
                value *= _SUFFIX_SCALES[suffix]
            elif suffix == "x":
                unit = "x"
            elif suffix in ("%", "pct"):
                unit = "%"
        elif (m := _XNUM_RE.match(w)) is not None:
            value, unit = float(m.group(1)), "x"
        elif w.endswith("fold") and w[:-4] in _ONES:
            value, unit = float(_ONES[w[:-4]]), "x"
        elif w in _TENS and nxt in _ORDINALS and 0 < _ORDINALS[nxt] < 10:
            value, used = float(_TENS[w] + _ORDINALS[nxt]), 2  # "twenty-first" is the 21st
        elif w in _ONES or w in _TENS:
            parsed = _number_words(words, i)
            if parsed:
                value, used = parsed
        elif (roman := roman_value(w)) is not None:
            value = float(roman)  # "xii", "mcmxii"
        elif w == "dozen":
            value = 12.0
        elif (m := _ORDINAL_RE.match(w)) is not None:
            value = float(m.group(1))
        if value is None:
            out.append((w, False))
            i += 1
            continue
        j = i + used
        if not unit and j + 1 < n and words[j] == "point" and (words[j + 1].isdigit() or words[j + 1] in _DIGIT_WORDS):
            # "3 point 5", "three point five"
            digits = ""
            k = j + 1
            while k < n and (words[k].isdigit() or words[k] in _DIGIT_WORDS):
                digits += words[k] if words[k].isdigit() else str(_DIGIT_WORDS[words[k]])
                k += 1
            value = float(f"{_fmt_number(value)}.{digits}") if value == int(value) else value
            j = k
        if not unit and j + 2 < n and words[j] == "and" and words[j + 1] in ("a", "an") and words[j + 2] == "half":
            value, j = value + 0.5, j + 3  # "one and a half"
        if not unit and j + 2 < n and words[j] == "to" and words[j + 1] == "the":
            # "ten to the power of three", "two to the tenth"
            k = j + 4 if words[j + 2 : j + 4] == ["power", "of"] else j + 2
            exponent = _plain_number(words[k]) if k < n else None
            if exponent is None and k < n:
                exponent = float(_ORDINALS[words[k]]) if words[k] in _ORDINALS else None
                if exponent is None and (m := _ORDINAL_RE.match(words[k])) is not None:
                    exponent = float(m.group(1))
            if exponent is not None and exponent <= 30:
                value, j = value**exponent, k + 1
        if not unit and j < n:
            nxt = words[j]
            if nxt == "time" and value == 1:
                unit, j = "x", j + 1  # "one time" == "once"
            if unit:
                pass
            elif nxt in _DENOMINATORS:
                value /= _DENOMINATORS[nxt]
                j += 1
                nxt = words[j] if j < n else ""
            while nxt in _AFTER_SCALES and (len(nxt) > 1 or value >= _SMALLEST_SCALED):
                value *= _AFTER_SCALES[nxt]  # "175 billion", "175 thousand million"
                j += 1
                nxt = words[j] if j < n else ""
            if nxt == "over" and not unit and j + 1 < n:
                below = _plain_number(words[j + 1])
                if below:
                    value, j = value / below, j + 2  # "one over ten"
                    nxt = words[j] if j < n else ""
            if nxt in ("in", "out") and not unit:
                # "1 in 4", "15 out of 100": a share
                at = j + 1 if nxt == "in" else j + 2
                if nxt == "in" or (at - 1 < n and words[at - 1] == "of"):
                    below = _plain_number(words[at]) if at < n else None
                    if below is not None and below > value > 0:
                        value, j = value / below, at + 1
                        nxt = words[j] if j < n else ""
            per_second = nxt in _CYCLES and words[j + 1 : j + 3] == ["per", "second"]
            if nxt in _UNITS or per_second:
                power, base = _UNITS[nxt] if not per_second else (0, "hertz")
                out.append((_plain_decimal(value) + _SYMBOLS[base, power], True))  # "44.1khz", then "hertz"
                out.append((base, False))
                i = j + (3 if per_second else 1)
                continue
            if nxt in _PERCENT_WORDS:
                unit, j = "%", j + 1
            elif nxt == "per" and j + 1 < n and words[j + 1] == "cent":
                unit, j = "%", j + 2
            elif nxt in _TIMES_WORDS:
                unit, j = "x", j + 1
        out.append((_fmt_number(value) + unit, True))
        i = j
    return out


def _plain_decimal(value: float) -> str:
    """``value`` in digits, never in exponent form ("0.00001", not "1e-05")."""
    text = format(Decimal(f"{value:.12g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _in_unit(token: str) -> tuple[float, float, str] | None:
    """(value, value in the unit as written, unit without prefix) of a number token given in a unit of
    ``_SYMBOLS`` ("44.1khz" is (44100, 44.1, "hertz")), else None."""
    m = _UNIT_NUMBER_RE.match(token)
    if m is None:
        return None
    unit = _SYMBOL_UNITS.get(m.group(2))
    if unit is None:
        return None
    written = float(m.group(1))
    return written * 10.0 ** unit[0], written, unit[1]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def _plain_number(word: str) -> float | None:
    """A word that is a whole number by itself ("4", "four", "hundred"), else None."""
    if word.isdigit():
        return float(word)
    if word in _ONES:
        return float(_ONES[word])
    if word in _TENS:
        return float(_TENS[word])
    return 100.0 if word == "hundred" else None


def _significant(token: str) -> tuple[float, int, int] | None:
    """(value, significant digits, exponent of the last one) of a plain canonical number, else None:
    "1300000" is (1300000, 2, 5), "1.28" is (1.28, 3, -2)."""
    try:
        value = float(token)
    except ValueError:
        return None
    if value <= 0:
        return None
    if "." in token:
        whole, frac = token.split(".")
        digits = (whole + frac).lstrip("0")
        return value, len(digits), -len(frac)
    stripped = token.rstrip("0")
    return value, len(stripped.lstrip("0")), len(token) - len(stripped)


#: A number with this many significant digits is a fraction that never ends ("1/3" is 0.333333): any
#: rounding of it is the same number.
_ENDLESS: Final = 6


def _share(token: str) -> str:
    """A percentage as the plain number it stands for ("33%" -> "0.33"), digits kept; others unchanged."""
    if not token.endswith("%"):
        return token
    try:
        return format(Decimal(token[:-1]) / 100, "f")
    except InvalidOperation:
        return token


#: The largest power of ten a float holds with room to spare (``rounded_same``).
_LARGEST_EXPONENT: Final = 300


def rounded_same(a: str, b: str, approx: bool = False) -> bool:
    """Two plain numbers where the rougher one (two significant digits at least) is the other rounded:
    "1.3 million" for "about 1.28 million" where the card is ``approx`` (it asks for a rough number),
    "0.33" for "1/3" anywhere."""
    if a.endswith("%") != b.endswith("%"):
        a, b = _share(a), _share(b)  # "33%" for "1/3"
    x, y = _significant(a), _significant(b)
    if x is None or y is None or x[2] == y[2]:
        return False
    coarse, fine = (x, y) if x[2] > y[2] else (y, x)
    if coarse[1] < 2 or not (approx or fine[1] >= _ENDLESS):
        return False
    if not (math.isfinite(coarse[0]) and math.isfinite(fine[0])) or abs(coarse[2]) > _LARGEST_EXPONENT:
        return False  # (a number of more than 300 digits: no float holds it, and it rounds to no answer)
    step = 10.0 ** coarse[2]
    return abs(round(fine[0] / step) * step - coarse[0]) < step * 1e-6


def same_number(a: str, b: str) -> bool:
    """Two canonical number tokens name the same number (a bare number matches it with a unit; a
    percentage matches its fraction: "15%" and "0.15")."""
    if a == b:
        return True
    united = _in_unit(a), _in_unit(b)
    if united[0] is not None or united[1] is not None:
        # "44,100 Hz" (44100hz) is "44.1 kHz" (44.1khz), not "44.1 Hz" (44.1hz); a bare number may be either
        # value of one: "44100" or "44.1" for "44.1 kHz".
        if united[0] is not None and united[1] is not None:
            return united[0][2] == united[1][2] and _close(united[0][0], united[1][0])
        value, written, _ = united[0] or united[1] or (0.0, 0.0, "")
        bare = b if united[0] is not None else a
        if not bare.replace(".", "", 1).isdigit():
            return False
        return _close(float(bare), value) or _close(float(bare), written)
    # A bare number matches the same number with a unit ("15" for "15%", "7" for "7x").
    if a.rstrip("x%") == b.rstrip("x%") and (a[-1:].isdigit() or b[-1:].isdigit()):
        return True
    if a[-1:] == "%" and b[-1:].isdigit():
        return _fraction(a, b)
    if b[-1:] == "%" and a[-1:].isdigit():
        return _fraction(b, a)
    return False


def _fraction(percent: str, bare: str) -> bool:
    try:
        return abs(float(percent[:-1]) / 100 - float(bare)) < 1e-9
    except ValueError:
        return False
