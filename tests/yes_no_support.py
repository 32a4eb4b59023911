"""What the yes/no question tests share (``from yes_no_support import quickchecks, study_and_more``): the cards
they ask, as deck text, and a #study channel with its members beside a second channel."""

from __future__ import annotations

from typing import Any

from world_support import study_guild

#: A yes/no card whose answer is Yes.
BERT_ENCODER = """\
  - id: bert-encoder
    question: Is BERT an encoder-only model?
    answer: Yes, BERT uses only the encoder stack of the transformer.
    accept: ["Yes"]
    tags: [checks]
"""

#: A card whose answer is a term (not yes/no).
TEMPERATURE = """\
  - id: temperature
    term: temperature
    question: Which sampling parameter makes an LLM's output more repetitive when low?
    answer: |
      A low **temperature** produces repetitive responses.
    accept: [temperature]
    tags: [sampling]
"""


def quickchecks(*cards: str) -> str:
    """The "quickchecks" deck ("Yes or no") holding ``cards`` (card texts as above)."""
    return "deck: quickchecks\ntitle: Yes or no\ncards:\n" + "".join(cards)


def study_and_more(env: Any, *names: str) -> tuple[Any, dict[str, Any]]:
    """``(channel, members)``: a #study channel with the members ``names``, and under ``"other channel"`` a
    second channel of the guild, #more."""
    guild, channel, members = study_guild(env, *names)
    members["other channel"] = guild.create_text_channel("more")
    return channel, members
