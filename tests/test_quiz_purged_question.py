"""A moderator purges the channel while a quiz runs (a moderation bot's purge, or deleting several messages at once:
Discord sends one bulk deletion), and the open question goes with it. The quiz ends as when its question alone is
deleted: its summary, with the points already given, says why. Before, the quiz went on without its question, which
nobody could answer any more (its Answer button was gone), then posted its reveal and the next questions."""

from __future__ import annotations

from modal_support import answered
from play_support import MINI_RIGHT, titles
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)


def text_of(message) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", *(f"{f.name} {f.value}" for f in embed.fields)]
    return "\n".join(parts)


async def test_a_purge_that_takes_the_open_question_ends_the_quiz_and_says_why(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    quiz = env.bot.tutor_services.quiz.running_in(channel.id)
    await answered(m["bob"], channel.last_message, MINI_RIGHT[quiz.question.card.key])  # +10
    await env.advance_time(3.5 + 4.5)  # question 1 closes, shows its answer; question 2 comes
    assert titles(channel)[-1].startswith("Question 2/3"), titles(channel)
    purged = [msg.id for msg in channel.history()[-2:]]  # question 1's reveal and the open question 2
    env.backend.bulk_delete_messages(channel.id, purged)
    await env.settle()
    assert env.bot.tutor_services.quiz.running_in(channel.id) is None, "the quiz goes on without its question"
    await env.advance_time(120)  # the time the rest of the quiz would have taken
    shown = titles(channel)
    assert not any(title.startswith(("Question 2/3", "Question 3/3")) for title in shown), shown
    ends = [msg for msg in channel.history() if "Quiz stopped" in text_of(msg)]
    assert len(ends) == 1, shown
    assert "deleted" in text_of(ends[0]) and "bob" in text_of(ends[0]) and "10 pts" in text_of(ends[0]), text_of(ends[0])
    again = await m["carol"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral, "the channel is still taken"
