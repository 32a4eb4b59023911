"""A channel quiz whose database stops answering mid-quiz: PostgreSQL's store gives a statement up with a
``TimeoutError`` ("the database server did not answer within 30 s") and a dropped database connection raises an
``OSError``, the same types a dropped Discord connection raises. The quiz stops, and its summary says why: the
bot could not save. It did not say so when the failure was taken for a failed Discord call (the summary said
nothing of why the quiz stopped after one question, and the log blamed Discord)."""

from __future__ import annotations

import logging

import pytest

FAILURES = {
    "statement-timeout": lambda: TimeoutError("the database server did not answer within 30 s"),
    "connection-reset": lambda: ConnectionResetError(104, "Connection reset by peer"),
}


@pytest.mark.parametrize("kind", list(FAILURES))
async def test_a_quiz_whose_database_stops_answering_says_it_could_not_save(
    env, world, ui, monkeypatch, caplog, kind
) -> None:
    _, channel, m = world
    queries = env.bot.tutor_services.quiz.queries

    async def refused(*_args, **_kwargs) -> None:
        raise FAILURES[kind]()

    monkeypatch.setattr(queries, "set_message", refused)
    caplog.set_level(logging.WARNING)
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    await env.advance_time(60)
    assert ui.told_quiz_ended(channel), ui.titles(channel)
    end = channel.last_message
    assert "can't save to my database" in (end.embeds[0].description or ""), end.embeds[0].to_dict()
    blamed = [r.getMessage() for r in caplog.records if "Discord call failed" in r.getMessage()]
    assert blamed == [], f"a database failure was logged as Discord's: {blamed}"
