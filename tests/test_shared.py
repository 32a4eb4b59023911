"""The one error path, the permission helper and topic autocomplete, in a bare bot under simcord."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.core.errors import Closed, Conflict, NotFound, Quote, UserError
from cogs._format import add_field, card_text, display_name, embed, escape, set_footer
from cogs._shared import (
    AnswerModal,
    TutorCog,
    TutorView,
    guarded,
    practice_button,
    reply,
    require_manage_guild,
    topic_autocomplete,
)

REFUSAL = "⚠️ No **cake** here."
#: A prompt with a right-to-left override and a NUL in it (deck text is not trusted to be clean).
ASKED = "What does **RAG** stand\u202e for?\x00"
#: An option type only this module defines: a guarded command must still resolve it.
Short = app_commands.Range[str, 1, 20]


def refusal() -> UserError:
    return UserError("probe.no_cake", "No {thing} here.", thing=Quote("cake"))


class FakeResponse:
    status = 404
    reason = "Not Found"


#: Every kind of ordinary refusal: none may show the member an internal code.
ORDINARY_REFUSALS: dict[str, Any] = {
    "not-found": lambda: NotFound("probe.gone", "No card {name}.", name=Quote("x")),
    "conflict": lambda: Conflict("probe.running", "A quiz is already running here."),
    "closed": lambda: Closed("probe.closed", "This question has closed."),
    "missing-permissions": lambda: app_commands.MissingPermissions(["manage_guild"]),
    "bot-missing-permissions": lambda: app_commands.BotMissingPermissions(["embed_links"]),
    "forbidden": lambda: discord.Forbidden(FakeResponse(), "Missing Access"),
    "gone": lambda: discord.NotFound(FakeResponse(), "Unknown Message"),
    "cooldown": lambda: app_commands.CommandOnCooldown(app_commands.Cooldown(1, 10), 5.0),
}


def never(interaction: discord.Interaction) -> bool:
    return False


class RefusingView(TutorView):
    @discord.ui.button(label="Guarded view button", custom_id="probe:view-guarded")
    @guarded
    async def press(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        raise refusal()

    @discord.ui.button(label="Unguarded view button", custom_id="probe:view-unguarded")
    async def press_unguarded(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        raise refusal()


class Probe(TutorCog):
    """Commands that fail in each way a real command can."""

    @app_commands.command(name="refuse")
    @guarded
    async def refuse(self, interaction: discord.Interaction) -> None:
        """Refuse at once."""
        raise refusal()

    @app_commands.command(name="think-then-refuse")
    @app_commands.describe(private="Defer privately")
    @guarded
    async def think_then_refuse(self, interaction: discord.Interaction, private: bool = False) -> None:
        """Defer (thinking), then refuse."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        raise refusal()

    @app_commands.command(name="crash")
    @guarded
    async def crash(self, interaction: discord.Interaction) -> None:
        """Fail unexpectedly."""
        raise RuntimeError("boom")

    @app_commands.command(name="manage")
    @guarded
    async def manage(self, interaction: discord.Interaction) -> None:
        """Needs Manage Server."""
        guild = require_manage_guild(interaction, action="change this")
        await interaction.response.send_message(f"ok {guild.id}", ephemeral=True)

    @app_commands.command(name="buttons")
    async def buttons(self, interaction: discord.Interaction) -> None:
        """Post buttons whose callbacks refuse."""
        view = RefusingView()
        guarded_button = discord.ui.Button[Any](label="Guarded", custom_id="probe:guarded")

        @guarded
        async def press(clicked: discord.Interaction) -> None:
            raise refusal()

        guarded_button.callback = press
        view.add_item(guarded_button)
        await interaction.response.send_message("buttons", view=view)

    @app_commands.command(name="refuse-as")
    @app_commands.describe(kind="Which refusal")
    @guarded
    async def refuse_as(self, interaction: discord.Interaction, kind: str) -> None:
        """Refuse the way an ordinary refusal of that kind does."""
        raise ORDINARY_REFUSALS[kind]()

    @app_commands.command(name="say")
    @app_commands.describe(text="Text to echo")
    @guarded
    async def say(self, interaction: discord.Interaction, text: str) -> None:
        """Echo text in a message and an embed, the way the cogs do."""
        e = embed(f"Results for {escape(text)}", card_text(text))
        add_field(e, text, text)
        set_footer(e, f"Asked by {display_name(interaction.user)}")
        await reply(interaction, f"You said {escape(text)}", embed=e)

    @app_commands.command(name="checked")
    @app_commands.check(never)
    async def checked(self, interaction: discord.Interaction) -> None:
        """Refused by a check, before the body runs."""
        await interaction.response.send_message("unreachable")

    @app_commands.command(name="answer")
    async def answer(self, interaction: discord.Interaction) -> None:
        """Open an answer box whose callback refuses."""

        async def on_answer(submitted: discord.Interaction, text: str) -> None:
            raise refusal()

        await interaction.response.send_modal(AnswerModal("Answer", on_answer))

    @app_commands.command(name="ask")
    @app_commands.describe(tries="Tries left to show (-1: none)")
    async def ask(self, interaction: discord.Interaction, tries: int = -1) -> None:
        """Open an answer box that shows the question above it."""

        async def on_answer(submitted: discord.Interaction, text: str) -> None:
            await submitted.response.send_message(f"got {text}", ephemeral=True)

        modal = AnswerModal(
            "Question\u202e 2", on_answer, prompt=ASKED, tries_left=None if tries < 0 else tries
        )
        await interaction.response.send_modal(modal)

    @app_commands.command(name="topic")
    @app_commands.autocomplete(topic=topic_autocomplete)
    @app_commands.describe(topic="A topic")
    @guarded
    async def topic(self, interaction: discord.Interaction, topic: str) -> None:
        """Echo a topic."""
        await interaction.response.send_message(topic, ephemeral=True)

    @app_commands.command(name="echo")
    @guarded
    async def echo(self, interaction: discord.Interaction, text: Short, member: discord.Member | None = None) -> None:
        """Echo short text."""
        await interaction.response.send_message(f"{text} {member is None}", ephemeral=True)


