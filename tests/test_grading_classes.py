"""The grader on cards nobody hand-tuned (a question and accepted answers only, as an imported deck has
them), class by class: what a fair teacher accepts and refuses. The cards here are written for these tests;
the labelled set (``tests/data/labelled``) measures the same classes on other cards.
"""

from __future__ import annotations

import pytest
from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade, grade_card, grade_card_async, is_compiled, register_deck_terms
from bot.core.grading.compiled import compile_card
from bot.core.models import Card, Deck, VerdictKind, VerdictReason

C, W = VerdictKind.CORRECT, VerdictKind.WRONG


# -- echo: the asked thing typed back -------------------------------------------------------------

GAN = card("What does GAN stand for?", "generative adversarial network")


@pytest.mark.parametrize("response", ["GAN", "gan", "G.A.N.", "g a n", "GANs", "a GAN model"])
def test_the_acronym_asked_about_is_not_its_expansion(response):
    assert not accepted(GAN, response)


@pytest.mark.parametrize(
    "response", ["generative adversarial network", "GAN = generative adversarial networks"]
)
def test_the_expansion_is_right_even_next_to_the_acronym(response):
    assert accepted(GAN, response)


def test_the_acronym_asked_about_is_no_answer_even_where_the_card_accepts_it():
    """A deck that lists the acronym among the accepted answers of "what does it stand for?" still asks for
    what it stands for: the acronym typed back is the question, not its answer."""
    asked = card("In optimisation, what does SAM stand for?", "Sharpness-Aware Minimization", "SAM")
    for response in ("SAM", "sam", "S.A.M."):
        assert not accepted(asked, response), response
    assert accepted(asked, "sharpness-aware minimization")
    assert accepted(asked, "SAM = sharpness aware minimization")
    # asked otherwise, the acronym names the answer
    assert accepted(card("Which optimiser seeks flat minima of the loss?", "Sharpness-Aware Minimization", "SAM"), "SAM")


def test_an_answer_the_question_offers_as_a_choice_is_no_echo():
    c = card("Is a GRU a recurrent or a convolutional network?", "recurrent")
    assert accepted(c, "recurrent")
    assert not accepted(c, "convolutional")


def test_an_acronym_with_its_expansion_in_brackets_accepts_either_unless_the_question_says_it():
    asked = card("What does SVD stand for?", "SVD (singular value decomposition)")
    assert accepted(asked, "singular value decomposition")
    assert not accepted(asked, "SVD")
    named = card("Which factorisation writes a matrix as U Σ V*?", "SVD (singular value decomposition)")
    assert accepted(named, "SVD")
    assert accepted(named, "singular value decomposition")


# -- a trailing claim that contradicts the card or the question -----------------------------------

L2 = card(
    "Which regularization adds the squared L2 norm of the weights to the loss?", "ridge", "weight decay"
)


def test_a_right_answer_followed_by_a_rival_of_the_question_is_wrong():
    assert not accepted(L2, "ridge, which adds the L1 norm")
    assert accepted(L2, "ridge, which adds the squared L2 norm")


def test_a_remark_that_calls_the_answer_by_a_rival_name_is_wrong():
    c = card("Which metric is TP / (TP + FP)?", "precision")
    assert not accepted(c, "precision, also known as recall")
    assert not accepted(c, "precision, i.e. the true positive rate")


def test_a_remark_that_asserts_what_the_question_rules_out_is_wrong():
    c = card("Which penalty shrinks the weights without ever making them zero?", "L2 penalty")
    assert not accepted(c, "L2 penalty, it sets many weights to exactly zero")
    assert accepted(c, "L2 penalty")


def test_a_remark_that_denies_what_the_question_asserts_is_wrong():
    c = card("Which function turns logits into probabilities that sum to 1?", "softmax")
    assert not accepted(c, "softmax, whose outputs need not sum to one")
    assert accepted(c, "softmax, the outputs sum to one")


def test_denying_the_other_option_of_a_choice_question_is_fine():
    c = card("Which MoE models won as of 2023, sparse or dense?", "sparse")
    assert accepted(c, "sparse, not dense")


@pytest.mark.parametrize(
    ("question", "accept", "turned", "kept"),
    [
        (
            "Which parameter, set low, produces repetitive and deterministic text, and increased gives more creative text?",
            "temperature",
            ["temperature; a higher value makes it more repetitive"],
            ["temperature; a higher value makes it more creative", "temperature; low values make it repetitive"],
        ),
        (
            "Which parameter, set high, makes sampling more random?",
            "temperature",
            ["temperature, a low value makes it more random"],
            ["temperature, higher is more random", "temperature; lower values make it more deterministic"],
        ),
        (
            "Which penalty on the absolute values of the weights drives many to zero?",
            "lasso",
            ["lasso, which squares the weights"],
            ["lasso, the sum of absolute weights"],
        ),
        (
            "Which MoE activates only a subset of the experts for each token?",
            "sparse MoE",
            ["sparse MoE, which activates every expert for every token"],
            ["sparse MoE, only a few experts per token"],
        ),
    ],
)
def test_a_remark_that_ties_the_question_to_the_opposite_side_is_wrong(question, accept, turned, kept):
    c = card(question, accept)
    for r in turned:
        assert not accepted(c, r), r
    for r in kept:
        assert accepted(c, r), r


def test_a_remark_that_puts_the_answer_on_the_other_side_is_wrong():
    c = card("What kind of transformer does GPT-3 use?", "decoder-only")
    assert not accepted(c, "decoder-only, with bidirectional attention")
    assert accepted(c, "decoder-only, with causal attention")
    assert accepted(c, "decoder-only, unlike BERT which is an encoder")
    forest = card("Which ensemble averages trees grown on bootstrap samples?", "random forest")
    assert not accepted(forest, "random forest, each tree fits the residuals of the previous one")
    assert accepted(forest, "random forest, the trees are grown in parallel")


def test_a_no_with_a_reason_that_says_the_question_is_right_is_wrong():
    c = card("Is PCA a supervised learning method?", "no")
    assert not accepted(c, "no, it needs class labels")
    assert accepted(c, "no, it needs no labels")
    assert accepted(c, "no, it is unsupervised")


def test_a_harmonic_mean_is_not_an_arithmetic_one():
    c = card("Which score is the harmonic mean of precision and recall?", "F1 score", "F1")
    assert not accepted(c, "F1, the arithmetic mean of precision and recall")
    assert accepted(c, "F1, the harmonic mean of the two")


# -- a qualifier that contradicts the question ----------------------------------------------------


