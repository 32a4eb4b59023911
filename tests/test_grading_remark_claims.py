"""Remarks after a right answer weighed against what the card itself says (``bot.core.grading.support``): an
absolute or limiting word the card does not support, a year or share other than the card's, an organisation
other than the card's, a mapping the other way round, doing without what the card says is needed, what the
explanation says the question's other term is; and what the answer's term is (``data/facts.yaml``) for a few of the deck's terms. Right remarks beside each wrong one.
The cards are written for these tests.
"""

from __future__ import annotations

from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

SMOOTHING = explained(
    "Which technique smooths a time series by replacing each value with the mean of a window around it?",
    "A **moving average** replaces each value by the mean of a window of values around it. A wider window "
    "smooths more, and it lags behind sudden changes in the series.",
    "moving average",
    "rolling mean",
)


# -- absolute and limiting words ----------------------------------------------------------------------


def test_an_absolute_word_the_card_does_not_support_is_wrong():
    assert not accepted(SMOOTHING, "moving average, which only works on stock prices")
    assert not accepted(SMOOTHING, "moving average - it always removes the trend")
    assert not accepted(SMOOTHING, "rolling mean, which picks the window automatically")
    assert not accepted(SMOOTHING, "moving average, fully unaffected by outliers")
    assert accepted(SMOOTHING, "moving average, a wider window smooths more")
    assert accepted(SMOOTHING, "rolling mean, it lags behind sudden changes")


def test_an_absolute_word_the_card_says_itself_is_supported():
    moe = explained(
        "In a mixture-of-experts model, which kind runs a subset of the experts for each token?",
        "**Sparse.** It activates only one or a few experts for each input token, chosen by a router.",
        "sparse",
    )
    assert accepted(moe, "sparse, only a few experts per token")
    assert not accepted(moe, "sparse, it always runs the same expert")


def test_a_restriction_set_against_what_it_is_not_and_a_conditional_always_are_no_law():
    assert accepted(SMOOTHING, "moving average, only changes the noise, not the trend")
    assert accepted(SMOOTHING, "moving average, when the window is wider it always smooths more")
    assert not accepted(SMOOTHING, "moving average, it only changes the noise")
    assert not accepted(SMOOTHING, "moving average, it always improves a forecast")


def test_a_restriction_next_to_the_questions_own_word_restates_it():
    assert accepted(SMOOTHING, "moving average, for time series only")
    assert accepted(SMOOTHING, "moving average, only for time series")
    assert not accepted(SMOOTHING, "moving average, only for images")
    assert not accepted(SMOOTHING, "moving average, works on images only")
    # (what it restricts is what follows the question's word too: "only replaces the first value")
    assert accepted(SMOOTHING, "moving average, it only replaces each value")
    assert not accepted(SMOOTHING, "moving average, it only replaces the first value of the series")


def test_an_absolute_word_in_a_remark_that_restates_the_card_is_supported_unless_it_says_the_other_way():
    net = explained(
        "What is a directed graphical model of binary variables in which the bottom layer is observed?",
        "A **sigmoid belief network**: a directed model of binary variables in layers; only the bottom layer "
        "is observed. It passes the ground-truth evidence upward.",
        "sigmoid belief network",
    )
    assert accepted(net, "sigmoid belief network, the evidence always passes upward")
    assert accepted(net, "sigmoid belief network, only the bottom layer is observed")
    assert not accepted(net, "sigmoid belief network - every layer is observed")


def test_a_light_verb_after_an_absolute_word_is_not_what_it_is_said_of():
    iid = explained(
        "What does i.i.d. stand for?",
        "**Independent and identically distributed** random variables are all drawn from the same probability "
        "distribution and are mutually independent. A model fitted to one sample then generalises to another.",
        "independent and identically distributed",
    )
    assert accepted(iid, "independent and identically distributed: every sample comes from the same distribution")
    assert accepted(iid, "independent and identically distributed - every variable gets drawn from the same distribution")
    assert not accepted(iid, "independent and identically distributed - every sample comes out normalised")
    assert not accepted(iid, "independent and identically distributed: every sample comes from a normal distribution")


