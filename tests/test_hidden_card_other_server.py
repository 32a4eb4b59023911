"""A shipped deck is seen by every server. While a card of it is asked in one server (a channel-quiz question
open, the daily question before its reveal), a member who plays there could look its answer up in another server
they share with the bot and score with it. So what that member is shown anywhere leaves the card out too: /define,
its suggestions, /search and "See also", their practice and review, and the most-missed cards of their /stats.
Members who have never answered in that server see everything as before, and once the question closes, so does
the member."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from modal_support import text_box
from quiz_support import quiz_asking

from bot.core.errors import NotFound, UserError
from bot.core.service import Services

G, HALL, CH = 100, 300, 200
HALL_CH, HALL_CH2 = 301, 302
ALICE, BOB, CAROL, DAN = 1, 2, 3, 4


async def bob_played_in_g(services: Services) -> None:
    """bob answered one question of a channel quiz in ``G`` (started by dan), which then ended: his answer is
    stored."""
    quiz, _question = await quiz_asking(services, "mini:bert", user_id=DAN, user_name="dan", guild_id=G, channel_id=CH)
    await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="bert")
    await services.quiz.finish(quiz.id)
    assert services.quiz.get(quiz.id) is None or not services.quiz.get(quiz.id).running  # type: ignore[union-attr]


async def open_in_g(services: Services, card_id: str):
    """A channel quiz in ``G`` (started by alice) whose open question asks ``card_id``."""
    quiz, question = await quiz_asking(
        services, f"mini:{card_id}", user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH
    )
    assert question is not None and question.card.key == f"mini:{card_id}"
    return quiz


async def missed_by_bob(services: Services, practice_id: str):
    """bob answers his practice question wrong until it closes: its reveal."""
    for _try in range(5):
        result = await services.quiz.answer(practice_id, user_id=BOB, user_name="bob", response="zzzz qqqq")
        if result.reveal is not None:
            return result.reveal
    return None


async def defined(services: Services, user_id: int, term: str = "temperature") -> str | None:
    result = await services.lookup.define_async(term, guild_id=HALL, user_id=user_id)
    return result.card.key if result.card is not None else None


async def test_define_search_and_suggestions_leave_out_a_card_asked_where_the_member_plays(services: Services) -> None:
    await bob_played_in_g(services)
    quiz = await open_in_g(services, "temperature")
    key = "mini:temperature"
    # bob, who plays in G, finds nothing of it in the other server ...
    assert await defined(services, BOB) != key
    found = await services.lookup.define_async("temperature", guild_id=HALL, user_id=BOB)
    assert all(m.card.key != key for m in (*found.others, *found.suggestions))
    assert all(k != key for _label, k in await services.lookup.suggest_async("temp", guild_id=HALL, user_id=BOB))
    assert all(hit.card.key != key for hit in await services.lookup.search("temperature sampling", guild_id=HALL, user_id=BOB))
    with pytest.raises(NotFound):  # a Define button he clicks there
        services.lookup.visible_card(key, guild_id=HALL, user_id=BOB)
    # ... while carol, who has never answered in G, finds it as before.
    assert await defined(services, CAROL) == key
    assert any(h.card.key == key for h in await services.lookup.search("temperature sampling", guild_id=HALL, user_id=CAROL))
    assert services.lookup.visible_card(key, guild_id=HALL, user_id=CAROL).key == key
    # Once the question closes, bob finds it too.
    await services.quiz.close_question(quiz.id, 1)
    assert await defined(services, BOB) == key


async def test_a_member_who_answers_the_open_question_is_hidden_from_at_once(services: Services) -> None:
    """carol looked the card up in the other server (so her servers were read: none), then answered its open
    question in G: from then on it is hidden from her there, without waiting for her servers to be read again."""
    quiz = await open_in_g(services, "temperature")
    assert await defined(services, CAROL) == "mini:temperature"
    await services.quiz.answer(quiz.id, user_id=CAROL, user_name="carol", response="top-k")
    assert await defined(services, CAROL) != "mini:temperature"


async def test_see_also_leaves_out_a_card_asked_where_the_member_plays(services: Services) -> None:
    await bob_played_in_g(services)
    await open_in_g(services, "l1-regularization")
    await services.quiz.hidden_cards(HALL, user_id=BOB)  # (his servers read, as any lookup of his reads them)
    l2 = services.catalog.card("mini:l2-regularization")
    assert all(c.key != "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=HALL, user_id=BOB))
    assert any(c.key == "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=HALL, user_id=CAROL))


async def test_the_daily_question_of_a_server_the_member_plays_in_is_hidden_until_its_reveal(
    services: Services,
) -> None:
    await bob_played_in_g(services)
    now = services.now()
    async with services.store.transaction() as db:
        await services.daily.queries.insert_claim(
            db, guild_id=G, day=date(2026, 1, 5), zone="UTC", card_key="mini:temperature", channel_id=CH,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
        await db.execute("UPDATE daily_posts SET state = 'posted' WHERE guild_id = ?", (G,))
    services.quiz.daily_claimed(G, "mini:temperature")  # (as the daily service tells the quiz when it posts)
    assert await defined(services, BOB) != "mini:temperature"
    assert await defined(services, CAROL) == "mini:temperature"
    services.quiz.daily_revealed(G, "mini:temperature")
    assert await defined(services, BOB) == "mini:temperature"


async def test_practice_and_review_in_another_server_do_not_ask_it(services: Services) -> None:
    await bob_played_in_g(services)
    # New cards come in deck order: "bert" first.
    _session, shown = await services.review.start_session(guild_id=HALL, user_id=CAROL, user_name="carol")
    assert shown.card.key == "mini:bert"  # type: ignore[union-attr]
    await open_in_g(services, "bert")
    _session, shown = await services.review.start_session(guild_id=HALL, user_id=BOB, user_name="bob")
    assert shown.card.key != "mini:bert"  # type: ignore[union-attr]
    practice = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=HALL, private=True, questions=10)
    assert practice.plan and all(card.key != "mini:bert" for card, _ in practice.plan)
    with pytest.raises(UserError, match="can't be practised right now"):
        await services.quiz.start_quiz(user_id=CAROL, user_name="carol", guild_id=G, private=True, card_keys=["mini:bert"])
    again = await services.quiz.start_quiz(
        user_id=CAROL, user_name="carol", guild_id=HALL, private=True, card_keys=["mini:bert"]
    )
    assert [card.key for card, _ in again.plan] == ["mini:bert"]  # (carol does not play in G)


async def test_a_card_on_show_in_review_keeps_its_answer_once_the_other_server_asks_it(services: Services) -> None:
    await bob_played_in_g(services)
    session, shown = await services.review.start_session(guild_id=HALL, user_id=BOB, user_name="bob")
    assert shown.card.key == "mini:bert"  # type: ignore[union-attr]
    quiz = await open_in_g(services, "bert")
    with pytest.raises(UserError, match="stays hidden"):
        await services.review.give_up(session.id, user_id=BOB, number=1)
    await services.quiz.close_question(quiz.id, 1)
    answered = await services.review.give_up(session.id, user_id=BOB, number=1)
    assert answered.shown.card.key == "mini:bert"


async def test_stats_in_another_server_do_not_name_it_among_the_most_missed(services: Services) -> None:
    await bob_played_in_g(services)
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=HALL, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    await missed_by_bob(services, practice.id)
    assert "mini:temperature" in [m.key for m in (await services.stats.stats(HALL, BOB)).missed]
    await open_in_g(services, "temperature")
    assert "mini:temperature" not in [m.key for m in (await services.stats.stats(HALL, BOB)).missed]


async def test_the_daily_question_of_a_server_is_read_from_the_database_for_a_member_who_answered_it(
    services: Services,
) -> None:
    """G's daily question is posted (by another process: this one was not told) and bob answers it, which makes G
    a server he plays in: while it is open, the other server's /define hides its card from him, read from the
    database."""
    now = services.now()
    async with services.store.transaction() as db:
        post_id = await services.daily.queries.insert_claim(
            db, guild_id=G, day=date(2026, 1, 5), zone="UTC", card_key="mini:temperature", channel_id=CH,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
        await db.execute("UPDATE daily_posts SET state = 'posted' WHERE guild_id = ?", (G,))
    assert post_id
    await services.daily.answer(post_id, BOB, "bob", "top-k")
    assert await defined(services, BOB) != "mini:temperature"
    assert await defined(services, CAROL) == "mini:temperature"


async def test_an_answer_in_a_quiz_that_has_ended_counts_at_once(services: Services) -> None:
    """carol's servers were read (none) by a lookup of hers; she answers in G's quiz, which ends; G's next
    question asks "temperature": her lookup in the other server hides it at once, not a minute later."""
    assert await defined(services, CAROL) == "mini:temperature"
    quiz, _question = await quiz_asking(services, "mini:bert", user_id=DAN, user_name="dan", guild_id=G, channel_id=CH)
    await services.quiz.answer(quiz.id, user_id=CAROL, user_name="carol", response="bert")
    await services.quiz.finish(quiz.id)
    await open_in_g(services, "temperature")
    assert await defined(services, CAROL) != "mini:temperature"


async def test_a_button_clicked_before_any_lookup_reads_the_members_servers(services: Services) -> None:
    """After a restart nothing is known of bob's servers; his first click is a Define button in the other server
    (on a message someone else asked for): the card open in G is not shown."""
    await bob_played_in_g(services)
    services.quiz._plays.clear()  # (as after a restart)
    await open_in_g(services, "temperature")
    with pytest.raises(NotFound):
        await services.lookup.visible_card_async("mini:temperature", guild_id=HALL, user_id=BOB)
    assert (await services.lookup.visible_card_async("mini:temperature", guild_id=HALL, user_id=CAROL)).key == (
        "mini:temperature"
    )


async def test_a_practice_reveal_keeps_back_the_answer_of_a_card_asked_since_where_its_player_plays(
    services: Services,
) -> None:
    """bob's practice question in the other server asks "temperature"; then G's channel quiz asks it too (bob has
    not played in G yet, so nothing kept it from asking it), and bob answers it there. When his practice question
    closes, its reveal keeps the answer back while G's question is open."""
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=HALL, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    quiz = await open_in_g(services, "temperature")
    assert not (await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="top-k")).verdict.correct
    reveal = await missed_by_bob(services, practice.id)
    assert reveal is not None and reveal.withheld and reveal.withheld_elsewhere
    assert reveal.answer == "" and reveal.excerpt == ""


