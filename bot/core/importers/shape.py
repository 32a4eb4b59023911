"""How an imported card is asked and graded: which-term, short answer, list, yes/no, cloze or essay.

* **Which term** (a term/definition pair, as Quizlet and Anki decks mostly are): the definition is shown
  with the term hidden, and the term (or one of its other names) is typed — like Quizlet's Write mode.
  The reverse (term shown, definition typed) is a second card, made only when the definition is short
  enough to grade fairly (a name, a number, a phrase of a few words).
* **Short answer**: a question whose answer is a name, a number or a short phrase; that answer, with its
  variants (without an article, an acronym and its expansion), is ``accept``.
* **List**: a short answer of a few items ("Checkpoints OR SavedModel", "A, B and C"); graded item by item.
* **Yes/no**: a yes/no question answered "Yes, ..." or "No, ...".
* **Cloze** (an Anki cloze, ``{{c1::...}}``): the sentence with the blank is the question, the hidden
  words the answer and the card's term.
* **Essay**: a long answer, graded by the key points drawn from it (``keypoints.draw_keypoints``).

Every card made here is checked against the real grader: its own accepted answer must grade right, and
its own explanation must make every key point.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from bot.core.decks import ITEM_MAX, LIST_MAX
from bot.core.grading import normalise
from bot.core.grading.compiled import compile_steps, run
from bot.core.grading.grader import grade_compiled
from bot.core.importers.keypoints import draw_keypoints
from bot.core.models import WHICH_TERM_PROMPT, Card, Verdict, VerdictKind
from bot.core.prompts import hide_names
from bot.core.prompts.cloze import acronym_of, is_acronym
from bot.core.text import plain

log = logging.getLogger(__name__)

__all__ = [
    "CLOZE",
    "ESSAY",
    "INCOMPLETE",
    "KINDS",
    "LIST",
    "REVERSE",
    "SHORT",
    "WHICH_TERM",
    "YES_NO",
    "Shape",
    "looks_like_question",
    "shape_pair",
    "shape_qa",
    "split_names",
    "written_pair",
]

WHICH_TERM = "which term"
REVERSE = "term to definition"
SHORT = "short answer"
LIST = "list"
YES_NO = "yes/no"
CLOZE = "cloze"
ESSAY = "essay"
INCOMPLETE = "incomplete"
KINDS = (WHICH_TERM, REVERSE, SHORT, LIST, YES_NO, CLOZE, ESSAY, INCOMPLETE)

#: A short answer has at most this many words (a name with capitals may have a few more).
SHORT_WORDS = 5
NAME_WORDS = 8
#: A list item has at most this many words.
ITEM_WORDS = 4
#: The longest answer read as a list: past it, no list of short items (each of at most ``ITEM_WORDS`` words) is
#: asked for in one answer, and the item patterns would take time in the square of its length (minutes for one
#: cell of a hundred thousand characters).
LIST_MAX_CHARS = 1000

_QUESTION_START = re.compile(
    r"^(?:what|who|whom|whose|why|how|when|where|which|name|list|explain|define|describe|give|state|"
    r"is|are|was|were|does|do|did|can|could|should|would|will|in what|true or false)\b",
    re.IGNORECASE,
)
_AUX_START = re.compile(r"^(?:is|are|was|were|does|do|did|can|could|should|would|will|has|have)\b", re.IGNORECASE)
_YES_NO = re.compile(r"^(yes|no)\b[\s,.!:;-]*", re.IGNORECASE)
_LEAD_FILLER = re.compile(
    r"^(?:(?:it|this|that|they|these)(?:'s|’s| is| are| was| were)?\s+(?:means?\s+|called\s+)?(?:either\s+)?|"
    r"(?:it|this|they)\s+means?\s+(?:either\s+)?|definition\s*:?\s+|answer\s*:\s*|"
    r"(?:you\s+)?use(?:d)?\s+(?:it\s+|them\s+)?(?:for|to|when|in)\s+)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
#: (not the comma of a number: "384,400 km")
_LIST_SPLIT = re.compile(r"\s*(?:(?:,(?!\d{3}\b)|;)\s*(?:and\s+|or\s+)?|\s+(?:or|and|OR|AND|&)\s+)\s*")
#: Names offered as alternatives: "lasso or L1 penalty", "large, huge or enormous".
_OR_SPLIT = re.compile(r"\s*,\s*(?:or\s+)?(?!\d{3}\b)|\s+or\s+", re.IGNORECASE)
_PAREN_ITEMS = re.compile(r"([^()]+?)\s*\(([^()]+)\)\s*")
_COUNT = re.compile(r"\b(two|three|four|five|six|2|3|4|5|6)\b", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: A sentence ending, and another starting: not after an initial ("John F. Kennedy", "J. R. R. Tolkien") or a
#: short form ("e.g. neon", "Dr. Who", "St. Louis").
_SENTENCE = re.compile(
    r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bMrs)(?<!\bvs)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMt)[.!?]\s+\S"
)
_NAME_SPLIT = re.compile(r"\s+/\s+")


@dataclass(slots=True)
class Shape:
    """A card's grading data and how it is asked (``kind``); ``extra`` holds a reverse card, if any."""

    kind: str
    question: str
    answer: str
    term: str | None = None
    aliases: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    keypoints: tuple[str, ...] = ()
    note: str | None = None
    reverse: Shape | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def askable(self) -> bool:
        return self.kind != INCOMPLETE


