"""/define and /search as members see them (simcord)."""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest
from world_support import study_with_alice_and_bob  # noqa: F401  (the ``study`` fixture)

from bot.core.decks import CARD_ID_MAX
from bot.core.models import Card
from bot.runner import TutorBot
from cogs import lookup as lookup_cog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cards_dir() -> Path:
    return ROOT / "tests" / "data" / "decks_lookup"


def custom_ids(message) -> list[str]:
    out = []
    for row in message.components:
        for c in row["components"]:
            out.append(c.get("custom_id"))
    return out


def buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row["components"] if c["type"] == 2}


def select_menu(message) -> dict | None:
    for row in message.components:
        for c in row["components"]:
            if c["type"] == 3:
                return c
    return None


def field(embed: discord.Embed, name: str) -> str | None:
    return next((f.value for f in embed.fields if f.name == name), None)


# -- /define ------------------------------------------------------------------------------------------
async def test_define_shows_the_card_publicly_with_quiz_me(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="softmax")
    assert not r.ephemeral
    msg = r.response
    embed = msg.embeds[0]
    assert embed.title == "softmax"
    assert "exponentiates each score" in embed.description
    assert field(embed, "Tags") == "`activation-functions`"
    assert field(embed, "Deck") == "Glossary deck for lookup tests"
    assert embed.footer.text == "glossary:softmax"
    # deck text that looks like a mention is neutralised, and nobody is pinged
    assert re.search(r"(?<!\\)@everyone|(?<!\\)<@123456789012345678>", embed.description) is None
    assert not msg.message.mention_everyone and not msg.message.mentions
    quiz = buttons(msg)["Quiz me"]
    assert quiz["custom_id"] == "tutor:practice:glossary:softmax"
    assert select_menu(msg) is None  # only one card matches


async def test_define_see_also_field_and_buttons(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="attention mechanism")
    embed = r.response.embeds[0]
    assert field(embed, "Also called") == "attention"
    see_also = field(embed, "See also")
    assert see_also.startswith("softmax") and "self-attention" in see_also
    assert "tutor:define:glossary:softmax" in custom_ids(r.response)
    opened = await bob_clicks(study, r.response, "See: softmax")
    assert opened.ephemeral and opened.response.embeds[0].title == "softmax"


async def bob_clicks(study, message, label: str):
    _, _, bob = study
    return await bob.click(message, label=label)


async def test_define_private_answers_ephemerally(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="GAN", private=True)
    assert r.ephemeral
    assert r.response.embeds[0].title == "GAN"
    assert channel.last_message is None  # nothing posted for the channel


async def test_define_ambiguous_offers_a_select_of_close_matches(study) -> None:
    channel, alice, bob = study
    r = await alice.slash(channel, "define", term="attention")
    msg = r.response
    assert msg.embeds[0].title == "attention mechanism"
    menu = select_menu(msg)
    assert menu is not None
    values = [o["value"] for o in menu["options"]]
    assert values[0] == "glossary:attention-mechanism"
    assert set(values[1:]) == {"glossary:self-attention", "glossary:multi-head-attention"}
    assert [o.get("default") for o in menu["options"]] == [True, False, False]
    # someone else picking gets a private copy; the public message is unchanged
    other = await bob.select(msg, ["glossary:self-attention"])
    assert other.ephemeral and other.response.embeds[0].title == "self-attention"
    assert channel.last_message.embeds[0].title == "attention mechanism"
    # the member who asked switches the message itself
    switched = await alice.select(msg, ["glossary:multi-head-attention"])
    assert not switched.ephemeral
    assert switched.response.id == msg.id
    assert switched.response.embeds[0].title == "multi-head attention"
    options = select_menu(switched.response)["options"]
    assert [o["value"] for o in options if o.get("default")] == ["glossary:multi-head-attention"]


async def test_define_typo_finds_the_term(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="atention")
    assert r.response.embeds[0].title == "attention mechanism"