def test_a_longer_known_term_around_the_answer_names_that_term():
    c = card("What does MSE stand for?", "mean squared error")
    assert not accepted(c, "root mean squared error")
    assert accepted(c, "mean squared error")


def test_a_qualifier_the_question_says_is_fine():
    c = card("Which stochastic optimizer updates on one mini-batch at a time?", "gradient descent")
    assert accepted(c, "stochastic gradient descent")


@pytest.mark.parametrize(
    ("question", "answer", "qualified"),
    [
        ("What is a variable that stores the memory address of another variable called?", "pointer", "null pointer"),
        ("Which regression adds the squared L2 norm of the weights to the loss?", "ridge regression", "Bayesian ridge regression"),
        ("Which optimisation method accepts worse solutions with a probability that falls over time?", "simulated annealing", "greedy simulated annealing"),
        ("During training, what feeds the ground-truth previous token to the decoder?", "teacher forcing", "a reverse teacher forcing"),
    ],
)
def test_a_word_before_the_answer_that_neither_the_card_nor_the_field_knows_names_another_thing(
    question, answer, qualified
):
    c = card(question, answer)
    assert not accepted(c, qualified)
    assert accepted(c, answer)


@pytest.mark.parametrize(
    "response",
    [
        "the standard ridge regression",  # the plain one
        "always ridge regression",  # how often, not what
        "use ridge regression",  # talk that puts it forward
        "L2 ridge regression",  # the card's own word
        "ridge regresion",  # a misspelling
        "I think the answer is probably ridge regression",
        "it penalises big weights, so I would pick ridge regression",
    ],
)
def test_a_word_before_the_answer_that_says_how_it_is_or_puts_it_forward_keeps_it_right(response):
    c = card("Which regression adds the squared L2 norm of the weights to the loss?", "ridge regression")
    assert accepted(c, response)


@pytest.mark.parametrize(
    ("question", "answer", "offered"),
    [
        ("Which LLM parameter makes sampling more random when raised?", "temperature", "temperature contrastive loss"),
        ("Which LLM parameter makes sampling more random when raised?", "temperature", "contrastive loss temperature"),
        ("Which network of stacked fully connected layers is the simplest deep model?", "multilayer perceptron", "multilayer perceptron Kalman filter"),
        ("Which CNN layer keeps only the largest value of each window?", "max pooling", "max pooling triplet loss"),
        ("Which algorithm assigns each point to the cluster with the nearest mean?", "k-means", "k-means clustering triplet loss"),
        ("What does i.i.d. stand for?", "independent and identically distributed", "independent and identically distributed beam search"),
    ],
)
def test_the_answer_run_into_two_words_of_another_thing_names_that_thing(question, answer, offered):
    c = card(question, answer)
    assert not accepted(c, offered)
    assert accepted(c, answer)


@pytest.mark.parametrize(
    "response",
    [
        "temperature parameter",  # a word of its kind
        "temperature setting",
        "temperature, contrastive loss uses one too",  # a remark, set apart
        "temperature controls randomness",  # a remark that says a word of the card
        "the sampling temperature",
    ],
)
def test_words_after_the_answer_that_say_what_it_is_keep_it_right(response):
    c = card("Which LLM parameter makes sampling more random when raised?", "temperature")
    assert accepted(c, response)


def test_a_word_put_inside_the_answer_before_its_own_last_word_keeps_it_right():
    c = card("Which greedy algorithm builds a minimum spanning tree by adding the cheapest edges?", "Kruskal's algorithm")
    assert accepted(c, "Kruskal's MST algorithm")


def test_a_word_before_the_answer_that_the_explanation_says_keeps_it_right():
    c = explained(
        "Which regression adds the squared L2 norm of the weights to the loss?",
        "Ridge regression, a shrinkage method, keeps every feature but makes its weight smaller.",
        "ridge regression",
    )
    assert accepted(c, "shrinkage ridge regression")
    assert not accepted(c, "Bayesian ridge regression")


def test_a_misspelt_word_of_the_card_before_the_answer_keeps_it_right():
    c = card("In a mixture of experts, which kind activates only some experts per token?", "sparse", aliases=("sparse MoE",))
    assert accepted(c, "sprase MoE")
    assert not accepted(c, "frozen MoE")


def test_a_phrase_of_the_explanation_that_names_another_thing_beside_a_word_of_the_answer_is_wrong():
    c = explained(
        "Which sampling trick trades sample diversity for fidelity by drawing the latent vector from a narrowed"
        " distribution?",
        "The truncation trick samples a GAN's latent vector from a truncated normal distribution, redrawing any"
        " value whose magnitude exceeds a threshold.",
        "truncation trick",
    )
    assert not accepted(c, "truncated normal distribution")
    assert not accepted(c, "a truncated normal")
    assert accepted(c, "truncation trick")
    assert accepted(c, "the truncation trick, from a truncated normal distribution")
    beam = explained(
        "Which decoding algorithm keeps only the k most probable partial sequences at each step?",
        "Beam search keeps the k best partial sequences; k is the beam width, and a beam width of 1 is greedy decoding.",
        "beam search",
    )
    assert not accepted(beam, "beam width")
    assert accepted(beam, "beam search")


def test_a_rival_inside_a_compound_word_is_a_rival():
    c = card("What does VAE stand for?", "variational autoencoder")
    assert not accepted(c, "variational autodecoder")
    assert accepted(c, "variational auto-encoder")


def test_an_alias_the_card_gives_is_not_a_longer_term():
    c = card(
        "Which model did Hinton call the most beautiful?",
        "Boltzmann machines",
        aliases=("restricted Boltzmann machines",),
    )
    assert accepted(c, "restricted Boltzmann machines")


# -- a slip that lands on another known term ------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "slip"),
    [
        ("ReLU", "GeLU"),
        ("ReLU", "SELU"),
        ("word2vec", "doc2vec"),
        ("uint8", "int8"),
        # the field's names that differ by a letter or two, across its areas
        ("Adam", "RAdam"),
        ("ResNet", "ResNeXt"),
        ("MNIST", "EMNIST"),
        ("OLTP", "OLAP"),
        ("MNLI", "SNLI"),
        ("L-BFGS", "BFGS"),
        ("MobileNet", "MobileBERT"),
    ],
)
def test_a_slip_onto_another_term_of_the_field_is_not_accepted(answer, slip):
    c = card("Which one is it?", answer)
    assert not accepted(c, slip)


