"""Chat-junk folding: a Discord message reduced to the lower-case ASCII text the grader tokenises."""

from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from decimal import Decimal
from typing import Final

from bot.core.grading.vocabulary import OTHER_AND_WORDS, OTHER_OR_WORDS
from bot.core.text import fold_ascii

log = logging.getLogger(__name__)

#: Work is capped so that a 4,000-character answer (or a Zalgo string) is graded quickly.
MAX_CHARS: Final = 8000
MAX_TOKENS: Final = 800

_DISCORD_RE: Final = re.compile(
    r"<a?:\w{1,64}:\d{5,25}>"  # custom emoji
    r"|<[@#][!&]?\d{5,25}>"  # user, role and channel mentions
    r"|</[\w -]{1,100}:\d{5,25}>"  # slash-command mentions
    r"|<t:-?\d{1,15}(?::[tTdDfFR])?>"  # timestamps
    r"|@(?:everyone|here)\b"
    r"|<?https?://\S+>?"
    r"|:[a-z0-9_+-]{1,40}:",  # :shortcode: emoji
    re.IGNORECASE,
)
#: Every match of ``_DISCORD_RE`` has one of these characters: without them there is nothing to strip.
_DISCORD_MARKS: Final = re.compile(r"[<@:]")
#: What every match of ``_DISCORD_RE`` begins with or holds: found faster than the matches, in a text that has a
#: colon or two of its own.
_DISCORD_HINT_RE: Final = re.compile(r"<|@(?:everyone|here)|://|:[a-z0-9_+-]{1,40}:", re.IGNORECASE)
_FENCE_RE: Final = re.compile(r"```(?:[A-Za-z0-9_+.-]{1,20}\n)?")
#: Words (numbers with separators and units, hyphenated compounds) and the marks that split items.
TOKEN_RE: Final = re.compile(
    r"[a-z0-9]+(?:[.,][0-9]+)*%?(?:-[a-z0-9]+(?:[.,][0-9]+)*%?)*"
    r"|[,;/&+|.!?:()\[\]{}\n-]"
)


_DIGIT_RE: Final = re.compile(r"\d")
#: Powers of ten and exponents: "1e-3", "1.75e11", "10^3", "2^10", "1 x 10^-3" (and "1 × 10⁻³" once folded); the
#: "10" a whole factor ("1920x1080", "4 x 100" are products, not 1920 × 10⁸⁰ and 4).
_POWER_RE: Final = re.compile(
    r"(?<![a-z0-9.])(\d+(?:\.\d+)?)(?:\s*[x*]\s*10(?!\d)\s*(?:\^|\*\*)?\s*|e)\+?(-?\d{1,2})(?![a-z0-9.])"
    r"|(?<![a-z0-9.])(\d{1,3})\s*(?:\^|\*\*)\s*(-?\d{1,2}|\d{3,5})(?![a-z0-9.])"
)
#: What every match of ``_POWER_RE`` holds: a digit, then "x", "*", "e" or "^" (found faster than the matches).
_POWER_HINT_RE: Final = re.compile(r"\d\s*[x*e^]")
#: What a product's factor may be: a letter (a variable, with a subscript or a power: "d_k", "n^2", "n²") or a
#: number.
_FACTOR: Final = (
    r"(?:[a-z](?:_\{?[a-z0-9]+\}?)?(?:\^\{?-?[a-z0-9]+\}?|[\u00b2\u00b3\u00b9\u2070-\u2079]+)?|\d+(?:\.\d+)?)"
)
#: What may not follow a factor: more of a word or a number, a power ("1 × 10⁻³", "2 x 10^5" are numbers).
_FACTOR_END: Final = r"(?![\w^'\u00b2\u00b3\u00b9\u2070-\u207f])"
#: A product written with its sign ("n × d", "n·d", "n ⋅ d", "H × W × C"): the sign between two factors, read as
#: "*" (a middle dot between two words is a bullet, a "×" between "d_k" and "d_v" no mark between two things).
_SIGNED_PRODUCT_RE: Final = re.compile(
    rf"(?<![\w^.'])({_FACTOR})\s*[\u00d7\u00b7\u22c5\u2219]\s*(?={_FACTOR}{_FACTOR_END})", re.IGNORECASE
)
_PRODUCT_SIGNS_RE: Final = re.compile("[\u00d7\u00b7\u22c5\u2219]")
#: A product typed on a keyboard: an "x" set apart between two factors ("n x d", "3 x 4", "h x w x c"), or
#: between two numbers ("3x3"); not in a word or a name ("x86", "xgboost"), nor in letters spelt one by one
#: ("a x b c": no factor is a letter beside another letter alone).
_TYPED_PRODUCT_RE: Final = re.compile(
    rf"(?<![\w^.'])(?<!\b\w )({_FACTOR}(?:[ \t]+x[ \t]+{_FACTOR})+){_FACTOR_END}(?![ \t]\w\b)"
    r"|(?<![\w^.'])([1-9]\d*(?:x\d+)+)(?![\w^'.])"
)
_TYPED_X_RE: Final = re.compile(r"[ \t]*x[ \t]*")
#: What every typed product holds: a cheap look before ``_TYPED_PRODUCT_RE`` (a long answer nearly always has an "x").
_TYPED_X_HINT_RE: Final = re.compile(r"[ \t]x[ \t]|\dx\d")


def _typed_product(m: re.Match[str]) -> str:
    return _TYPED_X_RE.sub(" * ", m.group())


#: A word or number raised to the power of a half: "d_k^0.5", "n ** (1/2)", "x^.5".
#: The power of a half alone, found from its operator (a word before it is looked for only where one is: the
#: pattern above tried at every letter of a long answer with markdown "**" in it took half a millisecond).
_HALF_RE: Final = re.compile(r"(?:\^|\*\*)\s*(?:\(\s*(?:0?\.5|1\s*/\s*2)\s*\)|0?\.5|1/2)(?![0-9])")
_HALF_POWER_RE: Final = re.compile(r"([a-z0-9_]+)\s*(?:\^|\*\*)\s*(?:\(\s*(?:0?\.5|1\s*/\s*2)\s*\)|0?\.5|1/2)(?![0-9])")
#: A fraction of small whole numbers: "1/4".
_FRACTION_RE: Final = re.compile(r"(?<![a-z0-9./])(\d{1,2}) ?/ ?(\d{1,3})(?![a-z0-9./])")
#: A whole number and a proper fraction after it: "3 1/2" is 3.5.
_MIXED_RE: Final = re.compile(r"(?<![a-z0-9./])(\d{1,3}) (\d)/(\d{1,2})(?![a-z0-9./])")
#: The one-character fractions ("½", "¾", "⅛"), with the whole number before them, if any ("3½", "3 ½").
#: The characters of a vulgar fraction: every match of ``_VULGAR_RE`` has one.
_VULGAR_CHAR_RE: Final = re.compile("[\u00bc-\u00be\u2150-\u215e\u2189]")
_VULGAR_RE: Final = re.compile("(?:(?<![0-9.])(\\d{1,6}) ?)?([\u00bc-\u00be\u2150-\u215e\u2189])")
#: A decimal without its leading zero: ".25".
_BARE_DECIMAL_RE: Final = re.compile(r"(?<![a-z0-9.])\.(\d)")
#: What every match of ``_BARE_DECIMAL_RE`` holds (found faster than the matches: a text has seldom any).
_BARE_DECIMAL_HINT_RE: Final = re.compile(r"\.\d")


