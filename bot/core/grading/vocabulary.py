"""Word lists the grader reads meaning from: filler, separators, hedges, negators, antonym prefixes."""

from __future__ import annotations

import logging
from typing import Final

log = logging.getLogger(__name__)


# Words that carry no answer: articles, filler, hedging chatter. Dropped from content.
STOP: Final = frozenset(
    """a an the of to for in on at by with from into via as is are was were be been being it its
    this that these those there their they them thats i im ive id me my we our you your he she
    think believe guess suppose maybe perhaps probably possibly likely presumably sure pretty
    answer um uh umm erm hm ok okay well so like lol haha pls please idk dunno just basically sorry oops thanks thx
    called known would could should might must can will do does did also very really
    kinda sort kind of thing something guessing reckon hey yeah yep about around roughly approximately
    circa et al prof professor dr mr mrs ms sir""".split()
)
#: Little words (``STOP``) that say something alone, as a word of a language a card may teach: a form of "to be",
#: a verb that helps another, an adverb, a title. A response made of these ("being" for "to be", "pretty" for
#: "beautiful", "very pretty"), an article or a "to" beside them at most, is a try at an answer, not no answer as
#: talk is ("um", "the", "it is", "i think", "thanks").
SAYING_LITTLE: Final = frozenset(
    """is are was were be been being would could should might must can will do does did also very really
    pretty kind called known prof professor dr mr mrs ms sir""".split()
)
# Head nouns a player may leave out when the question already says them ("conditional" for
# "conditional models" when asked "Discriminative models ... what else are they known as?").
GENERIC: Final = frozenset(
    """model models method methods algorithm algorithms network networks layer layers approach technique
    type types kind representation representations function functions learning system systems set sets
    correction corrections coefficient coefficients problem problems theorem law rule principle test""".split()
)
MAYBE_WORDS: Final = frozenset({"maybe", "perhaps", "possibly", "probably"})
#: Words that offer another answer after a comma, as "maybe" does ("dropout, alternatively L2", "mostly Adam,
#: sometimes SGD").
OFFER_WORDS: Final = frozenset({"alternatively", "otherwise", "else", "sometimes"})
#: Words that give the answer another name ("ridge, also called Tikhonov regularization"): after "also" they
#: offer no second answer, and the name they give must be one of the answer's.
NAMING_WORDS: Final = frozenset({"called", "known", "named", "termed", "referred", "dubbed"})
SEPARATOR_WORDS: Final = frozenset({"or", "and", "vs", "versus", "either", "nor", "but", "plus", "then", "also"})
HEDGE_WORDS: Final = frozenset({"or", "vs", "versus", "either", "nor"})
#: "Or" and "and" in other languages written in Latin letters (as folded to ASCII: "hoặc" is "hoac"), and the
#: chat shorthands of English ("v" for versus, "'n'" for and): read as "or" and "and" between two words. Words
#: of one letter ("o", "y", "e") and words that are English or names too ("en", "dan", "og", "ve") are left out.
OTHER_OR_WORDS: Final = frozenset(
    "ou oder lub albo eller veya atau hoac oppure sau nebo alebo vagy ili bzw v".split() + ["ya da"]
)
OTHER_AND_WORDS: Final = frozenset("und och et".split())
#: The articles of the languages most often learnt from vocabulary cards (Spanish, French, German, Italian,
#: Dutch), as folded to ASCII, that open a noun on a card ("el perro", "der Hund", "la fenêtre"): a noun typed
#: without its article, or with another one (its gender wrong), is almost the answer. Articles of one letter,
#: and words that are English too ("a", "an", "die" aside, which opens only a German noun here), are left out.
ARTICLES: Final = frozenset(
    """el la los las lo le les un una unos unas une der die das den dem des ein eine einen einem einer eines
    il gli uno het een""".split()
)
HEDGE_MARKS: Final = frozenset({"/", "|"})
LIST_MARKS: Final = frozenset({",", ";", "/", "&", "+", "|", "\n", "-"})
CLAUSE_MARKS: Final = frozenset({".", "!", "?", ":", ";", "(", ")", "[", "]", "{", "}", "\n", ",", "-"})
NEGATORS: Final = frozenset(
    """not no never isnt arent wasnt werent dont doesnt didnt cannot cant wont without neither nor
    than except excluding aint unlike nobody noone""".split()
)
#: Negators that take an object, as a preposition does: "its" right after one of them (or after "instead
#: of", "rather than", "as opposed to") is the possessive, and what follows is still denied ("without its
#: weights").
OBJECT_NEGATORS: Final = frozenset({"without", "than", "unlike", "except", "excluding"})
NEG_BIGRAMS: Final = frozenset(
    {
        ("instead", "of"),
        ("rather", "than"),
        ("other", "than"),
        ("as", "opposed"),
        # "sparse, the opposite of dense", "contrary to dense models": what follows is set against the answer.
        ("opposite", "of"),
        ("contrary", "to"),
        # "dropout, which is turned off at inference": what follows is denied.
        ("turned", "off"),
        ("switched", "off"),
        ("turn", "off"),
        ("switch", "off"),
        ("turns", "off"),
        ("switches", "off"),
        # "optical flow, which has nothing to do with motion": what follows is denied.
        ("nothing", "to"),
    }
)
# Verbs that deny what follows them in a remark ("Adam, which skips momentum", "a model that lacks
# labels") or a question ("What replaces batch monitoring ...?" says the answer is no batch monitoring,
# so "..., instead of batch monitoring" agrees with it): read as negators only where a remark is weighed against what the answer is and the question
# says (``tokens.analyse_denying``), never while matching an answer ("What does bag of words ignore?"). The
# verb itself stays a word (a phrase of ``data/facts.yaml`` may name it: "ignores word order"). Bare "skip"
# and "drop" are left out: "skip connections" names, it does not deny. "drops" and "stops" deny ("halts once
# the loss stops improving"), but not where the answer is the dropping ("dropout drops units":
# ``verdicts._denies_facts`` reads the remark plainly where the verb is one of the answer's facts).
DENY_VERBS: Final = frozenset(
    """skips skipped skipping lacks lack lacked lacking avoids avoid avoided avoiding ignores ignore ignored
    ignoring omits omit omitted omitting forgoes forgo forgoing forwent neglects neglect neglected
    neglecting disregards disregard disregarded disregarding replaces replace replaced replacing supersedes
    supersede superseded superseding drops dropped stops stopped ceases ceased""".split()
)
# Words that end the object of a denying verb ("skips momentum during training"): prepositions and
# conjunctions that start what is said of it, not denied.
DENY_SCOPE_ENDS: Final = frozenset(
    """at in on for during with by via through from into to when while if because since after before
    per using across over under within""".split()
)
NEG_END_WORDS: Final = frozenset(
    """but its it rather instead however actually though although yet whereas while so thats
    correct right answer i""".split()
)
ALWAYS_PREFIX: Final = frozenset(
    "non semi self pre post multi uni bi anti un de sub co inter intra hyper mono".split()
)
HYPHEN_PREFIX: Final = ALWAYS_PREFIX | frozenset(
    {"over", "under", "re", "counter", "cross", "auto", "out", "up", "down"}
)
# Prefixes that turn a word into its rival when added ("supervised" -> "unsupervised").
NEGATING_PREFIXES: Final = (
    "self",
    "semi",
    "non",
    "un",
    "de",
    "dis",
    "anti",
    "mis",
    "over",
    "under",
    "hyper",
    "in",
    "im",
    "ir",
    "il",
)
# Prefix swaps that make rivals ("encoder" / "decoder", "overfitting" / "underfitting").
SWAP_PREFIXES: Final = (
    ("en", "de"),
    ("de", "en"),
    ("in", "de"),
    ("de", "in"),
    ("over", "under"),
    ("under", "over"),
    ("pre", "post"),
    ("post", "pre"),
    ("up", "down"),
    ("down", "up"),
    ("in", "out"),
    ("out", "in"),
    ("uni", "bi"),
    ("bi", "uni"),
    ("uni", "multi"),
    ("multi", "uni"),
    ("mono", "multi"),
    ("multi", "mono"),
    ("inter", "intra"),
    ("intra", "inter"),
    # the sciences' pairs: "hypoglycemia" / "hyperglycemia", "endothermic" / "exothermic", "anabolism" /
    # "catabolism", "afferent" / "efferent", "carbon monoxide" / "dioxide", "adenosine triphosphate" / "diphosphate"
    ("hypo", "hyper"),
    ("hyper", "hypo"),
    ("endo", "exo"),
    ("exo", "endo"),
    ("ana", "cata"),
    ("cata", "ana"),
    ("af", "ef"),
    ("ef", "af"),
    ("mono", "di"),
    ("di", "mono"),
    ("di", "tri"),
    ("tri", "di"),
    ("min", "max"),
    ("max", "min"),
    ("im", "ex"),
    ("ex", "im"),
    ("in", "ex"),
    ("ex", "in"),
    ("self", "semi"),
    ("semi", "self"),
    ("un", "semi"),
    ("semi", "un"),
    ("un", "self"),
    ("self", "un"),
    ("non", "semi"),
    ("semi", "non"),
    ("en", "dis"),
    ("dis", "en"),
)
