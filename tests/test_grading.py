"""Behaviour of the grader a player would notice, class by class."""

from __future__ import annotations

import pytest

from bot.cli.render import verdict_text
from bot.core.grading import grade, grade_card, normalise
from bot.core.models import Card, Verdict, VerdictKind, VerdictReason
from cogs._verdicts import render_verdict

C, A, P, W, E = (
    VerdictKind.CORRECT,
    VerdictKind.ALMOST,
    VerdictKind.PARTIAL,
    VerdictKind.WRONG,
    VerdictKind.EMPTY,
)


def kind(response: str, *accept: str, **kw) -> VerdictKind:
    return grade(response, accept=accept, **kw).kind


def discord(v: Verdict) -> str:
    """The full feedback as Discord shows it once the answer may be named."""
    return render_verdict(v, reveal=True)


@pytest.mark.parametrize(
    ("response", "accept", "expected"),
    [
        ("atention", "attention", C),
        ("attnetion", "attention", C),  # transposition
        ("backpropogation", "backpropagation", C),
        ("hybird", "hybrid", C),
        ("mode colapse", "mode collapse", C),
        ("AlpahFold2", "AlphaFold2", C),  # a letter typo beside the same digits
        ("L1", "L2", W),
        ("AlphaFold3", "AlphaFold2", W),
        ("51%", "15%", W),
        ("500,000", "50,000", W),
        ("GRN", "GRU", W),  # three letters: exact only
        ("atentoin", "attention", A),  # two edits in a short word: a hint, not a pass
    ],
)
def test_spelling_tolerance_scales_with_length_and_never_touches_numbers(response, accept, expected):
    assert kind(response, accept) is expected


@pytest.mark.parametrize(
    ("response", "accept"),
    [
        ("decoder", "encoder"),
        ("dense", "sparse"),
        ("model collapse", "mode collapse"),
        ("unsupervised", "supervised"),
        ("supervised", "self-supervised"),
        ("semi-supervised", "self-supervised"),
        ("directed", "undirected"),
        ("underfitting", "overfitting"),
        ("recall", "precision"),
        ("ridge", "lasso"),
        ("VAE", "GAN"),
        ("GPT", "BERT"),
        ("retention", "attention"),
        ("hyperparameter", "parameter"),
        ("encoder inputs", "encoder outputs"),
    ],
)
def test_near_misses_are_wrong_even_one_edit_away(response, accept):
    v = grade(response, accept=[accept])
    assert v.kind is W
    assert "is not" in discord(v)
    assert "is not" in verdict_text(v)


def test_reject_list_wins_over_spelling():
    assert kind("boosting", "stacking", reject=["boosting"]) is W
    assert kind("bagging", "stacking", reject=["bagging"]) is W


def test_a_typo_that_spells_another_word_is_almost_with_a_suggestion():
    v = grade("staking", accept=["stacking"])
    assert v.kind is A
    assert v.suggestion == "stacking"
    assert v.reason is VerdictReason.DID_YOU_MEAN
    assert discord(v) == "🟡 Almost — did you mean *stacking*? Try again"
    assert verdict_text(v) == "🟡 Almost — did you mean stacking? Try again"
    assert not v.correct


def test_wrong_feedback_names_the_confusion():
    v = grade("L1", accept=["L2"])
    assert (v.reason, v.typed, v.expected, v.aka) == (VerdictReason.NEAR_MISS, "L1", "L2", "lasso")
    assert discord(v) == "❌ *L1* is not *L2* (L1 is lasso)"
    assert verdict_text(v) == "❌ L1 is not L2 (L1 is lasso)"


@pytest.mark.parametrize(
    ("response", "accept"),
    [
        ("PRETRAINED", "pre-trained"),
        ("pre trained", "pre-trained"),
        ("the transformer", "transformer"),
        ("transformers", "transformer"),
        ("experts, mixture of", "mixture of experts"),
        ("MoE", "mixture of experts"),
        ("mixture of experts", "MoE"),
        ("I think it's stacking", "stacking"),
        ("maybe stacking?", "stacking"),
        ("50k", "50,000"),
        ("fifty thousand", "50,000"),
        ("50 000", "50,000"),
        ("seven times", "7x"),
        ("x7", "7x"),
        ("15 percent", "15%"),
        ("hidden Markov models", "HMM"),
        ("HMMs", "hidden Markov models"),
        ("checkpoint, saved model", "checkpoints and SavedModel"),
        ("hybrid, statistical and knowledge based", "knowledge-based, statistical, hybrid"),
    ],
)
def test_form_does_not_matter(response, accept):
    assert kind(response, accept) is C


