"""/review on a disk that stops taking writes: the member must be told their answer was not saved."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from world_support import study_alice_closed  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from faultkit import failing_disk  # noqa: E402, F401  (the ``db_faults`` fixture)


@pytest.mark.parametrize("mode", ["disk_full", "read_only"])
async def test_a_review_answer_the_disk_refuses_says_it_was_not_saved(env, world, db_faults, mode) -> None:
    """The quiz and the daily question answer "Your answer could not be saved (my database is not accepting
    writes), so it did not count." when the disk is full or read-only; so does /review, not a catch-all
    "Something went wrong on my side"."""
    _, channel, alice = world
    start = await alice.slash(channel, "review start")
    getattr(db_faults, mode)()
    result = await alice.click(start.response, label="Don't know")
    seen = " ".join(
        [getattr(result.response, "content", "") or ""] + [f.content or "" for f in getattr(result, "followups", [])]
    )
    assert "Something went wrong" not in seen, f"a catch-all error instead of 'not saved': {seen!r}"
    assert "saved" in seen.lower(), f"the member is not told their answer was not saved: {seen!r}"