async def test_define_not_found_suggests_terms_as_buttons(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="sotfmxa")
    assert r.ephemeral
    assert r.response.content == "No card for *sotfmxa*. Did you mean: **softmax**?"
    assert custom_ids(r.response) == ["tutor:define:glossary:softmax"]
    opened = await alice.click(r.response, label="softmax")
    assert opened.ephemeral and opened.response.embeds[0].title == "softmax"


async def test_define_nothing_close_and_user_text_is_escaped(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="zzq_x* @everyone")
    assert r.ephemeral
    content = r.response.content
    assert content.startswith("No card for *zzq\\_x\\* \\@everyone*.")
    assert "Try `/search`" in content
    assert r.response.components == []
    assert not r.response.message.mention_everyone
    empty = await alice.slash(channel, "define", term="🙂")
    assert empty.ephemeral and "Type a term to look up." in empty.response.content


async def test_long_explanation_pages_both_ways_without_cutting_sentences(study) -> None:
    channel, alice, bob = study
    r = await alice.slash(channel, "define", term="transformer")
    msg = r.response
    first = msg.embeds[0]
    assert first.title == "transformer architecture"
    total = int(first.footer.text.rsplit("/", 1)[1])
    assert total >= 3
    assert first.footer.text.endswith(f"page 1/{total}")
    assert buttons(msg)["Previous"]["disabled"] and not buttons(msg)["Next"]["disabled"]
    pages = [first.description]
    for n in range(2, total + 1):
        step = await alice.click(msg, label="Next")
        assert step.response.id == msg.id and not step.ephemeral
        embed = step.response.embeds[0]
        assert embed.footer.text.endswith(f"page {n}/{total}")
        pages.append(embed.description)
        msg = step.response
    assert buttons(msg)["Next"]["disabled"] and not buttons(msg)["Previous"]["disabled"]
    for page in pages:
        assert len(page) <= 4096
        assert page.rstrip("*").endswith(".")  # split at sentence or paragraph ends
    full = " ".join(pages)
    for i in range(1, 15):
        assert f"Part {i} covers" in full
    assert "The end of the transformer story." in pages[-1]
    back = await alice.click(msg, label="Previous")
    assert back.response.embeds[0].description == pages[-2]
    # another member paging someone else's definition gets a private copy
    peek = await bob.click(back.response, label="Previous")
    assert peek.ephemeral
    assert peek.response.embeds[0].description == pages[-3]
    assert channel.last_message.embeds[0].description == pages[-2]


async def test_define_buttons_work_after_a_restart(study, env, settings, clock) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="transformer")
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()  # the crashed bot's database connections
    step = await alice.click(r.response, label="Next")
    assert step.response.embeds[0].footer.text.endswith("page 2/" + r.response.embeds[0].footer.text.rsplit("/")[-1])
    opened = await alice.click(r.response, label="See: attention mechanism")
    assert opened.ephemeral and opened.response.embeds[0].title == "attention mechanism"


async def test_incomplete_card_has_no_quiz_me(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="sigmoid")
    embed = r.response.embeds[0]
    assert embed.description == "See image"
    assert "incomplete card" in embed.footer.text
    assert "Quiz me" not in buttons(r.response)


async def test_autocomplete_suggests_from_memory(study) -> None:
    channel, alice, _ = study
    choices = await alice.autocomplete(channel, "define", "term", "atten")
    assert choices[0] == {"name": "attention → attention mechanism", "value": "glossary:attention-mechanism"}
    assert {"glossary:self-attention", "glossary:multi-head-attention"} <= {c["value"] for c in choices}
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    typo = await alice.autocomplete(channel, "define", "term", "atention")
    assert typo[0]["value"] == "glossary:attention-mechanism"
    empty = await alice.autocomplete(channel, "define", "term", "")
    assert len(empty) == 11 and empty[0]["name"] == "attention mechanism"
    assert await alice.autocomplete(channel, "define", "term", "qqqxxxzzz") == []
    # picking a suggestion sends its card key, which resolves to exactly that card
    r = await alice.slash(channel, "define", term=choices[1]["value"])
    assert r.response.embeds[0].footer.text.startswith(choices[1]["value"])


