"""While a card is asked, a card of the same deck whose text states its answer is hidden with it, either way round:
"What type of model is the Switch Transformer?" is open, and the card on its cost says "The Switch Transformer is a
mixture-of-experts model". /define and /search do not show that card, another channel quiz does not ask it (its
reveal would give the answer), and once the question closes it shows again."""

from __future__ import annotations

import pytest
from deck_versions_support import GUILD, MOD

from bot.core.catalog import STATED_MOST
from bot.core.models import Deck
from bot.core.quiz import LiveQuiz
from bot.core.service import Services
from cogs.quiz.render import reveal_embed

#: A card of the decks below that states no other card's answer, nor has its answer stated.
CAPITAL = b"""  - id: capital
    question: What is the capital of France?
    answer: Paris is the capital of France.
    accept: [Paris]
    status: ok
"""
MOE = b"""deck: moe
title: Mixtures of experts
cards:
  - id: switch-type
    question: What type of model is the Switch Transformer?
    answer: A sparse model that routes each token to one expert.
    accept: [mixture of experts, MoE]
    status: ok
  - id: switch-cost
    term: Switch Transformer cost
    question: Why does the Switch Transformer cost little to run for its size?
    answer: The Switch Transformer is a mixture-of-experts model, so each token runs through one expert only.
    accept: [one expert per token, sparse routing]
    status: ok
""" + CAPITAL
CH, CH2 = 4100, 4101


async def imported(s: Services, name: str, data: bytes) -> Deck:
    """``data`` imported as the server's deck ``name`` (previewed and confirmed by the moderator)."""
    preview = await s.decks.preview(GUILD, f"{name}.yaml", data, name, user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    deck = s.catalog.named(GUILD, name)
    assert deck is not None
    return deck


def key_of(s: Services, card_id: str, name: str = "moe") -> str:
    deck = s.catalog.named(GUILD, name)
    assert deck is not None
    card = deck.card(card_id)
    assert card is not None
    return card.key


async def asking(s: Services, key: str) -> LiveQuiz:
    """A channel quiz (started by the moderator) whose open question asks the card ``key``."""
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CH, card_keys=[key])
    quiz.plan = [(s.catalog.card(key), "question")]
    assert s.quiz.open_question(quiz.id) is not None
    return quiz


async def test_a_card_whose_text_states_the_open_answer_is_hidden_until_it_closes(core_services: Services) -> None:
    s = core_services
    await imported(s, "moe", MOE)
    asked, telling, other = key_of(s, "switch-type"), key_of(s, "switch-cost"), key_of(s, "capital")
    quiz = await asking(s, asked)
    hidden = await s.quiz.hidden_cards(GUILD)
    assert {asked, telling} <= hidden and other not in hidden
    found = await s.lookup.define_async("Switch Transformer cost", guild_id=GUILD)
    assert found.card is None or found.card.key != telling
    second = await s.quiz.start_quiz(user_id=MOD + 1, user_name="ann", guild_id=GUILD, channel_id=CH2, questions=2)
    second.plan = [(s.catalog.card(telling), "question"), (s.catalog.card(other), "question")]
    question = s.quiz.open_question(second.id)
    assert question is not None and question.card.key != telling
    await s.quiz.finish(quiz.id)
    await s.quiz.finish(second.id)
    assert telling not in await s.quiz.hidden_cards(GUILD)
    found = await s.lookup.define_async("Switch Transformer cost", guild_id=GUILD)
    assert found.card is not None and found.card.key == telling