@pytest.mark.parametrize(
    ("response", "accept", "expected"),
    [
        ("not attention, it's convolution", "attention", W),
        ("not temperature", "temperature", W),
        ("L1 or L2", "L2", W),
        ("encoder/decoder", "decoder", W),
        ("dense, not sparse", "sparse", W),
        ("not L1, it's L2", "L2", C),
        ("L2, not L1", "L2", C),
        ("stacking instead of bagging", "stacking", C),
        ("attention transformer encoder decoder embedding", "attention", W),
        ("knowledge-based, statistical, neural", "knowledge-based, statistical, hybrid", W),
        ("knowledge-based, statistical, hybrid, neural", "knowledge-based, statistical, hybrid", W),
        ("temperature or top k", "temperature", W),
        ("maybe temperature, maybe learning rate", "temperature", W),
    ],
)
def test_meaning_traps(response, accept, expected):
    assert kind(response, accept) is expected


def test_binary_choice_answered_by_ruling_out_the_other():
    q = "Is a sigmoid belief network a directed or an undirected graphical model?"
    assert kind("not undirected", "directed", question=q) is C
    assert kind("not directed", "directed", question=q) is W


def test_incomplete_list_is_partial_with_missing_items():
    v = grade("knowledge based, statistical", accept=["knowledge-based, statistical, hybrid"])
    assert v.kind is P
    assert v.missing == ("hybrid",)
    assert "missing: *hybrid*" in discord(v)
    assert (v.reason, v.found, v.total) == (VerdictReason.PARTIAL_LIST, 2, 3)


@pytest.mark.parametrize(
    "response",
    [
        "<@123456789012345678> stacking",
        "@everyone stacking",
        "||stacking||",
        "**stacking**",
        "`stacking`",
        "```\nstacking\n```",
        "> stacking",
        "Ｓｔａｃｋｉｎｇ",
        "st\u200back\u200bing",
        "s\u0336t\u0336a\u0336c\u0336k\u0336i\u0336n\u0336g",
        "ѕtасkіng",  # Cyrillic look-alikes
        "stacking 🙂 <:pog:123456789012345678>",
        "stácking",
    ],
)
def test_chat_junk_is_folded_away(response):
    assert kind(response, "stacking") is C


def test_subscripts_and_full_width_digits():
    assert kind("L₂", "L2") is C
    assert kind("Ｌ２", "L2") is C
    assert kind("１５％", "15%") is C


@pytest.mark.parametrize(
    "response", ["", "   ", "@everyone", "<@123456789012345678>", "🤔", "||  ||", "\u200b"]
)
def test_nothing_left_is_no_answer_not_a_wrong_answer(response):
    v = grade(response, accept=["stacking"])
    assert v.kind is E
    assert v.score == 0.0


def test_essay_partial_credit_with_synonyms_and_missing_points():
    kp = ["knowledge-based", "statistical", "hybrid | mixed approach"]
    full = grade("knowledge based, statistical, and a mixed approach", keypoints=kp)
    assert full.kind is C and full.score == 1.0
    part = grade("statistical and hybrid", keypoints=kp)
    assert part.kind is P
    assert part.score == pytest.approx(2 / 3, abs=0.01)
    assert discord(part) == "🟠 2 of 3 — missing: *knowledge-based*"
    assert verdict_text(part) == "🟠 2 of 3 — missing: knowledge-based"
    assert render_verdict(part, reveal=False) == "🟠 2 of 3 key points"
    assert grade("rule engines", keypoints=kp).kind is W


def test_essay_contradicted_point_is_wrong():
    kp = ["k-means clustering", "linear assignment", "hashing"]
    assert grade("not hashing", keypoints=kp).kind is W
    assert grade("hashing, linear assignment, k-means", keypoints=kp).kind is C


def test_feedback_never_echoes_raw_markdown_or_mentions():
    v = grade("L1 **bold** @everyone", accept=["L2"])
    assert "@everyone" not in discord(v)
    v = grade("stackin_g*", accept=["zzz"], reject=["stackin_g*"])
    assert "_g*" not in discord(v)
    v = Verdict(W, 0.0, VerdictReason.NOT_ONE_OF, typed="@everyone *x*")
    assert discord(v) == "❌ *\\@everyone \\*x\\** is not one of them"


def test_normalise_folds_junk_for_lookup():
    assert normalise("Hello <@123456789> **World**, ｆｕｌｌ L₂ pre-trained 😀 café") == (
        "hello world full l2 pre trained cafe"
    )
    assert normalise("@everyone ||spoiler||") == "spoiler"


def test_scores_and_matched():
    v = grade("stacking", accept=["bagging is wrong", "stacking"])
    assert v.kind is C and v.score == 1.0 and v.matched == "stacking"
    v = grade("stakcing", accept=["stacking"])
    assert v.kind is C and 0 < v.score < 1
    assert v.reason is VerdictReason.SPELLING and v.matched == "stacking"
    assert discord(v) == "✅ Correct — spelling: *stacking*"
    assert render_verdict(v, reveal=False) == "✅ Correct — check your spelling"


