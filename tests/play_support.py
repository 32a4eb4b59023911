"""What the Discord play tests share."""

from __future__ import annotations

import random


class FirstChoice(random.Random):
    """A random source that always picks the first choice: each card is asked by its own question, before
    the cloze."""

    def choice(self, seq):  # type: ignore[override]
        return seq[0]


def assert_no_pings(env) -> None:
    """Every message the bot sent or edited (follow-ups of a deferred command too) mentioned nobody."""
    checked = 0
    for r in env.http_requests:
        if r.method not in ("POST", "PATCH") or not ("/messages" in r.path or "/callback" in r.path or "/webhooks/" in r.path):
            continue
        body = r.json or {}
        data = body.get("data", body) if "/callback" in r.path else body
        if isinstance(data, dict) and ({"content", "embeds"} & set(data)):
            assert (data.get("allowed_mentions") or {}).get("parse") == [], (r.method, r.path)
            checked += 1
    assert checked


#: The right answer to each card of the mini deck (tests/data/decks/mini.yaml) a quiz or a review may ask, in
#: both directions (the card's question, or the cloze naming the term).
MINI_RIGHT = {
    "mini:bert": "Bidirectional Encoder Representations from Transformers",
    "mini:attention-mechanism": "attention",
    "mini:mixture-of-experts": "mixture of experts",
    "mini:temperature": "temperature",
    "mini:l2-regularization": "ridge regression",
    "mini:l1-regularization": "lasso",
}
