"""``/deck`` in the core (``services.decks``): a server imports its own deck, previews and confirms it, and
the deck is then asked, defined, searched and posted in that server only; turned off, removed, exported and
imported back; refused with a clear reason when a limit or a name is in the way."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from bot.core.errors import Conflict, NotFound, UserError
from bot.core.importers import import_data
from bot.core.service import Services

GUILD, OTHER = 1001, 2002
MOD = 42
CSV = b"""question,answer
What organelle makes ATP?,mitochondria
What molecule carries genetic information?,DNA
What is the basic unit of life?,the cell
What process turns light into chemical energy?,photosynthesis
Which organelle holds the genetic material in eukaryotes?,nucleus
"""
# A term only this deck defines, to tell its cards from the global deck's in /define and /search.
GLOSSARY = b"""term,definition
zymogen,an inactive enzyme precursor that needs a change to become active
ribosome,the molecular machine that builds proteins from messenger RNA
"""


async def imported(services: Services, guild: int = GUILD, name: str | None = "biology", data: bytes = CSV,
                   filename: str = "biology.csv"):
    preview = await services.decks.preview(guild, filename, data, name, user_id=MOD)
    return preview, await services.decks.confirm(guild, preview.token, user_id=MOD)


async def card_rows(services: Services) -> int:
    async with services.store.read() as db:
        rows = await db.execute_fetchall("SELECT COUNT(*) FROM cards WHERE deck_id IN"
                                         " (SELECT id FROM decks WHERE owner_guild_id IS NOT NULL)")
    return int(rows[0][0])


async def test_a_preview_shows_the_deck_and_writes_nothing(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "Biology 101.csv", CSV, user_id=MOD)
    assert preview.name == "biology-101" and preview.cards == 5 and preview.askable == 5
    assert preview.directions["question"] == 5
    assert len(preview.samples) == 3 and all(preview.samples)
    assert not preview.replaces and len(preview.token) <= 16
    assert await card_rows(core_services) == 0
    assert core_services.catalog.view(GUILD).topic_cards("biology-101") is None
    core_services.decks.cancel(GUILD, preview.token)
    with pytest.raises(NotFound) as err:
        await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    assert err.value.code == "deck.preview_gone"
    assert await card_rows(core_services) == 0


async def test_an_imported_deck_is_the_servers_alone(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    assert done.added == 5 and done.name == "biology"
    mine, theirs = s.catalog.view(GUILD), s.catalog.view(None)
    assert "biology" in mine.topics and "biology" not in theirs.topics
    assert s.catalog.view(OTHER).topic_cards("biology") is None
    assert "transformers" in mine.topics  # the global decks stay
    # /quiz: asked here, unknown elsewhere.
    quiz = await s.quiz.start_quiz(user_id=5, user_name="ann", guild_id=GUILD, topic="biology", private=True)
    assert all(c.deck == done.deck_id for c, _ in quiz.plan)
    with pytest.raises(NotFound):
        await s.quiz.start_quiz(user_id=6, user_name="bob", guild_id=OTHER, topic="biology", private=True)
    # /define and /search: at once, here only.
    hits = await s.lookup.search("organelle ATP", guild_id=GUILD)
    assert hits and hits[0].card.deck == done.deck_id
    assert await s.lookup.search("organelle ATP", guild_id=OTHER) == []
    assert await s.lookup.search("organelle ATP") == []
    key = hits[0].card.key
    assert s.lookup.visible_card(key, guild_id=GUILD).key == key
    with pytest.raises(NotFound):
        s.lookup.visible_card(key, guild_id=OTHER)


async def test_a_term_of_an_imported_deck_is_definable_at_once_and_only_there(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s, name="cells", data=GLOSSARY, filename="cells.csv")
    found = s.lookup.define("zymogen", guild_id=GUILD)
    assert found.card is not None and found.card.deck == done.deck_id
    assert any(key.startswith(done.deck_id) for _, key in s.lookup.suggest("zymo", guild_id=GUILD))
    assert s.lookup.define("zymogen", guild_id=OTHER).card is None
    assert not any(key.startswith(done.deck_id) for _, key in s.lookup.suggest("zymo", guild_id=OTHER))


async def test_a_deck_turned_off_is_hidden_from_topics_define_search_and_the_daily(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    info = await s.decks.set_enabled(GUILD, "mini", False)
    assert not info.enabled and info.owner is None
    seen = s.catalog.view(GUILD)
    assert "transformers" not in seen.topics and "biology" in seen.topics
    assert s.lookup.define("BERT", guild_id=GUILD).card is None
    assert await s.lookup.search("BERT", guild_id=GUILD) == []
    assert s.lookup.define("BERT", guild_id=OTHER).card is not None  # other servers still see it
    assert await s.lookup.search("BERT", guild_id=OTHER)
    with pytest.raises(NotFound):
        await s.quiz.start_quiz(user_id=5, user_name="ann", guild_id=GUILD, topic="transformers", private=True)
    with pytest.raises(UserError):
        await s.daily.set_schedule(GUILD, 77, "09:00", "UTC", topic="transformers")
    await s.daily.set_schedule(GUILD, 77, "09:00", "UTC")
    claim = await s.daily.claim_now(GUILD)
    assert claim.card.deck == done.deck_id  # the only deck the server has on
    with pytest.raises(NotFound):
        s.stats.topic("transformers", GUILD)
    assert s.stats.topic("biology", GUILD) == "biology"
    listed = {i.name: i for i in await s.decks.list(GUILD)}
    assert not listed["mini"].enabled and listed["biology"].enabled and listed["biology"].owner == GUILD
    await s.decks.set_enabled(GUILD, "mini", True)
    assert s.lookup.define("BERT", guild_id=GUILD).card is not None


async def test_a_restart_brings_back_the_servers_decks_and_what_they_turned_off(
    core_services: Services, settings, clock
) -> None:
    _, done = await imported(core_services)
    await core_services.decks.set_enabled(GUILD, "mini", False)
    await core_services.close()
    again = await Services.create(settings.core, clock=clock)
    try:
        seen = again.catalog.view(GUILD)
        assert seen.topic_size("biology") == 5 and "transformers" not in seen.topics
        assert again.catalog.view(OTHER).topic_cards("biology") is None
        hits = await again.lookup.search("organelle ATP", guild_id=GUILD)
        assert hits and hits[0].card.deck == done.deck_id
        assert again.decks.names(GUILD, "bio") == ["biology"]
    finally:
        await again.close()


async def test_a_reimport_syncs_the_deck(core_services: Services) -> None:
    s = core_services
    _, first = await imported(s)
    changed = CSV.replace(b"What organelle makes ATP?,mitochondria\n", b"").replace(b",the cell", b",cell")
    preview, done = await imported(s, data=changed)
    assert preview.replaces
    assert done.deck_id == first.deck_id
    assert (done.added, done.updated, done.retired, done.unchanged) == (0, 1, 1, 3)
    assert s.catalog.view(GUILD).topic_size("biology") == 4


async def test_export_yaml_imports_back_to_the_same_cards(core_services: Services) -> None:
    s = core_services
    _, first = await imported(s)
    exported = await s.decks.export(GUILD, "biology", "yaml")
    assert exported.filename == "biology.yaml" and b"." + first.deck_id.encode() not in exported.data
    before = s.catalog.deck(first.deck_id).cards
    preview = await s.decks.preview(GUILD, exported.filename, exported.data, user_id=MOD)
    assert preview.name == "biology" and preview.replaces and preview.cards == len(before)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    assert (done.added, done.updated, done.retired, done.unchanged) == (0, 0, 0, len(before))
    assert s.catalog.deck(first.deck_id).cards == before
    # Into another server: the same cards under its own deck.
    _, theirs = await imported(s, guild=OTHER, name=None, data=exported.data, filename=exported.filename)
    copied = s.catalog.deck(theirs.deck_id).cards
    assert [dataclasses.replace(c, deck="x") for c in copied] == [dataclasses.replace(c, deck="x") for c in before]


async def test_export_anki_and_csv_read_back(core_services: Services) -> None:
    s = core_services
    _, first = await imported(s)
    package = await s.decks.export(GUILD, "biology", "anki")
    assert package.filename == "biology.apkg" and package.data.startswith(b"PK")
    back = import_data(package.filename, package.data, deck_id="biology")
    assert [c.question for c in back.cards] == [c.question for c in s.catalog.deck(first.deck_id).cards]
    table = await s.decks.export(GUILD, "biology", "csv")
    assert table.data.startswith(b"question,answer,tags\n") and b"mitochondria" in table.data
    with pytest.raises(UserError):
        await s.decks.export(GUILD, "biology", "pdf")


FORMULAS = b"""question,answer
"=HYPERLINK(""http://x.example"",""click"") is what?",a link formula
What is -1 times -1?,+1
Who wrote the mail?,@alice
What is 2+2?,4
"""


async def test_a_csv_export_opens_in_a_spreadsheet_as_text_and_imports_back(core_services: Services) -> None:
    s = core_services
    _, first = await imported(s, data=FORMULAS, filename="formulas.csv", name="formulas")
    before = [(c.question, c.answer) for c in s.catalog.deck(first.deck_id).cards]
    assert ("What is -1 times -1?", "+1") in before
    table = await s.decks.export(GUILD, "formulas", "csv")
    cells = [cell for row in csv.reader(io.StringIO(table.data.decode())) for cell in row]
    # a spreadsheet runs a cell starting with = + - @ as a formula: none does
    assert cells and not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(\"http://x.example\",\"click\") is what?" in cells and "'@alice" in cells
    back = import_data(table.filename, table.data, deck_id="formulas")
    assert [(c.question, c.answer) for c in back.cards] == before


async def test_limits_and_names_are_refused_with_the_reason_and_nothing_written(core_services: Services) -> None:
    s = core_services
    with pytest.raises(Conflict) as err:
        await s.decks.preview(GUILD, "mini.csv", CSV, user_id=MOD)
    assert err.value.code == "deck.name_taken" and "every server" in str(err.value)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "x.csv", CSV, "Bad Name!", user_id=MOD)
    assert err.value.code == "deck.bad_name"
    s.decks.limits = dataclasses.replace(s.decks.limits, max_bytes=100)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "big.csv", CSV, user_id=MOD)
    assert err.value.code == "import.too_large" and "at most" in str(err.value)
    s.decks.limits = dataclasses.replace(s.decks.limits, max_bytes=100_000, max_cards=3)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "many.csv", CSV, user_id=MOD)
    assert err.value.code == "import.too_many_cards" and "more than 3 cards" in str(err.value)
    s.decks.limits = dataclasses.replace(s.decks.limits, max_cards=100, max_per_server=1)
    await imported(s)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "chemistry.csv", CSV, user_id=MOD)
    assert err.value.code == "deck.too_many" and "the most decks it may have (1)" in str(err.value)
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "photo.png", b"\x89PNG\r\n", "biology", user_id=MOD)
    assert err.value.code.startswith("import.")
    assert await card_rows(s) == 5  # only the one deck imported


async def test_a_server_removes_its_deck_but_not_a_global_one(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    with pytest.raises(UserError) as err:
        await s.decks.remove(GUILD, "mini")
    assert err.value.code == "deck.global" and "disable" in str(err.value)
    with pytest.raises(NotFound):
        await s.decks.remove(OTHER, "biology")
    info = await s.decks.remove(GUILD, "biology")
    assert info.deck_id == done.deck_id
    assert s.catalog.view(GUILD).topic_cards("biology") is None
    assert await s.lookup.search("organelle ATP", guild_id=GUILD) == []
    async with s.store.read() as db:
        rows = await db.execute_fetchall("SELECT COUNT(*) FROM cards WHERE deck_id = ? AND retired = 1", (done.deck_id,))
    assert rows[0][0] == 5  # kept, retired


async def test_an_unknown_quiz_topic_lists_the_topics_or_suggests_the_closest(core_services: Services) -> None:
    s = core_services
    with pytest.raises(NotFound) as err:
        await s.quiz.start_quiz(user_id=5, user_name="ann", guild_id=GUILD, topic="astrology", private=True)
    assert "Topics: " in str(err.value) and "transformers" in str(err.value)
    with pytest.raises(NotFound) as err:
        await s.quiz.start_quiz(user_id=5, user_name="ann", guild_id=GUILD, topic="transformrs", private=True)
    assert "try: transformers" in str(err.value) and "Topics" not in str(err.value) and "llms" not in str(err.value)


ALIAS_BOMB = b"""deck: bomb
title: Bomb
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
cards: [*g]
"""
ANKI_HTML = (
    b"#separator:tab\n#html:true\n"
    b"What organelle makes <b>ATP</b>?<script>alert('x')</script>\tthe <i>mitochondria</i><br>\n"
    b"Who pings @everyone?\t<@123456789012345678>\n"
)


async def test_a_yaml_alias_bomb_is_refused_and_nothing_written(core_services: Services) -> None:
    with pytest.raises(UserError) as err:
        await core_services.decks.preview(GUILD, "bomb.yaml", ALIAS_BOMB, user_id=MOD)
    assert err.value.code == "import.yaml_aliases"
    assert await card_rows(core_services) == 0


async def test_html_and_scripts_of_an_anki_export_become_plain_text(core_services: Services) -> None:
    _, done = await imported(core_services, name="anki", data=ANKI_HTML, filename="anki.txt")
    cards = core_services.catalog.deck(done.deck_id).cards
    text = " ".join(f"{c.question} {c.answer}" for c in cards)
    assert "<" not in text.replace("<@", "") and "script" not in text and "alert" not in text
    assert any("mitochondria" in c.answer for c in cards)


async def test_a_file_with_no_askable_card_is_refused_and_an_incomplete_card_is_explained_once(
    core_services: Services,
) -> None:
    nothing = b"question,answer\n" + b"".join(b"What does figure %d show?,See image\n" % i for i in range(20))
    with pytest.raises(UserError) as err:
        await core_services.decks.preview(GUILD, "figures.csv", nothing, user_id=MOD)
    assert err.value.code == "import.no_cards" and "figures.csv" in str(err.value)
    assert await card_rows(core_services) == 0

    some = CSV + b"What does figure 1 show?,See image\n"
    preview = await core_services.decks.preview(GUILD, "biology.csv", some, user_id=MOD)
    assert preview.askable == 5 and len(preview.flagged) == 1
    assert preview.flagged[0].reason.count("incomplete") == 1


async def test_a_server_decks_tag_that_names_another_deck_does_not_join_that_decks_topic(
    core_services: Services,
) -> None:
    # "A topic never means two decks": cards tagged "mini" in the server's chemistry deck stay out of
    # /quiz topic:mini, the mini deck's own topic, and in the other servers nothing changes.
    csv = (
        b"question,answer,tags\nWhat is H2O?,water,mini\nWhat is NaCl?,salt,mini\n"
        b"What gas do plants take in?,carbon dioxide,mini\n"
    )
    await imported(core_services, GUILD, "chemistry", csv, "chem.csv")
    view = core_services.catalog.view(GUILD)
    assert {c.deck for c in view.topic_cards("mini") or ()} == {"mini"}
    chemistry = view.topic_cards("chemistry") or []
    assert len(chemistry) == 3 and view.topic_size("mini") == len(view.topic_cards("mini") or ())
