"""Topic suggestions (``Catalog.suggest_topics`` / ``topic_hint``): what /quiz, /daily and /review offer
for a topic that does not exist, and what the topic autocomplete lists."""

from __future__ import annotations

import pytest

from bot.core.catalog import Catalog
from bot.core.models import Card, Deck


def card(cid: str, term: str, tags: tuple[str, ...]) -> Card:
    return Card(deck="d", id=cid, question="Q?", answer="A.", term=term, accept=("a",), tags=tags)


@pytest.fixture(scope="module")
def topics() -> Catalog:
    deck_cards = (
        card("a", "attention mechanism", ("attention", "transformers")),
        card("b", "softmax", ("activation-functions", "transformers")),
        card("c", "temperature", ("sampling", "llms")),
        card("e", "tokenizer", ("sentiment-analysis", "llms", "optimization")),
    )
    return Catalog([Deck("d", "D", cards=deck_cards)])


def test_topic_suggestions_are_the_closest_to_what_was_typed(topics: Catalog) -> None:
    assert topics.suggest_topics("atention") == ["attention"]  # not every topic sharing a few letters
    assert topics.suggest_topics("transformrs") == ["transformers"]
    assert topics.suggest_topics("llm") == ["llms"]
    assert topics.suggest_topics("analysis") == ["sentiment-analysis"]
    assert topics.suggest_topics("t")[:1] == ["transformers"]  # biggest first among equally close
    assert topics.topic_hint("atention").close


def test_an_unknown_topic_with_nothing_close_lists_every_topic(topics: Catalog) -> None:
    hint = topics.topic_hint("astrology", limit=3)
    assert not hint.close and hint.total == len(topics.topics) == 8
    assert list(hint.topics) == topics.topics[:3]  # clipped, biggest topics first
    assert topics.suggest_topics("astrology") == topics.topics
    assert topics.suggest_topics("") == topics.topics