def _power(m: re.Match[str]) -> str:
    """The number a power names, written out; one that names no finite number ("0^-1", a 400-digit
    mantissa) is left as typed."""
    try:
        if m.group(1) is not None:
            value = float(m.group(1)) * 10.0 ** int(m.group(2))
        else:
            value = float(m.group(3)) ** int(m.group(4))
    except ZeroDivisionError:
        return m.group(0)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        # (too large for any number: one word, so "2^5000" is not read as the 2 and 5000 it is written with)
        return " " + re.sub(r"\W+", "pow", m.group(0)) + " "
    return _decimal(value)


def _mixed(m: re.Match[str]) -> str:
    above, below = int(m.group(2)), int(m.group(3))
    if not 0 < above < below:
        return m.group(0)  # "3 4/2", "1 0/5": two numbers, not a whole and its fraction
    return _decimal(int(m.group(1)) + above / below)


def _vulgar(m: re.Match[str]) -> str:
    value = unicodedata.numeric(m.group(2))
    whole = m.group(1)
    # (Spaced from the letters around it: "½x" is 0.5 and x, as "0.5 x".)
    return " " + _decimal(int(whole) + value if whole else value) + " "


def _fraction(m: re.Match[str]) -> str:
    below = int(m.group(2))
    return _decimal(int(m.group(1)) / below) if below else m.group(0)


def _decimal(value: float) -> str:
    value = float(f"{value:.12g}")  # 1.1 * 10**8 is 110000000.00000001
    if value == int(value) and value < 1e18:
        return str(int(value))
    if value >= 1e18:
        return format(Decimal(f"{value:.12g}"), "f")  # 6.02e23 is 602 and 21 zeros, not 601999999999999995805696
    return f"{value:.12f}".rstrip("0")


#: Superscript exponents of ten: "10⁻³".
SUPERSCRIPTS: Final = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b", "0123456789-")
_SUPER_RE: Final = re.compile("[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]")
#: Subscript digits; after a number they say its base ("1010₂").
_SUB_RE: Final = re.compile("[\u2080-\u2089]")
_SUB_BASE_RE: Final = re.compile("(?<=[0-9])[\u2080-\u2089]+")
_SUPER_POWER_RE: Final = re.compile("(\\d{1,3})([\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)")
#: Arithmetic that ends in "=" before a number: the working of a result ("512/8 = 64", "2^10 = 1024").
_WORKING_RE: Final = re.compile(r"(?<![a-z0-9_])\d[\d\s.()/*x+^-]*=\s*(?=-?\d)")
#: A number, then in brackets the sum that makes it: its working ("64 (512 / 8)", "16 (2 x 8)").
#: (Found from its bracket, the number before it read by ``_paren_working``: a pattern that starts with the
#: number is tried at every digit of a long answer.)
_PAREN_WORKING_RE: Final = re.compile(
    r"\(\s*(\d+(?:\.\d+)?)\s*([/*x+-])\s*(\d+(?:\.\d+)?)\s*(?:=\s*(\d+(?:\.\d+)?)\s*)?\)"
)
_NUMBER_BEFORE_RE: Final = re.compile(r"(\d+(?:\.\d+)?)\s*$")


def _paren_working(m: re.Match[str]) -> str:
    """Nothing where the bracket is the sum that makes the number before it; else the bracket as it was."""
    before = _NUMBER_BEFORE_RE.search(m.string, max(0, m.start() - 40), m.start())
    if before is None or (m.group(4) is not None and float(m.group(4)) != float(before.group(1))):
        return m.group(0)
    a, op, b = float(m.group(1)), m.group(2), float(m.group(3))
    if op == "/":
        value = a / b if b else float("nan")
    elif op in "*x":
        value = a * b
    else:
        value = a + b if op == "+" else a - b
    return "" if abs(value - float(before.group(1))) < 1e-9 else m.group(0)


_SPACED_PERCENT_RE: Final = re.compile(r"(\d)\s+%")
#: An exponent in brackets: "10^(-3)".
_PAREN_EXPONENT_RE: Final = re.compile(r"\^\s*\(\s*(-?\d{1,2})\s*\)")


def _super_power(m: re.Match[str]) -> str:
    return m.group(1) + "^" + m.group(2).translate(SUPERSCRIPTS)


#: A conditional probability's bar: "P(y|x)".
_GIVEN_RE: Final = re.compile(r"\(\s*([a-z])\s*\|\s*([a-z])\s*\)", re.IGNORECASE)


#: "w/" for "with" and "w/o" for "without", as notes write them.
_WITH_RE: Final = re.compile(r"(?<![a-z0-9])w/(o\b)?(?![a-z0-9]*/)")


def _with(m: re.Match[str]) -> str:
    return " without " if m.group(1) else " with "


#: Functions a minus sign goes before in a formula ("-cos x", "-log p").
_FUNCTIONS: Final = (
    "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan",
    "log", "ln", "exp", "sqrt",
)
_FUNCTION_SET: Final = frozenset(_FUNCTIONS)
#: A minus sign before a number, at the start or after a space, a bracket or a mark ("-5", "(-1, 1)"; not the
#: dash of "GPT-4", "5-10" or "1e-3"), or before a formula's letter or function there or after "^" ("-cos x",
#: "- sin x", "e^-x", "e^{-x}"), or "negative" said before a number or a function: the word "minus", which a
#: number or formula without it does not say.
_MINUS_RE: Final = re.compile(r"-(?=\.?\d|[a-z({])")
#: A spaced dash that opens the text before a function with its variable: a sign ("- sin(x)").
_OPENING_MINUS_RE: Final = re.compile(r"- (?=(?:" + "|".join(_FUNCTIONS) + r")(?:\(|\s+[a-z]\b|$))")
_NEGATIVE_RE: Final = re.compile(
    r"\bnegative\s+(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|half)\b|(?:"
    + "|".join(_FUNCTIONS)
    + r")(?:\(|\s+[a-z]\b))"
)  # (a function with its variable: "negative log p", not "negative log-likelihood")
#: A dash that starts a line, the word after it and the rest of the line.
_BULLET_RE: Final = re.compile(r"(?m)^[ \t]*-(?!-)[ \t]*([a-z]+)([^\n]*)")


def _bullets(text: str) -> str:
    """``text`` without the dashes that start its lines before a word, where two lines start so or more
    ("-SGD\n-Adam", "-relu\n-tanh"): a list's, but a formula's sign ("-log p": a function with its variable)."""
    lines = list(_BULLET_RE.finditer(text))
    if len(lines) < 2:
        return text
    out: list[str] = []
    at = 0
    for m in lines:
        if _signed(m.group(1)) and m.group(2).strip():
            continue  # ("-log p", "-x + 1")
        out.append(text[at : m.start()])
        out.append("\n")
        at = m.start(1)
    out.append(text[at:])
    return "".join(out)
#: What may stand before a minus sign (or nothing: the text's start).
_BEFORE_SIGN: Final = frozenset(" \t\n([{=,:;~")


#: A star after a letter, before no letter or digit (nor another star; "7×" folds to "7*", a factor): the end
#: of a name ("A*", "Q*") or of markdown's italics ("*gradient descent*"), which ``_stars`` tells apart.
_STAR_RE: Final = re.compile(r"\*(?<=[a-z]\*)(?![a-z0-9*])")
#: A star that opens markdown's italics: at the start or after no letter or digit, before a letter. (Both
#: patterns start with the star: one that starts by looking behind is tried at every character.)
_OPENING_STAR_RE: Final = re.compile(r"\*(?<![a-z0-9*]\*)(?=[a-z0-9])")