# -- /search ------------------------------------------------------------------------------------------
async def test_search_shows_snippets_and_card_buttons(study) -> None:
    channel, alice, bob = study
    r = await alice.slash(channel, "search", text="discriminator")
    assert not r.ephemeral
    embed = r.response.embeds[0]
    assert embed.title == "Search: discriminator"
    assert embed.description.startswith("**1. GAN**\n")
    assert "**discriminator**" in embed.description
    assert custom_ids(r.response) == ["tutor:define:glossary:gan"]
    opened = await bob.click(r.response, label="1. GAN")
    assert opened.ephemeral and opened.response.embeds[0].title == "GAN"


async def test_search_with_odd_characters_never_errors(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "search", text='softmax AND "NEAR( -*')
    embed = r.response.embeds[0]
    assert embed.description.startswith("**1. softmax**")
    none = await alice.slash(channel, "search", text='" ( * - ^')
    assert none.ephemeral and none.response.content.endswith("Type a word to search for.")  # (no word in it)


async def test_search_with_no_results_points_to_a_definition(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "search", text="zzqx")
    assert r.ephemeral
    assert r.response.content == "No card mentions *zzqx*."
    near = await alice.slash(channel, "search", text="atention mechanizm")
    assert near.ephemeral
    assert "There is a card for **attention mechanism**" in near.response.content
    opened = await alice.click(near.response, label="attention mechanism")
    assert opened.response.embeds[0].title == "attention mechanism"


async def test_search_private(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "search", text="softmax", private=True)
    assert r.ephemeral and r.response.embeds


async def test_a_define_button_sent_by_another_cog_opens_the_card_or_says_it_is_gone(study, env) -> None:
    channel, alice, _ = study
    view = discord.ui.View()
    view.add_item(lookup_cog.define_button("glossary:softmax", "softmax"))
    view.add_item(lookup_cog.define_button("glossary:retired-card", "retired"))
    await env.bot.get_channel(channel.id).send("Terms", view=view)
    opened = await alice.click(channel.last_message, label="softmax")
    assert opened.ephemeral and opened.response.embeds[0].title == "softmax"
    gone = await alice.click(channel.last_message, label="retired")
    assert gone.ephemeral and "That card is no longer in the deck." in gone.response.content


# -- rendering -------------------------------------------------------------------------------------------
def test_the_term_written_into_blanks_is_bold_on_discord() -> None:
    card = Card(deck="d", id="x", question="Q?", answer="A ___ turns scores into probabilities.", term="softmax")
    assert lookup_cog.explanation_markdown(card) == "A **softmax** turns scores into probabilities."
    assert lookup_cog.explanation_pages(card) == ["A **softmax** turns scores into probabilities."]


def test_component_ids_keep_their_posted_format() -> None:
    assert lookup_cog.DEFINE.build(key="glossary:softmax") == "tutor:define:glossary:softmax"
    assert lookup_cog.PAGE.build(dir="n", page=2, owner=42, key="glossary:gan") == "tutor:defpage:n:2:42:glossary:gan"
    assert lookup_cog.PICK.build(owner=42) == "tutor:defpick:42"
    button = lookup_cog.define_button("glossary:softmax", "See: softmax")
    assert button is not None and button.custom_id == "tutor:define:glossary:softmax"
    too_long = "d" * 40 + ":" + "c" * 48
    assert lookup_cog.define_button(too_long, "x") is None  # never sent with a cut id


# -- embed limits ---------------------------------------------------------------------------------------
async def test_embed_limits_hold_for_an_enormous_card(services) -> None:
    card = Card(
        deck="glossary",
        id="x" * CARD_ID_MAX,  # the longest card id the deck validator allows
        question="Q" * 3000 + "?",
        answer=("word " * 30 + "\n\n") * 200 + "x" * 9000,
        term="T" * 600,
        aliases=tuple("a" * 100 + str(i) for i in range(60)),
        accept=("t",),
        tags=tuple(f"tag-{i}-" + "z" * 40 for i in range(40)),
    )
    pages = lookup_cog.explanation_pages(card)
    assert len(pages) > 3
    for n in range(len(pages)):
        embed, view = lookup_cog.definition_message(services, card, page=n, owner=2**63 - 1)
        assert len(embed.title) <= 256 and len(embed.description) <= 4096
        assert all(len(f.name) <= 256 and len(f.value) <= 1024 for f in embed.fields)
        assert len(embed.footer.text) <= 2048
        assert len(embed) <= 6000
        assert view is not None
        assert all(len(item.custom_id) <= 100 for item in view.children if getattr(item, "custom_id", None))