@pytest.mark.parametrize("private", [False, True], ids=["channel", "practice"])
async def test_a_reveal_that_would_state_an_open_answer_keeps_it_back(core_services: Services, private: bool) -> None:
    """The cost card is asked in one channel: the type card, whose answer the cost card's explanation states, is
    hidden too. A quiz (or a practice) on the type card alone asks it all the same, having nothing else to ask.
    When the cost card's question closes while the type card's is open, its reveal keeps the answer and
    explanation back, and says why; once the type card's question closes, a reveal shows them again."""
    s = core_services
    await imported(s, "moe", MOE)
    cost, kind = key_of(s, "switch-cost"), key_of(s, "switch-type")
    first = await asking(s, cost)
    assert kind in await s.quiz.hidden_cards(GUILD)
    second = await s.quiz.start_quiz(
        user_id=MOD + 1, user_name="ann", guild_id=GUILD, channel_id=None if private else CH2, card_keys=[kind],
        private=private,
    )
    question = s.quiz.open_question(second.id)
    assert question is not None and question.card.key == kind
    reveal = await s.quiz.close_question(first.id, 1)
    assert reveal is not None and reveal.withheld and reveal.withheld_stated and not reveal.withheld_elsewhere
    assert reveal.answer == "" and reveal.excerpt == ""
    text = "\n".join(f"{f.name} {f.value}" for f in reveal_embed(first, reveal).fields)
    assert "mixture" not in text.lower() and "states the answer of a question open right now" in text
    await s.quiz.finish(second.id)
    third = await s.quiz.start_quiz(user_id=MOD + 2, user_name="bo", guild_id=GUILD, channel_id=CH2, card_keys=[cost])
    third.plan = [(s.catalog.card(cost), "question")]
    assert s.quiz.open_question(third.id) is not None
    shown = await s.quiz.close_question(third.id, 1)
    assert shown is not None and not shown.withheld and "mixture-of-experts" in shown.excerpt


async def test_an_answer_the_whole_deck_speaks_of_hides_nothing_more(core_services: Services) -> None:
    """An accepted answer that more than ``STATED_MOST`` cards of the deck state is a word of its subject: while its
    card is asked, they stay shown."""
    s = core_services
    many = "".join(
        f"  - id: c{i}\n    question: What is thing {i}?\n    answer: Thing {i} uses attention.\n"
        f"    accept: [thing {i}]\n    status: ok\n"
        for i in range(STATED_MOST + 1)
    )
    deck = (
        b"deck: words\ntitle: Words\ncards:\n  - id: main\n    question: What mechanism do they use?\n"
        b"    answer: Attention.\n    accept: [attention]\n    status: ok\n" + many.encode()
    )
    words = await imported(s, "words", deck)
    main = key_of(s, "main", "words")
    await asking(s, main)
    hidden = await s.quiz.hidden_cards(GUILD)
    assert {key for key in hidden if s.catalog.card(key).deck == words.id} == {main}, sorted(hidden)


GPT = b"""deck: gpt
title: GPT
cards:
  - id: arch
    question: Which architecture do GPT models use?
    answer: The transformer, decoder only.
    accept: [transformer]
    status: ok
  - id: ctx
    question: What limits how much text GPT reads at once?
    answer: The transformer's context window.
    accept: [context window]
    status: ok
  - id: heads
    question: What runs in parallel inside each layer?
    answer: Several attention heads of the transformer.
    accept: [attention heads, heads]
    status: ok
"""


async def test_a_deck_whose_every_card_states_the_open_answer_can_still_be_quizzed(core_services: Services) -> None:
    """Every other card of a small deck speaks of the transformer, the answer asked in one channel: a quiz or a
    practice on the deck is not refused for that (it asks them), though /define keeps them hidden; a card of the
    open question itself is still not asked."""
    s = core_services
    deck = await imported(s, "gpt", GPT)
    arch = key_of(s, "arch", "gpt")
    await asking(s, arch)
    assert len(await s.quiz.hidden_cards(GUILD)) == 3
    for user, private in ((MOD + 1, False), (MOD + 2, True)):
        other = await s.quiz.start_quiz(
            user_id=user, user_name=f"p{user}", guild_id=GUILD, channel_id=None if private else CH2, topic="gpt",
            private=private, questions=3,
        )
        asked = [card.key for card, _ in other.plan]
        assert asked and arch not in asked
        question = s.quiz.open_question(other.id)
        assert question is not None and question.card.key != arch
        reveal = await s.quiz.close_question(other.id, question.number)
        assert reveal is not None and reveal.withheld_stated and "transformer" not in reveal.excerpt.lower()
    found = await s.lookup.define_async("context window", guild_id=GUILD)
    assert found.card is None or found.card.deck != deck.id