def _stars(text: str) -> str:
    """``text`` with the star that ends a name run into it as "star" ("A*" is "astar", not the article "a"); a
    star that closes italics opened before it stays ("*gradient descent*")."""
    out: list[str] = []
    at = 0
    opened = False
    openings = [m.start() for m in _OPENING_STAR_RE.finditer(text)]
    k = 0
    for m in _STAR_RE.finditer(text):
        while k < len(openings) and openings[k] < m.start():
            opened = True
            k += 1
        if opened:
            opened = False  # it closes the italics
            continue
        out.append(text[at : m.start()])
        out.append("star")
        at = m.end()
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)


def _minus(m: re.Match[str]) -> str:
    """A dash before a number, as the word "minus" where it is a sign (found by a plain pattern and checked
    here: a look behind at every place of a 4,000-character answer took about 150 µs). Before letters it is a
    sign only before one letter or a function ("-x", "-cos x", "-sinx"); else it is a list's dash ("-SGD")."""
    at = m.start()
    text = m.string
    before = text[at - 1] if at else " "
    # (any white space, a carriage return or a form feed too, as a space: a response and the answer it is compared
    # with may have had different white space stripped around it)
    if before not in _BEFORE_SIGN and not before.isspace() and (before != "^" or text[at + 1].isdigit()):
        return "-"
    if text[at + 1].isalpha():
        word = _WORD_AFTER_RE.match(text, at + 1)
        if word is None or not _signed(word.group()):
            return "-"
    return " minus "


def _signed(word: str) -> bool:
    """Whether a minus sign before ``word`` is one: one or two letters ("-x", "-kx"), a function, or a function run
    into its variable ("sinx"); not a word of three letters or more ("-SGD": a list's dash)."""
    return (
        len(word) <= 2
        or word in _FUNCTION_SET
        or (word[:-1] in _FUNCTION_SET and word[-1] in _VARIABLES)
        or word in _SIGNED_WORDS
    )


#: Words a minus sign goes before as a number's ("-infinity", "-inf").
_SIGNED_WORDS: Final = frozenset({"inf", "infinity"})


#: Letters a function is run into as its variable ("sinx", "logp"; not "logs", "sine").
_VARIABLES: Final = frozenset("xyztnkpqabuvw")


#: The letters after a dash (``_signed`` reads them).
_WORD_AFTER_RE: Final = re.compile(r"[a-z]+")


#: A name's "++" ("C++", "k-means++"), or said in words: a word of its own, not punctuation.
_PLUSPLUS_RE: Final = re.compile(r"(?<=[a-z0-9]) ?\+\+(?![a-z0-9+])|\s+plus plus\b")


#: A name's sharp ("C#", "F#"): a word of its own, as said ("C sharp"), not punctuation ("C#" is not "C").
_SHARP_RE: Final = re.compile(r"(?<=\b[a-z])#(?![a-z0-9#])")


#: Greek letters typed for a formula's variables, read as their names (folded to ASCII they would be
#: Latin letters: "σ" is "s").
_GREEK_LETTERS: Final = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "gamma", "Δ": "delta", "Θ": "theta", "Λ": "lambda",
    "Ξ": "xi", "Π": "pi", "Σ": "sigma", "Φ": "phi", "Ψ": "psi", "Ω": "omega", "∑": "sigma",
}  # fmt: skip
#: Greek letters spelt out: variables of a formula as one letter is ("sigma^2 + mu^2").
GREEK_NAMES: Final = frozenset(_GREEK_LETTERS.values())
#: The functions a formula applies to a term ("sqrt(n)", "log p").
FUNCTIONS: Final = _FUNCTION_SET
#: One Greek letter alone (not a letter of a Greek word), and not the "μ" of a unit ("μs", "μm").
_GREEK_LETTER_RE: Final = re.compile(
    "(?<![\u0370-\u03ff])(?:[" + "".join(k for k in _GREEK_LETTERS if k != "μ") + "]|μ(?![A-Za-z]))(?![\u0370-\u03ff])"
)
#: The characters ``_GREEK_LETTER_RE`` reads (a text with none has no match: found faster than the matches).
_GREEK_CHAR_RE: Final = re.compile("[" + "".join(_GREEK_LETTERS) + "]")


#: The micro prefix of a unit ("μs", "μm", "μg"; the micro sign "µ" is the same letter once folded, NFKC): typed
#: without the sign it is "u" ("us", "um"). Folded as the Greek letter it would be "m", the prefix milli: "70 μm"
#: would read as "70 mm", a thousand times as long.
_MICRO_RE: Final = re.compile("(?<![\u0370-\u03ff])[\u03bc\u00b5](?=[A-Za-z])")