def test_a_slip_onto_a_term_of_a_loaded_deck_is_not_accepted_and_the_registry_can_change():
    c = card("Which library builds the index?", "fizzbuzz")
    assert grade_card(c, "fizzbuzzy").kind is C  # a plain misspelling
    other = Deck(
        id="other",
        title="Other",
        cards=(Card(deck="other", id="x", question="q?", answer="", accept=("fizzbuzzy",)),),
    )
    assert register_deck_terms([other]) == 1
    assert not is_compiled(c)
    assert grade_card(c, "fizzbuzzy").kind is not C
    register_deck_terms([])
    assert grade_card(c, "fizzbuzzy").kind is C


def test_registering_the_same_decks_again_keeps_compiled_cards():
    deck = Deck(
        id="d", title="D", cards=(Card(deck="d", id="x", question="q?", answer="", accept=("alpha",)),)
    )
    register_deck_terms([deck])
    c = card("Which letter comes first?", "alpha")
    compile_card(c)
    register_deck_terms([deck])
    assert is_compiled(c)


# -- words of a fixed name in the wrong order -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "accept", "reordered"),
    [
        ("What does RNN stand for?", "recurrent neural network", "neural recurrent network"),
        ("In ML, what does SVM stand for?", "support vector machine", "vector support machine"),
        ("What does LSTM stand for?", "long short-term memory", "short long-term memory"),
        ("Which divergence is named after its two authors?", "Kullback-Leibler", "Leibler-Kullback"),
    ],
)
def test_the_words_of_a_name_in_another_order_name_nothing(question, accept, reordered):
    c = card(question, accept)
    assert accepted(c, accept)
    assert not accepted(c, reordered)


def test_an_index_style_answer_with_a_comma_keeps_its_meaning():
    c = card("What does MoE stand for?", "mixture of experts")
    assert accepted(c, "experts, mixture of")


# -- another expansion of the same acronym --------------------------------------------------------


def test_a_card_that_spells_out_its_acronym_does_not_take_the_shipped_expansion():
    c = card(
        "Which self-supervised vision method masks image patches and rebuilds them?",
        "masked autoencoder",
        "MAE",
    )
    assert accepted(c, "MAE")
    assert accepted(c, "masked autoencoders")
    assert not accepted(c, "mean absolute error")


def test_another_expansion_of_the_acronym_is_wrong():
    c = card("What does LDA stand for in topic modelling?", "latent Dirichlet allocation")
    assert not accepted(c, "linear discriminant analysis")


# -- two answers where one is asked ---------------------------------------------------------------


@pytest.mark.parametrize("response", ["fine-tuning or pre-training", "pre-training or fine-tuning"])
def test_a_second_answer_offered_with_or_is_wrong_even_if_the_question_says_it(response):
    c = card("What is training a pre-trained model further on a small labelled set called?", "fine-tuning")
    assert not accepted(c, response)
    assert accepted(c, "fine-tuning")


def test_two_people_for_a_who_question_about_one_is_wrong():
    c = card("Who proposed the perceptron in 1958?", "Frank Rosenblatt")
    assert not accepted(c, "Rosenblatt and Minsky")
    assert accepted(c, "Rosenblatt")


def test_a_long_explanation_may_weigh_the_options_the_question_names():
    c = card("Should you fine-tune or pre-train from scratch on 500 labelled examples?", "fine-tune")
    assert accepted(
        c,
        "fine-tune: pre-training from scratch or a big architecture search would need far more data than that",
    )


# -- yes / no -------------------------------------------------------------------------------------

YES = card("Can attention weights be read as a probability distribution?", "yes")
NO = card("Does k-means always find the global optimum?", "no")


@pytest.mark.parametrize(
    "response", ["yes", "Yep", "yeah!", "y", "absolutely", "of course", "yes, they sum to one"]
)
def test_ways_of_saying_yes(response):
    assert accepted(YES, response)
    assert not accepted(NO, response)


@pytest.mark.parametrize(
    "response", ["no", "Nope", "nah", "n", "not at all", "no way", "it doesn't", "no, only a local one"]
)
def test_ways_of_saying_no(response):
    assert accepted(NO, response)
    assert not accepted(YES, response)


@pytest.mark.parametrize("response", ["yes and no", "yes or no", "maybe", "not sure", "depends"])
def test_no_side_taken_is_wrong_not_empty(response):
    for c in (YES, NO):
        assert grade_card(c, response).kind is W


@pytest.mark.parametrize(
    "shape",
    [
        "{a}, though maybe {b}", "{a}, or possibly {b}", "{a} i guess, or {b}", "probably {a}, could be {b}",
        "{a} in some cases, {b} in others", "{a}... or else {b}",
    ],
)
def test_the_other_side_offered_after_the_first_takes_no_side(shape):
    """"yes, though maybe no" offers both answers: wrong on either card. A remark that only happens to hold
    the words that weigh stays a remark ("no, it sometimes stops at a local one")."""
    for c, a, b in ((YES, "yes", "no"), (NO, "no", "yes")):
        assert grade_card(c, shape.format(a=a, b=b)).kind is W, shape.format(a=a, b=b)
    assert accepted(NO, "no, it sometimes stops at a local one")


def test_a_no_that_goes_on_to_assert_what_was_asked_is_wrong():
    assert not accepted(NO, "no, it always finds the global optimum")


# -- short forms and abbreviations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("temperature", "temp"),
        ("information retrieval", "info retrieval"),
        ("probability distribution", "prob. distribution"),
        ("standard deviation", "std dev"),
        ("standard deviation", "SD"),
        ("learning rate", "LR"),
        ("reinforcement learning from human feedback", "RL from human feedback"),
        ("maximum pooling", "max pool"),
        ("convolutional neural network", "convnet"),
        ("validation set", "val set"),
        ("hyperparameters", "hyperparams"),
        ("cross-entropy loss", "xent loss"),
        ("root mean square", "RMS"),
        ("automatic mixed precision", "AMP"),
        ("degrees of freedom", "df"),
        ("neural network", "neural net"),
        ("softmax", "soft max"),
        ("k-nearest neighbors", "k-nearest neighbours"),
        ("normalization", "normalisation"),
        ("batch normalization", "batchnorm"),
        ("dimensionality reduction", "dim reduction"),
        ("bag of words", "BoW"),
        ("state of the art", "SOTA"),
        ("negative log-likelihood", "NLL"),
        ("Monte Carlo tree search", "MCTS"),
        ("unsupervised learning", "unsup. learning"),
        ("word embedding", "word emb"),
    ],
)
def test_short_forms_and_spellings_are_the_words_they_stand_for(accept, response):
    assert accepted(card("Which term fits?", accept), response)


def test_a_short_form_does_not_hide_a_wrong_answer():
    assert not accepted(card("Which term fits?", "temperature"), "top-p")
    assert not accepted(card("Which pooling keeps the largest value?", "max pooling"), "min pool")