def test_absolute_words_in_compounds_hedges_or_the_answer_are_no_claim():
    bert = explained(
        "Which kind of transformer is BERT?",
        "An **encoder-only** transformer: it reads the whole sentence in both directions.",
        "encoder-only",
        "encoder-only transformer",
    )
    assert accepted(bert, "encoder-only, it reads the whole sentence in both directions")
    assert accepted(SMOOTHING, "moving average, though not always the best smoother")
    yolo = explained(
        "Which one-stage object detector's name says it looks at the image once?",
        "**YOLO (You Only Look Once)**: one network predicts the boxes and classes in a single pass.",
        "You Only Look Once",
        "YOLO",
    )
    assert accepted(yolo, "you only look once, a single pass")


def test_a_card_without_an_explanation_weighs_no_absolute_word():
    bare = Card(deck="t", id="bare-ma", question=SMOOTHING.question, answer="", accept=("moving average",))
    assert accepted(bare, "moving average, which only works on stock prices")


# -- years and shares ---------------------------------------------------------------------------------

TRANSFORMERS = explained(
    "What are encoder-decoder models more properly called since 2017?",
    "**Transformers**, first described in a 2017 paper; about 70 percent of papers mention them.",
    "transformers",
)
MASKING = explained(
    "When you train a language model by masking words, what share of them do you usually mask?",
    "**15%.** Mask too few and the model is hard to train; mask too many and too little context is left.",
    "15%",
    "15 percent",
)


def test_a_year_the_card_does_not_give_is_wrong():
    assert not accepted(TRANSFORMERS, "transformers, introduced in 2014")
    assert accepted(TRANSFORMERS, "transformers, introduced in 2017")
    assert accepted(TRANSFORMERS, "transformers, they use self-attention")


def test_a_share_the_card_does_not_give_is_wrong():
    assert not accepted(MASKING, "15%, so 85% of the tokens are masked")
    assert accepted(MASKING, "15%, mask too many and little context is left")
    assert accepted(MASKING, "15 percent")


def test_a_year_is_not_weighed_on_a_card_that_gives_none():
    assert accepted(SMOOTHING, "moving average, known since 1901")


# -- organisations ------------------------------------------------------------------------------------


def test_an_organisation_other_than_the_cards_is_wrong():
    images = explained(
        "What must an LLM be married up to before it can make images?",
        "LLMs can make images only if they are married up to **image encoders and decoders**, per the "
        "researchers at Carnegie Mellon University.",
        "image encoders and decoders",
    )
    assert not accepted(images, "image encoders and decoders, according to researchers at Stanford")
    assert accepted(images, "image encoders and decoders (Carnegie Mellon)")
    assert accepted(images, "image encoders and decoders, found by CMU researchers")


def test_an_organisation_is_weighed_against_the_terms_facts_without_an_explanation():
    bert = Card(
        deck="t",
        id="bert-exp",
        question="What does BERT stand for?",
        answer="",
        accept=("Bidirectional Encoder Representations from Transformers",),
    )
    assert not accepted(bert, "Bidirectional Encoder Representations from Transformers, made by OpenAI")
    assert accepted(bert, "Bidirectional Encoder Representations from Transformers, made by Google")


def test_no_organisation_is_weighed_where_neither_the_card_nor_its_facts_name_one():
    assert accepted(SMOOTHING, "moving average, as in Microsoft Excel")
    assert accepted(SMOOTHING, "moving average, a kind of meta learning? no, plain smoothing")


# -- a mapping the other way round ----------------------------------------------------------------------


