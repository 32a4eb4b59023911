"""Long questions in /quiz and private practice: a deck may hold questions of up to 4,000 characters (a case
study, then what it asks). The quiz shows what each question asks: whole when it fits, and when its escaped
markdown marks make it too long for a message, its body cut short and its last sentence kept. In practice the
reveal of one question and the whole next question both reach the player, within Discord's limits."""

from __future__ import annotations

import pytest
from world_support import deck_folder, study_alice_closed  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

CASE = "A team fine-tunes a chatbot and then tunes how it samples its next token from the model's scores. "
#: The same case told with the code's own names: each "_" is escaped when shown ("\\_"), so it grows by a tenth.
CODE_CASE = "The team calls generate() with top_k, top_p, max_new_tokens and repetition_penalty set per run. "
TEMPERATURE_ASKED = "Which sampling parameter did they lower to make its replies repetitive?"
TOP_K_ASKED = "Which sampling setting keeps only the k most likely tokens at each step?"
RIGHT = {TEMPERATURE_ASKED: "temperature", TOP_K_ASKED: "top-k"}
#: Key points of an essay card (a few sentences each), as its reveal lists them.
KEYPOINTS = [
    f"point {i}: the sampling settings are logged with each run, so that a reply can be reproduced and compared "
    "with the replies of the runs before it, whatever changed|settings logged"
    for i in range(8)
]


def long_question(case: str, asked: str, length: int) -> str:
    """A case study of ``length`` characters, ending with what it asks."""
    return (case * (length // len(case) + 1))[: length - len(asked) - 1].rstrip() + " " + asked


def card(card_id: str, question: str, answer: str, essay: bool) -> str:
    graded = "    keypoints:\n" + "".join(f'      - "{k}"\n' for k in KEYPOINTS) if essay else f"    accept: [{answer}]\n"
    why = f"The answer is {answer}. " + "Each run's settings are logged, and its replies compared with the last ones. " * 4
    return f'  - id: {card_id}\n    question: "{question}"\n    answer: "{why}"\n{graded}    tags: [cases]\n'


def deck(case: str, length: int, *, essay: bool = False) -> str:
    return "deck: cases\ntitle: Case studies\ncards:\n" + "".join(
        card(f"c{i}", long_question(case, asked, length), RIGHT[asked], essay) for i, asked in enumerate(RIGHT)
    )


@pytest.fixture
def cards_dir(tmp_path, request):
    case, length, essay = getattr(request, "param", (CASE, 1800, False))
    return deck_folder(tmp_path, {"cases.yaml": deck(case, length, essay=essay)})


def asked_in(text: str) -> str:
    """Which of the two questions ``text`` ends with (what it asks, whole)."""
    found = [asked for asked in RIGHT if text.rstrip().endswith(asked)]
    assert found, text[-200:]
    return found[0]


async def test_a_long_question_is_posted_whole_in_a_channel_quiz_and_in_practice(env, world, answer_box) -> None:
    """A question of 1,800 characters is shown whole: the channel's question post and the practice question end
    with what it asks. Before, every question was cut after 900 characters ("…"), so the player read the case
    and never learned what to answer."""
    _, channel, alice = world
    await alice.slash(channel, "quiz", topic="cases", questions=1)
    post = channel.last_message
    asked = asked_in(post.embeds[0].description)
    assert post.embeds[0].description.count("…") == 0
    shown = await alice.click(post, label="Answer")
    done = await alice.submit_modal(shown, {answer_box(shown)["custom_id"]: RIGHT[asked]})
    assert "+10 points" in done.response.content

    practice = await alice.slash(channel, "quiz", topic="cases", questions=1, private=True)
    assert practice.ephemeral
    asked_in(practice.response.embeds[0].description)


@pytest.mark.parametrize("cards_dir", [(CODE_CASE, 3900, False)], indirect=True)
async def test_a_question_too_long_once_escaped_keeps_what_it_asks(env, world, modal_text) -> None:
    """A question of 3,900 characters full of code names ("top_k", "max_new_tokens") is longer than an embed takes
    once its underscores are escaped: the question post is cut in its body, and still ends with what it asks, as
    does the question above the answer box. Before, it was cut at its end, the question itself lost."""
    _, channel, alice = world
    await alice.slash(channel, "quiz", topic="cases", questions=1)
    post = channel.last_message
    description = post.embeds[0].description
    assert len(description) <= 4096 and "top\\_k" in description and "…" in description
    asked = asked_in(description)
    shown = await alice.click(post, label="Answer")
    assert asked_in(modal_text(shown).split("\n-# ")[0]) == asked


@pytest.mark.parametrize("cards_dir", [(CODE_CASE, 3900, True)], indirect=True)
async def test_practice_shows_the_reveal_and_the_whole_next_long_question(env, world) -> None:
    """Practice on essay questions of 3,900 characters (code names in them) with eight key points: skipping the
    first brings its reveal (its key points listed) and the second question, with what it asks and its buttons,
    in two messages (together they pass the 6,000 characters of embeds Discord takes in one message); skipping the
    second ends the practice. Before, the reply carrying both was refused: the player saw an error and no next
    question."""
    _, channel, alice = world
    first = await alice.slash(channel, "quiz", topic="cases", questions=2, private=True)
    asked = asked_in(first.response.embeds[0].description)
    done = await alice.click(first.response, label="Skip")
    assert done.ephemeral and done.response.content == "⏭️ Skipped."
    messages = [done.response, *done.followups]
    assert [e.title for m in messages for e in m.embeds] == ["Practice 1/2 · answer", "Practice 2/2 · cases"]
    assert all(sum(len(e) for e in m.embeds) <= 6000 for m in messages)
    reveal = messages[0].embeds[0]
    assert "point 5" in reveal.fields[0].value and len(messages) == 2
    assert asked_in(reveal.description) == asked  # (the reveal says which question it answers: cut in its body)
    nxt = messages[-1]
    assert asked_in(nxt.embeds[-1].description) != asked

    end = await alice.click(nxt, label="Skip")
    assert [e.title for e in end.response.embeds] == ["Practice 2/2 · answer", "Practice over · cases"]
