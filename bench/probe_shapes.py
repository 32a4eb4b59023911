"""Wrong answers made by rule from the labelled set's tune cards, and how many of them the grader accepts.

Run: ``.venv/bin/python bench/probe_shapes.py [--mode deck|accept-only|both] [--show N]``. Prints counts;
asserts nothing. The labelled set (``bench/eval_grading.py``) holds the shapes its writers thought of; this
tries every shape of eighteen kinds on every card of the tune parts and of the fresh part's tune half (never the
held-out ones):

- **second answers**: the card's first accepted answer (but yes/no answers) joined to another answer in 45 ways ("A or B",
  "A, though it might be B", "B? A?", "A as well as B", "B, A", "A and B both" ...), B being each of the card's first two
  rejected answers (deck mode) and two other cards' first accepted answers that name a term (no number, no
  yes or no), chosen by a fixed seed per card.
  None of them is a right answer: one was asked, two are offered;
- **second answers reworded**: the other cards' answers of the first kind as players write them, misspelt
  (two letters swapped: "k-maens"), with a word for their kind after them ("k-means model"), after "the",
  in capitals and in small letters, in five of the joins;
- **rejected answers reworded beside the answer** (deck mode): the card's first two rejected answers misspelt
  (two letters inside a word swapped), their words run together ("typicalsampling"), hyphened and in capitals,
  beside its first accepted answer in five of the joins. None is right;
- **the asked acronym typed back misspelt**: for "What does RLAIF stand for?", the acronym with two letters
  swapped ("RLIAF"), in capitals and in small letters, and with a letter doubled ("RLAIFF"). None is right;
- **the question typed back**: the question without its first word ("which", "what" ...), with an article
  before it, its first four and six words, its last four words: none of them names an accepted answer
  (those that would are left out), so none is right either; and each name the question writes with a
  number in it ("ResNet-50"), alone, with "model" after it, and as "the ResNet-50 one" (but those that hold an
  accepted answer: "GPT-3.5 model" where GPT-3.5 is asked for).
- **a name beside the answer**: the card's first accepted answer joined, in the joins of ``second answers``, to
  six names of the field chosen by a fixed seed per card from ``FIELD_NAMES``: products, models, libraries and
  people, most of them in no shipped vocabulary ("Dryad", "Qwen", "wav2vec"), some in it. None is right:
  two things are offered where one is asked;
- **a term right beside the answer**: the card's first accepted answer with a known term of two words
  (``TWO_WORD_NAMES``: four per card, by a fixed seed, none sharing a word with the card's answers or question)
  written right before or after it, with no mark between ("temperature beam search"). None is right;
- **a correction**: the player corrects themselves, in the ways of ``CORRECTIONS`` ("A - actually B", "A
  (I mean B)", "A? scratch that, B"), B being each answer of ``second answers`` (rejected answers and other
  cards' answers): the answer corrected to another is wrong; turned about ("B - actually A"), the answer the
  player corrected to is right, and the bench counts those refused;
- **the answer's words reordered**: every other order of the words of the card's first accepted answer, of two to
  four words with no digit ("stopping early", "net elastic"), but orders that are an accepted answer. Nearly all
  are wrong; a few are not (a person's name family name first: "He Kaiming"; the items of a list answer);
- **a phrase of the question**: every run of one to three of its words that neither starts nor ends with a
  little word ("without activations", "nearest mean"), but those that hold an accepted answer or that an
  accepted answer holds;
- **both sides of a yes or no**: a yes-or-no card answered with both ("yes, though maybe no", "no... or else
  yes", "yes in some cases, no in others", ``BOTH_SIDES``): none takes a side;
- **talk around the answer**: the card's first accepted answer with talk before or after it that says nothing
  of it ("Hmm, ...", "Oh I know this one, ...", "..., final answer", "... lol", ``TALK``), counted when refused
  (where the answer alone is right); and a wrong answer (the card's first rejected answer, or another card's
  first answer) in the same shapes, counted when accepted;
- **the question typed back to an essay card** (deck mode): every run of two to nine of its words that
  neither starts nor ends with a little word, alone and tied to itself ("... is when ...", "..., which means
  ..."), and the whole question, alone and after "because": none makes a point, and the bench counts those
  given credit (partial or whole);
- **the answer glossed as a rejected one** (deck mode): the card's first accepted answer said to be one of
  its rejected answers ("sparse, which is dense", "masking (a form of padding)", ``GLOSSES``), counted when
  accepted; and set apart from it ("sparse, unlike dense", ``SET_APART``), counted when refused;
- **unsure talk** (``UNSURE``): the card's first accepted answer, unsure talk, and another answer (its first
  rejected answer or another card's first answer): "A not sure maybe B", "A if not B", "A (not sure) or B",
  "A maybe B", "A could be B", "A, B works too". None is right; and unsure talk alone ("A, not sure", "A idk",
  "A, if I'm not mistaken"), right, counted when refused;
- **the question typed back after the answer**: the question without its asking words, as a remark after the
  card's first accepted answer, as it is (right, counted when refused) and with one of its words turned into
  its pair of ``Tables.flips`` ("keeps the k least probable sequences" for "... most probable ..."), each in
  turn (wrong, counted when accepted);
- **the answer taken back**: the card's first accepted answer, then taken back with nothing in its place or
  left open (``RETRACTIONS``: "... is wrong", "...? no.", "... just kidding", "anything but ...", "..., or
  not"), counted when accepted;
- **a near miss beside the answer**: the card's first accepted answer beside each of the card's labelled near
  misses (the tune part's wrong answers of the classes known_term_slip and wrong_expansion: "c-means" for k-means,
  "cable news network" for CNN), offered in ``JOINS`` or said to be the same thing (``SAME_AS``: "k-means, aka
  c-means"), counted when accepted; and beside its labelled right answers (``RESTATED``: "k-means, kmeans"),
  counted when refused;
- **the card's sentences** (deck mode): what the card's explanation says of the answer typed after it as a
  remark ("byte-pair encoding - it began as a data-compression algorithm"), counted when refused; and, where
  the sentence denies nothing, denied ("- it is not ...", "- it doesn't split ...", ", which never splits ..."),
  counted when accepted (``card_sentences``).

Each is graded by ``grade_card`` on the card as ``eval_grading`` builds it, with the same decks loaded.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_grading as labelled  # noqa: E402

from bot.core.grading.tables import tables  # noqa: E402
from bot.core.models import VerdictKind  # noqa: E402

JOINS = (
    "{a} or {r}", "{r} or {a}", "{a}/{r}", "{a} and {r}", "either {a} or {r}", "{a}, {r}", "{a} (or {r})",
    "{a} or maybe {r}", "{a} vs {r}", "{a} & {r}", "{a}; {r}", "{a} + {r}", "{a}, or possibly {r}",
    "both {a} and {r}", "{a} or perhaps {r}", "{a}, maybe {r}", "I think {a} or {r}", "{a} or else {r}",
    "{a}? or {r}?", "{a} and also {r}", "{a}, {r}, or both", "{a} / {r}", "{a} or {r}, not sure", "{r}? {a}?",
    "{a} — or {r}", "{a}, though it might be {r}", "could be {a} or {r}", "{a} and/or {r}", "{a}, also {r}",
    "{a} plus {r}", "{a} as well as {r}", "{a} or possibly {r}", "{a}... or {r}", "{a} | {r}",
    "{a} or {r} (one of those)", "{a}, else {r}", "{r} and {a}", "{r}, {a}", "{r}/{a}", "{a} and {r} both",
    "{a}, {r} too", "{a} combined with {r}", "{a} followed by {r}", "{a} together with {r}", "{a} along with {r}",
)
_ASKING = re.compile(r"^(which|what|who|how|when|where|why)\b( is| are| does| do| was| were)?( the| a| an)?\b\s*", re.I)


def cards_of(mode: str, split: str = "tune") -> dict[str, dict]:
    """One case per card of ``split`` (a part that may be looked at) that has accepted answers (its fields
    are the card's)."""
    assert split in labelled.READABLE
    out: dict[str, dict] = {}
    for case in labelled.load(mode, split):
        if case.get("accept") and case["card"] not in out:
            out[case["card"]] = case
    return out


#: Answers that name no term: yes/no answers (numbers are left out too).
_NOT_TERMS = frozenset({"yes", "no", "true", "false", "first", "second", "third", "once", "twice"})


def _term_cards(cards: dict[str, dict]) -> list[tuple[random.Random, dict, list[str]]]:
    """Each card whose first answer names a term, with two other cards' first answers that name one (no
    number, no yes or no), chosen by a generator seeded by the card (returned, for further draws)."""
    others = [
        c["accept"][0] for c in cards.values()
        if not any(ch.isdigit() for ch in c["accept"][0]) and c["accept"][0].lower() not in _NOT_TERMS
    ]
    out = []
    for card_id, case in cards.items():
        if case["accept"][0].lower() in _NOT_TERMS:
            continue  # "no, batch normalization" for a yes/no question is a yes/no answer with a reason
        rng = random.Random(card_id)
        out.append((rng, case, [o for o in rng.sample(others, 3) if o not in case["accept"]][:2]))
    return out


def second_answers(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for _rng, case, other_answers in _term_cards(cards):
        offered = list(case.get("reject") or [])[:2] + other_answers
        for other in offered:
            for join in JOINS:
                made.append((join, dict(case, response=join.format(a=case["accept"][0], r=other))))
    return made


#: The joins the reworded second answers are tried in.
REWORD_JOINS = ("{a} or {r}", "{a}, {r}", "{a} and {r}", "{r} or {a}", "{a}, maybe {r}")


def _swapped(word: str, rng: random.Random) -> str:
    """``word`` with two letters inside it swapped ("k-maens"); short words stay as they are."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def reworded_second_answers(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    """The second answers of ``second_answers`` (other cards' first answers only) as players write them:
    misspelt (two letters swapped), with a word for its kind after it ("k-means model"), after "the", in
    capitals, in small letters."""
    made = []
    for rng, case, other_answers in _term_cards(cards):
        for other in other_answers:
            shapes = {
                "misspelt": _swapped(other, rng), "+ model": other + " model", "the +": "the " + other,
                "capitals": other.upper(), "small letters": other.lower(),
            }
            for shape, said in shapes.items():
                for join in REWORD_JOINS:
                    made.append((shape, dict(case, response=join.format(a=case["accept"][0], r=said))))
    return made


def _letters_swapped(word: str, rng: random.Random) -> str:
    """``word`` with two letters inside it swapped, never a letter and a mark ("k-nearets", not "kn-earest");
    short words stay as they are."""
    at = [i for i in range(1, len(word) - 2) if word[i].isalpha() and word[i + 1].isalpha()]
    if len(word) < 5 or not at:
        return word
    i = rng.choice(at)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def reworded_rejects(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    """The card's first two rejected answers as players write them, beside the card's first accepted answer in
    the joins of ``REWORD_JOINS``: misspelt (two letters swapped inside a word), their words run together
    ("typicalsampling"), hyphened, in capitals. None is right: two answers are offered where one is asked."""
    made = []
    for rng, case, _others in _term_cards(cards):
        for other in list(case.get("reject") or [])[:2]:
            words = other.split()
            at = rng.randrange(len(words))
            shapes = {
                "misspelt": " ".join(_letters_swapped(w, rng) if i == at else w for i, w in enumerate(words)),
                "run together": other.replace(" ", "") if len(words) > 1 else "",
                "hyphened": other.replace(" ", "-") if len(words) > 1 else "",
                "capitals": other.upper(),
            }
            for shape, said in shapes.items():
                if not said or said == other:
                    continue
                for join in REWORD_JOINS:
                    made.append((shape, dict(case, response=join.format(a=case["accept"][0], r=said))))
    return made


#: A question asking what an acronym stands for, and the acronym.
_STANDS_FOR = re.compile(r"\bdoes\s+(?:the\s+)?([A-Za-z][A-Za-z0-9.\-]{2,9})\s+stand\s+for\b", re.I)


def misspelt_acronyms(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    """For "What does RLAIF stand for?": the acronym typed back with two letters swapped ("RLIAF"), each
    swap but those that spell it unchanged, in capitals and in small letters; and with each letter doubled
    ("RLAIFF"). None is right."""
    made = []
    for case in cards.values():
        found = _STANDS_FOR.search(case["question"])
        if not found:
            continue
        acronym = found.group(1).replace(".", "").replace("-", "")
        if len(acronym) < 4 or not acronym.isalpha():
            continue
        for i in range(len(acronym) - 1):
            said = acronym[:i] + acronym[i + 1] + acronym[i] + acronym[i + 2 :]
            if said.lower() == acronym.lower():
                continue
            for shape, text in (("capitals", said.upper()), ("small letters", said.lower())):
                made.append((shape, dict(case, response=text)))
        for i in range(len(acronym)):
            made.append(("a letter doubled", dict(case, response=(acronym[: i + 1] + acronym[i:]).upper())))
    return made


def retold_questions(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for case in cards.values():
        question = _ASKING.sub("", case["question"].strip().rstrip("?"))
        words = question.split()
        shapes = {
            "the question": question, "a + the question": "a " + question, "its first 4 words": " ".join(words[:4]),
            "its first 6 words": " ".join(words[:6]), "its last 4 words": " ".join(words[-4:]),
        }
        for shape, text in shapes.items():
            if text.strip() and not any(a.lower() in text.lower() for a in case["accept"]):
                made.append((shape, dict(case, response=text)))
        # a name the question writes with a number in it, typed back ("ResNet-50 model" for "How many layers
        # does ResNet-50 have?"), the number being an answer or not
        for name in re.findall(r"\b[A-Za-z]+-?\d[\w.]*\b", case["question"]):
            for text in (name, f"{name} model", f"the {name} one"):
                if not any(a.lower() in text.lower() for a in case["accept"]):
                    made.append(("a name with a number", dict(case, response=text)))
    return made


#: The ways a player corrects their answer: {a} is what they typed first, {r} what they corrected it to.
CORRECTIONS = (
    "{a} - actually {r}", "{a}, sorry, {r}", "{a}? scratch that, {r}", "{a} (I mean {r})", "{a}. Correction: {r}",
    "{a}... no wait, {r}", "{a} (or rather {r})",
)


def corrections(cards: dict[str, dict], *, to_answer: bool) -> list[tuple[str, dict]]:
    made = []
    for _rng, case, other_answers in _term_cards(cards):
        for other in list(case.get("reject") or [])[:2] + other_answers:
            first, then = (other, case["accept"][0]) if to_answer else (case["accept"][0], other)
            for shape in CORRECTIONS:
                made.append((shape, dict(case, response=shape.format(a=first, r=then))))
    return made


def reordered(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for case in cards.values():
        words = case["accept"][0].split()
        if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in case["accept"][0]):
            continue
        accepted = {a.lower() for a in case["accept"]}
        for order in itertools.permutations(words):
            said = " ".join(order)
            if said.lower() not in accepted:
                made.append((f"{len(words)} words", dict(case, response=said)))
    return made


#: Names of the field, most of them in no shipped vocabulary (``a name beside the answer``).
FIELD_NAMES = (
    "Bigtable", "Dryad", "Pregel", "Cassandra", "Kafka", "Flink", "Theano", "Caffe", "Chainer", "Horovod",
    "Megatron", "Chinchilla", "Gopher", "Falcon", "Mistral", "Gemini", "Llama", "Alpaca", "Vicuna", "Orca",
    "Qwen", "Hadoop", "Spark", "scikit-learn", "PyTorch", "JAX", "Paxos", "Raft", "Dijkstra", "Kalman filter",
    "label smoothing", "curriculum learning", "mixup", "cutout", "SimCLR", "BYOL", "MoCo", "DINO", "CLIP",
    "Whisper", "wav2vec", "Tacotron", "WaveNet", "AlexNet", "VGG", "ResNet", "Inception", "MobileNet",
    "EfficientNet", "YOLO", "U-Net", "Mask R-CNN", "GloVe", "fastText", "ELMo", "XLNet", "T5", "BART", "RoBERTa",
    "DeBERTa", "Reformer", "Longformer", "Perceiver", "Mamba", "RWKV", "Adagrad", "Adadelta", "Nadam", "LAMB",
    "Lion", "Shampoo", "Adafactor", "Xavier", "Kaiming", "Huber", "hinge", "focal loss", "triplet loss",
    "contrastive loss", "beam", "softmax", "swish", "mish", "GELU", "ELU", "SELU", "maxout", "Transformer-XL",
    "Sparse Transformer", "BigBird", "FlashAttention", "LoRA", "QLoRA", "prefix tuning", "adapters",
    "distillation", "pruning", "quantization",
)


#: Names of the field of two words or more, known terms (``a term right beside the answer``).
TWO_WORD_NAMES = (
    "Kalman filter", "label smoothing", "curriculum learning", "focal loss", "triplet loss", "contrastive loss",
    "prefix tuning", "beam search", "greedy decoding", "batch normalization", "gradient clipping",
    "weight decay", "early stopping", "random forest", "decision tree", "k-means clustering",
)  # fmt: skip


def terms_right_beside(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    """The card's first accepted answer with a known term of two words written right before or after it, no mark
    between them ("temperature beam search"): two things offered where one is asked."""
    made = []
    for card_id, case in cards.items():
        answer = case["accept"][0]
        if answer.lower() in _NOT_TERMS or any(ch.isdigit() for ch in answer):
            continue
        said = " ".join(a.lower() for a in (*case["accept"], *(case.get("reject") or ()), case["question"]))
        for name in random.Random(card_id).sample(TWO_WORD_NAMES, 4):
            if any(w in said for w in name.lower().replace("-", " ").split()):
                continue  # (a word of the card's: maybe a kind of the answer, "gradient descent" beside "gradient")
            for join in ("{a} {r}", "{r} {a}"):
                made.append((join, dict(case, response=join.format(a=answer, r=name))))
    return made


def names_beside(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for card_id, case in cards.items():
        answer = case["accept"][0]
        if answer.lower() in _NOT_TERMS or any(ch.isdigit() for ch in answer):
            continue
        said = [a.lower() for a in (*case["accept"], *(case.get("reject") or ()))]
        for name in random.Random(card_id).sample(FIELD_NAMES, 6):
            if any(name.lower() in a or a in name.lower() for a in said):
                continue
            for join in JOINS:
                made.append((join, dict(case, response=join.format(a=answer, r=name))))
    return made


#: Words a phrase of the question neither starts nor ends with.
_LITTLE = frozenset(
    """a an the of in on for to by with and or is are be that which what who how when where why does do it its as
    at from into than this these those their there""".split()
)


def question_phrases(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for case in cards.values():
        words = re.sub(r'[?()",:;]', " ", case["question"]).split()
        seen: set[str] = set()
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                run = words[i : i + n]
                text = " ".join(run)
                low = text.lower()
                if run[0].lower() in _LITTLE or run[-1].lower() in _LITTLE or len(text) < 3 or low in seen:
                    continue
                seen.add(low)
                if not any(a.lower() in low or low in a.lower() for a in case["accept"]):
                    made.append((f"{n} word{'s' if n > 1 else ''}", dict(case, response=text)))
    return made


def explanation_phrases(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    """Runs of two or three words of the card's explanation (deck mode) that neither start nor end with a
    little word and hold a word of the card's first accepted answer but no accepted answer: another thing the
    card names beside the answer ("truncated normal distribution" for "truncation trick", "beam width")."""
    made = []
    for case in cards.values():
        text = case.get("explanation") or labelled.shipped_answers().get(case["card"], "")
        words = re.sub(r'[?()",:;.*]', " ", text).split()
        own = {w.lower()[:5] for w in re.findall(r"[\w-]+", case["accept"][0]) if len(w) >= 4}
        names = [a.lower() for a in (*case["accept"], *(case.get("aliases") or ()))]
        seen: set[str] = set()
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                run = words[i : i + n]
                low = " ".join(run).lower()
                if run[0].lower() in _LITTLE or run[-1].lower() in _LITTLE or low in seen:
                    continue
                seen.add(low)
                if any(a in low or low in a for a in names):
                    continue
                if any(w.lower()[:5] in own for w in run if len(w) >= 4):
                    made.append((f"{n} words", dict(case, response=" ".join(run))))
    return made


#: The ways a player offers both answers of a yes-or-no card: {a} is the card's answer, {b} the other.
BOTH_SIDES = (
    "{a} and {b}", "{a} or {b}", "{a}/{b}", "{a}, {b}", "{b}, {a}", "{a}? {b}?", "{a} - actually {b}",
    "{a}, though maybe {b}", "{a}, or possibly {b}", "{a} i guess, or {b}", "probably {a}, could be {b}",
    "{a} in some cases, {b} in others", "{a}... or else {b}", "{a} and {b} both",
)


def both_sides(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for case in cards.values():
        answer = case["accept"][0].lower()
        if answer not in ("yes", "no", "true", "false"):
            continue
        a, b = ("yes", "no") if answer in ("yes", "true") else ("no", "yes")
        made.extend((shape, dict(case, response=shape.format(a=a, b=b))) for shape in BOTH_SIDES)
    return made


#: Talk around an answer that says nothing of it: {a} is the answer.
TALK = (
    "Hmm, {a}", "hmm {a}", "Hmmm... {a}", "Umm, {a}", "Uhh {a}", "Erm, {a}", "Ah, {a}", "Oh, {a}", "Oh! {a}",
    "Ooh, {a}", "ahh {a}", "Easy: {a}", "Oh I know this one, {a}", "I'd say {a}", "Definitely {a}", "Surely {a}",
    "ok {a}", "Okay so {a}", "Well... {a}", "I believe it's {a}", "my answer: {a}", "answer: {a}",
    "{a}, right?", "{a}, final answer", "{a}, no doubt", "{a} for sure", "{a}, easy", "{a} obviously", "{a} duh",
    "{a} lol", "{a} haha", "{a} I think", "{a} I guess", "{a} (I think)", "{a}, I'm pretty sure", "{a}!", "{a}?",
    "{a} :)", "{a}.", "{a}, yes?", "{a}, correct?", "gonna say {a}", "{a} ofc", "{a} tbh", "{a} imo", "{a} (not sure)",
    "not sure but {a}", "Yeah, {a}", "yes {a}", "{a} xD", "ans: {a}", "Correct answer: {a}", "I'm going to say {a}",
    "Of course, {a}", "{a} is my answer", "go with {a}", "{a}, no kidding", "{a}? not sure", "{a}, isn't it?",
    "{a}, no?", "{a}?? no clue", "{a}, not joking",
)

#: The ways a player takes their answer back with nothing in its place, or leaves it open: none gives it.
RETRACTIONS = (
    "{a} is wrong", "{a} is not the answer", "{a} isn't right", "{a}? no.", "{a}? nope", "{a}... just kidding",
    "{a} - actually no", "{a}, no wait", "{a} - scratch that", "{a}, never mind", "anything but {a}",
    "I'd say {a} but it's really something else", "{a}, or not", "{a}, but probably not", "{a}, jk",
    "{a} is the wrong answer", "{a} is false", "{a} isn't used", "{a}? I doubt it", "{a} has nothing to do with it",
)


#: The ways a player glosses their answer as another thing ({r}: one of the card's rejected answers): none is
#: right; and the ways they set it apart from that thing, which stay right.
GLOSSES = (
    "{a}, which is {r}", "{a}, i.e. {r}", "{a} i.e. {r}", "{a} (a form of {r})", "{a}, a kind of {r}",
    "{a}, sometimes called {r}", "{a} - it's {r}", "{a}, meaning {r}", "{a}, which is a type of {r}",
)
SET_APART = ("{a}, which is not {r}", "{a}, the opposite of {r}", "{a}, unlike {r}", "{a}, not {r}")


def glosses(cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, bool, dict]]:
    """The card's first accepted answer, where it is right alone, glossed as each of its first two rejected
    answers (``GLOSSES``: wrong) and set apart from them (``SET_APART``: right). Each item: (shape, right, case)."""
    made: list[tuple[str, bool, dict]] = []
    for case in cards.values():
        answer = case["accept"][0]
        if not case.get("reject") or judge(dict(case, response=answer)) is not VerdictKind.CORRECT:
            continue
        for other in case["reject"][:2]:
            made.extend((shape, False, dict(case, response=shape.format(a=answer, r=other))) for shape in GLOSSES)
            made.extend((shape, True, dict(case, response=shape.format(a=answer, r=other))) for shape in SET_APART)
    return made


def retractions(cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, dict]]:
    """The card's first accepted answer, where it is right alone, in each shape of ``RETRACTIONS``."""
    made = []
    for _rng, case, _others in _term_cards(cards):
        answer = case["accept"][0]
        if judge(dict(case, response=answer)) is VerdictKind.CORRECT:
            made.extend((shape, dict(case, response=shape.format(a=answer))) for shape in RETRACTIONS)
    return made


def talk(cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, bool, dict]]:
    """The card's first accepted answer in each shape of ``TALK``, where the answer alone is right: right
    (counted when refused); and, where the card has one, its first rejected answer (deck mode) or another card's
    first answer, wrong alone, in each shape: wrong (counted when accepted). Each item: (shape, right, case)."""
    made: list[tuple[str, bool, dict]] = []
    for _rng, case, other_answers in _term_cards(cards):
        answer = case["accept"][0]
        if judge(dict(case, response=answer)) is VerdictKind.CORRECT:
            made.extend((shape, True, dict(case, response=shape.format(a=answer))) for shape in TALK)
        other = next(iter(case.get("reject") or ()), None) or (other_answers[0] if other_answers else None)
        if other and judge(dict(case, response=other)) is not VerdictKind.CORRECT:
            made.extend((shape, False, dict(case, response=shape.format(a=other))) for shape in TALK)
    return made


#: Unsure talk before another answer: {a} is the card's answer, {r} the other. Each offers {r} (wrong); the
#: shapes of ``UNSURE_ALONE`` offer nothing (right).
UNSURE = (
    "{a} not sure maybe {r}", "{a} not sure {r}", "{a} im not sure maybe {r}", "{a} no idea maybe {r}",
    "{a} if not {r}", "{a} if its not {r}", "{a} (not sure) or {r}", "{a} maybe {r}", "{a} perhaps {r}",
    "{a} otherwise {r}", "{a} could be {r}", "{a} could also be {r}", "{a}, unless it's {r}",
    "{a}, {r} works too", "{a}, {r} is also possible",
)
UNSURE_ALONE = ("{a}, not sure", "{a} (not sure)", "not sure, {a}", "{a} idk", "{a}, if I'm not mistaken", "{a} maybe")


def unsure(cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, bool, dict]]:
    """The card's first accepted answer with unsure talk before another answer (``UNSURE``: the card's first
    rejected answer, or another card's first answer), wrong; and with unsure talk alone (``UNSURE_ALONE``),
    right where the answer alone is. Each item: (shape, right, case)."""
    made: list[tuple[str, bool, dict]] = []
    for _rng, case, other_answers in _term_cards(cards):
        answer = case["accept"][0]
        if judge(dict(case, response=answer)) is not VerdictKind.CORRECT:
            continue
        made.extend((shape, True, dict(case, response=shape.format(a=answer))) for shape in UNSURE_ALONE)
        other = next(iter(case.get("reject") or ()), None) or (other_answers[0] if other_answers else None)
        if other and judge(dict(case, response=other)) is not VerdictKind.CORRECT:
            made.extend((shape, False, dict(case, response=shape.format(a=answer, r=other))) for shape in UNSURE)
    return made


def turned_questions(cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, bool, dict]]:
    """The question, without its asking words, typed after the card's first accepted answer as a remark
    ("beam search - decoding algorithm keeps only the k most probable partial sequences ..."): as it is, right
    where the answer alone is; and with one word of it turned into its pair of ``Tables.flips`` ("... the k
    least probable ..."), each such word in turn, wrong. Each item: (shape, right, case)."""
    flips = tables().flips
    made: list[tuple[str, bool, dict]] = []
    for case in cards.values():
        answer = case["accept"][0]
        if judge(dict(case, response=answer)) is not VerdictKind.CORRECT:
            continue
        rest = _ASKING.sub("", case["question"].strip().rstrip("?"))
        words = rest.split()
        if len(words) < 5:
            continue
        made.append(("as it is", True, dict(case, response=f"{answer} - {rest}")))
        for i, w in enumerate(words):
            other = sorted(o for o in flips.get(w.lower(), ()) if o.isalpha() and o != w.lower() and o not in rest.lower())
            if other:
                turned = " ".join([*words[:i], other[0], *words[i + 1 :]])
                made.append(("one word turned", False, dict(case, response=f"{answer} - {turned}")))
    return made