def test_a_mapping_the_other_way_round_is_wrong():
    lookup = explained(
        "Which Keras layer maps each word (string) to a unique integer by default?",
        "The **StringLookup** layer. By default it builds a dictionary mapping each word to a unique integer.",
        "StringLookup",
    )
    assert not accepted(lookup, "StringLookup, it maps integers back to strings by default")
    assert accepted(lookup, "StringLookup, it maps strings to integer indices")
    assert accepted(lookup, "StringLookup, it turns each word into an integer")


# -- doing without what the card says is needed ----------------------------------------------------------


def test_doing_without_what_the_card_says_is_needed_is_wrong():
    ckpt = explained(
        "In TensorFlow, what is a dump of a model's weights that lets training resume?",
        "A **checkpoint**. It holds no description of the computation, so it is only useful when the source "
        "code that uses the saved values is available.",
        "checkpoint",
    )
    assert not accepted(ckpt, "a checkpoint, which runs without the code")
    assert accepted(ckpt, "a checkpoint, it holds the saved values")


def test_doing_without_it_is_wrong_unless_the_remark_denies_it():
    images = explained(
        "What must an LLM be married up to before it can make images?",
        "LLMs can make images only if they are married up to **image encoders and decoders**.",
        "image encoders and decoders",
    )
    assert not accepted(images, "image encoders and decoders - though without them it can already make images fine")
    assert accepted(images, "image encoders and decoders, without them no images")


def test_doing_without_what_the_card_says_it_does_is_wrong():
    dfs = explained(
        "Which distributed file system is the storage layer of Apache Hadoop?",
        "The **Hadoop Distributed File System** splits files into large blocks and replicates each block, three "
        "times by default, across DataNodes, while a NameNode keeps the metadata.",
        "HDFS",
        "Hadoop Distributed File System",
    )
    assert not accepted(dfs, "HDFS - it keeps each file on a single machine without replication")
    assert not accepted(dfs, "HDFS, which needs no NameNode")
    assert accepted(dfs, "HDFS, it replicates every block")
    assert accepted(dfs, "HDFS")
    nyquist = explained(
        "Audio is sampled at 16 kHz. Up to what frequency can it be reconstructed?",
        "**8 kHz**, the Nyquist frequency. Higher frequencies fold back as aliasing, which is why an "
        "anti-aliasing low-pass filter is applied before sampling.",
        "8 kHz",
    )
    assert not accepted(nyquist, "8 kHz, so no filter is needed")
    assert not accepted(nyquist, "8 kHz; it works without any low-pass filter")
    assert accepted(nyquist, "8 kHz, with a low-pass filter applied first")


def test_no_point_or_no_need_to_do_what_the_card_says_to_do_is_wrong():
    embed = explained(
        "What kind of model turns text into vectors so that similar texts lie close together?",
        "A **text embedding model** maps a piece of text to a dense vector. Precompute the embeddings of your "
        "documents and store them in a vector database; embed each query the same way.",
        "text embedding model",
    )
    assert not accepted(embed, "text embedding model - there's no point precomputing the documents")
    assert not accepted(embed, "text embedding model; you don't need to store them anywhere")
    assert accepted(embed, "text embedding model - you precompute the document vectors once")
    # (the first word that is neither the answer's nor the question's is what it does without)
    rlhf = explained(
        "What does RLHF stand for?",
        "**Reinforcement learning from human feedback**: during annotation, people rank the model's responses.",
        "reinforcement learning from human feedback",
    )
    assert not accepted(rlhf, "reinforcement learning from human feedback, which needs no human annotators")
    assert accepted(rlhf, "reinforcement learning from human feedback, which needs human rankings")


def test_doing_without_is_no_claim_as_a_condition_or_where_the_card_says_it_too():
    dfs = explained(
        "Which distributed file system is the storage layer of Apache Hadoop?",
        "The **Hadoop Distributed File System** replicates each block across DataNodes. It runs on commodity "
        "machines without special hardware.",
        "HDFS",
    )
    # (without it, something fails: the remark says it is needed)
    assert accepted(dfs, "HDFS - without replication a failed disk would lose data")
    assert accepted(dfs, "HDFS, it can't survive a failed disk without replication")
    # (the card says it does without special hardware too)
    assert accepted(dfs, "HDFS, which needs no special hardware")