async def test_in_discord_a_member_of_both_servers_finds_nothing_of_the_open_question(env) -> None:
    """The Physics Club quizzes on sampling; bob, who plays there, and carol, who does not, are both in the Study
    Hall. While the question is open, bob's /define and /search in the Study Hall find nothing of it and its
    autocomplete offers nothing; carol's do. Once the question closes, bob's find it."""
    club, hall = env.create_guild("Physics Club"), env.create_guild("Study Hall")
    quiz_room, study = club.create_text_channel("quiz"), hall.create_text_channel("study")
    alice = club.add_member(env.create_user("alice"))
    bob_user = env.create_user("bob")
    bob_there, bob = club.add_member(bob_user), hall.add_member(bob_user)
    carol = hall.add_member(env.create_user("carol"))
    await alice.slash(quiz_room, "quiz", topic="sampling", questions=1, seconds=30)
    question = quiz_room.last_message
    shown = await bob_there.click(question, label="Answer")
    await bob_there.submit_modal(shown, {text_box(shown)["custom_id"]: "top-k"})

    def said(result) -> str:
        reply = result.followups[0] if result.followups else result.response
        return " ".join([reply.content or "", *(str(e.to_dict()) for e in reply.embeds)]).lower()

    assert "temperature" not in said(await bob.slash(study, "define", term="temperature")).replace("*temperature*", "")
    assert "temperature" not in said(await bob.slash(study, "search", text="repetitive creative"))
    assert await bob.autocomplete(study, "define", "term", "temperat") == []
    assert "repetitive" in said(await carol.slash(study, "define", term="temperature"))
    assert await carol.autocomplete(study, "define", "term", "temperat") != []
    await env.advance_time(35)
    assert "repetitive" in said(await bob.slash(study, "define", term="temperature"))
    assert env.errors == []
    await env.bot.close()