class ProbeBot(commands.Bot):
    def __init__(self, services: Any) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default())
        self.tutor_services = services

    async def setup_hook(self) -> None:
        await self.add_cog(Probe())
        await self.tree.sync()


@pytest.fixture
def simcord_bot(core_services) -> ProbeBot:
    return ProbeBot(core_services)


@pytest.fixture
def probe(simcord_env):
    env = simcord_env
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    mod = guild.add_member(env.create_user("mod"), roles=[mods])
    return env, channel, alice, bob, mod


def bot_messages(channel, viewer=None) -> list[discord.Message]:
    return [m for m in channel.history(viewer=viewer) if m.author.bot]


async def test_a_refusal_is_private_and_shows_no_code(probe) -> None:
    _, channel, alice, bob, _ = probe
    r = await alice.slash(channel, "refuse")
    assert r.ephemeral and r.response.content == REFUSAL
    assert bot_messages(channel, viewer=bob) == []


@pytest.mark.parametrize("private", [False, True])
async def test_a_refusal_after_thinking_stays_private(probe, private: bool) -> None:
    _, channel, alice, bob, _ = probe
    r = await alice.slash(channel, "think-then-refuse", private=private)
    shown = [m.content for m in bot_messages(channel, viewer=alice)]
    assert shown == [REFUSAL]
    assert bot_messages(channel, viewer=bob) == [], "a public deferral must not make the refusal public"
    assert all(m.flags.ephemeral for m in bot_messages(channel))
    assert r.acknowledged


async def test_an_unexpected_error_shows_a_reference_that_is_in_the_log(
    probe, caplog: pytest.LogCaptureFixture
) -> None:
    env, channel, alice, _, _ = probe
    with caplog.at_level(logging.ERROR, logger="cogs._shared"):
        r = await alice.slash(channel, "crash")
    assert r.ephemeral
    ref = re.search(r"reference `(E-[0-9A-F]{6})`", r.response.content)
    assert ref is not None, r.response.content
    assert ref.group(1) in caplog.text and "boom" in caplog.text


async def test_manage_server_is_required_in_the_channel(probe) -> None:
    _, channel, alice, _, mod = probe
    r = await alice.slash(channel, "manage")
    assert r.ephemeral
    assert r.response.content == "⚠️ Only members with the **Manage Server** permission can change this."
    r = await mod.slash(channel, "manage")
    assert r.response.content.startswith("ok ")


async def test_component_and_modal_errors_take_the_same_path(probe) -> None:
    env, channel, alice, bob, _ = probe
    await alice.slash(channel, "buttons")
    [posted] = bot_messages(channel)
    for label in ("Guarded view button", "Guarded", "Unguarded view button"):
        r = await bob.click(posted, label=label)
        assert r.ephemeral and r.response.content == REFUSAL, label
    # Only the unguarded callback let its error reach discord.py (where TutorView.on_error answered it).
    assert [type(e) for e in env.errors] == [UserError]
    shown = await alice.slash(channel, "answer")
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    r = await alice.submit_modal(shown, {field: "my answer"})
    assert r.ephemeral and r.response.content == REFUSAL


