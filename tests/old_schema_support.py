"""Writing answers into a database of an older schema, as the code of that time did
(``from old_schema_support import answers_as_before_0017``)."""

from __future__ import annotations

import pytest

from bot.core.storage import attempts as attempts_module

#: The answers' columns before ``0017_attempt_hints_direction`` added ``hints`` and ``direction``.
_COLUMNS_BEFORE_0017 = 11


def answers_as_before_0017(mp: pytest.MonkeyPatch) -> None:
    """Make ``AttemptWriter`` write answers without the columns migration 0017 added (undone with ``mp``)."""
    row = attempts_module._row
    marks = ", ".join(["?"] * _COLUMNS_BEFORE_0017)
    mp.setattr(
        attempts_module,
        "_INSERT",
        "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
        f" verdict, points, session_id, created_at) VALUES ({marks})",
    )
    mp.setattr(attempts_module, "_ROW", f"({marks})")
    mp.setattr(attempts_module, "_row", lambda a: row(a)[:_COLUMNS_BEFORE_0017])
    attempts_module._insert_rows.cache_clear()
    attempts_module._insert_returning.cache_clear()


def answers_as_now() -> None:
    """After ``answers_as_before_0017`` is undone: the batch inserts built meanwhile are forgotten."""
    attempts_module._insert_rows.cache_clear()
    attempts_module._insert_returning.cache_clear()
