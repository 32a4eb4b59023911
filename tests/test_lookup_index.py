"""The term index answers exactly as a plain scan would: its typo index finds what comparing every word
finds, and scoring by lookup equals comparing every pair (the speed-ups of issue 16 change no answer)."""

from __future__ import annotations

import random
from pathlib import Path

from rapidfuzz import fuzz

from bot.core.decks import load_decks
from bot.core.lookup.query import QueryWord
from bot.core.lookup.tables import Tables
from bot.core.lookup.typos import INDEX_MIN_WORDS, TypoFinder
from bot.core.lookup.words import Coverage, cover, typo_cutoff
from bot.core.text import fold

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "tests" / "data" / "decks_lookup"



def scan(words: set[str], query: str, cutoff: float) -> dict[str, float]:
    """What comparing the query with every word of a similar length finds."""
    return {
        w: s for w in words if abs(len(w) - len(query)) <= 2 and (s := fuzz.ratio(query, w, score_cutoff=cutoff))
    }

def test_the_typo_index_finds_what_a_scan_finds() -> None:
    rng = random.Random(5)
    letters = "aeiourstln"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(12000)}
    finder = TypoFinder(words)
    assert any(len(group) > INDEX_MIN_WORDS for group in finder.by_len.values())  # the index is used
    for _ in range(300):
        query = "".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))
        cutoff = typo_cutoff(len(query))
        assert dict(finder.neighbours(query, cutoff)) == scan(words, query, cutoff), query


def test_scoring_by_lookup_equals_comparing_every_pair() -> None:
    tables = Tables([c for d in load_decks(GLOSSARY) for c in d.cards])
    queries = ["atention mechanizm", "multihead atten", "querys keys", "larg languag", "softmaks", "t", "the of"]
    for query in queries:
        words = fold(query).split()
        for prefix_last in (False, True):
            sims = [
                QueryWord(tables, w, prefix=prefix_last and i == len(words) - 1).similarities(tables)
                for i, w in enumerate(words)
            ]
            fast = Coverage(words, prefix_last, sims)
            for key in tables.keys:
                assert fast(key) == cover(words, key, prefix_last), (query, key)


def test_the_letter_count_filter_finds_what_a_scan_finds_among_long_words() -> None:
    rng = random.Random(11)
    letters = "aeiourstlnmc"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(6, 15))) for _ in range(20000)}
    finder = TypoFinder(words)
    for _ in range(300):
        base = rng.choice(sorted(words))
        i = rng.randrange(len(base))
        query = base[:i] + rng.choice(letters) + base[i + 1 :] if rng.random() < 0.7 else base[:i] + base[i + 1 :]
        cutoff = typo_cutoff(len(query))
        assert dict(finder.neighbours(query, cutoff)) == scan(words, query, cutoff), query


def test_scoring_many_keys_at_once_equals_scoring_each() -> None:
    tables = Tables([c for d in load_decks(GLOSSARY) for c in d.cards])
    queries = ["atention mechanizm", "multihead atten", "querys keys", "larg languag", "softmaks", "t", "the of", "of"]
    for query in queries:
        words = fold(query).split()
        for prefix_last in (False, True):
            sims = [
                QueryWord(tables, w, prefix=prefix_last and i == len(words) - 1).similarities(tables)
                for i, w in enumerate(words)
            ]
            fast = Coverage(words, prefix_last, sims)
            one_by_one = [fast(key) for key in tables.keys]
            assert fast.many(tables.keys, tables.sizes) == one_by_one, query


def test_sorting_in_runs_keeps_the_order_of_one_sort_ties_included() -> None:
    from bot.core.lookup.tables import _SORT_RUN, _sorted

    rng = random.Random(3)
    items = list(range(_SORT_RUN * 3 + 17))
    keys = {i: rng.choice("abcdefgh") + rng.choice("ab") for i in items}  # many ties
    assert _sorted(items, key=keys.__getitem__) == sorted(items, key=keys.__getitem__)