def test_the_condition_under_which_the_card_says_the_answer_becomes_another_thing_is_wrong():
    beam = explained(
        "Which decoding algorithm keeps only the k most probable partial sequences at each step?",
        "**Beam search** keeps only the k best-scoring partial sequences at each step, where k is the beam "
        "width. With a beam width of 1 it reduces to greedy decoding.",
        "beam search",
    )
    assert not accepted(beam, "beam search with a beam width of 1")
    # (a remark that says what the answer becomes then restates the card)
    softmax = explained(
        "Which function turns a vector of scores into probabilities?",
        "**Softmax** maps a vector of real scores to a probability distribution. With a temperature of 0 it "
        "becomes argmax.",
        "softmax",
    )
    assert accepted(softmax, "softmax, at a temperature of 0 it's argmax")
    assert not accepted(softmax, "softmax with a temperature of 0")
    assert not accepted(beam, "beam search, beam width 1")
    assert accepted(beam, "beam search with a beam width of 5")
    assert accepted(beam, "beam search, the beam width is usually around 4")


# -- what the explanation says another term is ------------------------------------------------------------


def test_a_remark_that_gives_the_answer_the_definition_of_the_questions_other_term_is_wrong():
    batch = explained(
        "Batch size is closely linked to which other hyperparameter?",
        "The **learning rate**. The batch size is the number of training examples used for one gradient update; "
        "small batch sizes work best with smaller learning rates.",
        "learning rate",
    )
    assert not accepted(batch, "learning rate, the number of examples per gradient update")
    assert accepted(batch, "learning rate, it should grow with the batch size")
    assert accepted(batch, "learning rate; the batch size is the number of examples per gradient update")


# -- what the deck's terms are (data/facts.yaml) -----------------------------------------------------------


def test_the_terms_facts_refuse_a_wrong_property_and_keep_a_right_one():
    forcing = Card(deck="t", id="tf-facts", question="What is feeding the ground-truth word during training called?",
                   answer="", accept=("teacher forcing",))
    assert not accepted(forcing, "teacher forcing, which makes training slower to converge")
    assert accepted(forcing, "teacher forcing, it helps training converge faster")
    kmeans = Card(deck="t", id="km-facts", question="Which algorithm assigns each point to the nearest of k means?",
                  answer="", accept=("k-means",))
    assert not accepted(kmeans, "k-means, which figures out k automatically")
    assert not accepted(kmeans, "k-means - it finds the global optimum")
    assert accepted(kmeans, "k-means, it converges to a local optimum")
    cosine = Card(deck="t", id="cos-facts", question="Which measure compares the directions of two vectors?",
                  answer="", accept=("cosine similarity",))
    assert not accepted(cosine, "cosine similarity, which depends on how long the vectors are")
    assert accepted(cosine, "cosine similarity, it only looks at the angle")


def test_a_remark_weighed_so_is_refused_as_not_quite():
    v = grade_card(SMOOTHING, "moving average, which only works on stock prices")
    assert v.kind is VerdictKind.WRONG


def test_an_adverb_of_an_opposite_that_the_table_does_not_list_takes_no_side() -> None:
    bayes = explained(
        "Which classifier applies Bayes' theorem assuming all features are conditionally independent given the class?",
        "**Naive Bayes** multiplies one-feature likelihoods. It is a generative model, whereas logistic regression, "
        "its discriminative counterpart, models P(c | x) directly.",
        "naive Bayes",
    )
    # "conditionally independent" says nothing of conditional (discriminative) models
    assert accepted(bayes, "naive Bayes - it is a generative model")
    assert not accepted(bayes, "naive Bayes, a discriminative model")
    # a listed adverb keeps its side: "linearly" is the linear side
    svm = card("Which classifier separates linearly separable classes with the widest margin?", "SVM")
    assert not accepted(svm, "SVM, which only works on nonlinear data")


