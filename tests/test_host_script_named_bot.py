"""A host bot whose main script is called ``bot.py`` (as most discord.py tutorials name it) loads our cogs. The
folder of the script comes first on ``sys.path``, so the cogs' ``import bot`` found the host's script instead of
tutorbot's package: the script's top level ran a second time (here: it announces itself, and could as well
start a second bot), then the load failed with "'bot' is not a package". Now the load fails at once, naming the
module in the way and what to do, and the host's script runs once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HOST_SCRIPT = """
import asyncio

import discord
from discord.ext import commands

print("host script started")


async def main() -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    try:
        await bot.load_extension("cogs.quiz")
    except Exception as exc:
        print("load failed:", exc)
    else:
        print("loaded")
    await bot.close()


if __name__ == "__main__":
    asyncio.run(main())
"""


def test_a_host_script_named_bot_py_is_not_run_twice_and_is_named(tmp_path: Path) -> None:
    (tmp_path / "bot.py").write_text(HOST_SCRIPT, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # tutorbot as installed: after the script's own folder
        "TUTOR_CARDS_DIR": str(ROOT / "tests" / "data" / "decks"),
        "TUTOR_DB_PATH": str(tmp_path / "host.sqlite3"),
    }
    env.pop("DISCORD_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "bot.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    out = done.stdout
    assert out.count("host script started") == 1, f"the host's script ran again when the cogs imported it:\n{out}"
    assert "load failed:" in out, out + done.stderr
    assert str(tmp_path / "bot.py") in out and "Rename" in out, out
