"""`tutorbot quiz` and `tutorbot review` share the bot's database (README: "on the same database"), and are run
while the bot is up. Starting one must leave the bot's running channel quizzes alone: it used to mark every running
quiz "interrupted" as a restarted bot does, so the quiz the channel was playing could no longer be finished in the
database, and its winner never counted in /stats ("Quizzes won")."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.core.service import Services

GUILD, CHANNEL, ALICE = 1001, 2002, 3003


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line on the bot's own database and decks, run from a folder with no .env."""
    monkeypatch.setenv("TUTOR_DB_PATH", str(settings.db_path))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(settings.cards_dir))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.chdir(tmp_path)


async def _alice_wins_a_channel_quiz_while(services: Services, command: list[str], stdin: str, monkeypatch) -> int:
    """Alice answers the channel quiz's only question right; the terminal command runs; then the quiz ends.
    Returns the exit status of the command."""
    quiz = await services.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=GUILD, channel_id=CHANNEL, topic="llms", questions=1
    )
    question = services.quiz.open_question(quiz.id)
    assert question is not None
    result = await services.quiz.answer(quiz.id, user_id=ALICE, user_name="alice", response="temperature")
    assert result.verdict.correct

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = await asyncio.to_thread(main, command)  # (its own event loop, as in another terminal)

    summary = await services.quiz.finish(quiz.id)
    assert summary.status == "finished"
    return code


@pytest.mark.parametrize(
    ("command", "stdin"),
    [(["quiz", "--questions", "1"], ":quit\n"), (["review"], ":quit\n"), (["review", "--status"], "")],
    ids=["quiz", "review", "review-status"],
)
async def test_a_terminal_session_leaves_the_bots_running_quiz_to_be_won(
    core_services: Services, cli_env, monkeypatch, capsys, command, stdin
) -> None:
    code = await _alice_wins_a_channel_quiz_while(core_services, command, stdin, monkeypatch)
    assert code == 0, capsys.readouterr().err
    stats = await core_services.stats.stats(GUILD, ALICE)
    assert stats.quizzes_won == 1, "alice won the channel quiz, but /stats does not count it"

