"""A dispute of an answer to an older version of a card (the deck had a new version imported since) is accepted
for the question as it was asked, and is not added to the server's answers for the card as it is now. The player's
notice and the moderators' dispute page say so, rather than "now counts as right in this server" and "Accept adds
the typed answer for this server"; a dispute of the card as it still is keeps the usual words."""

from __future__ import annotations

from deck_versions_support import BOB, CAT, GUILD, MOD, answered, import_deck
from test_disputes_card_as_asked import FRANCE, SPAIN

from bot.core.service import Services
from cogs._verdicts import notice_line
from cogs.disputes import page_embed


def footer(page) -> str:
    return page_embed(page).footer.text or ""


async def test_an_answer_to_an_older_version_is_told_as_right_to_the_question_asked(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    clock.tick(5)
    await import_deck(s, SPAIN)  # the capital card now asks for Spain's
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    await s.quiz.finish(quiz_id)
    clock.tick(60)
    later, _ = await answered(s, clock, {CAT: "Lutetla"})  # (to Spain's question: no accept of Bob's corrects it)
    await s.quiz.finish(later)
    clock.tick(5)

    page = await s.disputes.page(GUILD)
    assert page is not None and page.dispute.id == dispute.id
    shown = footer(page)
    assert "Accept adds the typed answer for this server" not in shown, shown
    assert "as it was asked" in shown and "re-grades" in shown, shown
    # (its accept corrects the answers to the question as asked, not those to the card now: no list of them)
    assert page.also_right == () and "Accept also makes right" not in [f.name for f in page_embed(page).fields]

    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert decision.card_changed
    [told] = await s.disputes.take_notices(GUILD, BOB)
    line = notice_line(told)
    assert "now counts as right in this server" not in line, f"Bob is told 'Lutetia' is Spain's capital: {line}"
    assert "**Lutetia**" in line and "as it was asked" in line and "changed since" in line, line
    assert "points were given back" in line, line


async def test_an_answer_to_the_card_as_it_is_still_counts_as_right_in_this_server(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    await s.quiz.finish(quiz_id)
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    clock.tick(5)

    page = await s.disputes.page(GUILD)
    assert page is not None
    assert "Accept adds the typed answer for this server" in footer(page)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert not decision.card_changed
    [told] = await s.disputes.take_notices(GUILD, BOB)
    assert "now counts as right in this server" in notice_line(told)