# -- numbers in any form --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "right", "wrong"),
    [
        ("15%", ["0.15", ".15", "fifteen percent", "15 per cent"], ["1.5%", "0.015", "51%"]),
        ("0.25", ["1/4", "25%", "a quarter", "one fourth", ".25"], ["0.5", "2.5"]),
        ("0.001", ["1e-3", "10^-3", "1 × 10⁻³", "one thousandth"], ["0.01", "1e-4"]),
        ("50,000", ["fifty thousand", "50k", "50 000", "5e4"], ["5,000", "500,000"]),
        (
            "175 billion",
            ["175,000,000,000", "175 000 000 000", "175bn", "175 bn", "1.75e11"],
            ["175 million", "17.5 billion"],
        ),
        ("1024", ["2^10", "1,024"], ["1000", "2^11"]),
        ("12", ["twelve", "XII", "a dozen"], ["11", "XI"]),
        ("second", ["2nd", "2", "II", "the second one"], ["first", "1st", "third"]),
        ("Llama 2", ["Llama II", "llama-2", "LLaMA two"], ["Llama 3", "Llama III"]),
        ("GPT-3.5", ["GPT three point five", "gpt 3.5"], ["GPT-35", "GPT-3"]),
        ("0.5", ["half", "a half", "half of them", "50%"], ["a quarter", "5"]),
        ("once", ["one time", "1", "once per epoch"], ["twice", "two times"]),
        ("2", ["twice", "two times"], ["once", "thrice"]),
        ("1.5", ["one and a half"], ["one", "two and a half"]),
        ("1,000,000", ["a million", "one million", "1M"], ["a thousand", "half a million"]),
        ("100", ["a hundred"], ["a thousand"]),
        ("the 1950s", ["the fifties", "the '50s", "50s"], ["the sixties", "the 1940s"]),
        # one slip past the first letter of a number word, scale or unit is still that word ("ninty" is
        # "ninety"); a slip that spells a word of its own ("tree", "there") or another number ("fourth") is not
        ("95%", ["ninty-five percent", "ninety five precent", "95 precent"], ["ninty-four percent", "nine percent"]),
        ("60,000", ["sixty thosand", "sixty thousnd"], ["seventy thosand", "sixty"]),
        ("23", ["twnety-three", "tweny three"], ["twnety-four", "thirty-three"]),
        ("40", ["fourty", "fourty exactly"], ["fourth", "fourteen"]),
        ("8", ["eigth", "eight"], ["eighty", "sevn"]),
        ("9th", ["nineth", "ninth"], ["ninety", "nine hundred"]),
        ("8 kHz", ["8 kiloherz", "8 kilohetz"], ["16 kiloherz", "8 megaherz"]),
        ("3", ["thre", "thrre"], ["tree", "there"]),
        # a value written out in full rounds to the card's (six significant digits or more); a value of a few
        # more digits is another value
        ("9.81", ["9.80665", "9.81 exactly"], ["9.807", "9.75", "10"]),
        ("3.14", ["3.14159", "3.141593"], ["3.1", "3.15"]),
        # a root sign or a power of a half is a square root
        ("the square root of d_k", ["√d_k", "√dk", "d_k^0.5", "d_k ** (1/2)", "d_k^(1/2)"], ["d_k^2", "√2", "d_k"]),
        # a small number written in digits before "'s" is its word ("2's complement")
        ("two's complement", ["2's complement", "2s complement", "twos complement"], ["1's complement", "3's complement"]),
    ],
)
def test_numbers_in_any_form(accept, right, wrong):
    c = card("How many, or which one?", accept)
    for r in right:
        assert accepted(c, r), r
    for r in wrong:
        assert not accepted(c, r), r


def test_once_in_a_name_is_still_the_name():
    c = card("What does YOLO stand for?", "You Only Look Once")
    assert accepted(c, "you only look once")
    assert not accepted(c, "you only look twice")


def test_a_misspelt_ordinal_is_still_a_typo():
    c = card("Which layer's output is used?", "second-to-last layer")
    assert accepted(c, "secnd to last layer")


def test_a_misspelt_number_word_is_right_with_its_spelling_noted():
    verdict = grade("ninty-five percent", accept=["95%"], question="What share lies within two sigmas?")
    assert verdict.correct and verdict.reason is VerdictReason.SPELLING
    assert grade("ninety-five percent", accept=["95%"]).reason is VerdictReason.CORRECT


def test_a_word_a_slip_from_a_number_word_stays_that_word():
    """A slip that spells a word of its own is no number: "forth" is not forty, "tree" not three, and a slip of
    a bare unit ("grads" for "grams") is not read at all."""
    assert accepted(card("What structure does a decision forest average?", "tree"), "tree")
    assert accepted(card("Back and ___: what does a round trip go?", "forth"), "forth")
    assert accepted(card("What does the optimizer follow downhill?", "gradients"), "grads")
    assert not accepted(card("How many trees does it grow?", "3"), "tree")


# -- a surname alone for "who" --------------------------------------------------------------------


@pytest.mark.parametrize(
    "response", ["Rosenblatt", "rosenblatt", "Rosenblat", "F. Rosenblatt", "Rosenblatt et al."]
)
def test_a_surname_alone_answers_who(response):
    assert accepted(card("Who proposed the perceptron in 1958?", "Frank Rosenblatt"), response)


def test_a_first_name_alone_or_another_surname_does_not():
    c = card("Who proposed the perceptron in 1958?", "Frank Rosenblatt")
    assert not accepted(c, "Frank")
    assert not accepted(c, "Minsky")


def test_a_first_name_alone_is_wrong_when_the_surname_is_a_little_word():
    c = card("Who was the first author of the ResNet paper?", "Kaiming He")
    assert not accepted(c, "Kaiming")
    assert accepted(c, "Kaiming He")
    assert accepted(c, "He")


def test_a_surname_alone_is_not_enough_when_the_question_does_not_ask_who():
    assert not accepted(card("Which rule is named after its inventor?", "Hebbian learning"), "Hebbian")


def test_whose_in_a_clause_of_the_question_asks_for_no_person():
    # "whose" there says of the thing asked about; the last word of a two-word answer is no surname
    nucleus = card(
        "Which decoding strategy samples only from the smallest set of tokens whose cumulative probability exceeds p?",
        "nucleus sampling",
        "top p",
    )
    assert not accepted(nucleus, "p")
    assert accepted(nucleus, "top p")
    formants = card(
        "In speech acoustics, what are the resonance peaks of the vocal tract called, whose two lowest frequencies "
        "identify the vowel?",
        "formants",
        "formant frequencies",
    )
    assert not accepted(formants, "frequencies")
    assert accepted(formants, "formant frequencies")
    # "by whom" asks for one wherever it stands
    assert accepted(card("The perceptron was introduced in 1958 by whom?", "Frank Rosenblatt"), "Rosenblatt")