async def test_in_discord_a_define_button_on_another_members_message_does_not_show_it(env) -> None:
    """bob answered a Physics Club quiz, which ended; the club's next quiz asks about temperature. In the Study Hall
    carol's /search lists it with a Define button: bob's click is told the card is gone, while carol's shows it."""
    club, hall = env.create_guild("Physics Club"), env.create_guild("Study Hall")
    quiz_room, study = club.create_text_channel("quiz"), hall.create_text_channel("study")
    alice, dan = club.add_member(env.create_user("alice")), club.add_member(env.create_user("dan"))
    bob_user = env.create_user("bob")
    bob_there, bob = club.add_member(bob_user), hall.add_member(bob_user)
    carol = hall.add_member(env.create_user("carol"))
    await alice.slash(quiz_room, "quiz", topic="sampling", questions=1, seconds=30)
    shown = await bob_there.click(quiz_room.last_message, label="Answer")
    await bob_there.submit_modal(shown, {text_box(shown)["custom_id"]: "top-k"})
    await env.advance_time(120)  # (that quiz is over)
    env.bot.tutor_services.quiz._plays.clear()  # (and, as after a restart, nothing is known of bob's servers)
    await dan.slash(quiz_room, "quiz", topic="sampling", questions=1, seconds=30)
    found = await carol.slash(study, "search", text="repetitive creative")
    listed = found.followups[0] if found.followups else found.response

    def said(result) -> str:
        reply = result.followups[0] if result.followups else result.response
        return " ".join([reply.content or "", *(str(e.to_dict()) for e in reply.embeds)]).lower()

    clicked = await bob.click(listed, custom_id="tutor:define:mini:temperature")
    assert "repetitive" not in said(clicked) and "no longer in the deck" in said(clicked)
    assert "repetitive" in said(await carol.click(listed, custom_id="tutor:define:mini:temperature"))
    assert env.errors == []
    await env.bot.close()


