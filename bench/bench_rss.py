"""Memory of an idle bot: resident set size (``VmRSS``) with the seed deck, and what the imports cost.

    .venv/bin/python bench/bench_rss.py [--runs 3] [--settle 2]

Each measurement runs in a fresh interpreter (a child process), so nothing of one is counted in another:

1. **idle bot**: ``TutorBot`` (every cog loaded, its services started on a SQLite file, the real deck of
   ``cards/``, the garbage collector's policy ``bot.core.memory.CollectorPolicy`` as ``run_bot`` gives it)
   running in simcord's in-memory Discord, no network; one server with a channel; after ``--settle``
   seconds of idling, ``VmRSS`` and ``VmHWM`` (the peak) of the process, and the same after
   ``gc.collect()``. Then the same without the policy (the interpreter's collector as it is), to compare. The chart worker process (started by the first /stats only) is not running at idle;
   its own size is measured on its own (line 3).
2. **imports**: ``VmRSS`` of a bare interpreter, then after importing each heavy dependency alone
   (discord.py, Pillow's drawing, PyYAML, rapidfuzz, aiosqlite, fsrs, genanki) and the bot's own modules
   (``bot.runner`` with every cog module), so what is heavy shows up directly.
3. **chart worker**: ``VmRSS`` of the worker process after drawing one chart; **writer process**: ``VmRSS``
   of the child that writes the answers when ``TUTOR_WRITER_PROCESS`` is on (not running by default), and
   the memory that is its own (``RssAnon``; the rest is the interpreter's and libraries' shared pages).

Target: idle bot < 100 MB. min / median / max of ``--runs`` runs. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Table  # noqa: E402

STATUS = '''
def status():
    out = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out
'''

IDLE_BOT = STATUS + '''
import asyncio, gc, json, sys, tempfile
from pathlib import Path
import simcord
from bot.config import Settings
from bot.core.memory import CollectorPolicy
from bot.runner import TutorBot

async def main(settle, policy):
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(token="bench-token", db_path=Path(tmp) / "rss.sqlite3", cards_dir=Path(sys.argv[1]))
        bot = TutorBot(settings, collector=CollectorPolicy() if policy == "collector" else None)
        async with simcord.run(bot) as env:
            guild = env.create_guild("a server")
            guild.create_text_channel("study")
            await env.settle()
            await asyncio.sleep(settle)
            before = status()
            gc.collect()
            after = status()
            cards = sum(len(d.cards) for d in bot.tutor_services.catalog.decks.values())
            modules = len(sys.modules)
            heavy = sorted(m for m in ("PIL", "genanki", "fsrs", "yaml", "matplotlib", "numpy") if m in sys.modules)
            await bot.close()
    print(json.dumps({"rss": before["VmRSS"], "hwm": before["VmHWM"], "rss_gc": after["VmRSS"],
                      "cards": cards, "modules": modules, "heavy": heavy}))

asyncio.run(main(float(sys.argv[2]), sys.argv[3]))
'''

IMPORT = STATUS + '''
import importlib, json, pkgutil, sys
first, _, measured = sys.argv[1].rpartition("|")

def load(names):
    for name in filter(None, names.split(",")):
        if name.endswith(".*"):
            package = importlib.import_module(name[:-2])
            for found in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{package.__name__}.{found.name}")
        else:
            importlib.import_module(name)

load(first)
base = status()["VmRSS"]
load(measured)
print(json.dumps({"base": base, "rss": status()["VmRSS"]}))
'''

CHART_WORKER = STATUS + '''
import asyncio, json, os
from datetime import date, timedelta
from bot.core.chart import ChartRenderer
from bot.core.stats import DayCount

async def main():
    renderer = ChartRenderer()
    days = [DayCount(date(2026, 3, 1) + timedelta(days=i), 10 + i, i) for i in range(30)]
    await renderer.render(days, "Last 30 days")
    pid = renderer._worker.process.pid if renderer._worker is not None else None
    rss = None
    if pid is not None:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
    renderer.close()
    print(json.dumps({"worker": rss, "host": status()["VmRSS"]}))

asyncio.run(main())
'''

WRITER_PROCESS = STATUS + '''
import asyncio, dataclasses, json, sys, tempfile
from pathlib import Path
from bot.config import Settings
from bot.core.service import Services

async def main():
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "rss.sqlite3", cards_dir=Path(sys.argv[1]))
        services = await Services.create(dataclasses.replace(settings.core, writer_process=True))
        rss = anon = None
        for line in open(f"/proc/{services.writer_process.pid}/status"):
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            if line.startswith("RssAnon:"):
                anon = int(line.split()[1]) / 1024
        await services.close()
    print(json.dumps({"rss": rss, "anon": anon}))

asyncio.run(main())
'''

#: What is imported, each in a fresh interpreter: (label, "preloaded|measured" comma-separated modules;
#: ``package.*`` is every module of the package). The figure is what the measured ones add.
IMPORTS = [
    ("discord.py", "discord,discord.ext.commands"),
    ("Pillow (Image, ImageDraw, ImageFont)", "PIL.Image,PIL.ImageDraw,PIL.ImageFont"),
    ("PyYAML", "yaml"),
    ("rapidfuzz", "rapidfuzz.fuzz,rapidfuzz.process"),
    ("aiosqlite", "aiosqlite"),
    ("fsrs", "fsrs"),
    ("genanki", "genanki"),
    ("bot.core.service (the core, every feature)", "bot.core.service"),
    ("bot.runner + every cog module", "bot.runner,cogs.*"),
    ("bot.runner + every cog, on top of the core", "bot.core.service|bot.runner,cogs.*"),
    ("simcord (the harness of line 1), on top of discord.py", "discord,discord.ext.commands|simcord"),
]


def child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds the bot idles before measuring")
    args = parser.parse_args()
    idle, imports, worker = Table("1. Idle bot with the seed deck"), Table("2. Imports"), Table("3. Chart worker and writer process")
    for run in range(args.runs):
        for policy in ("collector", "none"):
            got = child(IDLE_BOT, str(ROOT / "cards"), str(args.settle), policy)
            label = "idle bot" if policy == "collector" else "idle bot, the interpreter's collector as it is"
            idle.add(f"{label} ({int(got['cards'])} cards, {int(got['modules'])} modules): VmRSS", got["rss"], "MB",
                     "< 100 MB")  # fmt: skip
            idle.add(f"{label}: VmRSS after gc.collect()", got["rss_gc"], "MB")
            idle.add(f"{label}: peak (VmHWM)", got["hwm"], "MB")
        if not run:
            print(f"heavy dependencies loaded at idle: {', '.join(got['heavy']) or 'none'}")
        for n, (label, modules) in enumerate(IMPORTS):
            try:
                got = child(IMPORT, modules)
            except RuntimeError:
                continue  # not installed
            if n == 0:
                imports.add("bare interpreter", got["base"], "MB")
            imports.add(f"+ {label}", got["rss"] - got["base"], "MB")
        got = child(CHART_WORKER)
        if got["worker"] is not None:
            worker.add("chart worker process after one chart: VmRSS", got["worker"], "MB")
        got = child(WRITER_PROCESS, str(ROOT / "cards"))
        worker.add("writer process (TUTOR_WRITER_PROCESS), started: VmRSS", got["rss"], "MB")
        worker.add("writer process: its own memory (RssAnon)", got["anon"], "MB")
        print(f"run {run + 1} of {args.runs} done", flush=True)
    idle.print()
    imports.print()
    worker.print()


if __name__ == "__main__":
    main()