# -- letters typed one by one ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "response", ["d r o p o u t", "D-R-O-P-O-U-T", "l.s.t.m.", "L S T M", "w o r d 2 v e c"]
)
def test_spaced_or_dotted_letters_are_one_word(response):
    answer = {"d": "dropout", "l": "LSTM", "w": "word2vec"}[response[0].lower()]
    assert accepted(card("Which one?", answer), response)


def test_spaced_letters_of_another_word_are_wrong():
    assert not accepted(card("Which one?", "dropout"), "d r o p c o n n e c t")


# -- extra accepted answers (a server's overlay) --------------------------------------------------


def test_extra_accept_answers_are_accepted_in_both_directions():
    c = Card(
        deck="t",
        id="x",
        question="Which optimizer adapts the step per parameter?",
        answer="Adam adapts it.",
        term="Adam",
        accept=("Adam",),
    )
    assert not accepted(c, "AdamW")
    assert grade_card(c, "AdamW", extra_accept=("AdamW",)).kind is C
    assert grade_card(c, "not AdamW", extra_accept=("AdamW",)).kind is not C
    assert grade_card(c, "AdamW", direction="term", extra_accept=["AdamW"]).kind is C
    assert grade_card(c, "AdamW", direction="term").kind is not C


def test_extra_accept_on_an_essay_card_beside_its_key_points():
    c = Card(deck="t", id="e", question="Name two activations.", answer="", keypoints=("ReLU", "tanh"))
    assert grade_card(c, "swish and mish").kind is not C
    assert grade_card(c, "swish and mish", extra_accept=("swish and mish",)).kind is C
    assert grade_card(c, "ReLU and tanh", extra_accept=("swish and mish",)).kind is C


def test_the_common_case_without_extra_answers_shares_the_compiled_card():
    c = card("Which one?", "dropout")
    grade_card(c, "dropout")
    assert is_compiled(c)
    assert compile_card(c) is compile_card(c, "question", ())


async def test_extra_accept_in_the_async_grader():
    c = card("Which one?", "dropout")
    assert (await grade_card_async(c, "drop connect", extra_accept=("drop connect",))).kind is C
    assert (await grade_card_async(c, "drop connect")).kind is not C


# -- feedback quotes the player's words as typed --------------------------------------------------


def test_verdict_parameters_carry_no_zero_width_characters():
    c = card("Where does the model look?", "there")
    for response in ("here", "@here", "here or there", "not there, here"):
        v = grade_card(c, response)
        for value in (v.typed, v.expected, v.matched, v.suggestion, *v.missing):
            assert value is None or "\u200b" not in value


# -- short forms that are in no table ---------------------------------------------------------------

NER = card("In NLP, what does NER stand for?", "named entity recognition")
NAS = card("What does NAS stand for in deep learning?", "neural architecture search")


@pytest.mark.parametrize("response", ["named ent. recognition", "named entity recogn.", "named entity recog"])
def test_a_word_cut_short_stands_for_the_answer_word_it_begins(response):
    assert accepted(NER, response)


@pytest.mark.parametrize("response", ["neural archit. search", "neural archit search"])
def test_a_cut_word_without_a_dot_counts_when_it_is_no_word_of_its_own(response):
    assert accepted(NAS, response)


def test_a_word_of_its_own_that_begins_the_answer_word_is_not_a_short_form():
    tok = card("What component splits raw text into the units a language model reads?", "tokenizer")
    assert not accepted(tok, "token")
    reg = card("What is the general name for techniques that discourage overfitting?", "regularization")
    assert not accepted(reg, "regular")
    assert accepted(reg, "regularization")
    gpu = card("Which processor, first built for rendering, trains most deep networks?", "graphics processing unit")
    assert not accepted(gpu, "graph processing unit")
    assert accepted(gpu, "graphics proc. unit")


def test_a_cut_word_that_is_a_known_term_is_that_term():
    c = card("Which optimizer is Adam with weight decay decoupled from the gradient update?", "AdamW")
    assert not accepted(c, "Adam")


def test_a_longer_form_of_the_same_word_is_still_that_word():
    c = card("What is it called when a model fits noise in its training data?", "overfitting")
    assert accepted(c, "overfit")
    clip = card("What is capping the norm of the gradients called?", "gradient clipping")
    assert accepted(clip, "gradient clip")


# -- another ending of the same root ------------------------------------------------------------------


def test_another_ending_of_the_answer_word_is_a_slip():
    c = card("What is AutoML short for?", "automated machine learning")
    assert accepted(c, "automatic machine learning")


def test_another_ending_that_names_another_term_or_word_is_not():
    q = card("What is storing weights with fewer bits called?", "quantization")
    assert not accepted(q, "quantile")
    n = card("Which technique rescales activations to zero mean and unit variance?", "normalization")
    assert not accepted(n, "normal")


# -- trailing claims judged by what terms of the field are (data/facts.yaml) --------------------------

ADAM = card("Which optimizer keeps running averages of both the gradients and their squares?", "Adam")
LASSO = card("Which penalty on the absolute values of the weights drives many of them to zero?", "L1", "lasso")
BEAM = card("Which decoding method keeps the k most likely partial sequences at each step?", "beam search")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (ADAM, "Adam, which has no momentum term"),
        (ADAM, "Adam, which uses one fixed learning rate for every parameter"),
        (LASSO, "lasso, which shrinks weights but never to zero"),
        (LASSO, "L1, which penalises the squared weights"),
        (BEAM, "beam search, which keeps only the single best sequence"),
    ],
)
def test_a_remark_that_denies_what_the_answer_is_makes_it_wrong(c, response):
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (ADAM, "Adam, which adapts the step size per parameter"),
        (ADAM, "Adam, it combines momentum with RMSprop"),
        (LASSO, "L1, which leads to sparse models"),
        (BEAM, "beam search, which keeps several hypotheses"),
    ],
)
def test_a_remark_that_agrees_with_what_the_answer_is_keeps_it_right(c, response):
    assert accepted(c, response)


def test_a_remark_switched_off_is_denied_not_asserted():
    c = card("Which regularization technique randomly zeroes activations during training?", "dropout")
    assert accepted(c, "dropout, which is turned off at inference")
    assert accepted(c, "dropout, which is switched off at test time")
    assert not accepted(c, "dropout, which is used at inference time too")


