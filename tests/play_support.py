"""What the Discord play tests share."""

from __future__ import annotations

import random
from typing import Any

from simcord.backend import serializers

from bot.runner import TutorBot


class FirstChoice(random.Random):
    """A random source that always picks the first choice: each card is asked by its own question, before
    the cloze."""

    def choice(self, seq):  # type: ignore[override]
        return seq[0]


def titles(channel: Any) -> list[str]:
    """What each message of ``channel`` shows first: its embed's title, or its text."""
    return [m.embeds[0].title if m.embeds else (m.content or "") for m in channel.history()]


def assert_no_pings(env) -> None:
    """Every message the bot sent or edited (follow-ups of a deferred command too) mentioned nobody."""
    checked = 0
    for r in env.http_requests:
        if r.method not in ("POST", "PATCH") or not ("/messages" in r.path or "/callback" in r.path or "/webhooks/" in r.path):
            continue
        body = r.json or {}
        data = body.get("data", body) if "/callback" in r.path else body
        if isinstance(data, dict) and ({"content", "embeds"} & set(data)):
            assert (data.get("allowed_mentions") or {}).get("parse") == [], (r.method, r.path)
            checked += 1
    assert checked


#: The right answer to each card of the mini deck (tests/data/decks/mini.yaml) a quiz or a review may ask, in
#: both directions (the card's question, or the cloze naming the term).
MINI_RIGHT = {
    "mini:bert": "Bidirectional Encoder Representations from Transformers",
    "mini:attention-mechanism": "attention",
    "mini:mixture-of-experts": "mixture of experts",
    "mini:temperature": "temperature",
    "mini:l2-regularization": "ridge regression",
    "mini:l1-regularization": "lasso",
}


async def restart(env: Any, settings: Any, clock: Any) -> None:
    """A restart on the same database, as a redeploy does: a new bot takes over and the old one is closed (simcord
    drops it without closing it)."""
    old = env.bot
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()


def command_puts(env: Any, since: int = 0) -> list[str]:
    """The paths of the command syncs (bulk PUTs of a command list) the bot made, from request ``since`` on."""
    return [r.path for r in env.http_requests[since:] if r.method == "PUT" and r.path.endswith("/commands")]


async def guild_command_names(env: Any, guild_id: int) -> list[str]:
    """The names of the commands Discord has for the bot in the guild ``guild_id``."""
    return [c["name"] for c in await env.bot.http.get_guild_commands(env.bot.application_id, guild_id)]


def kick_bot(env: Any, guild: Any) -> Any:
    """The bot is removed from the server (GUILD_DELETE); returns what ``invite_back`` needs."""
    backend = env.backend
    saved = backend.guilds[guild.id]
    ids = [*saved.channel_ids, *saved.thread_ids]
    channels = {cid: backend.channels[cid] for cid in ids}
    messages = {cid: backend.messages[cid] for cid in ids if cid in backend.messages}
    backend.remove_guild(guild.id)
    return saved, channels, messages


def invite_back(env: Any, kicked: Any) -> None:
    """The same server invites the bot again: its channels are as they were (GUILD_CREATE)."""
    saved, channels, messages = kicked
    backend = env.backend
    backend.guilds[saved.id] = saved
    backend.channels.update(channels)
    backend.messages.update(messages)
    backend.emit("GUILD_CREATE", serializers.guild_create_payload(backend, saved))


def tries_field(message: Any) -> str:
    """The "Tries" field of a question's embed."""
    return next(f.value for f in message.embeds[0].fields if f.name == "Tries")
