"""Remarks after a right answer that say a thing the other way round from the card, second answers offered in
ways a list does not show, the question retold, and essay key points denied after they are named. Right
answers of the same shapes beside each wrong one. The cards are written for these tests.
"""

from __future__ import annotations

from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

SMOOTHING = explained(
    "Which technique smooths a time series by replacing each value with the mean of a window around it?",
    "A **moving average** replaces each value by the mean of a window of values around it. A wider window "
    "smooths more, and it lags behind sudden changes in the series. It is computed again at every time step.",
    "moving average",
    "rolling mean",
)

PRUNING = explained(
    "What is removing the weights of a trained network that matter least called?",
    "**Pruning** removes the weights with the smallest magnitude after training, so the model runs faster at "
    "inference. It works without retraining from scratch, though a short fine-tuning helps.",
    "pruning",
    "weight pruning",
)


# -- a thing said the other way round -----------------------------------------------------------------


def test_what_the_card_says_denied_beside_what_it_does_not_is_wrong():
    assert not accepted(SMOOTHING, "moving average, it leads sudden changes instead of lagging behind them")
    assert not accepted(SMOOTHING, "moving average, applied to images, not to a window of values")
    assert accepted(SMOOTHING, "moving average, a wider window smooths more, not less")
    assert accepted(SMOOTHING, "moving average, the mean of a window rather than a single value")


def test_a_restriction_to_one_side_of_an_opposite_the_card_does_not_say_is_wrong():
    assert not accepted(PRUNING, "pruning, it only happens during training, not at inference")
    assert accepted(PRUNING, "pruning, only the smallest weights, not the large ones")
    assert accepted(SMOOTHING, "moving average, only changes the noise, not the trend")


def test_a_restriction_to_what_the_card_never_says_set_against_what_it_never_denies_is_wrong():
    assert not accepted(PRUNING, "pruning, it only works for language models, not vision")
    assert not accepted(SMOOTHING, "moving average, which only works for stock prices, not other data")
    # (the card speaks of what it restricts to, or denies what it is set against)
    assert accepted(PRUNING, "pruning, it only removes the smallest weights, not whole layers")
    assert accepted(PRUNING, "pruning, only a short fine-tuning, not retraining from scratch")


def test_a_word_the_card_says_only_of_another_thing_does_not_support_a_restriction():
    wal = explained(
        "Which file records each change before it is applied to a database, so that a crash can be recovered?",
        "The **write-ahead log** records each change before the database applies it. It is only useful when the "
        "database files it belongs to are kept.",
        "write-ahead log",
        "WAL",
    )
    assert not accepted(wal, "write-ahead log, which only keeps the last change, nothing earlier")
    assert accepted(wal, "write-ahead log, only useful with the database files")
    assert accepted(wal, "WAL, it records each change first")


def test_a_restriction_after_the_answer_restates_nothing_of_the_question():
    # ("average" is a word of the question, but of the answer here, not of the restriction's clause)
    average = explained(
        "Which averaging smooths a time series with a sliding window?",
        "A **moving average** replaces each value by the mean of the values in a window around it. A wider "
        "window smooths more.",
        "moving average",
    )
    assert not accepted(average, "moving average - only for images")
    assert accepted(average, "moving average, only over a window")
    assert accepted(average, "moving average, only in a sliding window")


def test_completely_and_entirely_are_absolute_words():
    assert not accepted(PRUNING, "pruning, which removes the network completely")
    assert not accepted(SMOOTHING, "moving average, it is entirely free of lag")
    assert accepted(SMOOTHING, "moving average, it lags behind sudden changes")


def test_needing_what_the_card_says_the_answer_does_without_is_wrong():
    index = explained(
        "Which kind of index lets a database find rows by a column's value without reading the whole table?",
        "A **B-tree index** keeps the keys sorted in a balanced tree. Lookups run in logarithmic time, with no "
        "need for a full table scan.",
        "B-tree index",
        "B-tree",
    )
    assert not accepted(index, "b-tree, it requires a full scan")
    assert accepted(index, "b-tree, it doesn't require a full scan")
    assert accepted(index, "b-tree index, it needs the keys sorted")


def test_filing_the_answer_under_a_kind_the_card_never_names_is_wrong():
    assert not accepted(SMOOTHING, "moving average; it's a form of image segmentation")
    assert accepted(SMOOTHING, "moving average, a kind of smoothing")
    assert accepted(SMOOTHING, "moving average, a kind of meta learning? no, plain smoothing")