def test_a_yes_or_no_whose_reason_denies_a_fact_is_wrong():
    c = card("Can a single-layer perceptron learn the XOR function?", "no")
    assert not accepted(c, "no, because XOR is linearly separable")
    assert accepted(c, "no, XOR is not linearly separable")


def test_a_question_that_pairs_two_opposites_is_kept_pair_by_pair():
    c = card(
        "Which LLM parameter gives repetitive, deterministic responses when set low, and more unexpected or "
        "creative responses when increased?",
        "temperature",
    )
    assert not accepted(c, "temperature, where a low value makes the output more creative")
    assert not accepted(c, "temperature, where a high value makes the output more repetitive")
    assert accepted(c, "temperature, a high value makes the output more creative")
    assert accepted(c, "temperature, lower means more deterministic")


def test_a_formula_in_a_remark_is_no_second_answer():
    c = card("Which kind of model learns the boundaries between the classes?", "discriminative model")
    assert accepted(c, "discriminative model, which models P(y|x)")


# -- number forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("0.001", "10⁻³"),
        ("0.001", "1 x 10^(-3)"),
        ("0.001", "0,001"),
        ("1,000,000", "10⁶"),
        ("1024", "2¹⁰"),
        ("64", "512/8 = 64"),
        ("0.5", "1 in 2"),
        ("0.5", "one in two"),
        ("15%", "15pct"),
        ("175 billion", "175 thousand million"),
        ("110 million", "110 mil"),
        ("1000", "ten to the power of three"),
        ("21st", "twenty-first"),
        ("2x", "twice as fast"),
        ("0.1", "10 %"),
        ("1/3", "0.33"),
    ],
)
def test_other_ways_of_writing_a_number(accept, response):
    assert accepted(card("What value?", accept), response)


def test_a_rough_number_is_right_where_the_card_asks_for_one_and_only_there():
    rough = card("How many images, roughly, are in the ImageNet-1k training set?", "about 1.28 million")
    assert accepted(rough, "about 1.3 million")
    assert accepted(rough, "1,281,167")
    assert not accepted(rough, "1 million")
    exact = card("How many layers does the deepest ResNet in the paper have?", "152")
    assert not accepted(exact, "150")


# -- a person asked for without "who" ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which researcher shared the 2018 Turing Award with Bengio and LeCun?",
        "Whose group won ImageNet 2012 with AlexNet?",
        "Name the scientist who popularised backpropagation in 1986 with Rumelhart.",
    ],
)
def test_a_surname_alone_names_the_person_a_question_asks_for(question):
    assert accepted(card(question, "Geoffrey Hinton"), "Hinton")


def test_a_surname_names_a_person_written_in_lower_case_and_several_people_by_theirs():
    assert accepted(card("Who introduced GANs?", "ian goodfellow"), "Goodfellow")
    assert accepted(card("Who wrote Perceptrons (1969)?", "Marvin Minsky and Seymour Papert"), "Minsky and Papert")
    assert not accepted(card("Which method steps against the gradient?", "gradient descent"), "descent")


# -- accepted answers written as imported decks write them ---------------------------------------------


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("L1 / lasso", "lasso"),
        ("L1 or lasso", "L1"),
        ("overfitting: the model memorises noise", "overfitting"),
        ("overfitting - the model fits noise", "overfitting"),
        ("skip (residual) connections", "residual connections"),
        ("Geoffrey Hinton (University of Toronto)", "Hinton"),
    ],
)
def test_an_accepted_answer_offering_names_accepts_each(accept, response):
    question = "Who is it?" if "Hinton" in accept else "What is it called?"
    assert accepted(card(question, accept), response)


def test_a_fraction_or_a_pair_written_with_a_slash_is_not_split():
    assert not accepted(card("What is the derivative of the sigmoid at 0?", "1/4"), "1")
    assert not accepted(card("What does a seq2seq model consist of?", "encoder/decoder"), "decoder only")


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("Adam optimizer", "Adam"),
        ("the softmax activation function", "softmax"),
        ("dropout regularization", "dropout"),
        ("beam search decoding", "beam search"),
        ("16 bits", "16"),
        ("p = 0.5", "0.5"),
    ],
)
def test_words_saying_what_kind_of_thing_or_what_a_number_counts_may_be_left_out(accept, response):
    assert accepted(card("Which one is it?", accept), response)


def test_the_word_left_out_must_not_be_replaced_by_another():
    assert not accepted(card("Which activation is common?", "neural network"), "neural")
    assert not accepted(card("How many bits does a half-precision float use?", "16 bits"), "16 bytes")
    assert not accepted(card("Which model is it?", "GPT-3"), "3")


def test_a_name_left_incomplete_still_prefers_the_form_said_whole():
    c = card("Which clustering algorithm alternates assignment and update steps?", "k-means clustering", "k-means")
    assert grade_card(c, "k-means").matched == "k-means"


# -- typos in short and in digit-spelt words --------------------------------------------------------


def test_a_short_word_with_a_letter_left_out_inside_a_longer_name():
    assert accepted(card("What does YOLO stand for?", "you only look once"), "you only lok once")
    assert not accepted(card("Which function is it?", "look"), "lok")


def test_a_digit_typed_for_the_letter_it_looks_like():
    assert accepted(card("Which regularizer zeroes activations?", "dropout"), "drop0ut")
    assert not accepted(card("Which model is it?", "word2vec"), "word3vec")


# -- word order and examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "response"),
    [("mode collapse", "collapse mode"), ("teacher forcing", "forcing teacher")],
)
def test_the_words_of_a_two_word_name_swapped_name_nothing(accept, response):
    assert not accepted(card("What is it called?", accept), response)


@pytest.mark.parametrize(
    ("response", "right"),
    [
        ("dimensionality of curse", False),
        ("curse of dimensionality", True),
        ("the dimensionality curse", True),  # the same thing said as a compound
        ("dimensionality, curse of", True),  # an index entry
    ],
)
def test_a_thing_of_another_said_the_other_way_round_names_something_else(response, right):
    c = card("Which phrase, coined by Bellman, says data grows sparse as features are added?", "curse of dimensionality")
    assert accepted(c, response) is right


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        # the name's own word is a short form ("net" for network), yet the name turned about
        (("elastic net", "elastic-net", "elastic net regularization"), "net elastic"),
        # an "-ing" word before a word that says how is no verb before its object
        (("catastrophic forgetting",), "forgetting catastrophic"),
        (("early stopping", "early-stopping", "early stop"), "stopping early"),
        # another form of the answer matches the words as its own ("KV" spelt out, "CO2" spelt out)
        (("KV cache", "key-value cache"), "cache KV"),
        (("AI winter", "winters of AI"), "winter AI"),
        (("carbon dioxide", "CO2"), "dioxide carbon"),
    ],
)
def test_a_name_turned_about_is_wrong_whichever_form_of_the_answer_takes_its_words(accept, response):
    c = card("What is it called?", *accept)
    assert not accepted(c, response)
    assert accepted(c, accept[0])