async def test_topic_autocomplete_lists_topics_with_their_size(probe, core_services) -> None:
    _, channel, alice, _, _ = probe
    choices = await alice.autocomplete(channel, "topic", "topic", "tra")
    values = [c["value"] for c in choices]
    assert set(values[:2]) == {"transformers", "training"}  # the topics "tra" starts, closest first
    for choice in choices[:2]:
        size = core_services.catalog.topic_size(choice["value"])
        assert choice["name"] == f"{choice['value']} ({size} card{'' if size == 1 else 's'})"


async def test_a_check_failure_is_refused_through_the_cog(probe) -> None:
    env, channel, alice, _, _ = probe
    r = await alice.slash(channel, "checked")
    assert r.ephemeral and r.response.content == "⚠️ You can't use this command here."
    assert [type(e) for e in env.errors] == [app_commands.CheckFailure]


async def test_guarded_commands_keep_their_options(probe) -> None:
    _, channel, alice, _, _ = probe
    r = await alice.slash(channel, "topic", topic="transformers")
    assert r.response.content == "transformers"
    r = await alice.slash(channel, "echo", text="hello")
    assert r.response.content == "hello True"
    [echo] = [c for c in probe[0].bot.tree.get_commands() if c.name == "echo"]
    assert echo.get_parameter("text").max_value == 20 and not echo.get_parameter("member").required


def test_a_practice_button_carries_the_card_key() -> None:
    button = practice_button("mini:bert")
    assert button.custom_id == "tutor:practice:mini:bert" and not button.disabled


@pytest.mark.parametrize(("tries", "line"), [(2, "-# 2 tries left"), (1, "-# 1 try left")])
async def test_the_answer_box_shows_the_question_and_the_tries_left_above_it(
    probe, answer_box, modal_text, tries: int, line: str
) -> None:
    _, channel, alice, _, _ = probe
    shown = await alice.slash(channel, "ask", tries=tries)
    assert shown.modal["components"][0]["type"] == 10, "the question comes first, above the box"
    assert modal_text(shown) == "What does **RAG** stand for?\n" + line
    assert shown.modal["title"] == "Question 2"
    r = await alice.submit_modal(shown, {answer_box(shown)["custom_id"]: "retrieval"})
    assert r.response.content == "got retrieval"


async def test_the_answer_box_alone_when_there_is_nothing_to_show(probe, answer_box, modal_text) -> None:
    _, channel, alice, _, _ = probe
    shown = await alice.slash(channel, "answer")
    assert modal_text(shown) == ""
    assert answer_box(shown)["label"] == "Your answer"


@pytest.mark.parametrize("kind", sorted(ORDINARY_REFUSALS))
async def test_no_ordinary_refusal_shows_an_internal_code(probe, kind: str) -> None:
    _, channel, alice, _, _ = probe
    r = await alice.slash(channel, "refuse-as", kind=kind)
    assert r.ephemeral and r.response.content.startswith("⚠️ ")
    assert not re.search(r"E-[A-Z0-9]|\(E-|reference|\.(gone|running|closed)\b", r.response.content), r.response.content


UNSAFE = ("\u202e", "\x00", "\u2066", "\x1b")


async def test_echoed_text_loses_control_and_bidi_override_characters_everywhere(probe) -> None:
    env, channel, _, _, _ = probe
    member = channel.guild.add_member(env.create_user("eve\u202eevil"))
    r = await member.slash(channel, "say", text="gpt\u202e4\x00 \x1b[31mred\u2066")
    message = r.response
    [e] = message.embeds
    shown = [message.content, e.title, e.description, e.fields[0].name, e.fields[0].value, e.footer.text]
    for text in shown:
        assert not any(ch in text for ch in UNSAFE), repr(text)
    assert message.content == "You said gpt4 [31mred"
    assert e.footer.text == "Asked by eveevil"


async def test_a_wakeup_ends_a_sleep_early_and_is_dropped_when_nobody_sleeps() -> None:
    import asyncio

    from cogs._shared import Wakeup

    wake = Wakeup()
    wake.set()  # nobody sleeps: dropped
    sleeper = asyncio.ensure_future(wake.sleep(3600))
    await asyncio.sleep(0)
    assert not sleeper.done()
    wake.set()
    await asyncio.wait_for(sleeper, timeout=5)
    await asyncio.wait_for(wake.sleep(0), timeout=5)  # a plain timed sleep still returns