async def test_a_practice_reveal_kept_back_for_another_servers_daily_question_says_so(services: Services) -> None:
    """bob practises "temperature" in the other server; G's daily question then takes that card. His practice
    reveal keeps the answer back, and says a daily question may be why."""
    from cogs.quiz.render import reveal_embed

    await bob_played_in_g(services)
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=HALL, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    services.quiz.daily_claimed(G, "mini:temperature")
    reveal = await missed_by_bob(services, practice.id)
    assert reveal is not None and reveal.withheld and reveal.answer == ""
    fields = {f.name: f.value for f in reveal_embed(practice, reveal).fields}
    assert "daily question" in fields["Answer"] and "temperature" not in fields["Answer"].lower()


async def test_an_answer_written_while_the_members_servers_are_read_is_not_lost(services: Services) -> None:
    """bob's servers are being read again (what was read is old) when his daily answer in G is written: once the
    read ends, G is still among his servers, whatever the read found."""
    import time as clock_time

    from bot.core.quiz import service as quiz_service

    assert await defined(services, BOB) == "mini:temperature"  # (his servers read: none)
    services.quiz._plays[BOB] = (frozenset(), clock_time.monotonic() - quiz_service.PLAYS_TTL - 1)
    reading, go_on = asyncio.Event(), asyncio.Event()
    real = services.quiz.servers_played

    async def slow(user_id: int) -> frozenset[int]:
        found = await real(user_id)  # (read before the answer is written)
        reading.set()
        await go_on.wait()
        return found

    services.quiz.servers_played = slow
    lookup = asyncio.create_task(services.quiz.hidden_cards(HALL, user_id=BOB))
    await reading.wait()
    services.quiz.played(G, BOB)  # (as a daily answer of his in G tells it)
    go_on.set()
    await lookup
    services.quiz.servers_played = real
    await open_in_g(services, "temperature")
    assert await defined(services, BOB) != "mini:temperature"


async def test_a_moderator_playing_a_card_in_another_server_reviews_its_dispute_without_its_answers(
    services: Services,
) -> None:
    """A dispute on temperature waits in G. Its moderator plays in HALL, where a channel quiz now asks temperature:
    /disputes review shows them the dispute with its accepted answers hidden, and /deck stats or /disputes stats
    leave the card out, until HALL's question closes. Another moderator of G sees all of it."""
    s = services
    quiz = await open_in_g(s, "temperature")
    wrong = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="softmax divisor")
    await s.quiz.finish(quiz.id)
    await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=wrong.attempt_id)
    hall, _ = await quiz_asking(s, "mini:temperature", user_id=ALICE, user_name="alice", guild_id=HALL, channel_id=CH + 1)
    assert not (await s.quiz.answer(hall.id, user_id=DAN, user_name="dan", response="no idea")).verdict.correct
    page = await s.disputes.page(G, viewer=DAN)
    assert page is not None and page.answers_hidden
    assert not (await s.disputes.page(G, viewer=CAROL)).answers_hidden  # type: ignore[union-attr]
    assert "mini:temperature" not in [c.card_key for c in (await s.disputes.insight(G, "mini", viewer=DAN)).cards]
    assert "mini:temperature" in [c.card_key for c in (await s.disputes.insight(G, "mini", viewer=CAROL)).cards]
    await s.quiz.finish(hall.id)
    assert not (await s.disputes.page(G, viewer=DAN)).answers_hidden  # type: ignore[union-attr]