def test_a_verb_and_its_object_or_a_list_of_names_keep_their_order():
    assert accepted(card("What is searching for the best settings called?", "hyperparameter tuning"), "tuning hyperparameters")
    assert accepted(card("What is it called?", "continual learning"), "continual learning, continuous learning")


def test_every_word_of_a_fixed_name_in_another_order_is_wrong():
    c = card("What does YOLO stand for?", "You Only Look Once")
    assert not accepted(c, "only you look once")
    assert accepted(card("In what kind of model is each expert a small network?", "mixture of experts"), "experts, mixture of")


def test_examples_after_the_answer_are_no_second_answer():
    c = card("What component splits raw text into the units a language model reads?", "tokenizer")
    assert accepted(c, "a tokenizer, e.g. BPE or WordPiece")
    assert not accepted(c, "a tokenizer or a parser")


def test_a_fact_stated_negated_in_the_table_is_read_the_right_way_round():
    c = card("Which alignment technique trains a reward model from human rankings?", "RLHF")
    assert accepted(c, "RLHF, using a reward model trained on human preferences")
    assert not accepted(c, "RLHF, which needs no reward model")


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("both model-based and model-free", VerdictKind.WRONG),
        ("model-based and model-free", VerdictKind.WRONG),
        ("model-free and model-based", VerdictKind.WRONG),
        ("model-free", VerdictKind.CORRECT),
        ("model-free (not model-based)", VerdictKind.CORRECT),
    ],
)
def test_both_options_the_question_offers_joined_are_two_answers(response, kind):
    question = "Is Q-learning a model-based or a model-free method?"
    assert grade(response, accept=["model-free"], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("k-means++", "k-means", VerdictKind.WRONG),
        ("k-means++", "kmeans++", VerdictKind.CORRECT),
        ("k-means++", "k means plus plus", VerdictKind.CORRECT),
        ("C++", "C", VerdictKind.WRONG),
        ("C++", "c++", VerdictKind.CORRECT),
    ],
)
def test_a_names_plus_plus_is_part_of_the_name(accept, response, kind):
    question = "Which centroid initialization, or which language, is meant?"
    assert grade(response, accept=[accept], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        (("He initialization", "Kaiming initialization"), "Xavier initialization", False),
        (("He initialization", "Kaiming initialization"), "random initialization", False),
        (("He initialization", "Kaiming initialization"), "he init", True),
        (("He initialization", "Kaiming initialization"), "Kaiming init", True),
        (("IT department",), "HR department", False),
        (("IT department",), "IT department", True),
    ],
)
def test_a_little_word_that_is_a_name_must_be_typed(accept, response, right):
    question = "Which weight initialization, with variance 2 / fan_in, was designed for ReLU networks?"
    verdict = grade(response, accept=list(accept), question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("AND gate", "OR gate", False),
        ("AND gate", "XOR gate", False),
        ("AND gate", "NAND gate", False),
        ("AND gate", "the OR gate", False),
        ("AND gate", "AND gate or OR gate", False),
        ("AND gate", "AND gate or the XOR gate", False),
        ("AND gate", "AND gate", True),
        ("AND gate", "an and gate", True),
        ("OR gate", "AND gate", False),
        ("OR gate", "or gate", True),
        ("NOR gate", "OR gate", False),
        ("NOR gate", "NOR gate", True),
    ],
)
def test_a_joining_word_that_names_the_answer_must_be_typed(accept, response, right):
    """"AND", "OR" and "NOR" join nothing at the start of an answer: there they are its name, and another
    gate is not the right one with a joining word dropped."""
    question = "Which logic gate outputs 1 only when both of its inputs are 1?"
    verdict = grade(response, accept=[accept], question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("response", "kinds"),
    [
        ("ReLU or tanh", {VerdictKind.WRONG, VerdictKind.PARTIAL}),
        ("ReLU and tanh", {VerdictKind.WRONG, VerdictKind.PARTIAL}),
        ("ReLU", {VerdictKind.CORRECT}),
    ],
)
def test_a_joining_word_between_answers_still_joins_two(response, kinds):
    verdict = grade(response, accept=["ReLU"], question="Which activation is max(0, x)?")
    assert verdict.kind in kinds


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("AlphaZero", "alpha zero", True),
        ("AlphaZero", "Alpha Zero", True),
        ("AlphaZero", "alpha one", False),
        ("AlphaZero", "AlphaGo", False),
        ("one-hot encoding", "onehot encoding", True),
        ("one-hot encoding", "twohot encoding", False),
        ("Twofish", "two fish", True),
        ("Twofish", "Blowfish", False),
        ("merge sort", "mergesort", True),
        ("merge sort", "quicksort", False),
        ("bubble sort", "bubblesort", True),
        ("bubble sort", "bubble sort", True),
        ("bubble sort", "insertion sort", False),
    ],
)
def test_names_run_together_with_a_number_word_or_a_filler_word(accept, response, right):
    """A number word in a name ("zero" of AlphaZero, "one" of one-hot) and a word the grader otherwise
    skips ("sort" of merge sort) may be typed run together or apart, as any other name's words may."""
    verdict = grade(response, accept=[accept], question="Which name is meant here?")
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("response", "right"),
    [
        ("Pierre Curie", False),
        ("Irène Curie", False),
        ("Curie", True),
        ("Marie Curie", True),
        ("M. Curie", True),
        ("Madame Curie", True),
        ("Marie Sklodowska Curie", True),
    ],
)
def test_the_surname_after_another_given_name_is_someone_else(response, right):
    question = "Who was the first person to win Nobel Prizes in two different sciences?"
    verdict = grade(response, accept=["Marie Curie"], question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("John F. Kennedy", "Robert F. Kennedy", False),
        ("John F. Kennedy", "J. F. Kennedy", True),
        ("John F. Kennedy", "John Kennedy", True),
        ("Theodore Roosevelt", "Franklin D. Roosevelt", False),
        ("Theodore Roosevelt", "F. Roosevelt", False),
        ("Theodore Roosevelt", "T. Roosevelt", True),
        ("Marie Curie", "P. Curie", False),
    ],
)
def test_a_middle_initial_or_another_first_initial_names_whoever_it_names(accept, response, right):
    verdict = grade(response, accept=[accept], question="Who was it?")
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize("response", ["D. P. Kingma", "Diederik Kingma", "Kingma", "Diederik P Kingma"])
def test_initials_and_short_given_names_still_name_the_person(response):
    question = "Who introduced the variational autoencoder together with Max Welling?"
    assert grade(response, accept=["Diederik P. Kingma"], question=question).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        ("Which multiple-comparisons correction divides α by the number of tests?", "Bonferroni correction", "Bonferroni", True),
        ("Which multiple-comparisons correction divides α by the number of tests?", "Bonferroni correction", "Holm", False),
        ("Which problem was the first proven NP-complete?", "Boolean satisfiability problem", "Boolean satisfiability", True),
        ("Which problem was the first proven NP-complete?", "Boolean satisfiability problem", "Boolean", False),
    ],
)
def test_a_head_noun_the_question_says_may_be_left_out(question, accept, response, right):
    verdict = grade(response, accept=[accept], question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        ("Which planet is closest to the Sun?", "Mercury", "Mercury and Venus", False),
        ("Which Japanese poem has three lines of 5, 7 and 5 syllables?", "haiku", "haiku and tanka", False),
        ("Which bug makes a result depend on the timing of threads?", "race condition", "deadlock, race condition", False),
        ("Which planet is closest to the Sun?", "Mercury", "Mercury, the smallest", True),
        ("Which planet is closest to the Sun?", "Mercury", "Mercury", True),
        ("Who shared the 2018 Turing Award for deep learning with Bengio and LeCun?", "Geoffrey Hinton", "G. Hinton", True),
        ("Which classifier predicts from the k closest training points?", "k-nearest neighbors", "k-nearest neighbors, a lazy learner", True),
        # "both" offers the two; a name may hold digits; the answer's item may hold words of its names the
        # match did not need ("regression", "of")
        ("Which distance counts the positions at which two equal-length strings differ?", "Hamming distance", "both Hamming distance and Orca", False),
        ("Which distance counts the positions at which two equal-length strings differ?", "Hamming distance", "Hamming distance and wav2vec", False),
        ("Which regression adds a squared penalty on the weights?", "ridge", "ridge regression and Orca", False),
        ("Which test compares the means of three groups or more?", "ANOVA", "analysis of variance and Horovod", False),
        ("Which regression adds a squared penalty on the weights?", "ridge", "ridge regression, shrinks", True),
        ("Which regression adds a squared penalty on the weights?", "ridge", "ridge regression", True),
        ("Who first stated the theorem that reverses conditional probabilities?", "Thomas Bayes", "Rev. Thomas Bayes", True),
        # a word for its kind may end the other name; the answer's initials, or a word of the question turned
        # about, name nothing else
        ("Which distance counts the positions at which two equal-length strings differ?", "Hamming distance", "Hamming distance and triplet loss", False),
        ("Which generative model stacks restricted Boltzmann machines?", "deep belief network", "DBN - deep belief network", True),
        ("Which divergence between two distributions is not symmetric?", "KL divergence", "KL divergence, asymmetric", True),
        # a noun that ends as a participle does ("seed", "speed") is a name too; a participle is not
        ("Which LLM parameter makes sampling more or less random?", "temperature", "temperature and seed", False),
        ("Which LLM parameter makes sampling more or less random?", "temperature", "temperature, seed", False),
        ("Which LLM parameter makes sampling more or less random?", "temperature", "temperature, normalized", True),
    ],
)
def test_a_bare_second_name_beside_a_short_answer_is_a_second_answer(question, accept, response, right):
    verdict = grade(response, accept=[accept], question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "rival", "slip"),
    [
        ("hypoglycemia", "hyperglycemia", "hypoglicemia"),
        ("exothermic", "endothermic", "exotermic"),
        ("catabolism", "anabolism", "catabolsim"),
        ("efferent neurons", "afferent neurons", "eferent neurons"),
        ("carbon monoxide", "carbon dioxide", "carbon monoxid"),
        ("adenosine triphosphate", "adenosine diphosphate", "adenosine triphospate"),
    ],
)
def test_the_sciences_opposite_prefixes_name_another_thing_not_a_slip(accept, rival, slip):
    question = "Which term is meant?"
    assert grade(rival, accept=[accept], question=question).kind is not VerdictKind.CORRECT
    assert grade(slip, accept=[accept], question=question).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "right", "wrong"),
    [
        ("What is the largest ocean?", "Pacific Ocean", ["Pacific"], ["Atlantic", "ocean"]),
        ("Which ocean is the largest?", "Pacific Ocean", ["Pacific"], ["Atlantic"]),
        ("What is the logarithmic scale of earthquake magnitudes?", "Richter scale", ["Richter"], ["Mercalli"]),
    ],
)
def test_a_name_without_the_kind_of_thing_the_question_asks_for_is_right(question, accept, right, wrong):
    for r in right:
        assert grade(r, accept=[accept], question=question).kind is VerdictKind.CORRECT, r
    for r in wrong:
        assert grade(r, accept=[accept], question=question).kind is not VerdictKind.CORRECT, r