_ASKS = re.compile(r"(?:^|[\s,:;–-])(?:what|why|how|when|which|who|where)\b", re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    """Whether a card's front is a question or an instruction rather than a term to define."""
    t = plain(text).strip()
    return "?" in t or bool(_QUESTION_START.match(t) or _ASKS.search(t)) or len(t.split()) > 8 or "___" in t


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.strip()) if w]


def _dedupe(values: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        v = v.strip().strip(".").strip()
        key = normalise(v)
        if v and key and key not in seen:
            seen.add(key)
            out.append(v)
    return tuple(out)


#: Grammatical labels a vocabulary card writes in brackets after a word: a gender ("perro (m)", "la casa (f.)",
#: "(m/f)"), a number, a word class, "(irr.)", a register; compared lower-case (one letter: only as written, so that
#: "Newton (N)" keeps its symbol).
_LABELS = frozenset(
    """nt masc fem neut neuter masculine feminine common pl plural sg sing singular irr irreg irregular vb verb noun adj
    adjective adv adverb prep preposition conj pron pronoun inf infml informal fml formal coll colloq colloquial fam
    familiar lit fig vt vi tr intr trans refl reflexive pf impf perf imperf pfv ipfv""".split()
)
_LABEL_LETTERS = frozenset("mfnvc")
_LABEL_SPLIT = re.compile(r"[\s/,;+&]+")
#: Articles written as alternatives before a noun: "el/la estudiante", "der/die Angestellte".
_ARTICLE_CHOICE = re.compile(
    r"^((?:el|la|los|las|un|una|le|les|une|il|lo|gli|der|die|das|ein|eine|o|a|os|as|um|uma)"
    r"(?:/(?:el|la|los|las|un|una|le|les|une|il|lo|gli|der|die|das|ein|eine|o|a|os|as|um|uma))+)\s+(\S.*)$",
    re.IGNORECASE,
)


def is_label(text: str) -> bool:
    """Whether bracketed text after a word is a grammatical label ("m", "f.", "irr.", "v. irr", "m/f", "pl."),
    not another name of it: never part of what is typed, never an answer of its own."""
    words = [w.rstrip(".!") for w in _LABEL_SPLIT.split(text.strip()) if w.strip(".!")]
    return bool(words) and all(
        w in _LABEL_LETTERS if len(w) == 1 else w.lower() in _LABELS for w in words
    )


def _labelled(front: str) -> tuple[str, str]:
    """A card's front as one line without its grammatical marks, and those marks as written after it ("" when
    none): a label in brackets (" (m)" of "perro (m)") or a German noun's plural and genitive marks after a comma
    (", -e" of "der Hund, -e"; ", -(e)s, -e")."""
    text = " ".join(plain(front).split()).rstrip(":").strip()
    m = _BRACKETED.fullmatch(text)
    if m and is_label(m.group(2)):
        return m.group(1).strip(), f" ({m.group(2).strip()})"
    m = _MARKED.fullmatch(text)
    if m and re.search(r"[^\W\d_]", m.group(1)) and not _AFFIX.search(m.group(1)):
        return m.group(1).strip(), ", " + ", ".join(p.strip() for p in m.group(2).split(",") if p.strip())
    return text, ""


_BRACKETED = re.compile(r"(.+?)\s*\(([^()]{1,40})\)")
#: What opens a plural or genitive mark: a dash ("-e", "-", "–en") or an umlaut mark ("¨er", "¨-er", "-¨er").
_MARK_SIGNS = "-\u2010\u2011\u2013\u2014\u00a8\u0308"
_AFFIX = re.compile(f"^[{_MARK_SIGNS}]|[{_MARK_SIGNS}]$")
#: A noun and the marks of its endings after a comma: "der Hund, -e", "das Haus, -¨er", "der Lehrer, -",
#: "der Hund, -(e)s, -e" (each mark a dash or an umlaut mark and at most a few letters, no digits: "x, -1" is none;
#: a word that starts or ends with a dash is no noun: "ante-, -ism" are two affixes).
_MARKED = re.compile(rf"(.+?)((?:\s*,\s*[{_MARK_SIGNS}](?:[{_MARK_SIGNS}()]|[^\W\d_]){{0,7}}){{1,2}})")


def split_names(front: str) -> tuple[str, tuple[str, ...]]:
    """A term and its other names from a card's front: "Mixture of Experts (MoE)", "colour / color". A grammatical
    label in brackets ("perro (m)", "aller (irr.)") is no name of it (the reverse card shows it: ``shape_pair``);
    articles written as alternatives ("el/la estudiante") give the noun with each."""
    text, label = _labelled(front)
    aliases: list[str] = []
    m = _BRACKETED.fullmatch(text) if not label else None
    if m:
        text, inner = m.group(1).strip(), m.group(2).strip()
        aliases.append(inner)
    parts = [p.strip() for p in _NAME_SPLIT.split(text) if p.strip()]
    term = parts[0] if parts else text
    aliases = parts[1:] + aliases
    choice = _ARTICLE_CHOICE.match(term)
    if choice:
        aliases = [f"{article} {choice.group(2)}" for article in choice.group(1).split("/")] + aliases
    stripped = _ARTICLE.sub("", term)
    if stripped != term and stripped:
        aliases.append(stripped)
    return term, _dedupe(aliases)


def _is_name(text: str) -> bool:
    """A phrase of capitalised words (small joining words allowed): an expansion, a proper name."""
    words = _words(text)
    small = {"of", "for", "from", "and", "the", "a", "an", "in", "on", "to", "with", "by"}
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in words)