#: Words that deny or set something against another: a sentence with one is restated, never denied again.
_DENYING = re.compile(r"\b(not|no|never|without|none|nothing|unlike|instead|rather|whereas|nor|neither|cannot)\b|n't\b", re.I)
#: A sentence's verb of being or having after its subject ("it is", "they are").
_AUX = re.compile(r"^(?P<pre>\S+ )(?P<aux>is|are|was|were|can|has|have|will)\b(?P<post>.*)$")
#: A sentence's verb after "it" or "they", in the third person ("it splits").
_VERB = re.compile(r"^(?P<pre>it|they) (?P<verb>[a-z]+s)\b(?P<post>.*)$")


def _base(verb: str) -> str:
    """A verb in the third person made plain: "applies" -> "apply", "pushes" -> "push", "moves" -> "move"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    return verb[:-1]


def card_sentences(cards: dict[str, dict]) -> list[tuple[str, bool, dict]]:
    """The first four sentences of each deck card's explanation that say something of the answer (they open with
    its name or with "It"/"They"), cut at their first comma and at 14 words, typed after the answer as a remark
    with "it" for the name: right (the card says so). Those that deny nothing are denied too ("it is not ...",
    "it doesn't split ...", "which never splits ..."): wrong. Each item: (shape, right, case)."""
    made: list[tuple[str, bool, dict]] = []
    for case in cards.values():
        text = re.sub(r"\*\*", "", labelled.card_of(case, "deck").answer)
        answer = case["accept"][0]
        names = sorted({n for n in (case.get("term"), *case["accept"]) if n}, key=len, reverse=True)
        for sentence in [x.strip() for x in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if x.strip()][:4]:
            sentence = sentence.rstrip(".")
            low = sentence.lower()
            name = next((n for n in names if low.startswith((n.lower(), "the " + n.lower()))), None)
            if sentence.startswith(("It ", "They ")):
                body = sentence
            elif name:
                body = "it" + sentence[len(name) + (4 if low.startswith("the ") else 0) :]
            else:
                continue
            body = re.split(r"[,;(:]", " ".join(body.split()[:14]))[0].strip()
            body = body[0].lower() + body[1:]
            if len(body.split()) < 3:
                continue
            restated = dict(case, response=f"{answer} - {body}")
            if _DENYING.search(body):
                made.append(("a denial restated", True, restated))
                continue
            made.append(("restated", True, restated))
            m = _AUX.match(body)
            if m:
                made.append(("'is not'", False, dict(case, response=f"{answer} - {m['pre']}{m['aux']} not{m['post']}")))
            m = _VERB.match(body)
            if m and m["verb"] not in ("is", "was", "has", "does"):
                plain, verb, rest = _base(m["verb"]), m["verb"], m["post"]
                made.append(("'doesn't'", False, dict(case, response=f"{answer} - {m['pre']} doesn't {plain}{rest}")))
                made.append(("'which never'", False, dict(case, response=f"{answer}, which never {verb}{rest}")))
    return made


#: The parts whose cards the shapes are made from: the tune parts, and the fresh parts' tune halves.
PARTS = (("accept-only", "tune"), ("accept-only", "fresh-tune"), ("deck", "tune"), ("deck", "fresh-tune"))


def essay_cards(mode: str, split: str = "tune") -> dict[str, dict]:
    """One case per essay card (key points, no accepted answer) of ``split``, a part that may be looked at."""
    assert split in labelled.READABLE
    out: dict[str, dict] = {}
    for case in labelled.load(mode, split):
        if case.get("keypoints") and not case.get("accept") and case["card"] not in out:
            out[case["card"]] = case
    return out


def essay_echoes(cards: dict[str, dict]) -> list[tuple[str, dict]]:
    made = []
    for case in cards.values():
        words = re.sub(r'[?()",:;.]', " ", case["question"]).split()
        seen: set[str] = set()
        for n in range(2, 10):
            for i in range(len(words) - n + 1):
                run = words[i : i + n]
                text = " ".join(run)
                if run[0].lower() in _LITTLE or run[-1].lower() in _LITTLE or text.lower() in seen:
                    continue
                seen.add(text.lower())
                made.append((f"{n} words", dict(case, response=text)))
                # tied to itself by words that say nothing
                made.append(("... is when ...", dict(case, response=f"{text} is when {text}")))
                made.append(("..., which means ...", dict(case, response=f"{text}, which means {text}")))
        question = _ASKING.sub("", case["question"].strip().rstrip("?"))
        for shape, text in (("the question", question), ("because + the question", f"because {question}")):
            made.append((shape, dict(case, response=text)))
    return made


#: Ways of saying the answer is the same thing as another ("near misses beside the answer").
SAME_AS = (
    "{a}, same as {r}", "{a}, aka {r}", "{a}, also known as {r}", "{a}, identical to {r}", "{a} = {r}",
    "{a}, which is just {r}", "{a}, in other words {r}", "{a} ({r})",
)
#: Two right names of the answer side by side ("near misses beside the answer", right).
RESTATED = ("{a}, {r}", "{a} ({r})", "{a} or {r}", "{a}, aka {r}", "{a} / {r}")


def near_misses(mode: str, split: str, cards: dict[str, dict], judge: labelled.Judge) -> list[tuple[str, bool, dict]]:
    """The card's first accepted answer, where it is right alone, beside each of the card's labelled near misses
    (its cases of the classes known_term_slip and wrong_expansion, up to five words, wrong alone: "c-means" for
    k-means, "cable news network" for CNN) offered in ``JOINS`` or said to be the same thing (``SAME_AS``): wrong;
    and beside each of its labelled right answers of up to five words (right alone) in ``RESTATED``: right.
    Each item: (shape, right, case)."""
    by_card: dict[str, list[dict]] = {}
    for case in labelled.load(mode, split):
        by_card.setdefault(case["card"], []).append(case)
    made: list[tuple[str, bool, dict]] = []
    for card_id, case in cards.items():
        answer = case["accept"][0]
        if answer.lower() in _NOT_TERMS or judge(dict(case, response=answer)) is not VerdictKind.CORRECT:
            continue
        short = [c for c in by_card[card_id] if len(c["response"].split()) <= 5]
        slips = sorted({
            c["response"] for c in short
            if c["class"] in ("known_term_slip", "wrong_expansion") and c["expected"] == "wrong"
            and judge(c) is not VerdictKind.CORRECT
        })
        rights = sorted({
            c["response"] for c in short
            if c["class"] == "right" and c["response"].lower() != answer.lower() and judge(c) is VerdictKind.CORRECT
        })[:3]
        for other in slips:
            made.extend((shape, False, dict(case, response=shape.format(a=answer, r=other))) for shape in (*JOINS, *SAME_AS))
        for other in rights:
            made.extend((shape, True, dict(case, response=shape.format(a=answer, r=other))) for shape in RESTATED)
    return made


def _listing(found: list[tuple[str, dict]], show: int, label: str = "") -> None:
    """The eight most common shapes of ``found`` with their counts, then its first ``show`` answers."""
    for shape, n in Counter(shape for shape, _ in found).most_common(8):
        print(f"  {n:5d}  {shape}" + (f" ({label})" if label else ""))
    for _, case in found[:show]:
        print(f"    {case['card']}: {case['response']!r}")


def _counted(title: str, made: list[tuple[str, dict]], judged: list[tuple[str, dict]], verb: str, where: str, show: int) -> None:
    """One row: how many of ``made`` were ``judged`` so (``verb``: "accepted", "refused", "given credit")."""
    print(f"{title}: {len(judged):,} of {len(made):,} {verb} ({where})")
    _listing(judged, show)


def _both_ways(
    head: str, made: list[tuple[str, bool, dict]], judge: labelled.Judge, rows: tuple[str, str, str, str], where: str, show: int
) -> None:
    """Two rows for answers made wrong and right (``made``: (shape, right, case)): the wrong ones accepted and the
    right ones refused. ``rows``: the wrong row's title and label, then the right row's."""
    wrong = [(shape, case) for shape, right, case in made if not right and judge(case) is VerdictKind.CORRECT]
    right = [(shape, case) for shape, ok, case in made if ok and judge(case) is not VerdictKind.CORRECT]
    n_wrong = sum(1 for _s, ok, _c in made if not ok)
    wrong_title, wrong_label, right_title, right_label = rows
    print(f"{head}, {wrong_title}: {len(wrong):,} of {n_wrong:,} accepted ({where})")
    print(f"{head}, {right_title}: {len(right):,} of {len(made) - n_wrong:,} refused ({where})")
    for label, found in ((wrong_label, wrong), (right_label, right)):
        _listing(found, show, label)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mode", choices=(*labelled.MODES, "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="list this many accepted answers of each kind")
    args = parser.parse_args()
    for mode, split in PARTS:
        if args.mode not in ("both", mode):
            continue
        judge = labelled.grader(mode)
        cards = cards_of(mode, split)
        where = f"{len(cards)} {split} cards"
        kinds = (
            ("second answers", second_answers(cards)),
            ("second answers reworded", reworded_second_answers(cards)),
            *((("rejected answers reworded beside the answer", reworded_rejects(cards)),) if mode == "deck" else ()),
            ("a name beside the answer", names_beside(cards)),
            ("a term right beside the answer", terms_right_beside(cards)),
            ("a correction to another answer", corrections(cards, to_answer=False)),
            ("the answer's words reordered", reordered(cards)),
            ("the question typed back", retold_questions(cards)),
            ("the asked acronym typed back misspelt", misspelt_acronyms(cards)),
            ("a phrase of the question", question_phrases(cards)),
            ("both sides of a yes or no", both_sides(cards)),
            *((("a phrase of the explanation beside a word of the answer", explanation_phrases(cards)),) if mode == "deck" else ()),
        )
        for kind, made in kinds:
            accepted = [(shape, case) for shape, case in made if judge(case) is VerdictKind.CORRECT]
            _counted(f"{mode}, {kind}", made, accepted, "accepted", where, args.show)
        if mode == "deck":
            essays = essay_cards(mode, split)
            made = essay_echoes(essays)
            credited = [(shape, case) for shape, case in made if judge(case) in (VerdictKind.CORRECT, VerdictKind.PARTIAL)]
            _counted(
                f"{mode}, the question typed back to an essay card", made, credited, "given credit",
                f"{len(essays)} {split} essay cards", args.show,
            )
            _both_ways(
                mode, glosses(cards, judge), judge,
                ("the answer glossed as a rejected one", "glossed", "the answer set apart from a rejected one", "set apart"),
                where, args.show,
            )
            _both_ways(
                mode, card_sentences(cards), judge,
                ("the card's sentences denied", "denied", "the card's sentences restated", "restated"), where, args.show,
            )
        _both_ways(
            mode, near_misses(mode, split, cards, judge), judge,
            ("a near miss beside the answer", "near miss", "two right names side by side", "restated"), where, args.show,
        )
        _both_ways(
            mode, talk(cards, judge), judge,
            ("talk around a wrong answer", "wrong", "talk around a right answer", "right"), where, args.show,
        )
        _both_ways(
            mode, unsure(cards, judge), judge,
            ("unsure talk before another answer", "wrong", "unsure talk alone", "right"), where, args.show,
        )
        _both_ways(
            mode, turned_questions(cards, judge), judge,
            ("the question typed back with one word turned", "turned", "the question typed back as it is", "as it is"),
            where, args.show,
        )
        made = retractions(cards, judge)
        accepted = [(shape, case) for shape, case in made if judge(case) is VerdictKind.CORRECT]
        _counted(f"{mode}, the answer taken back", made, accepted, "accepted", where, args.show)
        made = corrections(cards, to_answer=True)
        refused = [(shape, case) for shape, case in made if judge(case) is not VerdictKind.CORRECT]
        _counted(f"{mode}, a correction to the answer", made, refused, "refused", where, args.show)


if __name__ == "__main__":
    main()