def test_denying_the_link_a_question_asks_about_is_wrong():
    batch = explained(
        "Batch size is closely linked to which other hyperparameter: larger batches work with a larger one?",
        "The **learning rate**: a larger batch gives a less noisy gradient, so a larger step can be taken.",
        "learning rate",
        term="batch size",
    )
    assert not accepted(batch, "learning rate, which has nothing to do with the batch size")
    assert not accepted(batch, "learning rate, independent of how many examples are in a batch")
    assert accepted(batch, "learning rate, scaled up with the batch")


# -- second answers ---------------------------------------------------------------------------------------


def test_a_name_made_on_the_answers_pattern_offered_beside_it_is_a_second_answer():
    # (a little word, or a word of the card's other names, in the place of one of the answer's)
    forcing = card(
        "During training, what is feeding the ground-truth token as the next input called?",
        "teacher forcing",
        aliases=("student feeding",),
    )
    assert not accepted(forcing, "teacher forcing / professor forcing")
    assert not accepted(forcing, "teacher forcing / student forcing")
    assert accepted(forcing, "teacher forcing")
    rag = card("What does RAG stand for?", "retrieval augmented generation", aliases=("grounding the model",))
    assert not accepted(rag, "retrieval augmented generation / retrieval augmented grounding")
    assert accepted(rag, "retrieval augmented generation / retrieval-augmented generation")


def test_after_a_lead_that_says_how_unsure_the_player_is_every_item_is_offered():
    backprop = card(
        "What computes the gradients of a network's weights with the chain rule, after each forward pass?",
        "backpropagation",
        "backprop",
    )
    assert not accepted(backprop, "not sure: backprop, feedforward")
    assert not accepted(backprop, "no idea, backprop, dropout")
    assert accepted(backprop, "not sure: backprop")
    assert accepted(backprop, "not sure, backpropagation, the chain rule")


# -- the question retold --------------------------------------------------------------------------------


def test_the_questions_description_typed_back_is_no_answer_though_it_says_an_answer():
    lasso = explained(
        "Which regularization adds the L1 norm of the coefficients to the cost function?",
        "**Lasso**: the L1 norm of the coefficients is added to the cost, which drives some of them to zero.",
        "lasso",
        "L1",
        "L1 regularization",
    )
    assert not accepted(lasso, "adding the l1 norm of the coefficients to the cost")
    assert accepted(lasso, "L1 regularization")
    assert accepted(lasso, "lasso, the L1 norm of the coefficients")


# -- essay key points denied after they are named ---------------------------------------------------------


ESSAY = Card(
    deck="t",
    id="denied-points",
    question="Along which three dimensions can a convolutional network be scaled?",
    answer="Width (more channels), depth (more layers) and input resolution.",
    keypoints=("width | wider", "depth | deeper | more layers", "resolution | image size"),
)
OPEN = Card(
    deck="t",
    id="unanswerable-points",
    question="Why does a reading-comprehension set mix in questions the passage cannot answer?",
    answer="It adds unanswerable questions, so the system must learn to abstain.",
    keypoints=("unanswerable questions | questions with no answer", "abstain | know when not to answer"),
)


def test_a_key_point_denied_right_after_it_is_named_is_not_made():
    assert grade_card(ESSAY, "depth and width; the resolution can't be scaled").kind is VerdictKind.PARTIAL
    assert grade_card(ESSAY, "width, depth and resolution").kind is VerdictKind.CORRECT
    assert grade_card(ESSAY, "wider, deeper, and the resolution is not fixed either").kind is VerdictKind.CORRECT


def test_a_key_point_that_is_a_denial_itself_is_made_by_one():
    assert grade_card(OPEN, "some questions can't be answered, so the system must abstain").kind is VerdictKind.CORRECT
    assert grade_card(OPEN, "questions that can't be answered; it learns to abstain").kind is VerdictKind.CORRECT


# -- facts of a few common terms (data/facts.yaml) -------------------------------------------------------


def test_a_remark_that_gives_a_common_term_the_wrong_purpose_or_order_is_wrong():
    rag = card("What does RAG stand for?", "retrieval augmented generation")
    assert not accepted(rag, "retrieval augmented generation - the retrieval step happens after the answer is generated")
    assert accepted(rag, "retrieval augmented generation: retrieve first, then generate")
    bert = card("Which encoder-only model is pretrained with masked language modelling?", "BERT")
    assert not accepted(bert, "BERT, a model that generates images")
    assert accepted(bert, "BERT, it reads the text in both directions")
    temperature = card("Which sampling setting makes a language model's output more random when raised?", "temperature")
    assert not accepted(temperature, "temperature, because it limits how long the response can be")
    assert accepted(temperature, "temperature, it scales the logits")
