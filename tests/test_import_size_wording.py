"""A file just over the size limit is told in bytes, so the two sizes differ ("2.0 MB; at most 2.0 MB" said
nothing); a file well over it is told in MB as before."""

from __future__ import annotations

import dataclasses

import pytest

from bot.core.errors import UserError
from bot.core.service import Services

GUILD, MOD = 5001, 42
LIMIT = 2_000_000


def csv_of(size: int) -> bytes:
    head = b"question,answer\n"
    row = b"What is x?,y\n"
    body = head + row * ((size - len(head)) // len(row))
    return body + b"z" * (size - len(body))


async def refusal(s: Services, size: int) -> str:
    s.decks.limits = dataclasses.replace(s.decks.limits, max_bytes=LIMIT)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "big.csv", csv_of(size), "big", user_id=MOD)
    assert err.value.code == "import.too_large"
    return str(err.value)


async def test_a_file_just_over_the_limit_is_told_in_bytes(core_services: Services) -> None:
    text = await refusal(core_services, LIMIT + 1)
    assert "2,000,001 bytes" in text and "2,000,000 bytes" in text, text


async def test_a_file_well_over_the_limit_is_told_in_mb(core_services: Services) -> None:
    text = await refusal(core_services, 3_000_000)
    assert "3.0 MB" in text and "2.0 MB" in text, text
