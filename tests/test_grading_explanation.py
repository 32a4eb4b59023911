"""A deck card's explanation (its answer text beside the accepted answers): a remark after a right answer
that contradicts it is wrong, one that agrees with it stays right."""

from __future__ import annotations

from bot.core.grading import grade, grade_card
from bot.core.grading.compiled import explanation_of
from bot.core.models import Card, VerdictKind

BAYES = Card(
    deck="d",
    id="causal",
    question="Which diagram draws the causes of an outcome as a graph, one node per variable?",
    answer=(
        "A **causal diagram** (a *causal graph*): a model whose graph has directed edges, each node a "
        "variable. It is not a neural net, and it can be faster than a Boltzmann machine. More: "
        "[graphical models](https://example.org/gm)"
    ),
    accept=("causal diagram", "causal graph"),
)


def kind(card: Card, response: str) -> VerdictKind:
    return grade_card(card, response).kind


def test_remark_that_turns_a_side_of_the_explanation_is_wrong():
    assert kind(BAYES, "a causal diagram, whose edges are undirected") is VerdictKind.WRONG
    assert kind(BAYES, "a causal diagram, with directed edges") is VerdictKind.CORRECT
    assert kind(BAYES, "a causal diagram, slower than a Boltzmann machine") is VerdictKind.WRONG


def test_remark_that_says_what_the_explanation_denies_is_wrong():
    assert kind(BAYES, "causal graph, a kind of neural net") is VerdictKind.WRONG
    assert kind(BAYES, "causal graph, not a neural net") is VerdictKind.CORRECT


def test_what_the_explanation_compares_with_is_not_denied():
    # "faster than a Boltzmann machine" says nothing against a remark that names one.
    assert kind(BAYES, "causal diagram, much like a boltzmann machine") is VerdictKind.CORRECT


def test_without_an_explanation_the_same_remarks_are_weighed_against_the_question_only():
    bare = Card(deck="d", id="bayes", question=BAYES.question, answer="", accept=BAYES.accept)
    assert kind(bare, "a causal diagram, whose edges are undirected") is VerdictKind.CORRECT
    assert kind(bare, "causal graph, a kind of neural net") is VerdictKind.CORRECT
    assert kind(bare, "a causal diagram, slower than a Boltzmann machine") is VerdictKind.CORRECT


def test_answer_alone_and_typos_are_unchanged():
    assert kind(BAYES, "causal diagram") is VerdictKind.CORRECT
    assert kind(BAYES, "a causal graph") is VerdictKind.CORRECT
    assert kind(BAYES, "casual diagram").value in ("correct", "almost")


def test_an_answer_text_that_is_an_accepted_answer_explains_nothing():
    assert explanation_of("**Bayesian network**", ("Bayesian network", "DGM")) is None
    assert explanation_of("The Bayesian network.", ("Bayesian network",)) is None
    assert explanation_of("", ("x",)) is None


def test_explanation_is_read_as_plain_words():
    text = explanation_of("A **directed** model, see [the docs](https://example.org) and `p(x|y)`.", ("DGM",))
    assert text is not None
    assert "*" not in text and "https" not in text and "p(x|y)" not in text
    assert "directed" in text and "the docs" in text


def test_grade_takes_the_answer_text_as_grade_card_does():
    args = {"accept": BAYES.accept, "question": BAYES.question}
    said = "a causal diagram, whose edges are undirected"
    assert grade(said, answer=BAYES.answer, **args).kind is kind(BAYES, said) is VerdictKind.WRONG
    assert grade(said, **args).kind is VerdictKind.CORRECT
    # Without accepted answers the answer text is the accepted answer, as for a card.
    plain_card = Card(deck="d", id="p", question="Which norm does ridge add?", answer="L2")
    assert grade("l2", answer="L2", question=plain_card.question).kind is kind(plain_card, "l2") is VerdictKind.CORRECT


def test_the_term_direction_does_not_use_it_and_an_essay_card_keeps_what_it_makes():
    card = Card(
        deck="d",
        id="t",
        question="What is a Bayesian network?",
        answer="A directed graphical model whose edges are directed.",
        term="Bayesian network",
    )
    assert grade_card(card, "bayesian network", direction="term").kind is VerdictKind.CORRECT
    essay = Card(
        deck="d",
        id="e",
        question="What is a Bayesian network?",
        answer="A directed graphical model.",
        keypoints=("directed", "graph"),
    )
    assert grade_card(essay, "a directed graph of variables").kind is VerdictKind.CORRECT