def test_nothing_to_grade_against_raises():
    with pytest.raises(ValueError):
        grade("x")


def _card(**kw) -> Card:
    base = dict(deck="d", id="c", question="What is the gating network style of MoE?", answer="Sparse MoE")
    base.update(kw)
    return Card(**base)


def test_grade_card_directions():
    card = _card(
        question="What does MoE stand for?",
        answer="Mixture of experts",
        term="MoE",
        aliases=("mixture-of-experts",),
        accept=("mixture of experts",),
        reject=("mixture of gaussians",),
    )
    assert grade_card(card, "mixture of experts").kind is C
    assert grade_card(card, "mixture of gaussians").kind is W
    term_card = _card(question="Name it", answer="A sparse model routing tokens to experts", term="MoE")
    assert grade_card(term_card, "MoE", direction="term").kind is C
    assert grade_card(term_card, "mixture of experts", direction="term").kind is C
    assert grade_card(term_card, "GAN", direction="term").kind is W
    with pytest.raises(ValueError):
        grade_card(card, "x", direction="sideways")


def test_grade_card_essay_and_answer_fallback():
    essay = _card(keypoints=("k-means", "hashing"))
    assert grade_card(essay, "hashing").kind is P
    plain = _card(answer="Sparse MoE")
    assert grade_card(plain, "sparse moe").kind is C
    assert grade_card(plain, "dense moe").kind is W


def test_long_answers_are_graded():
    long = ("the answer is stacking because " * 200)[:4000]
    assert grade(long, accept=["stacking"]).kind in (C, W, A)
    zalgo = "s" + "\u0336\u0301\u0327" * 2000 + "tacking"
    assert grade(zalgo, accept=["stacking"]).kind is C


def test_a_reject_inside_an_accepted_answer_does_not_sink_it() -> None:
    """"the last layer" is a wrong answer, yet it is spelt inside the right one."""
    accept = ["the second-to-last layer", "penultimate layer"]
    reject = ["the last layer"]
    assert grade("the second-to-last layer", accept=accept, reject=reject).correct
    assert grade("second to last layer", accept=accept, reject=reject).correct
    assert not grade("the last layer", accept=accept, reject=reject).correct
    assert grade("the encoder output", accept=["a weighted sum of the encoder outputs"], reject=["the encoder output"]).kind in (
        VerdictKind.WRONG,
        VerdictKind.PARTIAL,
    )


def test_a_reject_made_of_the_answers_words_offered_beside_it_is_a_second_answer() -> None:
    """"long-term short memory" is the answer's words in another order, "Inception Score" two of them: said
    as an item of their own beside the answer, they are another answer offered."""
    lstm = {"accept": ["long short-term memory"], "reject": ["long-term short memory", "large short-term memory"]}
    assert not grade("long short-term memory or long-term short memory", **lstm).correct
    assert not grade("long-term short memory, long short-term memory", **lstm).correct
    assert grade("long short-term memory", **lstm).correct
    assert grade("long short-term memory, not long-term short memory", **lstm).correct
    fid = {"accept": ["Fréchet Inception Distance", "FID", "FID score"], "reject": ["Inception Score", "CLIP score"]}
    assert not grade("Fréchet Inception Distance or Inception Score", **fid).correct
    assert not grade("FID / Inception Score", **fid).correct
    assert grade("FID score", **fid).correct
    assert grade("Fréchet Inception Distance (FID)", **fid).correct
    # the feedback names the reject the player typed, not one whose words are spread over the answer too
    said = grade("Fréchet Inception Distance or CLIP score", **fid)
    assert not said.correct and said.typed == "CLIP score"


def test_two_numbers_where_one_is_asked_are_two_answers() -> None:
    share = {"accept": ["10%", "10 percent"], "question": "By what share did the Netflix Prize ask to beat Cinematch?"}
    assert not grade("8%, 10%", **share).correct
    assert not grade("10%, 8%", **share).correct
    assert grade("10%", **share).correct
    ratio = {"accept": ["20:1", "20 to 1", "20"], "question": "About how many training tokens per parameter did Chinchilla use?"}
    assert grade("20:1", **ratio).correct  # a ratio is one answer


def test_numbers_that_name_no_finite_value_are_graded_not_crashed_on() -> None:
    """A power of zero below one or a mantissa too long for a float is graded as typed."""
    for typed in ("0^-1", "0⁻¹", "1" * 400 + "e5", "9" * 308 + "e99", "the answer is 0^-2 surely"):
        assert grade(typed, accept=["1024"]).kind is W, typed
    assert grade("2^10", accept=["1024"]).kind is C
    assert grade("0^-1", accept=["0^-1"]).kind is C  # a card whose answer is the expression itself