def _short_text(answer: str) -> str | None:
    """The answer as one short line (fillers such as "It is" dropped), or None when it is prose."""
    text = " ".join(plain(answer).split())
    if "\n" in plain(answer).strip() or _SENTENCE.search(text):
        return None
    text = _LEAD_FILLER.sub("", text).strip().rstrip(".!").strip()
    return text or None


def _list_items(text: str, question: str) -> list[str] | None:
    """The items of a short list answer, or None when it is not one."""
    if len(text) > LIST_MAX_CHARS:
        return None
    parens = _PAREN_ITEMS.findall(text)
    if len(parens) >= 2 and "".join(f"{a} ({b})" for a, b in parens).replace(" ", "") == text.replace(" ", ""):
        return [f"{a.strip()} ({b.strip()})" for a, b in parens]
    count = _COUNT.search(question)
    wanted = None
    if count:
        word = count.group(1).lower()
        wanted = _COUNTS.get(word) or int(word)
    words = _words(text)
    if wanted is not None and len(words) == wanted and all(w[:1].isupper() for w in words):
        return [w.strip(",;") for w in words]  # "Knowledge-based Statistical Hybrid" for "the three types"
    items = [i for i in _LIST_SPLIT.split(text) if i and i.strip()]
    if len(items) < 2 or any(len(_words(i)) > ITEM_WORDS for i in items):
        return None
    if wanted is not None and wanted != len(items):
        return None
    if wanted is None and not re.search(r"\bor\b|,|;", text, re.IGNORECASE) and _is_name(text):
        return None  # "Bidirectional Encoder Representations and Transformers" reads as one name
    return items