async def test_a_channel_quiz_does_not_ask_a_card_one_of_its_players_is_practising_in_another_server(
    services: Services,
) -> None:
    """bob plays in G and practises temperature in HALL, its question open. A channel quiz in G planned to ask
    temperature asks another card: bob's practice hints and tries would tell him its answer."""
    s = services
    await bob_played_in_g(s)
    practice, asked = await quiz_asking(
        s, "mini:temperature", user_id=BOB, user_name="bob", guild_id=HALL, channel_id=CH + 1, private=True
    )
    assert asked is not None and asked.card.key == "mini:temperature"
    quiz = await s.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH)
    quiz.plan = [(s.catalog.card("mini:temperature"), "question"), (s.catalog.card("mini:bert"), "question")]
    question = s.quiz.open_question(quiz.id)
    assert question is not None and question.card.key != "mini:temperature"
    assert "mini:temperature" in s.quiz.in_play(G)  # (nor does G's daily question pick it)
    # carol, who never played in G, practising it in HALL changes nothing for G
    await s.quiz.finish(practice.id)
    await s.quiz.finish(quiz.id)
    await quiz_asking(s, "mini:temperature", user_id=CAROL, user_name="carol", guild_id=HALL, channel_id=CH + 2, private=True)
    assert "mini:temperature" not in s.quiz.in_play(G)


async def test_a_channel_quiz_its_starter_begins_in_another_server_does_not_ask_or_reveal_it(
    services: Services, env
) -> None:
    """bob plays in G, where a channel quiz asks BERT. In HALL, bob starts a channel quiz of his own (a quiet
    channel, the one card chosen) and skips its question: its reveal would show him the answer to score with in G.
    The quiz is refused as his practice is; one of several cards leaves BERT out; and a quiz asking it before G
    did keeps its answer back at its reveal while G's question is open."""
    await bob_played_in_g(services)
    quiz = await open_in_g(services, "bert")
    with pytest.raises(UserError, match="right now"):
        await services.quiz.start_quiz(
            user_id=BOB, user_name="bob", guild_id=HALL, channel_id=HALL_CH, card_keys=["mini:bert"]
        )
    several = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=HALL, channel_id=HALL_CH, questions=10
    )
    assert several.plan and all(card.key != "mini:bert" for card, _ in several.plan)
    await services.quiz.finish(several.id)
    await services.quiz.finish(quiz.id)
    await env.advance_time(60)  # (past the wait between two quizzes bob starts)

    early = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=HALL, channel_id=HALL_CH2, card_keys=["mini:temperature"]
    )
    question = services.quiz.open_question(early.id)
    assert question is not None and question.card.key == "mini:temperature"
    await open_in_g(services, "temperature")
    reveal = await services.quiz.close_question(early.id, question.number)
    assert reveal is not None and reveal.withheld_elsewhere and reveal.answer == "" and reveal.excerpt == ""


