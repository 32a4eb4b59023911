"""A second answer beside the right one, in the shapes a player offers it: a known term that shares a word
with the answer's name ("continual learning and transfer learning"), a known term in the plural ("dropout,
GANs"), and one offered after "also", "alternatively", "otherwise", "(maybe", ", though maybe". Remarks in
the same shapes stay right. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import explained

from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import Card, Deck, VerdictKind


def card(question: str, *accept: str) -> Card:
    return Card(
        deck="t", id=f"s{abs(hash((question, accept))) % 10**8}", question=question, answer="", accept=accept
    )


CONTINUAL = card(
    "What is it called when a model keeps learning from a stream of new data after deployment?",
    "continual learning",
)
DROPOUT = card("Which regularization randomly zeroes units during training?", "dropout")
RIDGE = card("Which regression adds a squared penalty on the weights?", "ridge regression", "ridge")
DBN = card("Which generative model stacks restricted Boltzmann machines?", "deep belief network")


@pytest.fixture(autouse=True)
def no_deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])


def load(*cards: Card) -> None:
    """The cards' names become known terms, as a loaded deck's are."""
    register_deck_terms([Deck(id="t", title="t", cards=cards)])


def accepted(c: Card, response: str) -> bool:
    return grade_card(c, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    "response",
    [
        "continual learning and transfer learning",
        "continual learning, transfer learning",
        "continual learning plus transfer learning",
    ],
)
def test_a_known_term_sharing_a_word_with_the_answer_is_a_second_answer(response: str) -> None:
    assert not accepted(CONTINUAL, response)


@pytest.mark.parametrize(
    "response",
    [
        "continual learning",
        "continual learning, also called lifelong learning",
        "continual learning, a machine learning setting",
        "continual learning, with new data all the time",
    ],
)
def test_the_answer_and_remarks_on_it_stay_right(response: str) -> None:
    assert accepted(CONTINUAL, response)


@pytest.mark.parametrize("response", ["deep belief network and autoencoders", "deep belief network, GANs"])
def test_a_known_term_in_the_plural_is_a_second_answer(response: str) -> None:
    assert not accepted(DBN, response)


@pytest.mark.parametrize(
    "response",
    [
        "dropout, also batch normalization",
        "dropout, alternatively batch normalization",
        "dropout, otherwise batch normalization",
        "dropout (maybe batch normalization)",
        "dropout, though maybe batch normalization",
    ],
)
def test_a_term_offered_after_the_answer_is_a_second_answer(response: str) -> None:
    assert not accepted(DROPOUT, response)


@pytest.mark.parametrize(
    "response",
    [
        "dropout, also at a rate of 0.5",
        "dropout, though maybe with a lower rate",
        "dropout (maybe with a rate of 0.5)",
        "ridge, also called Tikhonov regularization",
        "ridge regression, also known as L2 regularization",
    ],
)
def test_a_remark_in_those_shapes_stays_right(response: str) -> None:
    c = RIDGE if response.startswith("ridge") else DROPOUT
    assert accepted(c, response)


DIMRED = card(
    "What is it called when the number of input features is reduced, as PCA does?", "dimensionality reduction"
)
BOLTZMANN = card(
    "Which stochastic, energy-based network did Hinton and Sejnowski describe in 1985?", "Boltzmann machine"
)


@pytest.mark.parametrize(
    "response", ["dimensionality reduction and clustering", "dimensionality reduction, feature selection"]
)
def test_more_terms_of_the_field_are_known_as_second_answers(response: str) -> None:
    assert not accepted(DIMRED, response)


def test_a_remark_naming_such_a_term_as_an_example_stays_right() -> None:
    assert accepted(DIMRED, "dimensionality reduction, e.g. before clustering")


@pytest.mark.parametrize(
    "response",
    [
        "Boltzmann machines, also called Hopfield networks",
        "Boltzmann machine, aka Hopfield network",
        "Boltzmann machines, sometimes known as deep belief networks",
    ],
)
def test_another_term_given_as_the_answers_other_name_is_wrong(response: str) -> None:
    assert not accepted(BOLTZMANN, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (RIDGE, "ridge regression, also known as Tikhonov regularization"),
        (RIDGE, "ridge, also called weight decay"),
        (BOLTZMANN, "Boltzmann machines, named after Ludwig Boltzmann"),
        (BOLTZMANN, "Boltzmann machine, also called a stochastic Hopfield network"),
    ],
)
def test_a_true_other_name_stays_right(c: Card, response: str) -> None:
    assert accepted(c, response)


@pytest.mark.parametrize(
    "response", ["batch normalization and dropout", "L2 and dropout", "GANs and deep belief network"]
)
def test_a_known_term_joined_before_the_answer_is_a_second_answer(response: str) -> None:
    c = DBN if "belief" in response else DROPOUT
    assert not accepted(c, response)


@pytest.mark.parametrize(
    "response", ["units zeroed at random and that is dropout", "random units and dropout"]
)
def test_words_before_the_answer_that_name_no_term_stay_right(response: str) -> None:
    assert accepted(DROPOUT, response)


ICL = card("What is it called when an LLM learns a task from examples in its prompt alone?", "in-context learning")
CLUSTERING = card("Which algorithm splits points into k groups around their means?", "k-means clustering")


@pytest.mark.parametrize(
    "response",
    [
        "in-context learning and k-means clustering",
        "in-context learning & k-means clustering",
        "both in-context learning and k-means clustering",
    ],
)
def test_another_decks_answer_written_with_a_hyphen_is_a_second_answer(response: str) -> None:
    """A loaded deck's answer is a known term however it was written: "k-means clustering", typed after
    the answer, is a second answer (the words of a response lose their hyphens)."""
    load(ICL, CLUSTERING)
    assert accepted(ICL, "in-context learning")
    assert not accepted(ICL, response)


@pytest.mark.parametrize(
    "response",
    [
        "in-context learning, though it might be k-means clustering",
        "in-context learning, though it could be k-means clustering",
        "in-context learning, else k-means clustering",
        "in-context learning or else k-means clustering",
        "in-context learning as well as k-means clustering",
        "k-means clustering? in-context learning?",
        "k-means clustering, in-context learning",
    ],
)
def test_another_known_term_offered_beside_the_answer_in_other_words_is_a_second_answer(response: str) -> None:
    """"It might be", "could be" offer what follows as "maybe" does, "else" as "otherwise" does, "as well
    as" joins as "and" does; two terms each asked with a question mark are both offered; a known term
    before the answer with a comma is offered too."""
    load(ICL, CLUSTERING)
    assert not accepted(ICL, response)


@pytest.mark.parametrize(
    "response",
    [
        "could be in-context learning",
        "it might be in-context learning",
        "in-context learning?",
        "in-context learning, it might be the cheapest way",
        "in-context learning, as well",
        "in context learning, though it may be slower than fine-tuning",
    ],
)
def test_the_answer_offered_alone_in_those_words_stays_right(response: str) -> None:
    load(ICL, CLUSTERING)
    assert accepted(ICL, response)


GPT = card("What does GPT stand for?", "Generative Pre-trained Transformer")
TSNE = card("Which method maps points to 2-D keeping near neighbours near?", "t-distributed stochastic neighbor embedding")


@pytest.mark.parametrize("joined", ["or", "and"])
def test_a_long_known_term_offered_beside_the_answer_is_a_second_answer(joined: str) -> None:
    load(GPT, TSNE)
    assert accepted(GPT, "generative pre-trained transformer")
    assert not accepted(GPT, f"Generative Pre-trained Transformer {joined} t-distributed stochastic neighbor embedding")


IOU = card("Which overlap measure divides the shared area of two boxes by the area they cover together?",
           "Intersection over Union")
RLHF = card("Which fine-tuning uses people's rankings of outputs as a reward?", "reinforcement learning from human feedback")
MCMC = card("What does MCMC stand for?", "Markov chain Monte Carlo")
GIBBS = card("Which MCMC method samples each variable in turn from its conditional?", "Gibbs sampling")
MH = card("Which MCMC method accepts a proposed move with a probability that keeps the target?", "Metropolis-Hastings")


@pytest.mark.parametrize("joined", ["or", "and", "or maybe"])
def test_a_known_term_with_little_words_offered_beside_the_answer_is_a_second_answer(joined: str) -> None:
    load(IOU, RLHF)
    assert accepted(IOU, "intersection over union")
    assert not accepted(IOU, f"Intersection over Union {joined} reinforcement learning from human feedback")


def test_known_terms_listed_in_a_remark_after_the_answer_are_no_second_answer() -> None:
    load(MCMC, GIBBS, MH)
    assert accepted(MCMC, "Markov chain Monte Carlo, which includes Gibbs sampling and Metropolis-Hastings")


DISCRIMINATIVE = card(
    "Which kind of model learns the boundaries between the classes of a dataset?", "discriminative model"
)
ENCDEC_ATTENTION = card(
    "What lets an encoder-decoder model focus on parts of its input by weighting them?", "attention mechanism", "attention"
)
MODEL_COLLAPSE = card("What do later generative models suffer when trained on generated data?", "model collapse")


@pytest.mark.parametrize(
    "response",
    [
        "discriminative model, reinforcement learning from human feedback",
        "reinforcement learning from human feedback, discriminative model",
        "discriminative model; reinforcement learning from human feedback",
    ],
)
def test_a_long_known_term_after_or_before_a_comma_is_a_second_answer(response: str) -> None:
    load(DISCRIMINATIVE, RLHF)
    assert accepted(DISCRIMINATIVE, "discriminative model")
    assert not accepted(DISCRIMINATIVE, response)


def test_a_known_term_that_shares_a_word_with_the_question_is_a_second_answer_before_a_comma() -> None:
    # "model" is a word of the question, free to say; "model collapse" is still another card's term.
    load(ENCDEC_ATTENTION, MODEL_COLLAPSE)
    assert not accepted(ENCDEC_ATTENTION, "model collapse, attention")
    assert accepted(ENCDEC_ATTENTION, "attention, the attention mechanism")
    assert accepted(ENCDEC_ATTENTION, "the encoder-decoder model's attention")


@pytest.mark.parametrize(
    "response",
    [
        "RLHF, reinforcement learning from human feedback",
        "reinforcement learning from human feedback, RLHF",
        "reinforcement learning from human feedback, from people's rankings",
    ],
)
def test_the_answer_with_its_own_long_name_after_a_comma_stays_right(response: str) -> None:
    rlhf = card("Which fine-tuning uses people's rankings of outputs as a reward?",
                "reinforcement learning from human feedback", "RLHF")  # fmt: skip
    load(rlhf, DISCRIMINATIVE)
    assert accepted(rlhf, response)


TEACHER = card(
    "During training, what is feeding the ground-truth word as the next input instead of the prediction called?",
    "teacher forcing",
)
ICL_TERM = card(
    "What is it called when a large model learns a task from examples in the prompt, with no retraining?",
    "in-context learning", "few-shot prompting",
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (TEACHER, "in-context learning and teacher forcing"),
        (DISCRIMINATIVE, "reinforcement learning from human feedback and discriminative model"),
        (ENCDEC_ATTENTION, "model collapse and attention"),
    ],
)
def test_a_long_or_little_worded_known_term_joined_before_the_answer_is_a_second_answer(c: Card, response: str) -> None:
    load(TEACHER, ICL_TERM, DISCRIMINATIVE, RLHF, ENCDEC_ATTENTION, MODEL_COLLAPSE)
    assert not accepted(c, response)


def test_the_answers_own_names_joined_stay_right() -> None:
    load(TEACHER, ICL_TERM)
    assert accepted(ICL_TERM, "few-shot prompting and in-context learning")
    assert accepted(TEACHER, "teacher forcing")


TPU = card("Which chip did Google design to run neural networks' tensor operations?", "Tensor Processing Unit")
MAP = card("Which estimate takes the mode of the posterior instead of the likelihood's maximum?",
           "maximum a posteriori")  # fmt: skip


@pytest.mark.parametrize(
    "response",
    ["Tensor Processing Unit, maximum a posteriori", "Tensor Processing Unit or maximum a posteriori",
     "maximum a posteriori, Tensor Processing Unit"],  # fmt: skip
)
def test_a_known_term_with_an_article_inside_is_a_second_answer(response: str) -> None:
    load(TPU, MAP)
    assert not accepted(TPU, response)
    assert accepted(MAP, "maximum a posteriori") and accepted(TPU, "a tensor processing unit")


LR_SCHEDULE = card(
    "What do you call a rule that changes the learning rate during training, e.g. cosine decay or warm-up?",
    "learning rate schedule",
)
OVERFITTING = card("What is it called when a model fits the noise of its training data?", "overfitting")
NEUTRAL_PH = card("What is the pH of pure water at 25 °C?", "7")


def test_a_describing_word_that_another_card_answers_is_a_second_answer() -> None:
    load(LR_SCHEDULE, OVERFITTING)
    assert not accepted(LR_SCHEDULE, "learning rate schedule, overfitting")
    assert not accepted(LR_SCHEDULE, "overfitting, learning rate schedule")
    assert accepted(OVERFITTING, "overfitting")


@pytest.mark.parametrize("response", ["learning rate schedule, oevrfitting", "learning rate schedule, overftiting"])
def test_a_describing_word_that_another_card_answers_is_a_second_answer_misspelt_too(response: str) -> None:
    load(LR_SCHEDULE, OVERFITTING)
    assert not accepted(LR_SCHEDULE, response)


def test_a_describing_word_no_card_answers_stays_a_remark() -> None:
    load(LR_SCHEDULE, NEUTRAL_PH)
    assert accepted(NEUTRAL_PH, "7, neutral")
    assert accepted(NEUTRAL_PH, "neutral, 7")


REPETITION = card("Which decoding setting lowers the probability of tokens already generated?",
                  "repetition penalty", "frequency penalty")  # fmt: skip
MFCC = card("Which audio features come from a cosine transform of a log mel spectrum?",
            "mel-frequency cepstral coefficients", "MFCC")  # fmt: skip
WER = card("In speech recognition, what does WER stand for?", "word error rate")
TOPO = card("What ordering of a DAG puts every edge forward?", "topological sort")


def test_a_word_of_the_answer_inside_another_known_term_is_not_the_answer() -> None:
    load(REPETITION, MFCC)
    # "frequency" would be "frequency penalty" without its last word, but it is the middle of another term.
    assert not accepted(REPETITION, "repetition penalty or mel-frequency cepstral coefficients")
    assert not accepted(REPETITION, "mel-frequency cepstral coefficients")
    assert accepted(REPETITION, "frequency penalty") and accepted(REPETITION, "repetition penalty")
    assert accepted(MFCC, "mel-frequency cepstral coefficients")


def test_a_known_term_with_a_little_word_joined_after_the_answer_is_a_second_answer() -> None:
    load(WER, TOPO)
    assert not accepted(WER, "word error rate and topological sort")
    assert accepted(WER, "word error rate") and accepted(TOPO, "topological sort")


XGBOOST = card("Which gradient-boosted tree library won many Kaggle contests from 2015 on?", "XGBoost")
SELF_SUP = card("What is learning from labels made out of the data itself called?", "self-supervised learning")
ADAPTERS = card("Which PEFT method inserts small bottleneck layers inside each transformer block?", "adapters")
TWO_PC = card("Which protocol lets distributed nodes agree to commit a transaction or abort it?", "two-phase commit")


@pytest.mark.parametrize(
    ("c", "response"),
    [(XGBOOST, "XGBoost and self-supervised learning"), (ADAPTERS, "adapters and two-phase commit"),
     (ADAPTERS, "two-phase commit, adapters")],  # fmt: skip
)
def test_a_known_term_with_a_hyphened_prefix_or_a_number_word_is_a_second_answer(c: Card, response: str) -> None:
    load(XGBOOST, SELF_SUP, ADAPTERS, TWO_PC)
    assert not accepted(c, response)
    assert accepted(SELF_SUP, "self-supervised learning") and accepted(TWO_PC, "two-phase commit")
    assert accepted(c, c.accept[0])


GPT2_VOCAB = card("How many tokens are in GPT-2's vocabulary?", "50,257", "50257")
KMEANS = card("Which clustering algorithm assigns each point to the nearest of k centroids?", "k-means")
MLM = card("Which pre-training task hides tokens for the model to predict?", "masked language modelling")


@pytest.mark.parametrize("response", ["k-means, 50,257", "50,257 and masked language modelling"])
def test_a_known_term_beside_a_number_answer_is_a_second_answer(response: str) -> None:
    load(GPT2_VOCAB, KMEANS, MLM)
    assert not accepted(GPT2_VOCAB, response)


@pytest.mark.parametrize("response", ["50,257", "50,257 tokens", "50,257, byte-level BPE tokens", "about 50,257"])
def test_a_number_answer_with_a_remark_stays_right(response: str) -> None:
    load(GPT2_VOCAB, KMEANS, MLM)
    assert accepted(GPT2_VOCAB, response)
    assert accepted(NEUTRAL_PH, "7, neutral")


YOLO = card("What does YOLO stand for in object detection?", "You Only Look Once")
TEMPERATURE = card("Which sampling setting makes a language model's output more random when raised?", "temperature")


def test_a_known_term_beside_a_name_that_holds_a_number_word_is_a_second_answer() -> None:
    # "once" reads as a number, but "You Only Look Once" is a name, not a number answer.
    load(YOLO, TEMPERATURE)
    assert not accepted(YOLO, "You Only Look Once, temperature")
    assert accepted(YOLO, "you only look once")


ENC_DEC = card("What do LLMs add to make and read images?", "image encoders and decoders")
BACKPROP = card("What is the chain rule applied backwards through a network called?", "backpropagation")
PLAYGROUND = card("Where in SageMaker do you type prompts to try a model?", "playground (AWS SageMaker)", "playground")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (BACKPROP, "backpropagation, image encoders and decoders"),
        (BACKPROP, "image encoders and decoders, backpropagation"),
        (BACKPROP, "backpropagation and image encoders and decoders"),
        (ENC_DEC, "image encoders and decoders, playground"),
        (ENC_DEC, "playground, image encoders and decoders"),
        (ENC_DEC, "image encoders and decoders and playground"),
    ],
)
def test_a_known_term_with_and_inside_or_beside_a_list_answer_is_a_second_answer(c: Card, response: str) -> None:
    # "image encoders and decoders" reads as two items joined by "and": neither alone is a known term.
    load(ENC_DEC, BACKPROP, PLAYGROUND)
    assert not accepted(c, response)


def test_answers_with_and_inside_stay_right() -> None:
    load(ENC_DEC, BACKPROP, PLAYGROUND)
    assert accepted(ENC_DEC, "image encoders and decoders")
    assert accepted(ENC_DEC, "an image encoder and decoder")
    assert accepted(BACKPROP, "backpropagation")


TRANSFORMERS = card("What are encoder-decoder models more properly called since 2017?", "transformers", "transformer models")
COLLAPSE = card("What is it called when models trained on generated data degrade?", "model collapse")
SVM = card("Which classifier finds the widest margin between two classes?", "support vector machines")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        # the answer "transformer models" would take "model" from the other item
        (TRANSFORMERS, "model collapse, transformers"),
        (TRANSFORMERS, "model collapse and transformers"),
        # the parenthesis ends an item of its own: the second answer is still beside the answer
        (PLAYGROUND, "playground (AWS SageMaker), support vector machines"),
    ],
)
def test_a_known_term_next_to_the_answer_across_a_lent_word_or_a_parenthesis_is_a_second_answer(
    c: Card, response: str
) -> None:
    load(TRANSFORMERS, COLLAPSE, SVM, PLAYGROUND)
    assert not accepted(c, response)
    assert accepted(c, c.accept[0])


def test_a_name_said_with_its_parenthesis_stays_right() -> None:
    load(TRANSFORMERS, COLLAPSE, SVM, PLAYGROUND)
    assert accepted(PLAYGROUND, "playground (AWS SageMaker)")
    assert accepted(TRANSFORMERS, "transformer models")
    assert accepted(TRANSFORMERS, "transformers (models)")


CLS = card("Which special token starts every BERT input?", "[CLS]", "CLS")
SMOOTHING = card("Which trick trains on softened one-hot targets?", "label smoothing")
GELU = card("What does GELU stand for?", "Gaussian Error Linear Unit")
KFOLD = card("Which validation splits the data into k parts and holds out each in turn?", "k-fold cross-validation")


def test_an_acronym_answer_followed_by_a_term_is_no_spelt_out_acronym() -> None:
    # the initials of "CLS, label smoothing" spell "cls", but the acronym is typed, and a term after it
    load(CLS, SMOOTHING)
    assert not accepted(CLS, "[CLS], label smoothing")
    assert not accepted(CLS, "CLS, label smoothing")
    assert accepted(CLS, "[CLS]") and accepted(CLS, "the CLS token")


def test_a_term_whose_hyphens_a_response_reads_two_ways_is_a_second_answer() -> None:
    # "k-fold" reads as two words and "cross-validation" as one
    load(GELU, KFOLD)
    assert not accepted(GELU, "Gaussian Error Linear Unit, k-fold cross-validation")
    assert accepted(GELU, "gaussian error linear unit") and accepted(KFOLD, "k-fold cross-validation")


PCA = card("Which method projects data onto the directions of greatest variance?", "PCA (principal component analysis)")
KL = card("Which divergence between two distributions is not symmetric?", "KL divergence", "Kullback-Leibler divergence")
WER = card("Which metric counts a transcript's word substitutions, insertions and deletions?", "word error rate", "WER")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (KL, "PCA (principal component analysis), KL divergence"),
        (KL, "PCA (principal component analysis) or KL divergence"),
        (WER, "You Only Look Once, word error rate"),
        (WER, "word error rate and you only look once"),
    ],
)
def test_a_known_term_with_a_parenthesis_or_a_number_word_before_the_answer_is_a_second_answer(
    c: Card, response: str
) -> None:
    # the parenthesis closes an item that holds no word; "once" reads as a number
    load(PCA, KL, WER, YOLO)
    assert not accepted(c, response)


def test_answers_with_a_parenthesis_of_their_own_stay_right() -> None:
    load(PCA, KL, WER, YOLO)
    assert accepted(KL, "KL divergence (Kullback-Leibler), asymmetric")
    assert accepted(KL, "Kullback-Leibler divergence (KL)")
    assert accepted(PCA, "PCA (principal component analysis)")
    assert accepted(YOLO, "You Only Look Once")


MIXUP = card("Which augmentation trains on convex blends of two examples and their labels?", "mixup")
LOUIS = card("Which French king built the palace of Versailles into his court?", "Louis XIV")
BASTILLE = card("Which Paris fortress was stormed on 14 July 1789?", "the Bastille", "Bastille")
SCALE = card("What are attention scores divided by before the softmax?", "the square root of d_k")
DIRICHLET = card("Which distribution is the conjugate prior of the categorical?", "Dirichlet distribution")
LASER = card("What does LASER stand for?", "light amplification by stimulated emission of radiation")
HEADS = card("How many attention heads does BERT-base have?", "12")
STEMMING = card("Which normalisation cuts words down to a crude root?", "stemming")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (MIXUP, "mixup, Louis XIV"),  # the numeral reads as a number
        (BASTILLE, "the Bastille, also the square root of d_k"),  # a deck's name that starts with "the"
        (DIRICHLET, "Dirichlet distribution and light amplification by stimulated emission of radiation"),  # 7 words
        (HEADS, "12, stemming"),  # a name of a loaded deck beside a number answer
    ],
)
def test_a_name_read_with_a_numeral_an_article_or_seven_words_is_a_second_answer(c: Card, response: str) -> None:
    load(MIXUP, LOUIS, BASTILLE, SCALE, DIRICHLET, LASER, HEADS, STEMMING)
    assert not accepted(c, response)
    assert accepted(c, c.accept[0])


def test_a_number_answer_with_a_word_that_says_how_it_is_stays_right() -> None:
    load(MIXUP, LOUIS, BASTILLE, SCALE, DIRICHLET, LASER, HEADS, STEMMING, NEUTRAL_PH)
    assert accepted(NEUTRAL_PH, "7, neutral")
    assert accepted(HEADS, "12 heads") and accepted(HEADS, "12, in BERT-base")
    assert accepted(LOUIS, "Louis XIV") and accepted(LOUIS, "louis 14")


PPO = card("Which policy-gradient method clips the probability ratio of its updates?", "proximal policy optimization", "PPO")
MCMC = card("Which family of samplers draws from a distribution by running a chain?", "Markov chain Monte Carlo", "MCMC")
GELU_FN = card("Which activation weights its input by the Gaussian CDF?", "GELU")
DECODER_ONLY = card("Which architecture is GPT?", "decoder-only", "decoder-only transformer")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (GELU_FN, "GELU, proximal policy optimization model"),  # a known term and a word for its kind
        (GELU_FN, "GELU and proximal policy optimization algorithm"),
        (GELU_FN, "GELU, Markov cahin Monte Carlo"),  # a known term misspelt
        (GELU_FN, "GELU and markov chian monte carlo"),
        (PPO, "Markov chian Monte Carlo, proximal policy optimization"),
        (GELU_FN, "GELU, proximal poliyc optimization"),  # a typo in a word whose stem ends "i" for "y"
    ],
)
def test_a_known_term_with_a_word_for_its_kind_or_a_typo_is_a_second_answer(c: Card, response: str) -> None:
    load(PPO, MCMC, GELU_FN, DECODER_ONLY)
    assert not accepted(c, response)


def test_what_kind_of_thing_the_answer_is_and_its_own_name_misspelt_stay_right() -> None:
    load(PPO, MCMC, GELU_FN, DECODER_ONLY)
    assert accepted(MCMC, "MCMC, a sampling method")
    assert accepted(MCMC, "markov cahin monte carlo")
    assert accepted(PPO, "PPO, proximal policy optimizaton")
    assert accepted(PPO, "proximal poliyc optimization")
    assert accepted(GELU_FN, "GELU, an activation function")
    assert accepted(DECODER_ONLY, "decoder-only, a transformer model")


PERPLEXITY = card("Which metric is the exponential of a language model's average negative log-likelihood?", "perplexity")
LEMMA = card("Which normalisation maps each word to its dictionary form?", "lemmatization")
MRR = card("Which retrieval metric averages one over the rank of the first relevant result?", "mean reciprocal rank")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (RIDGE, "ridge regression and perpelxity"),  # one word, misspelt
        (DROPOUT, "dropout and lemmatization model"),  # one word and a word for its kind, joined
        (DROPOUT, "dropout or mean reciprocal rank model"),  # offered with "or"
        (DROPOUT, "dropout, mean reciprocal rnak"),  # the last word misspelt
    ],
)
def test_a_second_answer_misspelt_in_one_word_or_its_last_or_with_a_kind_word_is_a_second_answer(
    c: Card, response: str
) -> None:
    load(RIDGE, DROPOUT, PERPLEXITY, LEMMA, MRR)
    assert not accepted(c, response)


def test_the_answer_misspelt_or_with_a_kind_word_of_its_own_stays_right() -> None:
    load(RIDGE, DROPOUT, PERPLEXITY, LEMMA, MRR)
    assert accepted(PERPLEXITY, "perpelxity")
    assert accepted(DROPOUT, "dropout, a regularization method")
    assert accepted(MRR, "mean reciprocal rank, a retrieval metric")
    assert accepted(LEMMA, "lemmatization, with a dictionary")


RMSE = card("Which error metric takes the square root of the mean squared difference?", "root mean squared error")
ACCURACY = card("Which metric is the share of predictions that are right?", "accuracy")


@pytest.mark.parametrize("response", ["root mean suqared error or accuracy", "accuracy, maybe root mean squared error model"])
def test_a_long_second_answer_misspelt_or_with_a_kind_word_offered_with_or_or_maybe_is_a_second_answer(response: str) -> None:
    load(RMSE, ACCURACY)
    assert not accepted(ACCURACY, response)
    assert accepted(ACCURACY, "accuracy") and accepted(RMSE, "root mean suqared error")


PADDING = card("Which layer tells a sequence model to skip the padded time steps?", "masking", "masking layer")
LASSO = card("Which regression adds the absolute values of the weights as a penalty?", "lasso", "lasso regression")
COLLAPSE = card(
    "What is the degenerative process in which generated data pollutes the training sets of later models?",
    "model collapse",
)
TRANSFORMERS = card("Which architecture is built on self-attention alone?", "transformers", "transformer models")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (PADDING, "masking, lasso model"),  # the question says "model": a word for the second answer's kind
        (PADDING, "masking, lasso regression model"),
        (COLLAPSE, "model collapse, lasso model"),  # the second item lends "model" to the answer
        (TRANSFORMERS, "transformers, the model collapse"),  # either item may lend the answer a word
    ],
)
def test_a_second_answer_with_a_word_for_its_kind_the_question_or_the_answer_says_is_a_second_answer(
    c: Card, response: str
) -> None:
    load(PADDING, LASSO, COLLAPSE, TRANSFORMERS)
    assert not accepted(c, response)


def test_a_word_for_the_answers_own_kind_after_it_stays_right() -> None:
    load(PADDING, LASSO, COLLAPSE, TRANSFORMERS)
    assert accepted(PADDING, "masking layer")
    assert accepted(PADDING, "masking, a layer of the model")
    assert accepted(COLLAPSE, "model collapse, over generations of models")
    assert accepted(TRANSFORMERS, "transformer models")
    assert accepted(TRANSFORMERS, "the transformer model")


IMAGES = card("What must a language model be paired with before it can make images?", "image encoders and decoders")
PLAYGROUND = card("Where in SageMaker can you try a model without code?", "playground")
ELASTIC = card("Which regularization mixes the L1 and L2 penalties?", "elastic net")
LSTM = card("Which recurrent unit has input, forget and output gates?", "long short-term memory", "LSTM")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (IMAGES, "image encoders and decoders, maybe playground"),  # beside a list answer, after "maybe"
        (IMAGES, "image encoders and decoders, also playground"),
        (ELASTIC, "elastic net, maybe long short-term memory model"),  # a long name and a word for its kind
        (ELASTIC, "elastic net or long short-term memory model"),
    ],
)
def test_a_second_answer_offered_after_maybe_or_with_a_kind_word_beside_any_answer_is_a_second_answer(
    c: Card, response: str
) -> None:
    load(IMAGES, PLAYGROUND, ELASTIC, LSTM)
    assert not accepted(c, response)


def test_a_list_answer_and_a_long_name_alone_stay_right() -> None:
    load(IMAGES, PLAYGROUND, ELASTIC, LSTM)
    assert accepted(IMAGES, "image encoders and decoders")
    assert accepted(IMAGES, "an image encoder and an image decoder")
    assert accepted(LSTM, "long short-term memory")


TEMPERATURE = card("Which sampling setting makes a language model's output more random when raised?", "temperature")
VECTORIZED = card("What replaces Python loops over arrays with whole-array NumPy calls?", "vectorized operations")
RETRIEVAL = card("What does RAG stand for?", "retrieval augmented generation")


@pytest.mark.parametrize(
    "response",
    ["temperature, vectorized opeartions", "temperature and retrieavl augmented generation", "temperature, maybe retrieval augmented eGneration"],
)
def test_a_second_answer_misspelt_where_the_stemmer_reads_another_stem_is_a_second_answer(response: str) -> None:
    load(TEMPERATURE, VECTORIZED, RETRIEVAL)
    assert not accepted(TEMPERATURE, response)


def test_the_answer_itself_misspelt_that_way_stays_right() -> None:
    load(TEMPERATURE, VECTORIZED, RETRIEVAL)
    assert accepted(VECTORIZED, "vectorized opeartions")
    assert accepted(RETRIEVAL, "retrieavl augmented generation")


INJECTION = card("Which attack hides instructions in text a model is asked to read?", "prompt injection")
TREE = card("Which prompting framework searches over partial reasoning paths?", "Tree of Thoughts")
BAYES = card("Which classifier assumes the features independent given the class?", "naive Bayes")
AUC = card("Which metric sums up a ROC curve in one number?", "area under the curve", "AUC")
KFOLD = card("Which validation splits the data into k parts and holds each out in turn?", "k-fold cross-validation")
MFCC = card("What does MFCC stand for?", "mel-frequency cepstral coefficients")
RLHF = card("How are language models tuned on people's preferences?", "reinforcement learning from human feedback")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (KFOLD, "k-fold cross-validation, promp tinjection"),  # a space in the wrong place
        (KFOLD, "k-fold cross-validation and Tree o fThoughts"),
        (KFOLD, "k-fold cross-validation, naive Byaes"),  # two letters of a short word swapped
        (KFOLD, "k-fold cross-validation or area under the curve model"),  # a term that holds "the", and a kind word
        (KFOLD, "k-fold cross-validation, mel-frequency cepstral coefficients model"),  # a long name and a kind word
        (KFOLD, "k-fold cross-validation or Reinforcement Learnin gfrom Human Feedback"),  # a long one, a space moved
    ],
)
def test_a_second_answer_with_a_space_misplaced_letters_swapped_or_a_long_name_and_a_kind_word_is_a_second_answer(
    c: Card, response: str
) -> None:
    load(INJECTION, TREE, BAYES, AUC, KFOLD, MFCC, RLHF)
    assert not accepted(c, response)


def test_the_answer_typed_those_ways_stays_right() -> None:
    load(INJECTION, TREE, BAYES, AUC, KFOLD, MFCC, RLHF)
    assert accepted(INJECTION, "promp tinjection")
    assert accepted(BAYES, "naive Byaes")
    assert accepted(RLHF, "reinforcement learnin gfrom human feedback")
    assert accepted(TREE, "Tree of Thoughts, a search over reasoning steps")
    assert accepted(MFCC, "mel-frequency cepstral coefficients, a speech feature")
    assert accepted(KFOLD, "k-fold cross-validation, with k = 5")


def test_a_name_written_with_a_capital_is_a_second_answer_whatever_its_ending() -> None:
    mapreduce = card(
        "Which programming model from Google processes huge data sets by mapping every record and reducing by key?",
        "MapReduce",
        "map reduce",
    )
    # "-able" ends adjectives ("scalable"), but a word typed with a capital letter after the first is a name
    assert grade_card(mapreduce, "MapReduce and Bigtable").kind is not VerdictKind.CORRECT
    assert grade_card(mapreduce, "MapReduce, Bigtable").kind is not VerdictKind.CORRECT
    assert grade_card(mapreduce, "MapReduce and scalable").kind is VerdictKind.CORRECT
    assert grade_card(mapreduce, "MapReduce").kind is VerdictKind.CORRECT


def test_a_long_name_written_in_capitals_beside_the_answer_is_a_second_answer() -> None:
    kfold = card("Which evaluation splits the data into k parts and trains on all but one of them in turn?", "k-fold cross-validation")
    electra = "Efficiently Learning an Encoder that Classifies Token Replacements Accurately"
    assert grade_card(kfold, f"k-fold cross-validation, {electra}").kind is not VerdictKind.CORRECT
    assert grade_card(kfold, f"k-fold cross-validation or {electra}").kind is not VerdictKind.CORRECT
    assert grade_card(kfold, f"{electra} and k-fold cross-validation").kind is not VerdictKind.CORRECT
    # a remark in small letters, or with one name in it, stays a remark
    assert grade_card(kfold, "k-fold cross-validation, which trains on every part but one in turn").kind is VerdictKind.CORRECT
    assert grade_card(kfold, "k-fold cross-validation, as scikit-learn's KFold does").kind is VerdictKind.CORRECT


def test_a_person_named_with_an_initial_beside_the_answer_is_a_second_answer() -> None:
    precision = card("Which metric is the share of predicted positives that are truly positive?", "precision")
    assert grade_card(precision, "precision and Leslie N. Smith").kind is not VerdictKind.CORRECT
    assert grade_card(precision, "precision, Emily M. Bender").kind is not VerdictKind.CORRECT
    assert grade_card(precision, "precision").kind is VerdictKind.CORRECT
    fisher = card("Who published the iris flower data set in 1936?", "Ronald A. Fisher", "R. A. Fisher")
    assert grade_card(fisher, "Ronald A. Fisher").kind is VerdictKind.CORRECT
    assert grade_card(fisher, "R. A. Fisher").kind is VerdictKind.CORRECT
    # typed all in small letters or all in capitals, the name is still one name
    assert grade_card(precision, "precision, leslie n. smith").kind is not VerdictKind.CORRECT
    assert grade_card(precision, "precision and LESLIE N. SMITH").kind is not VerdictKind.CORRECT
    assert grade_card(fisher, "ronald a. fisher").kind is VerdictKind.CORRECT
    assert grade_card(fisher, "RONALD A. FISHER").kind is VerdictKind.CORRECT
    assert grade_card(precision, "precision. it is tp over tp plus fp").kind is VerdictKind.CORRECT
    # a letter and a full stop typed in small letters may end a sentence: the "not" before it stays in it
    vitamin = card("Which vitamin does sunlight on the skin make?", "vitamin D")
    assert grade_card(vitamin, "not vitamin c. vitamin d").kind is VerdictKind.CORRECT
    sigmoid = card("Which activation squashes inputs into (0, 1)?", "sigmoid")
    assert grade_card(sigmoid, "not relu b. sigmoid").kind is VerdictKind.CORRECT


def test_an_adjective_before_a_word_for_its_kind_offered_beside_the_answer_is_a_second_answer() -> None:
    trick = card(
        "In a VAE, which trick writes the latent sample as mean plus scale times noise, so gradients reach the encoder?",
        "reparameterization trick",
    )
    # "focal" and "contrastive" end as adjectives do, but before "loss" they name a loss
    assert grade_card(trick, "reparameterization trick and focal loss").kind is not VerdictKind.CORRECT
    assert grade_card(trick, "reparameterization trick or contrastive loss").kind is not VerdictKind.CORRECT
    assert grade_card(trick, "contrastive loss and reparameterization trick").kind is not VerdictKind.CORRECT
    # participles and adverbs before it still say how the answer is, and a remark after a comma stays one
    assert grade_card(trick, "reparameterization trick, a differentiable function").kind is VerdictKind.CORRECT
    assert grade_card(trick, "reparameterization trick").kind is VerdictKind.CORRECT


def test_a_name_typed_with_capitals_beside_the_answer_is_a_second_answer_whatever_its_words() -> None:
    mse = card("What does MSE stand for as a loss function?", "mean squared error")
    # "sparse" is one side of an opposite (how a thing is), but "Sparse Transformer" typed so is a name
    assert grade_card(mse, "mean squared error, Sparse Transformer").kind is not VerdictKind.CORRECT
    assert grade_card(mse, "mean squared error, sparse transformer").kind is VerdictKind.CORRECT
    std = card("Which statistic is the square root of the variance?", "standard deviation")
    # the first word of the response typed with a capital, the answer joined to it with "and"
    assert grade_card(std, "Kaiming and standard deviation").kind is not VerdictKind.CORRECT
    assert grade_card(std, "Bigtable and standard deviation").kind is not VerdictKind.CORRECT
    assert grade_card(std, "Square-root standard deviation").kind is VerdictKind.CORRECT
    assert grade_card(std, "standard deviation").kind is VerdictKind.CORRECT


def test_both_or_too_after_the_second_thing_offers_it_as_an_answer() -> None:
    adam = card("Which optimizer keeps running averages of both the gradients and their squares?", "Adam")
    assert grade_card(adam, "Adam and RMSprop both").kind is not VerdictKind.CORRECT
    assert grade_card(adam, "Adam, RMSprop too").kind is not VerdictKind.CORRECT
    assert grade_card(adam, "Adam and transformers both").kind is not VerdictKind.CORRECT
    # said of the answer, they are remarks
    assert grade_card(adam, "Adam, which uses both momentum and RMSProp scaling").kind is VerdictKind.CORRECT
    assert grade_card(adam, "Adam, and it handles sparse gradients too").kind is VerdictKind.CORRECT


def test_a_long_name_beside_the_answer_makes_no_long_explanation_of_it() -> None:
    """A long name offered beside the answer is a second answer however many words it has: the answer is
    short beside it ("maybe" and the name first included)."""
    kfold = card(
        "Which evaluation splits the data into k parts and trains on all but one of them in turn?",
        "k-fold cross-validation", "k-fold CV", "cross-validation",
    )
    electra = "Efficiently Learning an Encoder that Classifies Token Replacements Accurately"
    assert grade_card(kfold, f"k-fold cross-validation or maybe {electra}").kind is not VerdictKind.CORRECT
    assert grade_card(kfold, f"k-fold cross-validation, though it might be {electra}").kind is not VerdictKind.CORRECT
    assert grade_card(kfold, f"k-fold cross-validation, else {electra}").kind is not VerdictKind.CORRECT
    assert grade_card(kfold, f"{electra} or k-fold cross-validation").kind is not VerdictKind.CORRECT
    # a long remark after the answer is still one, a few capitals in it or not
    long_remark = "k-fold cross-validation, and then you average the scores over all the folds you trained on"
    assert grade_card(kfold, long_remark).kind is VerdictKind.CORRECT
    assert grade_card(kfold, "K-fold cross-validation, where every one of the k parts is held out once").kind is VerdictKind.CORRECT


def test_a_known_term_with_and_inside_offered_with_both_or_too_is_a_second_answer() -> None:
    forgetting = card(
        "What is it called when a fine-tuned network abruptly loses what it had learned before?", "catastrophic forgetting"
    )
    slam = "simultaneous localization and mapping"
    assert grade_card(forgetting, f"catastrophic forgetting and {slam} both").kind is not VerdictKind.CORRECT
    assert grade_card(forgetting, f"catastrophic forgetting, {slam} too").kind is not VerdictKind.CORRECT
    assert grade_card(forgetting, "catastrophic forgetting, and it happens fast too").kind is VerdictKind.CORRECT


def test_a_misspelt_known_term_with_a_number_word_in_it_is_a_second_answer() -> None:
    wer = card("In speech recognition, what does WER stand for?", "word error rate")
    assert grade_card(wer, "word error rate, one-hot necoding").kind is not VerdictKind.CORRECT
    assert grade_card(wer, "word error rate and one-hot encodnig").kind is not VerdictKind.CORRECT
    assert grade_card(wer, "word error rate, one of the speech metrics").kind is VerdictKind.CORRECT


def test_a_name_with_and_inside_is_one_answer_and_a_term_beside_it_a_second() -> None:
    """An answer that is one name with "and" inside (an acronym's expansion, a term of the field) is no list:
    a known term offered beside it is a second answer, as beside any other name."""
    slam = card("In robotics, what does SLAM stand for?", "simultaneous localization and mapping")
    iid = card("What does i.i.d. stand for?", "independent and identically distributed")
    for c, answer in ((slam, "simultaneous localization and mapping"), (iid, "independent and identically distributed")):
        assert grade_card(c, f"{answer}, wav2vec").kind is not VerdictKind.CORRECT
        assert grade_card(c, f"Hadoop, {answer}").kind is not VerdictKind.CORRECT
        assert grade_card(c, f"{answer}; triplet loss").kind is not VerdictKind.CORRECT
        assert grade_card(c, f"{answer} and Chainer").kind is not VerdictKind.CORRECT
        assert grade_card(c, answer).kind is VerdictKind.CORRECT
    assert grade_card(slam, "simultaneous localization and mapping, a robotics problem").kind is VerdictKind.CORRECT
    assert grade_card(iid, "independent and identically distributed, as most theory assumes").kind is VerdictKind.CORRECT


def test_a_name_typed_with_capitals_beside_a_list_answer_is_one_more_item() -> None:
    adam = card("Who were the two authors of the Adam optimizer paper (2014)?", "Diederik Kingma and Jimmy Ba", "Kingma and Ba")
    assert grade_card(adam, "Kingma, Ba and Hinton").kind is not VerdictKind.CORRECT
    assert grade_card(adam, "Diederik Kingma and Jimmy Ba, Chainer").kind is not VerdictKind.CORRECT
    assert grade_card(adam, "Diederik Kingma and Jimmy Ba, maybe Pregel").kind is not VerdictKind.CORRECT
    # the two asked for, alone or with a remark, are right
    assert grade_card(adam, "Kingma and Ba").kind is VerdictKind.CORRECT
    assert grade_card(adam, "Diederik Kingma and Jimmy Ba, in 2014").kind is VerdictKind.CORRECT
    assert grade_card(adam, "Kingma and Ba, both at Toronto then").kind is VerdictKind.CORRECT


def test_or_inside_a_remark_after_the_answer_weighs_two_things_the_remark_names() -> None:
    """"Kafka or Kinesis" inside a clause after the answer ("stream the click data through ...") is what the
    remark says, not a second answer; beside the answer, or offered with "maybe", it is one."""
    monitoring = card("Which kind of monitoring catches a model going wrong within minutes?", "real-time monitoring")
    assert grade_card(monitoring, "real-time monitoring; stream the click data through Kafka or Kinesis").kind is VerdictKind.CORRECT
    sentiment = card("Which NLP task labels a review as liked or disliked?", "sentiment analysis")
    assert grade_card(sentiment, "sentiment analysis, tagging text as positive, negative or neutral").kind is VerdictKind.CORRECT
    assert grade_card(sentiment, "sentiment analysis or topic modelling").kind is not VerdictKind.CORRECT
    assert grade_card(sentiment, "sentiment analysis, topic modelling or NER").kind is not VerdictKind.CORRECT
    assert grade_card(monitoring, "real-time monitoring, or maybe drift detection").kind is not VerdictKind.CORRECT


def test_or_deep_in_the_remark_right_after_the_answer_is_the_remark_s() -> None:
    """The remark right after the answer, a clause that weighs two things after saying more than a name, is
    no second answer; a short remark with "or", or one that offers with "maybe", still is."""
    cf = explained(
        "Which recommendation approach predicts what a user will like from the behaviour of users with similar "
        "tastes, using only the user-item interaction data?",
        "**Collaborative filtering** recommends items liked by users whose past ratings or clicks resemble yours "
        "(user-based), or items that tend to be liked by the same users (item-based).",
        "collaborative filtering",
    )
    said = "collaborative filtering - it recommends items liked by users whose past ratings or clicks resemble yours"
    assert grade_card(cf, said).kind is VerdictKind.CORRECT
    assert grade_card(cf, "collaborative filtering, or content-based filtering").kind is not VerdictKind.CORRECT
    assert grade_card(cf, "collaborative filtering - it uses ratings or clicks, maybe content-based filtering").kind is not VerdictKind.CORRECT
    assert grade_card(cf, "collaborative filtering - it recommends items liked by similar users, or maybe content-based filtering").kind is not VerdictKind.CORRECT


MAX_POOL = card("Which CNN layer downsamples a feature map by keeping only the largest value in each window?", "max pooling")


@pytest.mark.parametrize(
    "response", ["max pooling and adapters", "max pooling, adapters", "max pooling, adapters too", "max pooling and adapter"]
)
def test_a_thing_named_from_a_describing_word_is_a_second_answer(response):
    """"adaptive" says how an answer is; "adapters" and "adapter", though they share its stem, name things."""
    assert grade_card(MAX_POOL, response).kind is VerdictKind.WRONG


def test_the_describing_word_itself_stays_a_remark():
    assert grade_card(MAX_POOL, "max pooling, adaptive").kind is VerdictKind.CORRECT


def test_a_long_name_of_a_loaded_deck_typed_in_small_letters_is_a_second_answer() -> None:
    """A deck's answer of up to twelve words is one of its names ("efficiently learning an encoder that
    classifies token replacements accurately", ten): typed beside another card's answer, in any case, it is a
    second answer."""
    electra = card("What does ELECTRA stand for?", "Efficiently Learning an Encoder that Classifies Token Replacements Accurately")
    kfold = card("Which validation scheme splits the data into k parts and rotates the held-out part?", "k-fold cross-validation")
    load(electra, kfold)
    long_name = "efficiently learning an encoder that classifies token replacements accurately"
    for response in (
        f"k-fold cross-validation, {long_name}",
        f"k-fold cross-validation and {long_name.upper()}",
        f"k-fold cross-validation, {long_name} too",
    ):
        verdict = grade_card(kfold, response)
        assert verdict.kind is VerdictKind.WRONG, response
        assert verdict.typed == long_name, response  # named as the second answer, not as a list of keywords
    assert accepted(kfold, "k-fold cross-validation")
    assert accepted(electra, long_name)


def test_top_k_or_top_p_beside_the_answer_is_a_second_answer() -> None:
    temperature = card("Which sampling parameter divides the logits before the softmax?", "temperature")
    assert grade_card(temperature, "top-p and temperature").kind is not VerdictKind.CORRECT
    assert grade_card(temperature, "top-k, temperature").kind is not VerdictKind.CORRECT
    assert grade_card(temperature, "temperature, unlike top-k").kind is VerdictKind.CORRECT
    nucleus = card("Which sampling keeps the smallest set of tokens whose probabilities sum to p?", "top-p sampling")
    assert grade_card(nucleus, "top-p").kind is VerdictKind.CORRECT
    assert grade_card(nucleus, "top-k").kind is not VerdictKind.CORRECT


MSE = card("Which regression loss averages the squared differences between predictions and targets?", "mean squared error")


@pytest.mark.parametrize("response", ["Bigtable, mean squared error", "Sparse Transformer, mean squared error"])
def test_a_name_written_with_a_capital_before_the_answer_is_a_second_answer(response):
    """The first word's capital names it, whatever its ending, as a later word's would ("Bigtable")."""
    assert grade_card(MSE, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    "response",
    ["Honestly, mean squared error", "Definitely, mean squared error", "Simple, mean squared error", "Interesting, mean squared error"],
)
def test_a_word_of_talk_before_the_answer_is_no_second_answer(response):
    assert grade_card(MSE, response).kind is VerdictKind.CORRECT


KD = card("What is training a small student model on a large teacher model's soft targets called?", "knowledge distillation")


@pytest.mark.parametrize("response", ["knowledge distillation, contrastive loss", "knowledge distillation, focal loss"])
def test_a_describing_word_before_a_specific_kind_the_card_never_speaks_of_names_a_second_answer(response):
    """"contrastive loss" names a loss beside an answer that is no loss; a general kind word ("an adaptive
    optimizer", "stochastic regularization") still says what the answer is."""
    assert grade_card(KD, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("question", "answer", "response"),
    [
        ("Which optimizer keeps running averages of the gradient and its square?", "Adam", "Adam, adaptive optimizer"),
        ("Which technique randomly zeroes units during training?", "dropout", "dropout, stochastic regularization"),
        ("Which loss is used to train a teacher's student on soft targets?", "knowledge distillation loss", "knowledge distillation loss, soft loss"),
    ],
)
def test_a_describing_word_before_a_general_kind_or_one_the_card_speaks_of_says_what_the_answer_is(question, answer, response):
    assert grade_card(card(question, answer), response).kind is VerdictKind.CORRECT


def test_a_known_term_with_a_roman_one_beside_the_answer_is_a_second_answer() -> None:
    lemma = card("What is reducing a word to its dictionary form called?", "lemmatization")
    type_one = card("What is a false positive called in hypothesis testing?", "type I error")
    load(lemma, type_one)
    for response in ("lemmatization, type I error", "lemmatization, tpye I error", "lemmatization, type 1 error"):
        assert not accepted(lemma, response), response
    assert accepted(lemma, "lemmatization")
    assert accepted(type_one, "Type I error") and not accepted(type_one, "type II error")


SENTIMENT = card("What is the automated process of tagging data according to its sentiment called?", "sentiment analysis")


@pytest.mark.parametrize(
    ("response", "right"),
    [
        ("sentiment analysis (SA)", True),
        ("Sentiment Analysis, SA", True),
        # another card's name is still a second answer, initials or not
        ("sentiment analysis (SGD)", False),
        ("sentiment analysis, SGD", False),
    ],
)
def test_the_answers_own_initials_after_it_are_no_second_answer_though_they_name_another_card(response, right):
    load(SENTIMENT, card("Which optimization method is inspired by cooling metal?", "simulated annealing", "SA"), card("Which optimizer?", "SGD"))
    assert accepted(SENTIMENT, response) is right


TEMPERATURE = card(
    "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?",
    "temperature",
)


@pytest.mark.parametrize(
    ("c", "response", "right"),
    [
        # a known term written right beside the answer, with no mark between: two things offered
        (TEMPERATURE, "temperature beam search", False),
        (TEMPERATURE, "beam search temperature", False),
        (TEMPERATURE, "top-p temperature", False),
        (TEMPERATURE, "beam search nucleus sampling temperature greedy decoding", False),
        (DROPOUT, "dropout batch normalization", False),
        (DROPOUT, "early stopping dropout", False),
        # past a word of the card's between the form matched and the term ("ridge" then "regression")
        (RIDGE, "ridge regression decision tree", False),
        (RIDGE, "ridge regression model random forest", False),
        # words of a kind, a word of the card's or the question's, a word that is no known term: the answer said
        (TEMPERATURE, "softmax temperature", True),
        (TEMPERATURE, "the sampling temperature", True),
        (TEMPERATURE, "nucleus sampling temperature", True),  # ("sampling": the question's word)
        (DROPOUT, "dropout layer", True),
        (DROPOUT, "dropout regularization", True),
        (RIDGE, "ridge regression model", True),
    ],
)
def test_a_known_term_written_right_beside_the_answer_is_a_second_answer(c: Card, response: str, right: bool) -> None:
    assert accepted(c, response) is right


LASSO_RIDGE = Card(
    deck="t",
    id="lasso-ridge",
    question="Which linear regression technique adds an L2 penalty on the coefficients to the cost function?",
    answer="",
    accept=("ridge regression", "ridge"),
    reject=("lasso", "elastic net"),
)


@pytest.mark.parametrize(
    "response",
    [
        # unsure talk with a negator in it offers what follows; it denies nothing
        "ridge not sure maybe lasso",
        "ridge not sure lasso",
        "ridge im not sure maybe lasso",
        "ridge no idea maybe lasso",
        "ridge if not lasso",
        "ridge if its not lasso",
        "ridge, if that's not it then lasso",
        "ridge (not sure) or lasso",
        # "maybe", "otherwise", "could be" straight after the answer, no comma
        "ridge maybe lasso",
        "ridge perhaps elastic net",
        "ridge otherwise lasso",
        "ridge could be lasso",
        "ridge could also be lasso",
        "ridge, could be lasso",
        "ridge, unless it's lasso",
        # the other thing said to work too
        "ridge, lasso is also possible",
        "ridge, lasso works too",
    ],
)
def test_unsure_talk_before_another_answer_offers_it(response: str) -> None:
    assert not accepted(LASSO_RIDGE, response)
    load(DROPOUT)
    assert not accepted(LASSO_RIDGE, response.replace("lasso", "dropout").replace("elastic net", "dropout"))


@pytest.mark.parametrize(
    "response",
    [
        "ridge, not sure",
        "ridge (not sure)",
        "not sure, ridge",
        "ridge maybe",
        "maybe ridge",
        "ridge idk",
        "ridge, if I'm not mistaken",
        "ridge, not lasso",
        "ridge, which maybe shrinks the weights",
        "ridge, it could be the L2 one",
        "ridge, though it might be the L2 one",
    ],
)
def test_unsure_talk_with_nothing_offered_leaves_the_answer_right(response: str) -> None:
    assert accepted(LASSO_RIDGE, response)


@pytest.mark.parametrize(
    "response",
    [
        "#Mercury #Venus",
        "||Mercury|| ||Venus||",
        "`Mercury` `Venus`",
        "Mercury -> Venus",
        "Mercury => Venus",
        "Mercury → Venus",
        "1. Mercury\n2. Venus",
        "1) Mercury 2) Venus",
    ],
)
def test_two_things_set_apart_by_discord_marks_arrows_or_list_numbers_are_two_answers(response: str) -> None:
    planet = card("Which planet is closest to the Sun?", "Mercury")
    assert grade_card(planet, response).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    "response", ["#Mercury", "||Mercury||", "`Mercury`", "1. Mercury", "**Mercury**", "Mercury -> closest, about 0.39 AU"]
)
def test_one_thing_in_discord_marks_or_a_list_of_one_is_the_answer(response: str) -> None:
    planet = card("Which planet is closest to the Sun?", "Mercury")
    assert grade_card(planet, response).kind is VerdictKind.CORRECT


def test_a_misspelt_known_term_with_a_word_of_the_question_in_it_is_a_second_answer() -> None:
    """The question says "model": a second answer misspelt around that word is still a known term (here, of a
    loaded deck)."""
    load(
        card("What is it called when a model trained on generated data loses the tails?", "model collapse"),
        card("Which graphical model has arrows between its nodes?", "directed graphical model"),
    )
    transformers = card(
        "Which architecture do most large language models, the foundation models of today, build on?", "transformers"
    )
    assert grade_card(transformers, "transformers, model colalpse").kind is not VerdictKind.CORRECT
    assert grade_card(transformers, "transformers, mdoel collapse").kind is not VerdictKind.CORRECT
    assert grade_card(transformers, "transformers, model collapse").kind is not VerdictKind.CORRECT
    assert grade_card(transformers, "transformers, the model type behind GPT").kind is VerdictKind.CORRECT
    checkpoint = card("Which saved file holds a model's weights part-way through training?", "checkpoint")
    assert grade_card(checkpoint, "checkpoint, diercted graphical model").kind is not VerdictKind.CORRECT
    assert grade_card(checkpoint, "checkpoint, saved every epoch").kind is VerdictKind.CORRECT