MOE_TERM = b"""deck: moet
title: Mixtures of experts, by term
cards:
  - id: moe
    term: mixture of experts
    aliases: [MoE]
    question: Which architecture lets a gating network pick a few sub-networks for each input?
    answer: A mixture of experts routes each input to a few of its experts.
    accept: [sparse gating]
    status: ok
  - id: switch-cost
    question: Why does the Switch Transformer cost little to run for its size?
    answer: The Switch Transformer is a mixture-of-experts model, so each token runs through one expert only.
    accept: [one expert per token, sparse routing]
    status: ok
  - id: gan
    question: Name the three parts of a GAN's training loop.
    answer: A generator makes samples, a discriminator judges them, and both are updated in turn.
    keypoints: ["generator network | the generator", "discriminator network | the discriminator", "alternating updates"]
    status: ok
  - id: roles
    question: What does each player of an adversarial game learn?
    answer: The generator network learns to fool the discriminator network, which learns to catch its fakes.
    accept: [to fool and to catch]
    status: ok
""" + CAPITAL


async def test_a_card_stating_the_answer_of_a_term_prompt_or_an_essay_point_is_hidden_too(
    core_services: Services,
) -> None:
    """Asked by its term ("_____ (MoE): ..."), the mixture-of-experts card's answer is its term, which the card on
    the Switch Transformer's cost states: hidden while it is open. The same for an essay card's key point ("the
    generator network") stated in another card's explanation."""
    s = core_services
    await imported(s, "moet", MOE_TERM)
    moe, telling, gan, roles, other = (key_of(s, c, "moet") for c in ("moe", "switch-cost", "gan", "roles", "capital"))
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CH, card_keys=[moe])
    quiz.plan = [(s.catalog.card(moe), "term")]
    question = s.quiz.open_question(quiz.id)
    assert question is not None and question.prompt.direction == "term"
    hidden = await s.quiz.hidden_cards(GUILD)
    assert telling in hidden and other not in hidden, hidden
    await s.quiz.finish(quiz.id)
    assert telling not in await s.quiz.hidden_cards(GUILD)

    essay = await s.quiz.start_quiz(user_id=MOD + 1, user_name="ann", guild_id=GUILD, channel_id=CH2, card_keys=[gan])
    essay.plan = [(s.catalog.card(gan), "question")]
    assert s.quiz.open_question(essay.id) is not None
    hidden = await s.quiz.hidden_cards(GUILD)
    assert roles in hidden and other not in hidden, hidden


async def test_a_quiz_does_not_ask_a_card_its_own_earlier_reveal_answers(core_services: Services) -> None:
    """A channel quiz asks why the Switch Transformer is cheap; its reveal, still on screen, says "The Switch
    Transformer is a mixture-of-experts model". Its next question is not "What type of model is the Switch
    Transformer?" (whose answer everyone can read above it) but another card; with no other card left, it ends."""
    s = core_services
    await imported(s, "moe", MOE)
    asked, telling, other = key_of(s, "switch-type"), key_of(s, "switch-cost"), key_of(s, "capital")
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CH, topic="moe", questions=2)
    quiz.plan = [(s.catalog.card(telling), "question"), (s.catalog.card(asked), "question")]
    quiz.spares = [(s.catalog.card(other), "question")]
    first = s.quiz.open_question(quiz.id)
    assert first is not None and first.card.key == telling
    reveal = await s.quiz.close_question(quiz.id, first.number)
    assert reveal is not None and "mixture-of-experts" in reveal.excerpt
    second = s.quiz.open_question(quiz.id)
    assert second is not None and second.card.key == other, second.card.key if second else None

    alone = await s.quiz.start_quiz(
        user_id=MOD + 1, user_name="ann", guild_id=GUILD, channel_id=CH2, topic="moe", questions=2
    )
    alone.plan = [(s.catalog.card(telling), "question"), (s.catalog.card(asked), "question")]
    alone.spares = []
    first = s.quiz.open_question(alone.id)
    assert first is not None and first.card.key == telling
    await s.quiz.close_question(alone.id, first.number)
    assert s.quiz.open_question(alone.id) is None


