"""Remarks and essay claims weighed against what the card itself says: an acronym spelt out as something else,
a restriction the card denies ("not only"), a plain statement of the card denied, and absolute words or denials
in an essay answer that makes every key point. Right answers of the same shapes beside each wrong one. The
cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade, grade_card
from bot.core.models import Card, VerdictKind

LASSO = card(
    "Which regularization adds the L1 norm of the coefficients and drives some of them to exactly zero?",
    "lasso",
    "least absolute shrinkage and selection operator",
)
POOLING = explained(
    "Which layer reduces the size of a feature map by keeping the largest value of each window?",
    "A **max pooling layer** keeps the largest value of each window. The point is not only to shrink the map but "
    "to make the features robust to small shifts. It has no weights to learn.",
    "max pooling",
    "max pooling layer",
)
TOKENIZER = explained(
    "Which Keras layer maps each word to an integer by default?",
    "The **TextLookup** layer maps each word to an integer. Use the other output modes to get counts or one-hot "
    "vectors. It needs a vocabulary, learned from the data or given.",
    "TextLookup",
    "TextLookup layer",
)
MARGIN = explained(
    "Which classifier finds the hyperplane with the widest margin between two classes?",
    "A **support vector machine** finds the hyperplane with the widest margin. The kernel trick lets it separate "
    "classes that are not linearly separable, and a soft margin tolerates a few points on the wrong side.",
    "support vector machine",
    "SVM",
)


# -- an acronym spelt out as something else -----------------------------------------------------------------


def test_a_remark_that_spells_the_answer_out_as_something_else_is_wrong():
    assert not accepted(LASSO, "lasso, least angle shrinkage and smoothing operator")
    assert not accepted(LASSO, "LASSO (least absolute shrinkage and sparsity operator)")
    assert accepted(LASSO, "lasso, least absolute shrinkage and selection operator")
    assert accepted(LASSO, "lasso (least absolut shrinkage & selection operator)")
    assert accepted(LASSO, "lasso, it drives some coefficients to zero")


def test_an_expansion_with_and_in_it_is_a_fixed_name():
    # "and" is one of its words, not a list of two things: in another order it names nothing.
    assert not accepted(LASSO, "least absolute selection and shrinkage operator")
    assert not accepted(LASSO, "absolute least shrinkage and selection operator")
    assert accepted(LASSO, "least absolute shrinkage and selection operator")


# -- what the card says denied --------------------------------------------------------------------------------


def test_only_is_no_support_where_the_card_says_not_only():
    assert not accepted(POOLING, "max pooling, its only purpose is to shrink the map")
    assert accepted(POOLING, "max pooling, it shrinks the map")
    assert accepted(POOLING, "max pooling, not only to shrink the map")


def test_a_remark_that_denies_a_plain_statement_of_the_card_is_wrong():
    assert not accepted(TOKENIZER, "TextLookup, there are no other output modes")
    assert not accepted(TOKENIZER, "TextLookup, it needs no vocabulary learned from the data")
    assert accepted(TOKENIZER, "TextLookup, it has other output modes too")
    assert accepted(TOKENIZER, "TextLookup, not a character-level layer")


def test_a_denial_of_another_thing_or_a_comparison_denies_nothing_of_the_card():
    # "data that isn't linearly separable" speaks of the data; "than" compares.
    assert accepted(MARGIN, "SVM, the kernel lets it handle data that isn't linearly separable")
    assert accepted(MARGIN, "support vector machine, wider margin than a perceptron finds")
    assert not accepted(MARGIN, "SVM, it has no soft margin")


def test_without_an_explanation_no_denial_is_weighed():
    bare = card(TOKENIZER.question, "TextLookup", "TextLookup layer")
    assert accepted(bare, "TextLookup, there are no other output modes")


# -- essay answers: every key point made, and a claim the card does not support ------------------------------


SCALING = Card(
    deck="t",
    id="scaling-claims",
    question="Along which three dimensions can a convolutional network be scaled?",
    answer="Width (more channels), depth (more layers) and input resolution; scaling them together works best.",
    keypoints=("width | wider", "depth | deeper | more layers", "resolution | image size"),
)
ROUTED = Card(
    deck="t",
    id="routed-claims",
    question="Why does a sparse mixture of experts cost less to run than a dense model of the same size?",
    answer="Each token is routed to a subset of the experts, so the capacity grows without a matching growth in compute.",
    keypoints=("only a subset of experts is activated per token | sparse", "capacity without more compute | less compute"),
)


def test_an_essay_with_every_point_and_an_absolute_claim_the_card_does_not_make_is_partial():
    assert grade_card(SCALING, "width, depth and resolution, but scaling them together always hurts accuracy").kind is (
        VerdictKind.PARTIAL
    )
    assert grade_card(SCALING, "width, depth and resolution; the resolution only matters for tiny images").kind is (
        VerdictKind.PARTIAL
    )
    assert grade_card(SCALING, "width, depth and resolution, best scaled together").kind is VerdictKind.CORRECT


def test_an_essay_claim_the_key_points_support_stays_right():
    # The card's key points are what it says: "only a few experts run per token" is one of them reworded.
    assert grade_card(ROUTED, "only a few experts run per token, so capacity grows without more compute").kind is (
        VerdictKind.CORRECT
    )
    assert grade_card(ROUTED, "a subset of experts is activated for every token: more capacity, less compute").kind is (
        VerdictKind.CORRECT
    )


ENSEMBLES = Card(
    deck="t",
    id="ensemble-claims",
    question="How do bagging and boosting differ?",
    answer=(
        "Bagging trains models independently on bootstrap samples and averages them, which mainly reduces variance. "
        "Boosting trains them one after another, each fixing the errors of the last, which mainly reduces bias, "
        "but can overfit noisy labels if run for too many rounds."
    ),
    keypoints=("bagging trains models independently | parallel", "boosting trains models sequentially | one after another"),
)


def test_an_essay_clause_after_a_comma_and_is_weighed_on_its_own():
    # "..., and boosting can never overfit" denies what the card says of boosting, though the clause before it
    # is the card's own words.
    said = "bagging trains models in parallel, boosting trains them sequentially, and boosting can never overfit"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.PARTIAL
    said = "bagging trains models in parallel and boosting sequentially, so boosting never overfits"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.PARTIAL
    # The same shape, saying what the card says, is right.
    said = "bagging trains models in parallel, boosting trains them sequentially, and boosting can overfit"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.CORRECT
    said = "bagging trains models in parallel and boosting sequentially, so bagging mainly reduces variance"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.CORRECT


def test_a_key_point_made_by_another_synonym_is_made_though_an_opposite_stands_near_the_first():
    # "in parallel" (said of bagging) stands beside "boosting trains", the words of the first synonym: that
    # synonym reads as turned, but "one after another", the point's other synonym, is said.
    said = "bagging trains models in parallel, boosting trains them one after another"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.CORRECT
    said = "bagging trains models in parallel and boosting one after another, so bagging mainly reduces variance"
    assert grade_card(ENSEMBLES, said).kind is VerdictKind.CORRECT
    # Said the other way, with no other synonym, the point is still turned.
    verdict = grade_card(ENSEMBLES, "bagging trains models in parallel, boosting trains them in parallel too")
    assert verdict.kind is VerdictKind.PARTIAL
    assert verdict.expected == "boosting trains models sequentially"


def test_grade_weighs_an_essay_claim_as_grade_card_does():
    said = "width, depth and resolution, but scaling them together always hurts accuracy"
    points = SCALING.keypoints
    assert grade(said, keypoints=points, answer=SCALING.answer, question=SCALING.question).kind is VerdictKind.PARTIAL
    assert grade(said, keypoints=points, question=SCALING.question).kind is VerdictKind.CORRECT


def test_better_than_any_other_is_an_absolute_claim_unless_the_card_says_a_superlative():
    assert not accepted(MARGIN, "SVM, it classifies better than any other method")
    assert not accepted(MARGIN, "support vector machine, it needs less data than any other classifier")
    assert accepted(MARGIN, "SVM, its hyperplane has a bigger margin than any other")
    assert accepted(MARGIN, "SVM, it classifies better than a perceptron")


BOUNDARY = card(
    "Which kind of model learns the boundary between the classes?",
    "discriminative model",
    "conditional model",
    reject=("generative model",),
)


def test_a_remark_that_sets_the_answer_against_another_of_its_names_is_wrong():
    assert not accepted(BOUNDARY, "discriminative model, the opposite of a conditional model")
    assert not accepted(BOUNDARY, "discriminative model, unlike conditional models")
    assert accepted(BOUNDARY, "discriminative model, also called a conditional model")


def test_the_opposite_of_a_rival_is_no_second_answer():
    assert accepted(BOUNDARY, "discriminative model, the opposite of a generative model")
    assert accepted(BOUNDARY, "discriminative model, contrary to generative models")
    assert not accepted(BOUNDARY, "discriminative model or generative model")
    assert not accepted(BOUNDARY, "discriminative model, a generative model")


PENALTY = explained(
    "Which term added to the loss penalizes a norm of the weights?",
    "A **weight penalty** adds a norm of the weights (an L1 or L2 norm) to the loss; its derivative pulls the weights "
    "towards small values during training.",
    "weight penalty",
    "regularization term",
)


def test_only_before_a_narrower_kind_of_what_the_question_asks_is_a_restriction():
    assert not accepted(PENALTY, "weight penalty, but only the L1 norm does this")
    assert accepted(PENALTY, "weight penalty, only the norm of the weights is added")


# -- a qualifier with the opposite prefix; a term the card defines said to be something else -------------------


RELATING = card("In multimodal learning, what is relating the parts of different modalities called?", "alignment", "multimodal alignment")


def test_a_qualifier_with_the_opposite_prefix_of_a_word_of_the_question_is_wrong():
    assert not accepted(RELATING, "unimodal alignment")
    assert accepted(RELATING, "multimodal alignment")
    assert accepted(RELATING, "alignment")


PARTS = Card(
    deck="t",
    id="parts-defined",
    question="Name three of the parts used to describe a transformer model.",
    answer=(
        "- **Parameters:** the number of learnable values in the model.\n"
        "- **Hidden size:** the width of the layers between input and output.\n"
        "- **Attention heads:** the number of heads in each transformer block."
    ),
    keypoints=("parameters", "hidden size", "attention heads | heads"),
)


def test_an_essay_that_says_a_term_the_card_defines_is_something_else_is_partial():
    assert grade_card(PARTS, "parameters, hidden size, attention heads; the hidden size means the number of tokens in the vocabulary").kind is (
        VerdictKind.PARTIAL
    )
    assert grade_card(PARTS, "parameters, hidden size and attention heads; hidden size is the width of the layers").kind is (
        VerdictKind.CORRECT
    )
    assert grade_card(PARTS, "parameters, hidden size and attention heads").kind is VerdictKind.CORRECT


ENSEMBLE = card("What is combining the predictions of several models into one called?", "ensemble learning")


def test_the_answer_said_to_be_the_same_as_another_known_term_is_wrong():
    assert not accepted(ENSEMBLE, "ensemble learning, the same class as dimensionality reduction")
    assert not accepted(ENSEMBLE, "ensemble learning, which is the same thing as gradient descent")
    assert accepted(ENSEMBLE, "ensemble learning, the same idea as a committee of experts voting")
    assert accepted(ENSEMBLE, "ensemble learning, e.g. bagging")


def test_a_qualifier_that_says_what_the_answer_is_not_is_wrong():
    # data/facts.yaml: k-means is unsupervised, not supervised
    kmeans = card("Which algorithm partitions points into k clusters around their means?", "k-means")
    assert not accepted(kmeans, "supervised k-means")
    assert accepted(kmeans, "unsupervised k-means")
    assert accepted(kmeans, "k-means clustering")


def test_a_remark_that_dates_the_answer_to_a_year_the_years_table_does_not_give_is_wrong():
    # data/years.yaml: backpropagation 1970, 1974, 1986; k-means 1956-1982; a term it does not list is not judged
    backprop = card("What computes the gradients of a network's loss layer by layer, from the output back?", "backpropagation", "backprop")
    assert not accepted(backprop, "backprop, which was invented in 2017 together with transformers")
    assert not accepted(backprop, "backpropagation, introduced in the 2010s")
    assert accepted(backprop, "backpropagation, popularised in 1986 by Rumelhart, Hinton and Williams")
    assert accepted(backprop, "backprop, introduced in the 1980s")
    assert accepted(backprop, "backprop, which PyTorch has done for you since 2016")
    kmeans = card("Which algorithm partitions points into k clusters around their means?", "k-means", "k-means algorithm")
    assert not accepted(kmeans, "k-means algorithm, first introduced in 2017")
    forcing = card("What is feeding the ground-truth token back as the next input during training called?", "teacher forcing")
    assert accepted(forcing, "teacher forcing, introduced in 1989")


def test_the_feedback_on_an_essay_claim_quotes_the_claim_and_calls_no_point_missing():
    from bot.core.models import VerdictReason

    v = grade_card(SCALING, "width, depth and resolution, but scaling them together always hurts accuracy")
    assert v.reason is VerdictReason.UNSUPPORTED_CLAIM
    assert v.typed == "scaling them together always hurts accuracy"
    assert v.missing == () and v.found == v.total == 3
    assert 0 < v.score < 1
    shown = v.render(str, reveal=False)
    assert "always hurts accuracy" in shown and "missing" not in shown


# -- an expansion dated, a qualifier of two words, "guaranteed", "A, not B" -----------------------------------


def test_an_acronyms_expansion_is_dated_as_the_acronym_is():
    # data/years.yaml gives BERT 2018 and 2019; data/acronyms.yaml spells it out
    bert = card("What does BERT stand for?", "bidirectional encoder representations from transformers")
    assert not accepted(bert, "bidirectional encoder representations from transformers, released by google in 2021")
    assert accepted(bert, "bidirectional encoder representations from transformers, released by google in 2018")
    assert accepted(bert, "bidirectional encoder representations from transformers")


def test_the_first_of_two_qualifying_words_may_contradict_the_question():
    svm = card(
        "Which class of algorithms finds the hyperplane that separates two classes while maximizing the margin?",
        "support vector machine",
        "SVM",
    )
    assert not accepted(svm, "minimum-margin SVM")
    assert not accepted(svm, "minimum margin SVM")
    assert accepted(svm, "maximum-margin SVM")
    assert accepted(svm, "a max margin classifier, SVM")


def test_qualifiers_of_opposite_sense_binary_intermediate_weighted():
    sbn = card("What is a directed graphical model of binary variables in sigmoid layers?", "sigmoid belief network")
    assert not accepted(sbn, "a continuous sigmoid belief network")
    assert accepted(sbn, "a binary sigmoid belief network")
    ckpt = card("What is an intermediate dump of a model's state that lets training resume?", "checkpoint")
    assert not accepted(ckpt, "a final checkpoint")
    assert accepted(ckpt, "an intermediate checkpoint")
    attention = card("What lets a decoder focus on parts of the input sequence by weighting them?", "attention")
    assert not accepted(attention, "uniform attention")
    assert accepted(attention, "soft attention")
    summed = card("What does the attention layer compute from the encoder outputs?", "a weighted sum of the encoder outputs")
    assert not accepted(summed, "an equally weighted sum of the encoder outputs")
    assert accepted(summed, "a weighted sum of the encoder outputs")
    phoneme = card("Which term names the smallest unit of sound that tells one word from another?", "phoneme")
    assert not accepted(phoneme, "a written phoneme")
    assert accepted(phoneme, "a spoken phoneme")


def test_guaranteed_is_an_absolute_claim_unless_the_card_says_it():
    mixture = explained(
        "Which soft clustering model fits a weighted sum of Gaussians with expectation-maximization?",
        "A **Gaussian mixture model** fits several Gaussians to the data with expectation-maximization, which "
        "converges to a local optimum.",
        "Gaussian mixture model",
        "GMM",
    )
    assert not accepted(mixture, "GMM, which is guaranteed to separate the clusters")
    assert accepted(mixture, "GMM, fitted with EM to a local optimum")
    em = explained(
        "Which algorithm alternates an expectation step and a maximization step?",
        "**Expectation-maximization**: each iteration is guaranteed not to decrease the likelihood.",
        "expectation-maximization",
        "EM",
    )
    assert accepted(em, "EM, each step is guaranteed not to decrease the likelihood")


def test_a_rejected_answer_or_another_term_said_negated_sets_the_answer_against_it():
    collapse = card(
        "What is it called when a generative model produces only a limited variety of outputs?",
        "mode collapse",
        reject=("model collapse",),
    )
    assert accepted(collapse, "mode collapse, not model collapse")
    assert accepted(collapse, "mode collapse (not model collapse)")
    assert not accepted(collapse, "mode collapse, not a generative model")
    qkv = card(
        "In attention, which of query, key and value represents what a token is looking for?",
        "query",
        reject=("key", "value"),
    )
    assert accepted(qkv, "the query, not the key")
    assert accepted(qkv, "query not value")
    assert not accepted(qkv, "the query, it is not used in attention")


def test_a_share_said_negated_is_set_against_the_cards():
    masking = explained(
        "When you train a language model by masking words, what share of them do you usually mask?",
        "**15%.** Remove too little and the model is harder to train; remove too much and there is no context left.",
        "15%",
    )
    assert accepted(masking, "15%, not 50%")
    assert accepted(masking, "15% not 50%")
    assert not accepted(masking, "15%, and 50% of those are left as they are")


def test_what_the_answers_facts_deny_is_weighed_in_a_remark_of_up_to_24_words():
    # data/facts.yaml: a directed graphical model has no partition function or clique potentials
    dgm = card(
        "Which probabilistic model uses a graph with directed edges, so the joint probability factorises?",
        "directed graphical model",
        "Bayesian network",
    )
    assert not accepted(dgm, "a directed graphical model, where the joint is a product of clique potentials normalised by a partition function")
    assert accepted(dgm, "a directed graphical model, where the joint probability is a product of each variable's distribution given its parents")
    # a true remark of that length that mentions what the facts name in passing stays right
    checkpoint = card("In TensorFlow, what is an intermediate dump of a model's state that lets training resume?", "checkpoint")
    assert accepted(checkpoint, "a checkpoint; it has no description of the computation, so you need the source code to use it")
    assert not accepted(checkpoint, "a checkpoint, which contains the source code")


def test_a_denial_the_card_makes_too_agrees_with_it():
    rag = explained(
        "What does RAG stand for?",
        "**RAG = Retrieval Augmented Generation.** The knowledge base is kept separate from the tool and queried in "
        "real time; the knowledge base is not used to train the tool.",
        "retrieval augmented generation",
    )
    assert accepted(rag, "retrieval augmented generation - the knowledge base is queried at run time, not used for training")
    # a thing the card does not say, set against one it says, is still the other way round
    sbn = explained(
        "What is a directed graphical model of binary variables in fully connected layers?",
        "A **sigmoid belief network**: a directed graphical model (not a neural net) of binary variables in fully "
        "connected layers; only the bottom layer is observed.",
        "sigmoid belief network",
    )
    assert not accepted(sbn, "sigmoid belief network, its variables are continuous, not binary")


def test_an_absolute_word_denied_just_before_it_is_no_absolute_claim():
    ridge = explained(
        "Which linear regression technique adds the squared L2 norm of the coefficients to the cost function?",
        "**Ridge regression.** The penalty is proportional to the squared L2 norm of the coefficients, times the "
        "regularization parameter alpha.",
        "ridge regression",
        "ridge",
    )
    assert accepted(ridge, "ridge regression: it shrinks the coefficients toward zero but never sets them exactly to zero")
    assert accepted(ridge, "ridge, which doesn't always help")
    assert not accepted(ridge, "ridge regression, which always sets them exactly to zero")


# -- who introduced the answer: data/people.yaml ---------------------------------------------------------------


def test_a_remark_that_credits_the_answer_to_people_the_table_does_not_credit_is_wrong():
    # data/people.yaml: deep belief networks are Hinton, Osindero, Teh and Salakhutdinov's
    dbn = card("Which generative model stacks restricted Boltzmann machines trained greedily, layer by layer?", "deep belief network", "DBN")
    assert not accepted(dbn, "a deep belief network, invented by Yann LeCun")
    assert not accepted(dbn, "DBN, which Yoshua Bengio introduced")
    assert accepted(dbn, "a deep belief network, introduced by Hinton, Osindero and Teh")
    assert accepted(dbn, "DBN, developed by Geoffrey Hinton's group")
    # an ordinary word that is someone's surname names nobody without "by" or a given name
    lstm = card("Which recurrent unit uses input, forget and output gates?", "LSTM", "long short-term memory")
    assert accepted(lstm, "LSTM, introduced to handle long sequences")
    assert accepted(lstm, "LSTM, introduced by Hochreiter and Schmidhuber")
    assert not accepted(lstm, "LSTM, invented by Yann LeCun")
    # a term the table does not list is not judged
    elbow = card("Which heuristic picks k where the curve of within-cluster variance bends?", "elbow method")
    assert accepted(elbow, "the elbow method, introduced by Yann LeCun")
    # a surname just before the word that credits ("which Hinton first proposed")
    adam = card("Which optimizer keeps running averages of the gradients and of their squares?", "Adam")
    assert not accepted(adam, "Adam, which Hinton first proposed in his Coursera lectures")
    assert accepted(adam, "Adam, which Kingma and Ba proposed in 2014")


def test_an_essay_clause_that_credits_the_cards_term_to_the_wrong_person_is_partial():
    dbn = Card(
        deck="t",
        id="dbn-essay",
        question="What is a deep belief network made of?",
        answer="A **deep belief network** stacks layers of stochastic latent variables; the top two layers have undirected connections.",
        term="deep belief network",
        keypoints=("stochastic latent variables | latent variables", "undirected connections | undirected"),
    )
    assert grade_card(dbn, "layers of stochastic latent variables, undirected connections at the top; invented by Yann LeCun").kind is (
        VerdictKind.PARTIAL
    )
    assert grade_card(dbn, "layers of stochastic latent variables, undirected connections at the top; introduced by Hinton in 2006").kind is (
        VerdictKind.CORRECT
    )
    # dated too: data/years.yaml gives deep belief networks 2006
    assert grade_card(dbn, "layers of stochastic latent variables, undirected connections at the top; introduced in 2015").kind is (
        VerdictKind.PARTIAL
    )


def test_every_entry_of_the_people_table_is_read_and_names_no_term_twice():
    import yaml

    from bot.core import shipped

    raw = yaml.safe_load(shipped.data_text("people.yaml"))["people"]
    read = shipped.people()
    assert len(read) == len(raw) >= 600
    names = [n for entry_names, _by in read for n in entry_names]
    assert all(n == n.lower() for n in names)
    assert len(names) == len(set(names))
    assert all(len(person.split()) >= 2 for _names, by in read for person in by)


# -- numbers with a unit; years at the end of a sentence; rates ------------------------------------------------


def test_a_number_with_another_unit_than_the_answers_is_wrong():
    words = card("By the rule of thumb for English text, about how many words do 100 tokens correspond to?", "75 words", "75", "about 75 words")
    assert not accepted(words, "75 characters")
    assert accepted(words, "75 words")
    assert accepted(words, "75 English words")
    assert accepted(words, "75 wrods")
    assert accepted(words, "75")
    ratio = card(
        "According to the Chinchilla study, roughly how many training tokens per model parameter is compute-optimal?",
        "20 tokens per parameter",
        "20",
        "about 20",
    )
    assert not accepted(ratio, "20 parameters per token")
    assert accepted(ratio, "20 tokens per parameter")
    assert accepted(ratio, "roughly 20 tokens for every parameter")


def test_a_year_at_the_end_of_the_cards_sentence_supports_a_remark():
    lstm = explained(
        "What does LSTM stand for?",
        "**Long short-term memory** is a recurrent architecture introduced by Sepp Hochreiter and Jürgen Schmidhuber "
        "in 1997. The forget gate was added in 2000.",
        "long short-term memory",
    )
    assert accepted(lstm, "long short-term memory, from Hochreiter and Schmidhuber in 1997")
    assert not accepted(lstm, "long short-term memory, from 1995")


def test_a_remark_that_names_what_the_card_sets_the_answer_against_is_wrong():
    bpe = explained(
        "Which subword tokenisation algorithm repeatedly merges the most frequent adjacent pair of symbols?",
        "**Byte-pair encoding (BPE)** starts from characters and merges the most frequent pair until the vocabulary "
        "is big enough; GPT-2 uses a byte-level version. It is not WordPiece (used by BERT), which picks merges by "
        "likelihood.",
        "byte-pair encoding",
        "BPE",
    )
    assert not accepted(bpe, "byte-pair encoding, the tokenizer BERT uses")
    assert not accepted(bpe, "BPE, which is what WordPiece does")
    assert accepted(bpe, "BPE, the tokenizer GPT-2 uses")
    assert accepted(bpe, "BPE, unlike WordPiece it merges by raw frequency")
    # a word the card denies of it that is no name stays a word any remark may use
    rag = explained(
        "What does RAG stand for?",
        "**Retrieval Augmented Generation**: the knowledge base is not used to train the model.",
        "retrieval augmented generation",
    )
    assert accepted(rag, "retrieval augmented generation, so answers can use documents the model was never trained on")


def test_attention_is_dated_before_the_transformer():
    # data/years.yaml: the attention mechanism 2013-2015 (Graves; Bahdanau, Cho and Bengio)
    attention = card("What lets a decoder focus on the relevant parts of the input by weighting them?", "attention", "attention mechanism")
    assert not accepted(attention, "attention, first introduced in the 2017 Transformer paper")
    assert accepted(attention, "attention mechanism, introduced by Bahdanau in 2014")
    assert accepted(attention, "attention, which transformers made famous in 2017")


def test_two_names_of_the_answer_each_right_alone_are_right_together():
    dgm = card(
        "Which probabilistic model uses a graph with directed edges, so that the joint probability factorises?",
        "directed graphical model",
        "Bayesian network",
        "Bayes net",
        "belief network",
        reject=("Markov random field",),
    )
    assert accepted(dgm, "belief network / bayes net")
    assert accepted(dgm, "bayes net or belief network")
    assert not accepted(dgm, "bayes net or markov random field")
    assert not accepted(dgm, "belief network / undirected graphical model")
    batch = card("Batch size is closely linked to which other hyperparameter?", "learning rate", "lr")
    assert not accepted(batch, "learning rate or momentum")


DEEP_BLUE = explained(
    "Which IBM chess computer defeated the world champion Garry Kasparov in 1997?",
    "**Deep Blue**. It relied on massive alpha-beta search on custom chips and a hand-crafted evaluation "
    "function; it did not learn by self-play.",
    "Deep Blue",
)


def test_a_remark_that_asserts_what_the_card_denies_is_wrong():
    assert not accepted(DEEP_BLUE, "Deep Blue, which learned chess by playing millions of games against itself")
    assert not accepted(DEEP_BLUE, "Deep Blue - it learned by self-play")
    assert accepted(DEEP_BLUE, "Deep Blue, which never learned by playing itself")
    assert accepted(DEEP_BLUE, "Deep Blue, it searched 200 million positions a second")
    # what the question sets the answer against, said of the answer in part only, is no assertion of it
    attention = explained(
        "What lets an encoder-decoder model focus on parts of the input, instead of passing the decoder a single "
        "hidden state?",
        "The **attention mechanism** gives the decoder a weighted sum of the encoder states at every step.",
        "attention mechanism",
    )
    assert accepted(attention, "attention mechanism - it builds context vectors and passes them to the decoder")


def test_one_word_said_the_other_way_of_what_the_card_says_it_of_is_wrong():
    tsne = explained(
        "Which non-linear method maps high-dimensional data to two dimensions by matching neighbour probabilities?",
        "**t-SNE** preserves local neighbourhoods well, but cluster sizes and the distances between clusters in "
        "the plot are not meaningful. The arm-chair reading of a t-SNE plot is a common mistake.",
        "t-SNE",
    )
    assert not accepted(tsne, "t-SNE, and the cluster sizes in the plot are meaningful")
    assert accepted(tsne, "t-SNE, though the cluster sizes in the plot aren't meaningful")
    assert accepted(tsne, "t-SNE, it keeps meaningful local neighbourhoods")
    thompson = explained(
        "Which bandit strategy samples each arm's value from its posterior and plays the best draw?",
        "**Thompson sampling** keeps a posterior over each arm's reward; each round it draws a value from every "
        "posterior, and the arm with the highest random draw is played.",
        "Thompson sampling",
    )
    assert not accepted(thompson, "Thompson sampling, the arm with the highest random draw is not played")
    assert accepted(thompson, "Thompson sampling, the arm with the highest draw is played")
    backprop = explained(
        "Which algorithm computes the gradient of the loss with respect to every weight of a network?",
        "**Backpropagation** applies the chain rule from the output back to the input; gradient descent then "
        "adjusts the weights and the biases with it.",
        "backpropagation",
        "backprop",
    )
    # "not just" denies a restriction, not what it says
    assert accepted(backprop, "backprop - it adjusts the weights and the biases, not just the weights")


def test_a_remark_that_pairs_two_names_with_what_the_card_says_of_the_other_is_wrong():
    tsne = explained(
        "Which non-linear method maps high-dimensional data to two dimensions by matching neighbour probabilities?",
        "**t-SNE** turns distances into neighbour probabilities, Gaussian in the original space and heavy-tailed "
        "Student-t in the map, and minimizes the KL divergence between them.",
        "t-SNE",
    )
    # (a remark of more than sixteen words is weighed against the card too)
    assert not accepted(tsne, "t-SNE, which uses a Gaussian in the low-dimensional map and a Student-t in the original space")
    assert not accepted(tsne, "t-SNE: Student-t in the original space, Gaussian in the map")
    assert accepted(tsne, "t-SNE, which uses a Student-t in the low-dimensional map and a Gaussian in the original space")
    assert accepted(tsne, "t-SNE: Gaussian in the original space, Student-t in the map")
    assert accepted(tsne, "t-SNE, it minimizes the KL divergence between a Gaussian and a Student-t")


def test_a_long_remark_is_weighed_against_the_card():
    long_remark = "Deep Blue, the IBM machine that learned all of its chess by playing millions of games against itself"
    assert len(long_remark.split()) > 16
    assert not accepted(DEEP_BLUE, long_remark)
    assert accepted(DEEP_BLUE, "Deep Blue, the IBM machine that searched about two hundred million chess positions every second")
    rlhf = explained(
        "How are language models tuned on what people prefer?",
        "**Reinforcement learning from human feedback** fits a reward model to human preference rankings and then "
        "optimises the language model against it.",
        "reinforcement learning from human feedback",
        "RLHF",
    )
    # "rather than just" says that and more
    assert accepted(rlhf, "RLHF, which steers the model toward what people prefer rather than just next-token prediction")


def test_a_remark_that_says_of_the_answer_what_the_card_says_of_another_thing_is_wrong():
    mel = explained(
        "Which time-frequency representation of audio sums an FFT's power spectrum into bands on a perceptual pitch "
        "scale?",
        "**Mel spectrogram**. Each short frame's power spectrum is summed by triangular filters spaced evenly on the "
        "mel scale. MFCCs go one step further by applying a discrete cosine transform to the log-mel energies.",
        "mel spectrogram",
    )
    assert not accepted(mel, "mel spectrogram, which applies a discrete cosine transform to the log energies")
    assert accepted(mel, "mel spectrogram, which MFCCs turn into coefficients with a discrete cosine transform")
    assert accepted(mel, "mel spectrogram, computed with triangular filters on the mel scale")
    # a sentence about what the question names is about the answer's subject, not another thing
    moe = explained(
        "Mixture of experts (MoE) is one of which class of learning methods?",
        "**Ensemble learning.** Both MoE and stacking learn how best to combine the output of other, lower-level "
        "models.",
        "ensemble learning",
    )
    assert accepted(moe, "ensemble learning - it combines several lower-level models and learns how to mix their outputs")


def test_a_number_of_a_unit_the_card_counts_in_that_the_card_never_says_is_wrong():
    heads = explained(
        "How many attention heads does the base Transformer of 'Attention Is All You Need' use?",
        "**8** heads, each attending in 64 dimensions of the model's 512.",
        "8",
        "eight",
    )
    assert not accepted(heads, "eight, each working in 128 dimensions")
    assert accepted(heads, "eight, each working in 64 dimensions")
    assert accepted(heads, "8, each head using 64 of the 512 dimensions")
    assert accepted(heads, "8, with 6 layers")  # a unit the card does not count in is not weighed


def test_an_amount_of_money_the_card_never_says_is_wrong_however_its_currency_is_written():
    prize = explained(
        "By what percentage did a team have to improve on the RMSE of Cinematch to win the Netflix Prize?",
        "**10%**: the Netflix Prize, launched in 2006, offered US$1 million to the first team to beat Cinematch by 10%.",
        "10%",
    )
    assert not accepted(prize, "10%, and the grand prize was 10 million dollars")
    assert not accepted(prize, "10% - the prize was $10M")
    assert not accepted(prize, "10%, for a prize of $2.5 million")
    assert accepted(prize, "10%, and the grand prize was 1 million dollars")
    assert accepted(prize, "10%, for a $1M prize")
    assert accepted(prize, "10%, the prize was $1,000,000")


def test_money_said_with_its_sign_or_its_name_is_the_same_answer():
    for response in ("$1 million", "1 million dollars", "US$1M", "$1,000,000", "one million dollars"):
        assert grade(response, accept=["$1 million"], question="How much was the Netflix Prize?").kind is VerdictKind.CORRECT
    for response in ("$10 million", "1 million euros", "£1m"):
        assert grade(response, accept=["$1 million"], question="How much was the Netflix Prize?").kind is not VerdictKind.CORRECT


def test_a_rejected_answer_the_explanation_names_said_inside_a_remark_is_a_mention():
    gru = explained(
        "Which recurrent unit has only an update gate and a reset gate?",
        "The **gated recurrent unit (GRU)** merges the LSTM's forget and input gates into one update gate and has "
        "no separate cell state. It is not the LSTM, which has three gates.",
        "gated recurrent unit",
        "GRU",
        reject=("LSTM",),
    )
    assert accepted(gru, "gated recurrent unit - the LSTM came first and this one followed much later")
    assert not accepted(gru, "gated recurrent unit or LSTM")
    assert not accepted(gru, "gated recurrent unit, LSTM")
    assert not accepted(gru, "gated recurrent unit, though it might be an LSTM cell state")


def test_a_word_of_what_the_card_sets_the_answer_against_said_before_it_is_wrong():
    annealing = explained(
        "Which optimisation method accepts worse solutions with a probability that shrinks as a temperature is lowered?",
        "**Simulated annealing** accepts a worse move with a probability that falls as the temperature is lowered. "
        "The occasional uphill moves let it escape local optima, unlike greedy hill climbing, which only accepts "
        "improvements.",
        "simulated annealing",
        reject=("hill climbing", "tabu search"),
    )
    assert not accepted(annealing, "greedy simulated annealing")
    assert accepted(annealing, "classic simulated annealing")
    assert accepted(annealing, "simulated annealing")
    vit = explained(
        "Which model splits an image into fixed-size patches and feeds them to a standard transformer encoder?",
        "**Vision Transformer (ViT)**. It cuts an image into patches and runs a plain transformer encoder over them, "
        "and it can match state-of-the-art CNNs when pre-trained on enough data.",
        "Vision Transformer",
        "ViT",
        reject=("convolutional neural network", "Swin Transformer"),
    )
    # a word of a rejected answer that no name of the card says
    assert not accepted(vit, "a convolutional vision transformer")
    assert accepted(vit, "the original vision transformer")
    assert accepted(vit, "a vision transformer")


def test_a_remark_that_names_what_the_card_gives_another_number_is_wrong():
    heads = explained(
        "How many attention heads does each multi-head attention layer of the base Transformer (2017) have?",
        "**8** heads are used in each layer of the base Transformer, each working in 64 dimensions. The larger "
        "'Transformer (big)' configuration uses 16 heads with a model dimension of 1,024.",
        "8",
        "eight",
        "8 heads",
    )
    assert not accepted(heads, "8 (in Transformer big)")
    assert not accepted(heads, "8, the same number the larger configuration uses")
    assert accepted(heads, "8, in the base model")
    assert accepted(heads, "8 heads, each working in 64 dimensions")
    assert accepted(heads, "eight")


def test_a_remark_that_denies_one_clause_of_a_sentence_of_the_card_is_wrong():
    # the sentence denies something in its other clause; the clause the remark denies says it plainly
    enet = explained(
        "Which regularised regression method adds both an L1 and an L2 penalty to the loss?",
        "**Elastic net** adds a weighted mix of the L1 and L2 penalties. The L1 part can set coefficients exactly "
        "to zero, while the L2 part keeps groups of correlated features together instead of picking one of them.",
        "elastic net",
    )
    assert not accepted(enet, "elastic net, which never sets any coefficient exactly to zero")
    assert not accepted(enet, "elastic net, which does not set coefficients exactly to zero")
    # said of another thing than the clause says it of
    assert accepted(enet, "elastic net - the L2 part alone never sets coefficients exactly to zero")
    assert accepted(enet, "elastic net, it keeps correlated features together instead of picking one")
    assert accepted(enet, "elastic net, which can set coefficients exactly to zero")


def test_a_remark_that_says_what_the_card_says_only_of_what_it_sets_the_answer_against_is_wrong():
    sparsity = explained(
        "In NVIDIA's 2:4 sparsity, what share of the weights is zero?",
        "**50%**: in every group of four consecutive weights at most two are non-zero. Because the pattern is "
        "regular, unlike unstructured pruning where zeros can fall anywhere, the hardware can skip them.",
        "50%",
        "half",
    )
    assert not accepted(sparsity, "50%, and the zeros can sit anywhere in the weight matrix")
    assert accepted(sparsity, "50%, two zeros in every group of four weights")
    assert accepted(sparsity, "50%, the pattern is regular so the hardware can skip the zeros")
    # what "not" denies of the answer is no other thing: "has not improved" says nothing of another
    stopping = explained(
        "Which technique ends training once the validation loss stops improving?",
        "**Early stopping** halts when the validation metric has not improved for a set number of epochs (the "
        "patience), restoring the best checkpoint.",
        "early stopping",
    )
    assert accepted(stopping, "early stopping, with a patience of a few epochs")


def test_a_remark_that_credits_the_answer_to_someone_the_card_never_names_is_wrong():
    # (a name the table of people does not list: the card's own text is what says who)
    skiplist = explained(
        "Which probabilistic data structure stacks sorted linked lists, each layer a random subset of the one below?",
        "**A layered skip structure** promotes each node to the next layer with probability 1/2, for expected O(log n) "
        "search. William Pugh introduced it in 1989 as a simpler alternative to balanced trees. Redis uses it.",
        "layered skip structure",
    )
    assert not accepted(skiplist, "layered skip structure; invented by Donald Knuth")
    assert not accepted(skiplist, "layered skip structure, introduced by Knuth in 1989")
    assert accepted(skiplist, "layered skip structure, invented by Pugh")
    assert accepted(skiplist, "layered skip structure, introduced by William Pugh in 1989")
    assert accepted(skiplist, "layered skip structure, used by Redis")
    # a card that says nobody's name weighs no credit
    plain = explained(
        "Which structure keeps sorted linked lists in layers?",
        "**A layered list** keeps sorted linked lists in layers for expected O(log n) search.",
        "layered list",
    )
    assert accepted(plain, "layered list, invented by Donald Knuth")


def test_a_remark_that_names_someone_or_something_the_card_never_names_where_it_names_others_is_wrong():
    boost = explained(
        "Which boosting algorithm reweights the training examples after each round so that the next weak learner"
        " focuses on the mistakes?",
        "**AdaBoost** was introduced by Yoav Freund and Robert Schapire in 1995. It is often used with one-split"
        " decision stumps, trains with tf.Variable weights in some ports, and minimises an exponential loss.",
        "AdaBoost",
    )
    # another name in the place of one of the card's, whatever the shape of the remark
    assert not accepted(boost, "AdaBoost - introduced by Joseph Weizenbaum and Robert Schapire in 1995")
    assert not accepted(boost, "AdaBoost; first described in a 1995 paper from Schmidhuber")
    assert not accepted(boost, "AdaBoost, which Hochreiter and Schapire came up with")
    # the card's own names, a sentence opened with a capital, code, and no name at all stay right
    assert accepted(boost, "AdaBoost, introduced by Freund and Schapire in 1995")
    assert accepted(boost, "AdaBoost - by Yoav Freund and Robert Schapire")
    assert accepted(boost, "AdaBoost. Often used with decision stumps")
    assert accepted(boost, "AdaBoost, the weights live in a tf.Variable")
    assert accepted(boost, "AdaBoost, it minimises an exponential loss")
    # a card that names nobody weighs no name
    plain = explained(
        "Which boosting algorithm reweights the training examples after each round?",
        "**AdaBoost** reweights the examples after each round and minimises an exponential loss.",
        "AdaBoost",
    )
    assert accepted(plain, "AdaBoost, first described in a paper from Schmidhuber")


def test_a_remark_that_says_what_an_it_is_not_sentence_says_of_the_other_thing_is_wrong():
    formants = explained(
        "Which term names the resonant frequencies of the vocal tract that tell vowels apart?",
        "**Formants** are the resonances of the vocal tract; F1 and F2 largely tell vowels apart. They are not the "
        "fundamental frequency (F0), the rate at which the vocal folds vibrate, which is heard as pitch.",
        "formants",
    )
    assert not accepted(formants, "formants - the rate at which the vocal folds vibrate")
    assert not accepted(formants, "formants, which is what we hear as the pitch")
    assert accepted(formants, "formants, resonances of the vocal tract")
    # "for example" in that sentence says nothing of the other thing
    flow = explained(
        "What is the field of 2D displacement vectors of brightness patterns between two frames called?",
        "**Optical flow** is usually estimated with Lucas–Kanade or Horn–Schunck. It is not the true motion field, "
        "which can differ from it, for example on a uniform rotating sphere.",
        "optical flow",
    )
    assert not accepted(flow, "optical flow, the same as the true motion field on a uniform rotating sphere")
    assert accepted(flow, "optical flow, for example estimated with Lucas-Kanade")


HDFS = explained(
    "What does HDFS stand for?",
    "**Hadoop Distributed File System** is the storage layer of Apache Hadoop: it splits files into large blocks and "
    "replicates each block, three times by default, across DataNodes, while a NameNode keeps the metadata. It is "
    "designed for large sequential reads, not low-latency random access.",
    "Hadoop Distributed File System",
    "Hadoop distributed filesystem",
)


def test_a_denial_said_of_the_answer_after_which_is_weighed_whichever_form_matched() -> None:
    # "filesystem" matches "file" and leaves "system" to the remark: "system, which never ..." is still the answer
    assert not accepted(HDFS, "hadoop distributed file system, which never replicates blocks")
    assert not accepted(HDFS, "hadoop distributed file system, which doesn't replicate blocks")
    assert accepted(HDFS, "hadoop distributed file system, which replicates each block")
    assert accepted(HDFS, "hadoop distributed file system, which is not built for random access")


def test_a_word_that_says_how_many_is_no_word_the_card_must_say() -> None:
    assert not accepted(HDFS, "hadoop distributed file system, which does not replicate any blocks")
    assert not accepted(HDFS, "hadoop distributed file system, it doesn't split files into any blocks")
    assert accepted(HDFS, "hadoop distributed file system, it splits files into blocks")


def test_the_card_is_read_in_the_letters_a_response_is_read_in() -> None:
    trick = explained(
        "In a VAE, which trick lets gradients flow through the sampling step?",
        "The **reparameterization trick** moves the randomness into a fixed noise variable ε, so z = μ + σ·ε is a "
        "differentiable function of the encoder outputs.",
        "reparameterization trick",
    )
    # a Greek letter typed back is read as the card's, and so is a formula's product sign
    assert not accepted(trick, "reparameterization trick - it doesn't move the randomness into a fixed noise variable ε")
    assert accepted(trick, "reparameterization trick - it moves the randomness into a fixed noise variable ε")
    gelu = explained(
        "What does GELU stand for?",
        "**Gaussian Error Linear Unit** is an activation function defined as x·Φ(x), where Φ is the standard normal "
        "CDF.",
        "Gaussian Error Linear Unit",
    )
    assert not accepted(gelu, "Gaussian Error Linear Unit - it is not an activation function defined as x·Φ")
    assert accepted(gelu, "Gaussian Error Linear Unit - it is an activation function defined as x·Φ")


def test_doesnt_correct_denies_what_follows() -> None:
    adam = explained(
        "Which optimizer combines momentum with scaling by a running mean of squared gradients?",
        "**Adam** combines momentum with RMSProp-style scaling. It corrects both averages for their bias towards zero "
        "in the first steps.",
        "Adam",
    )
    assert not accepted(adam, "Adam - it doesn't correct both averages for their bias towards zero in the first steps")
    assert accepted(adam, "Adam - it corrects both averages for their bias towards zero in the first steps")


def test_a_remark_that_says_what_a_plain_clause_of_the_card_says_stays_right_though_a_denial_says_its_words_too() -> None:
    rnn = explained(
        "What does RNN stand for?",
        "**Recurrent neural network** is a network that processes a sequence one step at a time, feeding its hidden "
        "state back in. It is not a recursive neural network, which applies shared weights over a tree structure "
        "rather than a time sequence.",
        "recurrent neural network",
    )
    assert accepted(rnn, "recurrent neural network - it is a network that processes a sequence one step at a time")
    # what only the denial's clause says is still wrong
    assert not accepted(rnn, "recurrent neural network, it works on a tree structure rather than a time sequence")


def test_a_hyphenated_word_the_card_says_of_the_answer_is_no_word_of_the_other_thing() -> None:
    bleu = explained(
        "What does BLEU, the machine-translation metric, stand for?",
        "**Bilingual Evaluation Understudy** scores n-gram overlap with reference translations. It is "
        "precision-oriented, unlike the recall-oriented ROUGE.",
        "Bilingual Evaluation Understudy",
    )
    # "oriented" is said of ROUGE too, but "precision-oriented" is the card's word for BLEU
    assert accepted(bleu, "Bilingual Evaluation Understudy - it is precision-oriented")
    assert not accepted(bleu, "Bilingual Evaluation Understudy - it is recall-oriented")


def test_a_remark_that_says_someone_the_card_never_names_assembled_or_built_the_answer_is_wrong() -> None:
    mnist = explained(
        "How many images are in the standard MNIST training set?",
        "**60,000** handwritten digit images make up the MNIST training set. The dataset was assembled by Yann LeCun, "
        "Corinna Cortes and Christopher Burges in the 1990s.",
        "60,000",
        "60k",
    )
    # "assembled", "collected", "made by" credit as "invented" does
    assert not accepted(mnist, "60k, collected by Fei-Fei Li at Stanford")
    assert not accepted(mnist, "60k, made by Fei-Fei Li")
    assert accepted(mnist, "60,000, assembled by Yann LeCun")
    assert accepted(mnist, "60,000, made by LeCun")
    assert accepted(mnist, "60k, made by remixing NIST's data")


def test_a_he_is_not_sentence_sets_the_answer_against_another_person() -> None:
    fisher = explained(
        "Who introduced the Iris flower data set in a 1936 paper on discriminant analysis?",
        "**Ronald Fisher** published the Iris data set in 1936, using it to demonstrate linear discriminant analysis. "
        "He is not Irving Fisher, the American economist.",
        "Ronald Fisher",
        "Fisher",
    )
    assert not accepted(fisher, "Fisher, the American economist")
    assert accepted(fisher, "Ronald Fisher")


def test_a_remark_that_says_of_one_part_what_the_card_says_of_another_is_wrong() -> None:
    pid = explained(
        "In control engineering, what does PID stand for in a PID controller?",
        "**Proportional-integral-derivative** control computes its output from the current error (the proportional "
        "term), the accumulated past error (the integral term, which removes steady-state offset) and the error's rate "
        "of change (the derivative term, which damps overshoot).",
        "proportional-integral-derivative",
        "proportional integral derivative",
    )
    assert not accepted(pid, "proportional-integral-derivative - the derivative term removes steady-state error")
    assert accepted(pid, "proportional-integral-derivative - the integral term removes steady-state error")
    assert accepted(pid, "proportional-integral-derivative - the derivative term damps overshoot")
    # a remark that names both parts may weigh one against the other
    assert accepted(pid, "proportional integral derivative: the integral term removes offset, the derivative term damps overshoot")


def test_what_a_relative_clause_after_unlike_says_is_said_of_the_other_thing() -> None:
    annealing = explained(
        "Which optimisation method accepts worse solutions with a probability that shrinks as a temperature is lowered?",
        "**Simulated annealing** always accepts improving moves and accepts a worse move with probability exp(-d/T). "
        "The occasional uphill moves let it escape local optima, unlike greedy hill climbing, which only ever accepts "
        "improvements.",
        "simulated annealing",
    )
    assert not accepted(annealing, "simulated annealing - it only ever accepts moves that improve the solution")
    assert accepted(annealing, "simulated annealing - it sometimes accepts worse moves")
    assert accepted(annealing, "simulated annealing, which can escape local optima")


def test_a_remark_that_counts_per_step_otherwise_than_the_card_is_wrong() -> None:
    sam = explained(
        "In optimisation, what does SAM stand for, the method that minimises the worst-case loss near the weights?",
        "**Sharpness-Aware Minimization** seeks weights whose whole neighbourhood has low loss. Because it needs two "
        "forward-backward passes per step, it roughly doubles the cost of training.",
        "Sharpness-Aware Minimization",
    )
    assert not accepted(sam, "sharpness-aware minimization, needs one gradient computation per step")
    assert accepted(sam, "sharpness-aware minimization, it needs two passes per step")
    assert accepted(sam, "sharpness-aware minimization, which doubles the cost of training")


def test_a_remark_that_calls_fixed_what_the_card_calls_dynamic_is_wrong() -> None:
    minp = explained(
        "Which LLM decoding method keeps only the tokens whose probability is at least a base fraction of the top "
        "token's probability?",
        "**Min-p sampling** sets a dynamic threshold equal to a base value times the probability of the top token.",
        "min-p sampling",
    )
    assert not accepted(minp, "min-p sampling; the cut-off is a fixed absolute probability")
    assert accepted(minp, "min-p sampling; the cut-off is dynamic")


DIFFUSION = explained(
    "How does a diffusion model generate images?",
    "**It learns to reverse a gradual noising process.** During training, images are corrupted by a fixed forward "
    "process that adds a little Gaussian noise over many steps, and a network learns to predict the noise added at "
    "a given step. To generate, the model starts from pure Gaussian noise and removes the predicted noise step by step.",
    keypoints=(
        "a forward process gradually adds Gaussian noise to training images | noising | add noise",
        "a network is trained to reverse it, predicting the noise to remove at each step | denoising network | denoise",
        "generation starts from pure random noise and denoises step by step | start from noise",
    ),
)


def test_an_essay_clause_that_says_the_other_side_of_what_the_card_says_of_a_thing_is_a_claim_too_far() -> None:
    made = (
        "Noise is gradually added to training images, a network learns to predict and remove it, and generation "
        "denoises pure noise step by step"
    )
    assert grade_card(DIFFUSION, made + ".").kind is VerdictKind.CORRECT
    # "fixed forward process" in the card; "learned" said of the forward process
    assert grade_card(DIFFUSION, made + "; the forward noising process is itself learned by a second network.").kind is VerdictKind.PARTIAL
    # a side said of another thing of the card is no contradiction
    assert grade_card(DIFFUSION, made + "; the denoising network is learned.").kind is VerdictKind.CORRECT


BEAM = explained(
    "Which decoding algorithm keeps only the k most probable partial sequences at each step when generating text?",
    "**Beam search** keeps the k most probable partial sequences (the beam) at every step and expands each of them. "
    "With a beam width of 1 it is greedy decoding. It was the standard decoder for neural machine translation.",
    "beam search",
)
ADAM = explained(
    "Which optimizer keeps exponentially decaying averages of past gradients and of past squared gradients?",
    "**Adam** keeps a moving average of past gradients (the first moment) and of past squared gradients (the second "
    "moment), and gives each parameter its own step size.",
    "Adam",
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        # the question typed back with one word turned into the other thing
        (BEAM, "beam search, which keeps only the k least probable partial sequences at each step"),
        (BEAM, "beam search - it keeps the k least probable partial sequences"),
        (BEAM, "beam search decoding, which keeps only the k least probable partial sequences at each step when generating text"),
        (ADAM, "Adam, it keeps exponentially decaying averages of future gradients"),
        # a sentence of the explanation so
        (BEAM, "beam search; it was the standard encoder for neural machine translation"),
        (ADAM, "Adam - it keeps a moving average of future squared gradients"),
    ],
)
def test_a_sentence_of_the_card_typed_back_with_one_word_turned_is_wrong(c: Card, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (BEAM, "beam search, which keeps only the k most probable partial sequences at each step"),
        (BEAM, "beam search - it keeps the k most probable partial sequences"),
        (BEAM, "beam search; it was the standard decoder for neural machine translation"),
        (ADAM, "Adam, it keeps exponentially decaying averages of past gradients"),
        (ADAM, "Adam - it keeps a moving average of past squared gradients"),
    ],
)
def test_a_sentence_of_the_card_typed_back_as_it_is_stays_right(c: Card, response: str) -> None:
    assert accepted(c, response)


def test_a_word_the_card_says_elsewhere_is_not_read_as_turned() -> None:
    ensemble = explained(
        "Mixture of experts (MoE) is one of which class of learning methods?",
        "**Ensemble learning.** Both MoE and stacking learn from the output of other, lower-level models, or learn "
        "how best to combine their output, by learning a higher-order model to best combine their predictions.",
        "ensemble learning",
    )
    assert accepted(ensemble, "ensemble learning - like stacking, a higher-level model learns to combine the lower-level models")


def test_a_number_typed_back_with_another_unit_after_it_is_not_read_as_turned() -> None:
    mmlu = explained(
        "What does MMLU, the LLM benchmark of multiple-choice questions across 57 subjects, stand for?",
        "**Massive Multitask Language Understanding**: about 16,000 four-option multiple-choice questions in 57 subjects.",
        "Massive Multitask Language Understanding",
    )
    assert accepted(mmlu, "Massive Multitask Language Understanding, multiple-choice questions with four options each")
    assert not accepted(mmlu, "Massive Multitask Language Understanding, multiple-choice questions across 75 subjects")


def test_a_word_the_card_says_elsewhere_turned_in_a_sentence_typed_back_with_more_of_it_is_wrong() -> None:
    parquet = explained(
        "Which columnar file format stores data column by column in row groups, so queries read only the columns"
        " they need?",
        "**Apache Parquet** stores data column by column inside row groups, so queries read only the columns they"
        " need. Each row group keeps statistics that let readers skip it.",
        "Parquet",
        "Apache Parquet",
    )
    # "row" is the card's word too (row groups), so one more word of the sentence around it is asked
    assert not accepted(parquet, "Apache Parquet, which stores data row by column inside row groups")
    assert accepted(parquet, "Apache Parquet, which stores data column by column inside row groups")
    assert accepted(parquet, "Parquet, each row group keeps statistics")
    assert accepted(parquet, "Parquet - row groups")


def test_a_turned_word_turned_back_by_a_denial_after_it_says_what_the_card_says() -> None:
    search = explained(
        "How does binary search find a value, and what is its time complexity?",
        "**Binary search** works on a sorted array: it compares the target with the middle element and keeps only"
        " the half that can still contain it. It needs O(log n) time.",
        keypoints=("sorted array | sorted", "middle element", "O(log n) | log n"),
    )
    made = "works on a sorted array; compares the target with the middle element and {} O(log n)"
    assert grade_card(search, made.format("discards the half that cannot contain it;")).kind is VerdictKind.CORRECT
    assert grade_card(search, made.format("keeps the half that can still contain it;")).kind is VerdictKind.CORRECT