def test_an_adverb_the_opposites_table_lists_keeps_its_side() -> None:
    svm = explained(
        "Which class of algorithms finds the hyperplane that best separates the classes while maximizing the margin?",
        "**Support vector machines** find the hyperplane with the widest margin. Use them for linearly separable (hard "
        "margin) and non-linearly separable (soft margin) data.",
        "support vector machines",
        "SVM",
    )
    # "non-linearly" is listed on the non-linear side: the card speaks of non-linear data too
    assert accepted(svm, "svm, it can use kernels for non-linear data")


def test_a_rejected_number_the_card_says_too_is_mentioned_in_a_remark_not_offered():
    """A remark may name a number the card rejects where the card says it of something else: "plus 10,000 more
    in the test set" restates the card; the same number offered beside the answer is a second answer."""
    mnist = explained(
        "How many images are in the standard MNIST training set?",
        "**60,000** handwritten digit images make up the MNIST training set, with a separate test set of 10,000, "
        "for 70,000 in total.",
        "60,000",
        reject=("10,000", "70,000"),
    )
    assert accepted(mnist, "60,000, plus 10,000 more in the test set")
    assert accepted(mnist, "60,000; the test set has another 10,000")
    assert not accepted(mnist, "60,000 or 10,000")
    assert not accepted(mnist, "60,000, 10,000")
    assert not accepted(mnist, "60,000, maybe 10,000 test images")


# -- verbs that stop or drop what follows them --------------------------------------------------------

EARLY_STOPPING = explained(
    "Which regularization technique ends training once the loss on a validation set stops improving?",
    "**Early stopping** monitors a validation metric during training and halts when it has not improved for "
    "a set number of epochs (the 'patience'), restoring the best checkpoint.",
    "early stopping",
)
STOCHASTIC_DEPTH = explained(
    "Which regularization technique randomly skips whole residual blocks during training?",
    "**Stochastic depth** randomly drops entire residual blocks during training; the input passes through the "
    "identity shortcut.",
    "stochastic depth",
)


def test_stopping_or_dropping_a_thing_says_it_is_not_there():
    """"stops improving" is "has not improved"; "drops residual blocks" is "skips" them: the card's own words
    said back are right, and a remark that has the loss stop the other way is not."""
    assert accepted(EARLY_STOPPING, "early stopping - it monitors a validation metric and halts when it has not improved")
    assert accepted(EARLY_STOPPING, "early stopping - it halts once the validation loss stops improving")
    assert accepted(STOCHASTIC_DEPTH, "stochastic depth - it randomly drops entire residual blocks during training")
    assert accepted(STOCHASTIC_DEPTH, "stochastic depth - it drops residual blocks")
    assert accepted(STOCHASTIC_DEPTH, "stochastic depth - it skips residual blocks")  # the answer is the skipping
    assert not accepted(EARLY_STOPPING, "early stopping, which stops as soon as the validation loss improves")
    assert not accepted(EARLY_STOPPING, "early stopping - it halts when the validation loss keeps improving")
    assert not accepted(STOCHASTIC_DEPTH, "stochastic depth - it is applied at inference")


def test_denying_a_narrower_thing_than_the_question_says_is_no_clash():
    flow = explained(
        "Which term names the apparent motion of brightness patterns between consecutive video frames?",
        "**Optical flow** is the field of 2D displacement vectors describing how brightness patterns appear to "
        "move from one frame to the next. It is not the true motion field of the scene.",
        "optical flow",
    )
    assert accepted(flow, "optical flow - it is not the true motion field")
    assert not accepted(flow, "optical flow - it is not motion at all")
    assert not accepted(flow, "optical flow, which has nothing to do with motion")