def _greek_letter(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    name = _GREEK_LETTERS[m.group(0)]
    before = " " if start and text[start - 1].isalnum() else ""
    after = " " if end < len(text) and text[end].isalpha() else ""
    return before + name + after


#: A variable, a number or a bracket squared or cubed ("x squared", "(n+1) cubed"): a power of it. "mean
#: squared error", "chi-squared" and "R-squared" say no power of a term.
_POWER_WORD_RE: Final = re.compile(r"(?<![\w-])([a-z]{1,2}|\d+(?:\.\d+)?|\))\s+(squared|cubed)\b")
#: Little words of two letters squared in a sentence ("it squared the circle"), no term of a formula; nor the "R"
#: of "R squared", a name of its own (the coefficient of determination).
_NO_TERM: Final = frozenset("r is it an of to as at be by in on or so up we us no do go if me my he am".split())


#: A term of a formula just before "r squared": "pi r squared", "2 r squared" are powers of "r".
_TERM_BEFORE_RE: Final = re.compile(r"(?:\bpi|\b\d+|\b[a-z])\s*$")


def _power_word(m: re.Match[str]) -> str:
    if m.group(1) in _NO_TERM and not (m.group(1) == "r" and _TERM_BEFORE_RE.search(m.string, 0, m.start())):
        return m.group(0)
    return m.group(1) + ("^2" if m.group(2) == "squared" else "^3")


#: Signs of logic and of limits read as their names: folded to ASCII, "∈", "∉" and "∃" are all "e" and "∀" is
#: "v", and "-∞" loses its sign ("inf", a word no minus goes before).
_SIGN_NAMES: Final = {
    "\u221e": "infinity", "\u2208": "in", "\u2209": "not in", "\u2203": "exists", "\u2204": "not exists",
    "\u2200": "for all",
}  # fmt: skip
_SIGN_NAME_RE: Final = re.compile("[" + "".join(_SIGN_NAMES) + "]")


def _sign_name(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    before = " " if start and text[start - 1].isalnum() else ""
    after = " " if end < len(text) and text[end].isalnum() else ""
    return before + _SIGN_NAMES[m.group(0)] + after


def greek_names(text: str) -> str:
    """``text`` with each Greek letter alone written as its name ("σ/√n" -> "sigma/√n"), as ``clean`` reads it."""
    return _GREEK_LETTER_RE.sub(_greek_letter, text) if not text.isascii() and _GREEK_CHAR_RE.search(text) else text


#: An amount of money written with its currency's sign before it (folded: "$", "eur", "gbp"), and the word
#: for its size after it ("$1 million", "US$2.5bn", "€5"); marks between the sign and the amount are
#: dropped ("£: 5" is "5 pounds" too), but a point or a plus.
_MONEY_RE: Final = re.compile(
    r"(?<![a-z0-9])(?:us|usd\s?)?(\$|eur|gbp)[^\w.+$]*(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|m|k)\b)?"
)
_CURRENCIES: Final = {"$": "dollars", "eur": "euros", "gbp": "pounds"}
_MONEY_SIZES: Final = {"bn": "billion", "m": "million", "k": "thousand"}


def _money(m: re.Match[str]) -> str:
    """An amount of money with its currency named after it as a word ("1 million dollars"), as it is said."""
    size = m.group(3) or ""
    size = _MONEY_SIZES.get(size, size)
    return f"{m.group(2)}{' ' + size if size else ''} {_CURRENCIES[m.group(1)]}"


#: Two Discord spans side by side ("||ReLU|| ||tanh||", "`ReLU` `tanh`"): the mark that closes one, then the
#: one that opens the next.
_SPANS_APART_RE: Final = re.compile(r"(\|\||`)\s+(\|\||`)")
#: A hashtag after another word ("#ReLU #tanh"): a second thing named.
_HASHTAGS_RE: Final = re.compile(r"(?<=\w)\s+#(?=[A-Za-z])")
#: An arrow between two words ("ReLU -> tanh", "ReLU → tanh").
_ARROW_RE: Final = re.compile(r"\s*(?:-+>|=+>|\u2192|\u21d2|\u27f6|\u2794|\u27a1\ufe0f?)\s*")
#: The arrows of ``_ARROW_RE`` past ASCII (one of them, or a ">", is in every match: found faster than the matches).
_ARROW_CHAR_RE: Final = re.compile("[\u2192\u21d2\u27f6\u2794\u27a1]")


#: A numbered list: its first item ("1. ReLU", "1) ReLU"), its second, and the number of each item.
_NUMBERED_RE: Final = re.compile(r"\s*1[.)]\s+\S")
_SECOND_RE: Final = re.compile(r"\s2[.)]\s+\S")
_ITEM_NUMBER_RE: Final = re.compile(r"(?:^|(?<=\s))\d{1,2}[.)]\s+")


#: Two emphasis spans side by side ("**ReLU** **tanh**", "__ReLU__ __tanh__", "*ReLU* *tanh*"): the mark that
#: closes one right after a word, then the one that opens the next right before one.
_EMPHASIS_APART_RE: Final = re.compile(r"(\*\*|__|\*|_)[ \t]+(\*\*|__|\*|_)(?=[^\W_])")


def _emphasis_apart(m: re.Match[str]) -> str:
    """A comma between two emphasis spans of ``_EMPHASIS_APART_RE``, where the first closes right after a word."""
    at = m.start()
    before = m.string[at - 1] if at else ""
    return f"{m.group(1)} , {m.group(2)}" if before.isalnum() else m.group()
#: What such spans need (a plain search, quick where the other one is not): marks on both sides of a space.
_MARKS_SIDE_RE: Final = re.compile(r"[*_][ \t]+[*_]")
#: An emoji's shortcode (":thinking:"): what an ASCII text needs for ``_marked_apart`` to find an emoji in it.
_SHORTCODE_RE: Final = re.compile(r":[A-Za-z0-9_+-]{1,40}:")
#: The characters a mark of ``_marked_apart`` may hold, by their blocks: symbols and signs of Latin-1, spacing
#: modifiers (not combining marks: they sit on letters, a thousand of them in a Zalgo text), the scripts of
#: ``_OTHER_SCRIPTS``, punctuation, arrows, signs of mathematics and other symbols, CJK, Hangul, private use,
#: presentation forms, variation selectors and emoji (a text with none of them, as one whose only other letters
#: are Greek or accented Latin, has no such mark).
_MARK_CHARS_RE: Final = re.compile(
    "[\u00a1-\u00bf\u00d7\u00f7\u02b0-\u02ff\u0400-\u04ff\u0590-\u08ff\u0900-\u097f\u0e00-\u0e7f"
    "\u1100-\u11ff\u2000-\u2bff\u2e00-\u2e7f\u3000-\u9fff\uac00-\ud7af\ue000-\uf8ff\uf900-\ufaff"
    "\ufb1d-\ufdff\ufe00-\ufe0f\ufe70-\ufeff\U0001f000-\U0001faff]"
)
#: A struck-out span ("~~sigmoid~~ ReLU"): what the player crossed out, which they do not say.
_STRUCK_RE: Final = re.compile(r"~~(?!~)(.+?)~~")
#: Characters of a symbol or an emoji (Unicode's symbols, and the joiners and selectors emoji are built of).
_SYMBOL_CATEGORIES: Final = frozenset({"So", "Sm", "Sk", "Mn", "Me", "Cf"})
#: Punctuation the tokeniser reads no more than a space, standing for a mark between words ("A • B", "A ‖ B").
_LONE_PUNCTUATION: Final = frozenset("\u2022\u00b7\u2016\u2981\u2219\u22c5\\")
#: ASCII symbols that, standing alone between two words of letters, set them apart ("ReLU = tanh", "A ~ B").
_ASCII_SYMBOLS: Final = frozenset("=~^")
_SIGNS_RE: Final = re.compile(r"[=~^]+")


def _lone_signs(text: str) -> list[int]:
    """Where ``text`` has a run of ASCII signs of ``_ASCII_SYMBOLS`` standing alone ("ReLU = tanh")."""
    n = len(text)
    return [
        m.start() for m in _SIGNS_RE.finditer(text)
        if (m.start() == 0 or text[m.start() - 1] in " \t") and (m.end() == n or text[m.end()] in " \t")
    ]
#: The scripts whose letters are no English word: a word in one between two Latin words is a mark between
#: two things ("ReLU или tanh", "ReLU 或 tanh").
_OTHER_SCRIPTS: Final = ("CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "ARABIC", "HEBREW", "DEVANAGARI", "HANGUL", "THAI")
#: A Discord emoji shortcode or custom emoji, or a keycap ("1\ufe0f\u20e3"), standing as a chunk of its own.
_EMOJI_CHUNK_RE: Final = re.compile(r"(?::[a-z0-9_+-]{1,40}:|<a?:\w{1,64}:\d{5,25}>|[0-9#*]\ufe0f?\u20e3)+", re.IGNORECASE)


#: Of those, the scripts none of whose letters looks like a Latin one: a run of them inside a Latin word parts
#: it ("ReLU或tanh"), where a Cyrillic letter inside one is a look-alike of a Latin letter ("tеmреrаturе").
_UNLIKE_SCRIPTS: Final = tuple(s for s in _OTHER_SCRIPTS if s != "CYRILLIC")


#: A run of letters of ``_UNLIKE_SCRIPTS`` (by their blocks) between two ASCII letters or digits.
_UNLIKE_RUN_RE: Final = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u0900-\u097f\u0e00-\u0e7f"
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff]+(?=[A-Za-z0-9])"
)


def _run_in(m: re.Match[str]) -> str:
    """A mark for a run of ``_UNLIKE_RUN_RE`` made of letters of those scripts, after an ASCII letter or digit;
    the run as it was otherwise."""
    at = m.start()
    before = m.string[at - 1] if at else ""
    if before.isascii() and before.isalnum() and all(_other_script(ch, _UNLIKE_SCRIPTS) for ch in m.group()):
        return " , "
    return m.group()


#: The characters an emoji chunk of ``_EMOJI_CHUNK_RE`` starts with (a shortcode, a custom emoji, a keycap).
_EMOJI_STARTS: Final = frozenset(":<0123456789#*")


def _other_script(ch: str, scripts: tuple[str, ...] = _OTHER_SCRIPTS) -> bool:
    """A letter of a script of ``scripts``."""
    if ch < "\u0370" or not ch.isalpha():
        return False
    return unicodedata.name(ch, "").startswith(scripts)


def _symbolic(chunk: str) -> bool:
    """A chunk of text (no spaces) made of symbols and emoji alone, or of another script's letters alone."""
    if chunk[0] in _EMOJI_STARTS and _EMOJI_CHUNK_RE.fullmatch(chunk):
        return True
    if chunk.isascii():
        return len(chunk) == 1 and chunk in _ASCII_SYMBOLS
    if all(_other_script(ch) for ch in chunk):
        return True
    return all(
        unicodedata.category(ch) in _SYMBOL_CATEGORIES or ch in _LONE_PUNCTUATION or ch in _ASCII_SYMBOLS
        for ch in chunk
    ) and any(unicodedata.category(ch).startswith("S") or ch in _LONE_PUNCTUATION for ch in chunk)


def _pictograph(chunk: str) -> bool:
    """An emoji, a label or a bullet ("\U0001f19a", "\u2705", ":thinking:", "1\ufe0f\u20e3", "\u2022"), not a
    sign of mathematics or another script's word: it stands between any two things, numbers too."""
    if chunk[0] in _EMOJI_STARTS and _EMOJI_CHUNK_RE.fullmatch(chunk):
        return True
    return not chunk.isascii() and not any(_other_script(ch) for ch in chunk) and all(
        unicodedata.category(ch) in ("So", "Mn", "Me", "Cf") or ch in "\u2022\u00b7" for ch in chunk
    ) and any(unicodedata.category(ch) == "So" or ch in "\u2022\u00b7" for ch in chunk)


def _worded(chunk: str) -> bool:
    """A chunk with a Latin letter or a digit in it (a word of the answer's)."""
    return any(ch.isascii() and ch.isalnum() for ch in chunk) or any(
        ch.isalpha() and not _other_script(ch) and unicodedata.category(ch) not in _SYMBOL_CATEGORIES for ch in chunk
    ) and not (chunk[0] in _EMOJI_STARTS and _EMOJI_CHUNK_RE.fullmatch(chunk))


def _marked_apart(text: str) -> str:
    """``text`` with a mark (",") for the symbols, emoji and words of another script that stand between two of
    its words ("ReLU 🆚 tanh", "1\ufe0f\u20e3 ReLU 2\ufe0f\u20e3 tanh", "ReLU = tanh", "ReLU или tanh", "ReLU或tanh"):
    they part two things, where folding would drop them and run the two together. Symbols at either end
    ("ReLU \u2705") stay as they were."""
    if not text.isascii():
        text = _UNLIKE_RUN_RE.sub(_run_in, text)  # another script's word run into Latin ones ("ReLU或tanh")
    # (only the chunks that hold a character a mark is made of are read, each with the words beside it: a long
    # text is not split whole)
    spans = _mark_chunks(text)
    if not spans:
        return text
    n = len(text)
    out: list[str] = []
    done = 0
    for lo, hi in spans:
        chunk = text[lo:hi]
        i = lo - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        j = hi
        while j < n and text[j] in " \t":
            j += 1
        first, last = i < 0, j >= n
        if first and last:
            return text  # (one word: no two things to part)
        mark = ""
        if first or last:
            if chunk[0] in _EMOJI_STARTS and _EMOJI_CHUNK_RE.fullmatch(chunk):
                mark = " "  # a label before the first thing ("1\ufe0f\u20e3 ReLU") or after the last: no word
        elif _symbolic(chunk):
            before = text[max(text.rfind(" ", 0, i + 1), text.rfind("\t", 0, i + 1)) + 1 : i + 1]
            ends = [e for e in (text.find(" ", j), text.find("\t", j)) if e >= 0]
            after = text[j : min(ends) if ends else n]
            if not _pictograph(chunk) and not all(_other_script(ch) for ch in chunk):
                # a sign between words of two letters or more, not a formula's ("x = 5", "p ~ 0.5", "1 × 10^-3")
                if not (sum(ch.isalpha() for ch in before) >= 2 and sum(ch.isalpha() for ch in after) >= 2):
                    continue
            if _worded(before) and _worded(after):
                mark = ","
        if mark:
            out.append(text[done:lo])
            out.append(mark)
            done = hi
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _mark_chunks(text: str) -> list[tuple[int, int]]:
    """The spans of the chunks of ``text`` (runs without a space or a tab) that hold a character a mark of
    ``_marked_apart`` is made of, an emoji's shortcode or an ASCII sign, in order, each once."""
    found: list[int] = [m.start() for m in _MARK_CHARS_RE.finditer(text)] if not text.isascii() else []
    if ":" in text:
        found += [m.start() for m in _SHORTCODE_RE.finditer(text)]
    if "=" in text or "~" in text or "^" in text:
        found += _lone_signs(text)
    spans: list[tuple[int, int]] = []
    for at in sorted(found):
        if spans and spans[-1][0] <= at < spans[-1][1]:
            continue
        lo = max(text.rfind(" ", 0, at), text.rfind("\t", 0, at)) + 1
        ends = [e for e in (text.find(" ", at), text.find("\t", at)) if e >= 0]
        spans.append((lo, min(ends) if ends else len(text)))
    return spans


#: "Or" or "and" of another language (or "v." for versus) between two words (``vocabulary.OTHER_OR_WORDS``).
_OTHER_JOIN_RE: Final = re.compile(
    r"(?<=[a-z0-9%])[ \t]+("
    + "|".join(sorted(OTHER_OR_WORDS | OTHER_AND_WORDS, key=len, reverse=True))
    + r")\.?[ \t]+(?=[a-z0-9])(?!al\b)"
)
#: The words of those joins, as ``str.split`` finds them: a text with none has none of the joins.
_OTHER_JOIN_WORDS: Final = frozenset(w for join in OTHER_OR_WORDS | OTHER_AND_WORDS for w in (*join.split(), join + "."))
#: A backslash between two words run together ("ReLU\\tanh"): a slash typed with the other key.
_BACKSLASH_RE: Final = re.compile(r"(?<=[A-Za-z0-9]{2})\\(?=[A-Za-z]{2})")
#: "'n'" for "and" ("ReLU 'n' tanh"), before the quotes are dropped.
_QUOTED_N_RE: Final = re.compile(r"(?<=\w)\s+['\u2019]n['\u2019]\s+(?=\w)", re.IGNORECASE)


def _other_join(m: re.Match[str]) -> str:
    if len(m.group(1)) == 1:
        # "v" for versus between two words of two letters or more ("GPT v BERT"), not after a letter's name
        # ("Q v function")
        before = re.search(r"[a-z0-9%]+$", m.string[: m.start()])
        after = re.match(r"[a-z0-9]+", m.string[m.end() :])
        if not before or not after or len(before.group()) < 2 or len(after.group()) < 2:
            return m.group()
    return " and " if m.group(1) in OTHER_AND_WORDS else " or "


def _struck_out(text: str) -> str:
    """``text`` without what it strikes out ("~~sigmoid~~ ReLU" is "ReLU"), where anything else is said."""
    kept = _STRUCK_RE.sub(" ", text)
    return kept if any(ch.isalnum() for ch in kept) else text


@functools.lru_cache(maxsize=512)
def clean(text: str) -> str:
    """Strip Discord syntax and fold to lower-case ASCII (punctuation kept for the tokeniser).

    Powers of ten, small fractions and decimals without their leading zero are written out ("1e-3",
    "1/1000" and ".001" are "0.001"), as are a whole number and its fraction ("3½" and "3 1/2" are "3.5").
    """
    text = text[:MAX_CHARS]
    if "\\" in text and "$" not in text and "{" not in text:
        text = _BACKSLASH_RE.sub("/", text)  # "ReLU\\tanh" is "ReLU/tanh"
    if "~~" in text:
        text = _struck_out(text)  # "~~sigmoid~~ ReLU": the player crossed sigmoid out
    if ("_" in text or "*" in text) and _MARKS_SIDE_RE.search(text):
        text = _EMPHASIS_APART_RE.sub(_emphasis_apart, text)  # "**ReLU** **tanh**": two things
    if not text.isascii() and _PRODUCT_SIGNS_RE.search(text):
        text = _SIGNED_PRODUCT_RE.sub(r"\1 * ", text)  # "n × d", "n·d": a product, not two things
    if (
        (not text.isascii() and _MARK_CHARS_RE.search(text)) or (":" in text and _SHORTCODE_RE.search(text))
        or (("=" in text or "~" in text or "^" in text) and _lone_signs(text))
    ):
        text = _marked_apart(text)  # "ReLU 🆚 tanh", "ReLU = tanh", "ReLU или tanh": two things
    if not text.isascii():
        if "\u00b5" in text or "\u03bc" in text:
            # the micro prefix as typed in ASCII ("μm" is "um", not "mm"); the micro sign alone is the letter mu
            text = _MICRO_RE.sub("u", text).replace("\u00b5", "\u03bc")
        if _GREEK_CHAR_RE.search(text):
            text = _GREEK_LETTER_RE.sub(_greek_letter, text)  # "σ/√n" is "sigma/sqrt(n)", not "s/sqrt(n)"
        if _SIGN_NAME_RE.search(text):
            text = _SIGN_NAME_RE.sub(_sign_name, text)  # "x ∉ A" is "x not in A", "−∞" is "minus infinity"
        if "\u221a" in text:
            text = text.replace("\u221a", " sqrt ")  # "√d_k" is the square root of d_k
        if _VULGAR_CHAR_RE.search(text):
            text = _VULGAR_RE.sub(_vulgar, text)  # "3½" is 3.5 ("31/2" once folded)
        if _SUB_RE.search(text):
            text = _SUB_BASE_RE.sub("", text)  # "1010₂": the base a number is written in, not a digit of it
        if _SUPER_RE.search(text):
            text = _SUPER_POWER_RE.sub(_super_power, text)  # "10⁻³" is "10^-3"
    # (Plain ASCII in which the first pass found nothing to strip, with no mark to blank: folding only
    # lowers its case, which the pattern ignores, so the second pass cannot find anything either.)
    settled = False
    if _DISCORD_MARKS.search(text):
        stripped = 0
        if _DISCORD_HINT_RE.search(text):
            text, stripped = _DISCORD_RE.subn(" ", text)
        settled = not stripped and text.isascii() and "|" not in text and "`" not in text
    if "```" in text:
        text = _FENCE_RE.sub(" ", text)
    if "||" in text or "`" in text:
        text = _SPANS_APART_RE.sub(r"\1 , \2", text)  # "||ReLU|| ||tanh||", "`ReLU` `tanh`": two things
    if "#" in text:
        text = _HASHTAGS_RE.sub(" , ", text)  # "#ReLU #tanh": two things
    if ">" in text or (not text.isascii() and _ARROW_CHAR_RE.search(text)):
        text = _ARROW_RE.sub(" , ", text)  # "ReLU -> tanh", "ReLU → tanh": one thing, then another
    if _NUMBERED_RE.match(text) and _SECOND_RE.search(text):
        text = _ITEM_NUMBER_RE.sub(" , ", text)  # "1. ReLU 2. tanh": a numbered list of things
    if "'n" in text or "\u2019n" in text:
        text = _QUOTED_N_RE.sub(" and ", text)  # "ReLU 'n' tanh"
    text = fold_ascii(text.replace("||", " ").replace("`", " "))
    if "x" in text and _TYPED_X_HINT_RE.search(text) and _TYPED_PRODUCT_RE.search(text):
        text = _TYPED_PRODUCT_RE.sub(_typed_product, text)  # "n x d" is "n × d"
    if " " in text and not _OTHER_JOIN_WORDS.isdisjoint(text.split()):
        text = _OTHER_JOIN_RE.sub(_other_join, text)  # "ReLU ou tanh", "ReLU oder tanh": "or"
    # A URL or mention spelled with homoglyphs shows up only after folding.
    if not settled and _DISCORD_MARKS.search(text) and _DISCORD_HINT_RE.search(text):
        text = _DISCORD_RE.sub(" ", text)
    if "squared" in text or "cubed" in text:
        text = _POWER_WORD_RE.sub(_power_word, text)  # "x squared" is "x^2"; not "mean squared error"
    if "*" in text:
        text = _stars(text)  # "A*" is "astar", not "A"
    text = text.replace("'", "").replace('"', " ")
    if "|" in text:
        text = _GIVEN_RE.sub(r"(\1 given \2)", text)  # "P(y|x)" is a formula, not "y or x"
    if ("^" in text or "**" in text) and _HALF_RE.search(text):
        text = _HALF_POWER_RE.sub(r" sqrt(\1) ", text)  # "d_k^0.5", "n**(1/2)": a square root
    if "w/" in text:
        text = _WITH_RE.sub(_with, text)  # "RL w/ human feedback": a short form, not "RL w or human feedback"
    if _DIGIT_RE.search(text):
        if "$" in text or "eur" in text or "gbp" in text:
            text = _MONEY_RE.sub(_money, text)  # "US$1 million" is "1 million dollars"
        if "%" in text:
            text = _SPACED_PERCENT_RE.sub(r"\1%", text)  # "10 %"
        if "=" in text:
            text = _WORKING_RE.sub(" ", text)  # "512/8 = 64": the result, not the working
        if "(" in text:
            text = _PAREN_EXPONENT_RE.sub(r"^\1", text)  # "10^(-3)"
            text = _PAREN_WORKING_RE.sub(_paren_working, text)  # "64 (512 / 8)"
        if _POWER_HINT_RE.search(text):
            text = _POWER_RE.sub(_power, text)
        if "/" in text:
            text = _MIXED_RE.sub(_mixed, text)  # "3 1/2"
            text = _FRACTION_RE.sub(_fraction, text)
        if "." in text and _BARE_DECIMAL_HINT_RE.search(text):
            text = _BARE_DECIMAL_RE.sub(r"0.\1", text)
    if "-" in text:
        if "\n" in text:
            text = _bullets(text)  # a list's dashes, a line each ("-SGD\n-Adam"): no signs
        if text.startswith("- ") and _OPENING_MINUS_RE.match(text):
            text = " minus " + text[2:]
        text = _MINUS_RE.sub(_minus, text)  # "-5" is not 5
    if "negative" in text:
        text = _NEGATIVE_RE.sub(" minus ", text)
    if "++" in text or "plus plus" in text:
        text = _PLUSPLUS_RE.sub(" plusplus", text)  # "k-means++" is not "k-means", "C++" not "C"
    if "#" in text:
        text = _SHARP_RE.sub(" sharp", text)
    return text


@functools.lru_cache(maxsize=64)
def found_tokens(cleaned: str) -> tuple[str, ...]:
    """``TOKEN_RE.findall`` of a ``clean`` text: a response's words are read from it by ``tokens.raw_tokens``
    and again by ``normalise`` (found once for both)."""
    return tuple(TOKEN_RE.findall(cleaned))


def normalise(text: str) -> str:
    """Fold a chat message to the words the grader judges: lower-case ASCII, single spaces.

    Discord mentions, ``@everyone``, spoilers, markdown, code fences, emoji, zero-width characters,
    accents, full-width letters, subscripts and homoglyphs are folded or removed; punctuation becomes
    a space (hyphenated words are split). The result is reusable as a lookup key.
    """
    cleaned = clean(text)
    out = [t for t in found_tokens(cleaned) if t[0].isalnum()]
    if "-" in cleaned:
        words, out = out, []
        for w in words:
            out.extend(p for p in w.split("-") if p)
    if len(out) >= 3 and min(map(len, out)) == 1:  # (a run of one-character words needs one at least)
        out = _joined_letters(out)
    said = " ".join(out)
    if ("gbp" in out or "eur" in out) and _DIGIT_RE.search(said):
        said = _MONEY_RE.sub(_money, said)  # (a currency's sign and its amount brought together: "£(0")
    if not _OTHER_JOIN_WORDS.isdisjoint(out):
        # (a join of another language between two words brought together: "0:OU;0" is "0 or 0", as "0 ou 0" is)
        said = " ".join(_OTHER_JOIN_RE.sub(_other_join, said).split())
    return said


def more_words_than(text: str, limit: int) -> bool:
    """Whether ``normalise(text)`` has more than ``limit`` words, found without folding it whole: a word of
    two characters or more without a hyphen stays one word of it (only hyphens split words, and only words
    of one character are run together)."""
    n = 0
    for t in found_tokens(clean(text)):
        if len(t) >= 2 and t[0].isalnum() and "-" not in t:
            n += 1
            if n > limit:
                return True
    return False


def _joined_letters(words: list[str]) -> list[str]:
    """Runs of three or more one-character words with a letter joined (as ``clean`` joins spaced letters),
    so that normalising twice changes nothing."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            run.append(w)
            continue
        joined = "".join(run)
        # Not when the joined run reads as a number ("0 e 1" is not "0e1", which is 0 × 10¹).
        if len(run) >= 3 and any(ch.isalpha() for ch in run) and _POWER_RE.search(joined) is None:
            if _TYPED_PRODUCT_RE.fullmatch(joined):
                out.extend(w for w in run if w != "x")  # ("1x0" is read as a product, 1 * 0, as when typed so)
            else:
                out.append(joined)
        else:
            out.extend(run)
        run = []
        if w:
            out.append(w)
    return out


#: Signs said in words, read as the marks they name ("n minus 1").
_SIGN_WORDS_RE: Final = re.compile(r"\b(minus|plus)\b", re.IGNORECASE)
#: Number words that may stand for a formula's number ("n minus one").
_NUMBER_WORDS: Final = frozenset("zero one two three four five six seven eight nine ten half".split())
#: Marks of a formula beside its plus and minus signs: two numbers joined by a dash are a formula's only with one
#: of them ("3-4" is a range; "2^3-1" a sum).
_FORMULA_MARKS: Final = frozenset("^*/=()√²³×÷·")
#: Characters a formula's minus or plus may be typed as.
_SIGN_FOLD: Final = str.maketrans({"−": "-", "–": "-", "＋": "+", "﹣": "-"})


def _word_at(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end].lower()


def _operand_before(text: str, at: int) -> str:
    """What ends just before ``at`` (spaces skipped): "number", "letter" (one letter alone: a variable),
    "bracket", or "" (a word, nothing)."""
    j = at - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0:
        return ""
    c = text[j]
    if c.isdigit() or c in "²³¹":
        return "number"
    if c in ")]}'":
        return "bracket"
    if c.isalpha():
        k = j
        while k >= 0 and text[k].isalpha():
            k -= 1
        word = text[k + 1 : j + 1].lower()
        if len(word) == 1:
            # (not the "e" of a number's exponent: "1e-3")
            return "" if word == "e" and k >= 0 and text[k].isdigit() and j == at - 1 else "letter"
        if word in _NUMBER_WORDS:
            return "number"
        if word in GREEK_NAMES:
            return "letter"
    return ""


def _operand_after(text: str, at: int) -> str:
    """What starts just after ``at`` (spaces skipped): "number", "letter" (a variable: one letter alone, not an
    article before a word), "bracket", "function", or "" (a word, nothing)."""
    k = at + 1
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text):
        return ""
    c = text[k]
    if c.isdigit() or c == ".":
        return "number" if c.isdigit() or (k + 1 < len(text) and text[k + 1].isdigit()) else ""
    if c in "([{√":
        return "bracket"
    if not c.isalpha():
        return ""
    word = _word_at(text, k)
    if word in _FUNCTION_SET:
        return "function"
    if word in _NUMBER_WORDS:
        return "number"
    if word in GREEK_NAMES:
        return "letter"
    if len(word) != 1:
        return ""
    # one letter: a variable, but an article or a pronoun before a word ("GPT-3 - a model")
    rest = k + 1
    while rest < len(text) and text[rest] == " ":
        rest += 1
    after = _word_at(text, rest) if rest > k + 1 else ""
    if after and len(after) > 1 and after not in _FUNCTION_SET:
        return ""
    return "letter"


@functools.lru_cache(maxsize=4096)
def formula_signs(text: str) -> tuple[str, ...]:
    """The plus and minus signs that join two terms of a formula in ``text``, in order ("n - 1", "n-1",
    "n minus 1" -> ("-",); "1 + tanh^2 x" -> ("+",)): a sign between a number, a variable (one letter), a
    bracket or a function on each side. A hyphen inside a name is none ("k-means", "GPT-4", "t-SNE"), nor a
    dash between two numbers in a text with no other mark of a formula ("3-4", a range), nor a sign with
    nothing before it (a negative number: ``clean`` reads those)."""
    text = _SIGN_WORDS_RE.sub(lambda m: "-" if m.group(1).lower() == "minus" else "+", text.translate(_SIGN_FOLD))
    if "-" not in text and "+" not in text:
        return ()
    marked = not _FORMULA_MARKS.isdisjoint(text)
    signs: list[str] = []
    for i, c in enumerate(text):
        if c not in "+-":
            continue
        if (i > 0 and text[i - 1] in "+-<=>") or (i + 1 < len(text) and text[i + 1] in "+->"):
            continue  # "++", "->", "<-", "=>": no sign of a sum
        before, after = _operand_before(text, i), _operand_after(text, i)
        if not before or not after:
            continue
        if before == "number" and after == "number" and c == "-" and not marked:
            continue  # "3-4", "2015-2020": a range
        signs.append(c)
    return tuple(signs)


#: Marks that join two terms of a formula in an order that matters: "a/b" is no "b/a", "2^n" no "n^2".
_ORDERED_MARKS: Final = frozenset("/^")
#: Marks of a product, and a product said by putting two terms side by side ("sigma sqrt(n)").
_PRODUCT_MARKS: Final = frozenset("*×·")
#: Words that join a formula's terms, read as the marks they name.
_FORMULA_WORDS_RE: Final = re.compile(r"\b(?:divided by|over|times|to the power of)\b", re.IGNORECASE)
_FORMULA_WORD_MARKS: Final = {"divided by": "/", "over": "/", "times": "*", "to the power of": "^"}
#: A formula of up to this many characters has its terms' order read (``formula_pairs``).
FORMULA_LONGEST: Final = 40


def _formula_terms(text: str, pairs: set[tuple[str, str, str]] | None = None, *, inside: bool = False) -> list[str]:
    """``text`` cut into a formula's terms and marks: a bracket's content (its own terms, joined), a function
    with what it applies to ("sqrt(n)", "√n" -> "sqrtn"), a run of letters, digits, "_" and "."; a product said
    by two terms side by side gets its mark ("*"). Other characters part terms."""
    out: list[str] = []
    i, n = 0, len(text)
    last_term = False
    while i < n:
        c = text[i]
        if c.isspace() or c == "_":
            i += 1
            continue
        if c in _ORDERED_MARKS or c in _PRODUCT_MARKS or c in "+-=" or (inside and c == "|"):
            out.append("*" if c in _PRODUCT_MARKS else c)
            last_term = False
            i += 1
            continue
        term = ""
        if c == "(":
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            content = _formula_terms(text[i + 1 : j - 1], pairs, inside=True)
            if pairs is not None:
                pairs.update(_pairs_of(content))
            term = "".join(content)
            i = j
        elif c.isalnum() or c == "." or c == "√":
            j = i + 1 if c == "√" else i
            while j < n and (text[j].isalnum() or text[j] in "._"):
                j += 1
            word = "sqrt" + text[i + 1 : j].lower() if c == "√" else text[i:j].lower().replace("_", "")
            word = _GREEK_LETTERS.get(word, word)  # ("σ/√n" is "sigma/sqrt(n)")
            i = j
            if word in _FUNCTION_SET:
                # the function with what it applies to
                while i < n and text[i] == " ":
                    i += 1
                arg = _formula_terms(text[i:])[:1] if i < n and (text[i] == "(" or text[i].isalnum() or text[i] == "√") else []
                if arg and arg[0] not in ("+", "-", "=", "*", "/", "^"):
                    rest = _formula_terms(text[i:])
                    consumed = _consumed(text[i:])
                    word += rest[0]
                    i += consumed
            term = word
        else:
            i += 1
            last_term = False
            continue
        if last_term:
            out.append("*")
        out.append(term)
        last_term = True
    return out


def _consumed(text: str) -> int:
    """How many characters of ``text`` its first term takes (a bracket, a run of letters and digits)."""
    if text.startswith("("):
        depth, j = 1, 1
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        return j
    j = 1 if text.startswith("√") else 0
    while j < len(text) and (text[j].isalnum() or text[j] in "._"):
        j += 1
    return j


@functools.lru_cache(maxsize=4096)
def formula_pairs(text: str) -> frozenset[tuple[str, str, str]]:
    """The pairs of terms a formula joins with "/", "^", a product or, in brackets, "|" (a condition: "P(A|B)"),
    as (left, mark, right), in its brackets too: "sigma/sqrt(n)"
    -> {("sigma", "/", "sqrtn")}, "sigma sqrt n" -> {("sigma", "*", "sqrtn")}. Words say marks too ("a over b").
    Empty for a text of more than ``FORMULA_LONGEST`` characters."""
    text = _FORMULA_WORDS_RE.sub(lambda m: _FORMULA_WORD_MARKS[m.group(0).lower()], text)
    if len(text) > FORMULA_LONGEST:
        return frozenset()
    pairs: set[tuple[str, str, str]] = set()
    pairs.update(_pairs_of(_formula_terms(text, pairs)))
    return frozenset(pairs)


def _pairs_of(terms: list[str]) -> list[tuple[str, str, str]]:
    """The (left, mark, right) of each "/", "^", "|" or product between two terms of ``terms``."""
    return [
        (terms[k - 1], terms[k], terms[k + 1])
        for k in range(1, len(terms) - 1)
        if terms[k] in ("/", "^", "*", "|") and terms[k - 1] not in "+-=*/^|" and terms[k + 1] not in "+-=*/^|"
    ]


#: Comparison marks as typed, and words that say them between two terms.
_COMPARE_FOLD: Final = str.maketrans({"≤": "\x01", "≥": "\x02", "⩽": "\x01", "⩾": "\x02", "≠": "\x03"})
_COMPARE_WORD_MARKS: Final = {
    "greater than or equal to": ">=", "less than or equal to": "<=", "greater than": ">", "less than": "<",
    "more than": ">", "bigger than": ">", "smaller than": "<",
}  # fmt: skip
#: The words of a comparison, longest first (``_COMPARE_WORD_MARKS``), as a pattern's alternatives.
COMPARE_WORDS: Final = "|".join(sorted(_COMPARE_WORD_MARKS, key=len, reverse=True))
_COMPARE_WORDS_RE: Final = re.compile(r"\s+(?:is\s+)?(" + COMPARE_WORDS + r")\s+", re.IGNORECASE)
#: A comparison between two terms: a number, a variable or a name of letters and digits, a bracket.
_COMPARISON_RE: Final = re.compile(r"([\w.^]+|\))\s*(<=|>=|=<|=>|!=|==|\x01|\x02|\x03|<(?![-=])|>|=)\s*(-?[\w.(]+)")
_COMPARE_NAMES: Final = {"\x01": "<=", "\x02": ">=", "\x03": "!=", "=<": "<=", "=>": ">=", "==": "="}
_TURNED: Final = {">": "<", ">=": "<="}


@functools.lru_cache(maxsize=4096)
def comparisons(text: str) -> frozenset[tuple[str, str, str]]:
    """The comparisons ``text`` makes between two terms, each as (smaller, mark, larger): "x >= 0", "x ≥ 0",
    "0 <= x" and "x is greater than or equal to 0" are all ("0", "<=", "x"); "x <= 0" is ("x", "<=", "0").
    Arrows ("->", "<-") compare nothing."""
    if len(text) > FORMULA_LONGEST * 2:
        return frozenset()
    text = _COMPARE_WORDS_RE.sub(lambda m: " " + _COMPARE_WORD_MARKS[m.group(1).lower()] + " ", text.translate(_COMPARE_FOLD))
    if not any(c in text for c in "<>=\x01\x02\x03"):
        return frozenset()
    found: set[tuple[str, str, str]] = set()
    for m in _COMPARISON_RE.finditer(text):
        if m.start(2) and text[m.start(2) - 1] == "-":
            continue  # "->"
        left, mark, right = m.group(1).lower(), _COMPARE_NAMES.get(m.group(2), m.group(2)), m.group(3).lower()
        if mark in _TURNED:
            left, mark, right = right, _TURNED[mark], left
        elif mark in ("=", "!=") and right < left:
            left, right = right, left  # (either way round)
        found.add((left, mark, right))
    return frozenset(found)
