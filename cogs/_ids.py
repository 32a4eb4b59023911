"""Custom ids: one spec per component builds both the id and the ``DynamicItem`` template that matches it.

Every id is ``tutor:<name>:<field>:<field>…`` and at most 100 characters (Discord's limit). A spec names
each field with the pattern its values follow; ``build`` checks the values against it (so an id always
matches its own template) and refuses an id that would pass 100 characters; ``parse`` turns a template
match back into values.

    ANSWER = CustomId("qa", quiz=r"[0-9a-f]{8,32}", number=r"\\d{1,3}")
    class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=ANSWER.template): ...
    ANSWER.build(quiz="ab12cd34", number=2)  -> "tutor:qa:ab12cd34:2"
"""

from __future__ import annotations

import re
from typing import Any

PREFIX = "tutor"
MAX_LENGTH = 100
#: A card key (``deck:card``): the deck validator caps deck ids at 32 and card ids at 40 characters
#: (``bot.core.decks``), so a key is at most 73 and every id that carries one fits in 100.
CARD_KEY = r"[a-z0-9][a-z0-9_.-]{0,31}:[a-z0-9][a-z0-9_.-]{0,39}"
SNOWFLAKE = r"\d{1,20}"


class CustomIdError(ValueError):
    """A value does not fit its field, or the id would pass Discord's 100 characters."""


class CustomId:
    """The spec of one component's custom id."""

    def __init__(self, name: str, **fields: str) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
            raise ValueError(f"bad custom id name {name!r}")
        self.name = name
        self.fields: dict[str, str] = dict(fields)
        self._patterns = {k: re.compile(v) for k, v in fields.items()}
        parts = [re.escape(f"{PREFIX}:{name}")] + [f"(?P<{k}>{v})" for k, v in fields.items()]
        self.template = ":".join(parts)
        self._regex = re.compile(self.template)

    @property
    def prefix(self) -> str:
        """What every id of this spec starts with (``tutor:name``)."""
        return f"{PREFIX}:{self.name}"

    def build(self, **values: Any) -> str:
        """The custom id for these values; raises ``CustomIdError`` when a value does not fit."""
        if set(values) != set(self.fields):
            raise CustomIdError(f"{self.name}: expected fields {list(self.fields)}, got {list(values)}")
        parts = [PREFIX, self.name]
        for key, pattern in self._patterns.items():
            text = str(values[key])
            if not pattern.fullmatch(text):
                raise CustomIdError(f"{self.name}: {key}={text!r} does not match {pattern.pattern}")
            parts.append(text)
        custom_id = ":".join(parts)
        if len(custom_id) > MAX_LENGTH:
            raise CustomIdError(f"{self.name}: custom id is {len(custom_id)} characters (max {MAX_LENGTH})")
        return custom_id

    def fits(self, **values: Any) -> bool:
        """Whether ``build`` would succeed for these values."""
        try:
            self.build(**values)
        except CustomIdError:
            return False
        return True

    def parse(self, match: re.Match[str] | str) -> dict[str, str]:
        """The field values of a template match (or of a custom id string)."""
        if isinstance(match, str):
            found = self._regex.fullmatch(match)
            if found is None:
                raise CustomIdError(f"{match!r} is not a {self.name} id")
            match = found
        return {k: match[k] for k in self.fields}

    def matches(self, custom_id: str) -> bool:
        return self._regex.fullmatch(custom_id) is not None

    def __repr__(self) -> str:
        return f"CustomId({self.name!r}, {self.fields!r})"