#: Where an answer's examples start: "mammals, e.g. whales and dogs", "mammals (such as whales)".
_EXAMPLES = re.compile(
    r"(?:^|\s*[,;:(\u2013\u2014]\s*|\s+-\s+|\s+)(?:e\.\s?g\.?|eg\.?|for example|for instance|such as)(?=[\s,:]|$)[\s,:]*",
    re.IGNORECASE,
)


def _examples(text: str) -> tuple[str, list[str]]:
    """The answer before its examples, and the examples (any one of them is an answer when the answer is
    nothing but examples: "e.g. helium, neon, argon"). An answer with none comes back whole."""
    m = _EXAMPLES.search(text)
    if m is None:
        return text, []
    head = text[: m.start()].strip(" ,;:-(\u2013\u2014")
    rest = text[m.end() :].strip().rstrip(")").strip()
    if rest.count("(") != rest.count(")") or head.count("(") != head.count(")"):
        return text, []
    items = [i for i in _LIST_SPLIT.split(rest.removesuffix("etc.").removesuffix("etc")) if i and i.strip()]
    if head:
        return head, items
    if m.group().strip(" ,:").lower().startswith("such") and len(items) < 2:
        return text, []  # ("Such as is a phrase": no list of examples)
    if 1 <= len(items) <= 8 and all(len(_words(i)) <= ITEM_WORDS for i in items):
        return "", [i.strip() for i in items]
    return text, []


#: A question that asks for one thing (one verb "is"/"was", no "and": "What is the capital of France?").
_ONE_THING = re.compile(r"^(?:what|which|where|who)\b(?:\s+\w+){0,3}?\s+(?:is|was)\b", re.IGNORECASE)
#: A question that asks for a place.
_ASKS_PLACE = re.compile(
    r"\b(?:where|capital|city|town|village|located|headquartered|headquarters|born|birthplace|country|state|"
    r"province|region|county)\b",
    re.IGNORECASE,
)


def _surname_first(text: str, question: str) -> str | None:
    """A person's name written surname first with an initial ("Tolkien, J. R. R.", "Turing, Alan M.", "Le Guin,
    Ursula K."), for a question asking who: the name as said ("J. R. R. Tolkien"); None for any other answer."""
    if not re.match(r"^\s*(?:who|whom|whose)\b", question, re.IGNORECASE) or _COUNT.search(question):
        return None
    if re.search(r"\b(?:and|or|were|are)\b|&", question, re.IGNORECASE):
        return None  # (two people, or a choice: "Who won, Red or Blue?")
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        return None
    surname, given = parts
    names = [*surname.split(), *given.split()]
    if not 1 <= len(surname.split()) <= 2 or not 1 <= len(given.split()) <= 4:
        return None
    if not all(w[:1].isupper() and w.rstrip(".").replace("-", "").replace("'", "").isalpha() for w in names):
        return None
    if not any(_INITIAL.fullmatch(w) for w in given.split()):
        return None  # (two surnames, "Watson, Crick", read the same without a list of given names)
    return f"{given} {surname}"


#: A name's initial: "J.", "R".
_INITIAL = re.compile(r"[A-Z]\.?")