async def test_a_quiz_never_plans_a_card_after_one_whose_reveal_answers_it(core_services: Services) -> None:
    """The card on the Switch Transformer's cost states the answer of "What type of model is the Switch
    Transformer?" (not the other way round). Whatever order a quiz draws the deck's three cards in, it never asks
    the type after the cost: then it plans two questions and says the deck has only two to ask."""
    s = core_services
    await imported(s, "moe", MOE)
    asked, telling = key_of(s, "switch-type"), key_of(s, "switch-cost")
    orders = set()
    for n in range(12):
        s.quiz.rng.seed(n)
        quiz = await s.quiz.start_quiz(
            user_id=MOD + n, user_name="mod", guild_id=GUILD, channel_id=CH + n, topic="moe", questions=3
        )
        planned = [card.key for card, _ in quiz.plan]
        assert not (telling in planned and asked in planned[planned.index(telling) :]), planned
        if telling in planned and asked not in planned:
            assert quiz.total == 2 and quiz.note is not None and "only 2 cards" in quiz.note
        orders.add(tuple(planned))
        await s.quiz.finish(quiz.id)
    assert len(orders) > 1  # (both orders drawn)


@pytest.mark.parametrize(("way", "asked_after"), [("term", False), ("question", True)])
async def test_a_term_an_earlier_reveal_states_is_not_asked_by_its_term(
    core_services: Services, way: str, asked_after: bool
) -> None:
    """The cost card's reveal says "mixture-of-experts": the mixture-of-experts card is not asked by its term
    after it (its answer is on screen), but its question ("Which architecture lets a gating network pick ...?",
    answered "sparse gating") still is."""
    from bot.core import prompts
    from bot.core.catalog import QUESTION_WAY, TERM_WAY

    assert (QUESTION_WAY, TERM_WAY) == (prompts.QUESTION, prompts.TERM)
    s = core_services
    await imported(s, "moet", MOE_TERM)
    moe, telling = key_of(s, "moe", "moet"), key_of(s, "switch-cost", "moet")
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CH, topic="moet", questions=2)
    quiz.plan = [(s.catalog.card(telling), "question"), (s.catalog.card(moe), way)]
    quiz.spares = []
    first = s.quiz.open_question(quiz.id)
    assert first is not None and first.card.key == telling
    await s.quiz.close_question(quiz.id, first.number)
    second = s.quiz.open_question(quiz.id)
    assert (second is not None and second.card.key == moe) is asked_after


SHOWN = b"""deck: shown
title: What reveals show
cards:
  - id: gan
    term: GAN
    aliases: [generative adversarial network]
    question: Which model trains a generator against a discriminator?
    answer: A GAN is two networks that play a game; one makes samples, the other judges them.
    accept: [GAN]
    status: ok
  - id: gan-name
    question: What does GAN stand for?
    answer: The name says what the two networks do.
    accept: [generative adversarial network]
    status: ok
  - id: moe
    term: mixture of experts
    aliases: [MoE]
    question: Which architecture lets a gating network pick a few sub-networks for each input?
    answer: A gate routes each input to a few of its experts.
    accept: [mixture of experts]
    status: ok
  - id: cost
    question: Why does the Switch Transformer cost little to run for its size?
    answer: It is an MoE model, so each token runs through one expert only.
    accept: [one expert per token]
    status: ok
""" + CAPITAL


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (("gan", "term"), ("gan-name", "question")),  # the reveal "GAN (generative adversarial network)"
        (("cost", "question"), ("moe", "question")),  # "an MoE model": the grader takes "MoE" by its question too
    ],
)
async def test_a_question_answered_by_what_an_earlier_reveal_names_is_not_asked(
    core_services: Services, first: tuple[str, str], then: tuple[str, str]
) -> None:
    s = core_services
    await imported(s, "shown", SHOWN)
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CH, topic="shown", questions=2)
    quiz.plan = [(s.catalog.card(key_of(s, card, "shown")), way) for card, way in (first, then)]
    quiz.spares = [(s.catalog.card(key_of(s, "capital", "shown")), "question")]
    opened = s.quiz.open_question(quiz.id)
    assert opened is not None and opened.card.key == key_of(s, first[0], "shown")
    await s.quiz.close_question(quiz.id, opened.number)
    second = s.quiz.open_question(quiz.id)
    assert second is not None and second.card.key == key_of(s, "capital", "shown"), second.card.key if second else None