# -- names, typos and labels ------------------------------------------------------------------------------
NAMES = ROOT / "tests" / "data" / "decks_lookup_names"


@pytest.mark.parametrize("cards_dir", [NAMES])
async def test_define_llm_does_not_show_a_card_whose_alias_llm_only_starts(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="LLM")
    # "LLM temperature" starts with LLM, but no card is called LLM: a suggestion, not the answer
    assert r.ephemeral and not r.response.embeds
    assert r.response.content == "No card for *LLM*. Did you mean: **temperature** (LLM temperature)?"
    assert channel.last_message is None
    opened = await alice.click(r.response, label="temperature")
    assert opened.ephemeral and opened.response.embeds[0].title == "temperature"
    # the whole alias still finds it, without a notice
    whole = await alice.slash(channel, "define", term="llm temperature")
    assert whole.response.embeds[0].title == "temperature" and not whole.response.content


async def test_a_typo_correction_says_what_it_shows_and_for_what(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="atention")
    assert r.response.content == "Showing **attention mechanism** (for *atention*)"
    assert r.response.embeds[0].title == "attention mechanism"
    exact = await alice.slash(channel, "define", term="Attention Mechanism")
    assert not exact.response.content  # written as the card names it: no notice
    # switching to another close match drops the notice, which was about the first card
    switched = await alice.select(r.response, ["glossary:self-attention"])
    assert switched.response.id == r.response.id
    assert switched.response.embeds[0].title == "self-attention" and not switched.response.content


async def test_a_card_is_listed_once_not_in_see_also_and_close_matches_both(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "define", term="attention")
    menu = [o["value"] for o in select_menu(r.response)["options"]]
    assert {"glossary:self-attention", "glossary:multi-head-attention"} <= set(menu)
    see_also = field(r.response.embeds[0], "See also") or ""
    assert "self-attention" not in see_also and "multi-head attention" not in see_also
    define_ids = [i for i in custom_ids(r.response) if i and i.startswith("tutor:define:")]
    assert not {f"tutor:define:{key}" for key in menu} & set(define_ids)


async def test_buttons_are_labelled_with_terms_or_short_titles(study) -> None:
    channel, alice, _ = study
    r = await alice.slash(channel, "search", text="tokens")
    labels = [c["label"] for row in r.response.components for c in row["components"]]
    assert labels and all(len(text) <= 45 for text in labels)
    termless = next(text for text in labels if text.startswith(("1. Why", "2. Why", "3. Why")))
    assert termless.endswith("…") and "API call costs" not in termless  # not the whole question
    d = await alice.slash(channel, "define", term="large language model")
    see = [c["label"] for c in buttons(d.response).values() if c["label"].startswith("See: ")]
    assert see and all(len(text) <= 45 for text in see)
    assert "?" not in (field(d.response.embeds[0], "See also") or "")


async def test_echoed_text_drops_control_and_bidi_override_characters(study) -> None:
    channel, alice, _ = study
    nothing = await alice.slash(channel, "define", term="zq\u202exvq\x00kk")
    assert nothing.response.content == "No card for *zqxvqkk*. Try `/search` to look inside the explanations."
    typo = await alice.slash(channel, "define", term="aten\u202etion")
    assert typo.response.content == "Showing **attention mechanism** (for *atention*)"
    found = await alice.slash(channel, "search", text="softmax\u202e\x00")
    assert not found.ephemeral and found.response.embeds[0].title == "Search: softmax"
    missed = await alice.slash(channel, "search", text="\u202ezzqx\x00")
    assert missed.response.content == "No card mentions *zzqx*."
    for text in (nothing.response.content, typo.response.content, missed.response.content):
        assert "\u202e" not in text and "\x00" not in text