def test_a_question_that_offers_options_typed_back_whole_offers_them_all():
    c = card("Which generation of GPT was the first with 175 billion parameters: the second, third or fourth?", "third")
    assert not accepted(c, "Which generation of GPT was the first with 175 billion parameters: the second, third or fourth?")
    assert not accepted(c, "**WHICH GENERATION OF GPT WAS THE FIRST WITH 175 BILLION PARAMETERS: THE SECOND, THIRD OR FOURTH?**")
    assert accepted(c, "third")
    assert accepted(c, "the third, the first GPT with 175 billion parameters")


def test_the_question_typed_back_after_a_thinking_sound_is_still_the_question():
    c = card("Which pooling operation outputs the mean of each window?", "average pooling", "mean pooling")
    for response in ("Which pooling operation outputs the mean of each window?", "hmm Which pooling operation outputs the mean of each window?", "uhh, which pooling operation outputs the mean of each window"):
        assert not accepted(c, response), response
    assert accepted(c, "hmm average pooling")
    hmm = card("Which probabilistic model has hidden states that emit observations?", "HMM", "hidden Markov model")
    assert accepted(hmm, "HMM")
    assert accepted(hmm, "hmm")


def test_a_word_before_the_answer_that_is_another_form_of_the_questions_word_keeps_it_right():
    c = card("What is the automated process of tagging text by its sentiment called?", "sentiment analysis")
    assert accepted(c, "automatic sentiment analysis")
    assert not accepted(c, "multilingual sentiment analysis")
    # (a form too far from the card's word to be a misspelling of it, and of another stem: the same root)
    d = card("Which object detection model looks at the image only once?", "YOLO")
    assert accepted(d, "detector YOLO")
    assert not accepted(d, "segmenter YOLO")