async def test_a_channel_quiz_reveal_keeps_back_a_card_asked_where_one_of_its_players_plays(services: Services) -> None:
    """bob plays in G, whose daily question on temperature is open for hours. In HALL, carol (who never played in
    G) starts a quiz that asks temperature, and bob answers it: the reveal in HALL would show bob G's answer. It
    keeps it back while G's question is open, and shows it once it is revealed; a quiz nobody from G plays shows it."""
    from test_hidden_cards import post_daily

    await bob_played_in_g(services)
    await post_daily(services, "temperature")
    services.quiz.daily_claimed(G, "mini:temperature")
    quiz, question = await quiz_asking(
        services, "mini:temperature", user_id=CAROL, user_name="carol", guild_id=HALL, channel_id=HALL_CH
    )
    assert question is not None and question.card.key == "mini:temperature"
    await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="no idea really")
    reveal = await services.quiz.close_question(quiz.id, question.number)
    assert reveal is not None and reveal.withheld_elsewhere and reveal.answer == "", reveal
    await services.quiz.finish(quiz.id)

    # eve and fay alone: neither plays in G, the answer is shown
    quiz, question = await quiz_asking(
        services, "mini:temperature", user_id=50, user_name="eve", guild_id=HALL, channel_id=HALL_CH2
    )
    await services.quiz.answer(quiz.id, user_id=51, user_name="fay", response="no idea")
    reveal = await services.quiz.close_question(quiz.id, question.number)
    assert reveal is not None and not reveal.withheld and reveal.answer, reveal
    await services.quiz.finish(quiz.id)


async def test_a_reveal_whose_players_servers_cannot_be_read_is_still_shown(services: Services, caplog) -> None:
    """The database refuses the read of a player's servers when the question closes: the reveal is made all the
    same (from what memory holds), and the quiz goes on."""
    import logging
    import sqlite3

    caplog.set_level(logging.INFO, logger="bot.core.quiz.service")
    quiz, question = await quiz_asking(
        services, "mini:temperature", user_id=CAROL, user_name="carol", guild_id=HALL, channel_id=HALL_CH
    )
    await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="no idea")

    async def locked(_user_ids: object) -> frozenset[int]:
        raise sqlite3.OperationalError("database is locked")

    services.quiz.servers_played = locked
    services.quiz.servers_played_by = locked  # type: ignore[assignment]
    services.quiz._plays.clear()
    reveal = await services.quiz.close_question(quiz.id, question.number)
    assert reveal is not None and reveal.answer and not reveal.withheld, reveal
    assert "could not be read again" in caplog.text
    await services.quiz.finish(quiz.id)


async def test_the_servers_of_a_quizs_players_are_read_in_one_read_when_its_question_closes(services: Services) -> None:
    """Twelve players answer a channel quiz's question: at its close, the servers they play in are read once for all
    of them, not once each (a reveal waits for that read)."""
    quiz, question = await quiz_asking(
        services, "mini:temperature", user_id=CAROL, user_name="carol", guild_id=HALL, channel_id=HALL_CH
    )
    players = list(range(500, 512))
    for user_id in players:
        await services.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response="no idea")
    services.quiz._plays.clear()
    reads: list[list[int]] = []
    single: list[int] = []
    by, one = services.quiz.servers_played_by, services.quiz.servers_played
    assert by is not None and one is not None

    async def counted_by(user_ids):
        reads.append(list(user_ids))
        return await by(user_ids)

    async def counted_one(user_id):
        single.append(user_id)
        return await one(user_id)

    services.quiz.servers_played_by = counted_by
    services.quiz.servers_played = counted_one
    reveal = await services.quiz.close_question(quiz.id, question.number)
    assert reveal is not None and reveal.answer
    assert len(reads) == 1 and sorted(reads[0]) == sorted([CAROL, *players]) and not single, (reads, single)
    await services.quiz.finish(quiz.id)


async def test_a_reveal_waits_a_second_at_most_for_a_slow_database(services: Services, caplog) -> None:
    """The read of the servers a quiz's players play in hangs: the reveal is made after the time limit, from what
    memory holds, rather than wait for the database."""
    import logging

    import bot.core.quiz.service as quiz_service

    caplog.set_level(logging.INFO, logger="bot.core.quiz.service")
    quiz, question = await quiz_asking(
        services, "mini:temperature", user_id=CAROL, user_name="carol", guild_id=HALL, channel_id=HALL_CH
    )
    await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="no idea")
    services.quiz._plays.clear()
    waited: list[bool] = []

    async def hanging(_user_ids: object) -> dict[int, frozenset[int]]:
        waited.append(True)
        await asyncio.sleep(3600)
        return {}

    services.quiz.servers_played_by = hanging
    reveal = await asyncio.wait_for(services.quiz.close_question(quiz.id, question.number), quiz_service.CLOSE_READ_SECONDS + 5)
    assert waited and reveal is not None and reveal.answer and not reveal.withheld
    assert "could not be read again" in caplog.text
    await services.quiz.finish(quiz.id)