def _in_place(text: str, question: str) -> str | None:
    """The place of an answer that names it with where it is ("Paris, France", "Springfield, Illinois"),
    for a question asking one thing; None for any other answer."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts) or _COUNT.search(question) or re.search(r"\band\b|&", question, re.IGNORECASE):
        return None
    if not _ONE_THING.match(question.strip()) or not _ASKS_PLACE.search(question):
        return None
    place, where = parts
    if not (_is_name(place) and _is_name(where)) or any(len(_words(p)) > 3 for p in parts):
        return None
    if not all(w[:1].isupper() for w in _words(where)) or not place[:1].isupper():
        return None
    return place


def _alternatives(text: str, question: str) -> list[str] | None:
    """The names of an answer that offers several, any one of them right ("lasso or L1 penalty", "large, huge
    or enormous"), where the question asks for one thing (it gives no count); None otherwise."""
    if not re.search(r"\bor\b", text, re.IGNORECASE) or re.search(r"\band\b|&|;", text, re.IGNORECASE):
        return None
    if _COUNT.search(question):
        return None
    items = [i.strip() for i in _OR_SPLIT.split(re.sub(r"^either\s+", "", text, flags=re.IGNORECASE)) if i.strip()]
    if not 2 <= len(items) <= 5 or any(len(_words(i)) > ITEM_WORDS for i in items):
        return None
    return items


def _accept_variants(text: str) -> list[str]:
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if m and _remark(m.group(2).strip(), m.group(1).strip()):
        text = m.group(1).strip()  # a remark is no part of the answer: "Alexander Fleming (1928)"
    out = [text]
    bare = _ARTICLE.sub("", text)
    if bare != text:
        out.append(bare)
    words = _words(bare)
    if len(words) >= 3 and words[0].lower().endswith("ing"):
        out.append(" ".join(words[1:]))  # "building deep neural networks" -> "deep neural networks"
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if m:
        out.extend([m.group(1).strip(), m.group(2).strip()])  # "CO2 (carbon dioxide)", "Newton (N)"
    return out


#: First words of a bracketed remark on an answer, not another name of it: "(not Sydney)", "(about 78%)".
_REMARK_START = re.compile(
    r"^(?:not|about|approx\.?|approximately|around|roughly|nearly|almost|over|under|e\.?g\.?|i\.?e\.?|see|"
    r"from|in|since|until|born|died|d\.|b\.|c\.|ca\.?|circa|formerly|now|later|also|usually|often|sometimes|"
    r"mostly|mainly|only|plural|singular|adj\.?|n\.|v\.)\b",
    re.IGNORECASE,
)


def _remark(inner: str, outer: str) -> bool:
    """Whether the bracket of ``outer (inner)`` remarks on the answer rather than naming it again: a date or a
    number the answer has none of ("Alexander Fleming (1928)", "Nitrogen (about 78%)"), or words that open a
    remark ("Canberra (not Sydney)")."""
    if any(ch.isdigit() for ch in inner) and not any(ch.isdigit() for ch in outer):
        return True
    return _REMARK_START.match(inner) is not None or is_label(inner)


def grade(
    response: str, *, accept: tuple[str, ...] = (), keypoints: tuple[str, ...] = (), question: str | None = None
) -> Verdict:
    """The grader's verdict, compiled without its cache: checking thousands of imported cards must not
    push the live decks' compiled cards out of it (nor hold the memory)."""
    compiled = run(compile_steps(accept, (), keypoints, (), None, question))
    return grade_compiled(compiled, response)


def _check_accept(accept: tuple[str, ...], question: str | None) -> tuple[str, ...]:
    """The accepted answers the grader takes as right when typed back (the others are dropped).

    A card past a deck's limits (more than ``LIST_MAX`` answers, or one too long) is left out of the import
    (``build``): its answers are not graded, a check whose cost grows with the cube of their number.
    """
    if len(accept) > LIST_MAX or any(len(a) > ITEM_MAX["accept"] for a in accept):
        return accept
    kept = tuple(a for a in accept if grade(a, accept=accept, question=question).kind is VerdictKind.CORRECT)
    return kept or accept[:1]


def _check_keypoints(keypoints: tuple[str, ...], answer: str) -> tuple[str, ...]:
    """The key points the card's own explanation makes, by the grader's judgement."""
    if not keypoints:
        return ()
    verdict = grade(plain(answer), keypoints=keypoints)
    if verdict.kind is VerdictKind.CORRECT:
        return keypoints
    missing = {normalise(m) for m in verdict.missing}
    return tuple(k for k in keypoints if normalise(k.split("|", 1)[0]) not in missing)


def _essay(question: str, answer: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return _check_keypoints(draw_keypoints(answer, question=question, names=names), answer)


def shape_qa(question: str, answer: str, *, term: str | None, aliases: tuple[str, ...] = ()) -> Shape:
    """A question/answer card: short answer, list, yes/no or essay (see the module doc)."""
    names = tuple(n for n in ((term,) if term else ()) + aliases if n)
    short = _short_text(answer)
    yes_no = _YES_NO.match(plain(answer).strip())
    if yes_no and _AUX_START.match(plain(question).strip()):
        word = yes_no.group(1).capitalize()
        return Shape(YES_NO, question, answer, term, aliases, accept=(word,))
    if short is not None:
        head, examples = _examples(short)
        if examples and not head:
            # "e.g. helium, neon, argon": examples of what is asked, any one of them right
            variants = [v for item in examples for v in _accept_variants(item)]
            return Shape(SHORT, question, answer, term, aliases, accept=_check_accept(_dedupe(variants), question))
        short = head
        person = _surname_first(short, question)
        if person is not None:
            # "Shakespeare, William" for "Who wrote Hamlet?": the name as said, and the surname alone
            accept = _check_accept(_dedupe([person, short.split(",")[0].strip()]), question)
            return Shape(SHORT, question, answer, term, aliases, accept=accept)
        place = _in_place(short, question)
        if place is not None:
            # "Paris, France" for "What is the capital of France?": the place, with where it is or without
            whole = " ".join(p.strip() for p in short.split(","))  # (one name, not a list of two)
            accept = _check_accept(_dedupe([*_accept_variants(place), whole]), question)
            return Shape(SHORT, question, answer, term, aliases, accept=accept)
        offered = _alternatives(short, question)
        if offered is not None:
            variants = [v for item in offered for v in _accept_variants(item)]
            accept = _check_accept(_dedupe(variants), question)
            return Shape(SHORT, question, answer, term, aliases, accept=accept)
        items = _list_items(short, question)
        if items is not None:
            if any("(" in i for i in items):
                points = tuple(re.sub(r"\s*\(([^()]+)\)", r" | \1", i) for i in items)
                return Shape(LIST, question, answer, term, aliases, keypoints=_check_keypoints(points, answer))
            return Shape(LIST, question, answer, term, aliases, accept=_check_accept((", ".join(items),), question))
        words = len(_words(short))
        if words <= SHORT_WORDS or (words <= NAME_WORDS and _is_name(short)):
            accept = _check_accept(_dedupe(_accept_variants(short)), question)
            if not term or not all(normalise(a) == normalise(term) for a in accept):
                return Shape(SHORT, question, answer, term, aliases, accept=accept)
    keypoints = _essay(question, answer, names)
    if not keypoints:
        note = "No key points could be drawn from the answer: write `accept` answers or `keypoints`."
        return Shape(INCOMPLETE, question, answer, term, aliases, note=note, reasons=["no key points found"])
    return Shape(ESSAY, question, answer, term, aliases, keypoints=keypoints)


def _meanings(definition: str) -> list[str]:
    """The meanings of a term a definition gives apart with semicolons, as a vocabulary card writes them ("dog;
    hound", "to speak; to talk"), each a few words; [] for any other definition."""
    if ";" not in definition:
        return []
    parts = [p.strip() for p in definition.split(";")]
    if not 2 <= len(parts) <= 5 or any(not p or len(_words(p)) > ITEM_WORDS for p in parts):
        return []
    return parts


def _definition_is_short(definition: str) -> bool:
    short = _short_text(definition)
    return short is not None and (
        len(_words(short)) <= SHORT_WORDS or (len(_words(short)) <= NAME_WORDS and _is_name(short))
    )


def shape_pair(front: str, definition: str, *, reverse: bool = True) -> Shape:
    """A term/definition card: asked "which term is this?", with a reverse card when it can be graded."""
    term, aliases = split_names(front)
    names = (term, *aliases)
    # An acronym's expansion given as the definition is the clue, not another name to hide.
    hidden, count = hide_names(definition, names)
    if count and len(normalise(hidden.replace("_____", " ")).split()) < 2:
        hidden = definition  # hiding the names would leave nothing to read
    question = f"{WHICH_TERM_PROMPT}\n\n{hidden}"
    marks = _labelled(front)[1]
    written = " ".join(plain(front).split())
    # (a noun typed with its plural as the deck writes it is right too: "der Hund, -e" is no list of two)
    accept = _check_accept(_dedupe([term, *aliases, *([written] if marks.startswith(",") else [])]), None)
    # (the term as the deck writes it, its gender or plural with it, is shown with the answer: /define, the reveal)
    answer = f"{definition}\n\n{written}" if marks else definition
    shape = Shape(WHICH_TERM, question, answer, term, aliases, accept=accept)
    if reverse and _definition_is_short(definition) and len(_words(term)) <= ITEM_WORDS:
        short = _short_text(definition) or definition
        shown = term + marks  # ("What is perro (m)?", "der Hund, -e": the gender and plural are the deck's)
        if is_acronym(term) and acronym_of(term, short):
            rq = f"What does {term} stand for?"
        elif term.endswith(("?", "!", ".")):
            rq = f"What does “{shown}” mean?"
        else:
            rq = f"What is {shown}?"
        variants = _accept_variants(short)
        for meaning in _meanings(short):
            variants.extend(_accept_variants(meaning))  # "dog; hound": either meaning of the term is right
        accept_r = _check_accept(_dedupe(variants), rq)
        shape.reverse = Shape(REVERSE, rq, answer, None, (), accept=accept_r)
    return shape


def written_pair(term: str, answer: str, aliases: tuple[str, ...] = ()) -> tuple[str, str]:
    """A term/definition pair as its deck wrote it, from its which-term card's term, answer and other names: the
    term with the grammatical marks ``shape_pair`` shows in a paragraph of the answer ("der Hund, -e", "perro (m)")
    and with its other names as ``split_names`` reads them back ("Mixture of Experts (MoE)", "colour / color",
    a reading: "日本語 (にほんご)"), and the answer without that paragraph; (term, answer) when it shows none."""
    front, rest = term, answer
    paragraphs = answer.split("\n\n")
    for i in range(len(paragraphs) - 1, 0, -1):
        written = paragraphs[i].strip()
        if _labelled(written)[1] and split_names(written)[0] == term:
            front, rest = written, "\n\n".join(paragraphs[:i] + paragraphs[i + 1 :])
            break
    names = (term, tuple(aliases))
    if split_names(front) == names:
        return front, rest
    marks = _labelled(front)[1] if front != term else ""
    own = [a for a in aliases if a not in split_names(front)[1]]  # (not those the term gives: "the cell" -> "cell")
    if own:
        listed = f"{' / '.join([term, *own[:-1]])} ({own[-1]}){marks}"  # ("MoE", a reading: "日本語 (にほんご)")
        slashed = " / ".join([term, *own]) + marks  # ("colour / color", "osmosis / diffusion of water")
        for written in (listed, slashed) if len(own) == 1 and " " not in own[0] else (slashed, listed):
            if split_names(written) == names and _labelled(written)[1] == marks:
                return written, rest
    return front, rest


def card_kind(card: Card) -> str:
    """The kind of an already-written card, as the import report counts it."""
    if not card.askable:
        return INCOMPLETE
    if card.question.startswith(WHICH_TERM_PROMPT):
        return WHICH_TERM
    if card.is_essay:
        return ESSAY
    if card.accept and card.accept[0] in ("Yes", "No"):
        return YES_NO
    if card.accept and "," in card.accept[0]:
        return LIST
    return SHORT