MOE = Card(
    deck="d",
    id="moe-kind",
    question="Which kind of mixture-of-experts model won out by 2023?",
    answer="**Sparse.**\n\n- Dense: all experts are activated at every step.\n- Sparse: a subset of experts is chosen for each token.",
    accept=("sparse", "sparse MoE"),
)


def test_remark_that_pairs_the_answer_with_the_other_side_the_explanation_pairs_is_wrong():
    assert kind(MOE, "sparse, since all experts run for each token") is VerdictKind.WRONG
    assert kind(MOE, "sparse, a subset of the experts for each token") is VerdictKind.CORRECT
    assert kind(MOE, "sparse") is VerdictKind.CORRECT
    # Without the explanation, what the answer's rival "dense" is (``data/facts.yaml``) tells the same.
    bare = Card(deck="d", id="moe-kind", question=MOE.question, answer="", accept=MOE.accept)
    assert kind(bare, "sparse, since all experts run for each token") is VerdictKind.WRONG


GAN_PARTS = Card(
    deck="d",
    id="gan-parts",
    question="In a GAN, which of the generator and the discriminator turns random noise into samples?",
    answer=(
        "The **generator**: it turns random noise into fake samples.\n\n"
        "- the **discriminator** scores each sample as real or fake;\n"
        "- the generator is trained to fool it, with gradients passed back through the critic's scores."
    ),
    accept=("generator", "the generator"),
    reject=("discriminator", "the discriminator"),
)


def test_a_remark_that_gives_a_rival_the_explanation_sets_apart_another_ones_role_is_wrong():
    # the explanation says the discriminator scores samples as real or fake, and the generator turns noise
    # into samples: not the other way round
    assert kind(GAN_PARTS, "generator, the one that decides if a sample is real") is VerdictKind.WRONG
    assert kind(GAN_PARTS, "generator, while the discriminator makes the fake samples from noise") is VerdictKind.WRONG
    assert kind(GAN_PARTS, "the generator, while the discriminator turns noise into samples") is VerdictKind.WRONG


def test_a_remark_that_keeps_each_role_where_the_explanation_puts_it_stays_right():
    assert kind(GAN_PARTS, "the generator, it turns noise into fake samples") is VerdictKind.CORRECT
    assert kind(GAN_PARTS, "generator, the discriminator scores samples") is VerdictKind.CORRECT
    assert kind(GAN_PARTS, "generator") is VerdictKind.CORRECT


def test_without_bold_rivals_no_role_is_read():
    bare = Card(
        deck="d", id="gan-plain", question=GAN_PARTS.question, answer=GAN_PARTS.answer.replace("**", ""),
        accept=GAN_PARTS.accept, reject=GAN_PARTS.reject,
    )  # fmt: skip
    assert kind(bare, "generator, the one that decides if a sample is real") is VerdictKind.CORRECT
    assert kind(bare, "generator, while the discriminator makes the fake samples from noise") is VerdictKind.CORRECT


def test_a_sharper_distribution_is_the_deterministic_side():
    temperature = Card(
        deck="d",
        id="temperature",
        question="Which LLM parameter gives repetitive, deterministic responses when set low, and more unexpected or "
        "creative responses when increased?",
        answer="**Temperature.** A low temperature gives repetitive, deterministic responses; increasing it gives more "
        "unexpected or creative ones.",
        accept=("temperature",),
    )
    assert kind(temperature, "temperature - raising it makes the probability distribution sharper") is VerdictKind.WRONG
    assert kind(temperature, "temperature - raising it makes the probability distribution flatter") is VerdictKind.CORRECT
    assert kind(temperature, "temperature - lowering it makes the distribution sharper") is VerdictKind.CORRECT


def test_worse_is_the_other_side_of_better():
    attention = Card(
        deck="d",
        id="attention",
        question="What lets an encoder-decoder model focus on specific parts of the input sequence by weighting them?",
        answer="The **attention mechanism** lets the model focus on parts of the input. It is an optimization of "
        "Seq2Seq models that gives better results. Normalization can help alleviate it.",
        accept=("attention mechanism", "attention"),
    )
    assert kind(attention, "attention mechanism, it makes seq2seq results worse") is VerdictKind.WRONG
    assert kind(attention, "attention mechanism, it makes seq2seq results better") is VerdictKind.CORRECT
