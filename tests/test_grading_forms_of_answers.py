"""Right answers written in ways players write them, and remarks after the answer that contradict the question."""

from __future__ import annotations

import pytest

from bot.core.grading import grade, grade_card
from bot.core.grading.tokens import analyse, stem
from bot.core.models import Card, VerdictKind


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("In which year did the Berlin Wall fall?", "1989", "nineteen eighty-nine", VerdictKind.CORRECT),
        ("In which year did the Berlin Wall fall?", "1989", "nineteen eighty-eight", VerdictKind.WRONG),
        ("In which year was the Magna Carta sealed?", "1215", "twelve fifteen", VerdictKind.CORRECT),
        ("Which HTTP status code means 'Not Found'?", "404", "four oh four", VerdictKind.CORRECT),
        ("Which HTTP status code means 'Not Found'?", "404", "4 0 4", VerdictKind.CORRECT),
        ("Which HTTP status code means 'Not Found'?", "404", "4 0 3", VerdictKind.WRONG),
        ("What is the decimal number 10 written in binary?", "1010", "0b1010", VerdictKind.CORRECT),
        ("What is the decimal number 10 written in binary?", "1010", "1010b", VerdictKind.CORRECT),
        ("What is the decimal number 10 written in binary?", "1010", "0b1011", VerdictKind.WRONG),
        ("How many heads does the model have?", "8", "four four", VerdictKind.WRONG),
    ],
)
def test_numbers_said_as_years_digit_by_digit_or_in_binary(question, accept, response, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


NYQUIST = "To sample a signal without aliasing, the sampling rate must exceed how many times its highest frequency?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("In which year did the Titanic sink?", "1912", "MCMXII", VerdictKind.CORRECT),
        ("In which year did the Titanic sink?", "1912", "mcmxii", VerdictKind.CORRECT),
        ("In which year did the Titanic sink?", "1912", "MCMXI", VerdictKind.WRONG),
        ("In which year did the Titanic sink?", "1912", "MCMXXI", VerdictKind.WRONG),
        ("Which Super Bowl was played in 2013?", "47", "XLVII", VerdictKind.CORRECT),
        ("How many layers deep is the network?", "25", "XXV", VerdictKind.CORRECT),
        ("What is the expected value of one roll of a fair six-sided die?", "3.5", "3½", VerdictKind.CORRECT),
        ("What is the expected value of one roll of a fair six-sided die?", "3.5", "3 ½", VerdictKind.CORRECT),
        ("What is the expected value of one roll of a fair six-sided die?", "3.5", "3 1/2", VerdictKind.CORRECT),
        ("What is the expected value of one roll of a fair six-sided die?", "3.5", "3¼", VerdictKind.WRONG),
        ("What is the expected value of one roll of a fair six-sided die?", "3.5", "31/2", VerdictKind.WRONG),
        ("What share of the data is held out?", "0.75", "¾", VerdictKind.CORRECT),
        ("What share of the data is held out?", "0.75", "⅔", VerdictKind.WRONG),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44,100 Hz", VerdictKind.CORRECT),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44100", VerdictKind.CORRECT),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44.1", VerdictKind.CORRECT),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44.1 kilohertz", VerdictKind.CORRECT),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44.1 thousand samples per second", VerdictKind.CORRECT),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44.1 Hz", VerdictKind.WRONG),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "441 kHz", VerdictKind.WRONG),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "48 kHz", VerdictKind.WRONG),
        ("What is the sampling rate of CD-quality audio?", "44.1 kHz", "44.1 MHz", VerdictKind.WRONG),
        ("What is the clock rate of the chip?", "2.4 GHz", "2400 MHz", VerdictKind.CORRECT),
        ("What is the clock rate of the chip?", "2.4 GHz", "2.4", VerdictKind.CORRECT),
        ("What is the clock rate of the chip?", "2.4 GHz", "2.4 MHz", VerdictKind.WRONG),
        ("How many bits does a half-precision float use?", "16", "2 bytes", VerdictKind.CORRECT),
        ("How many bits does a half-precision float use?", "16", "two bytes", VerdictKind.CORRECT),
        ("How many bits does a half-precision float use?", "16", "4 bytes", VerdictKind.WRONG),
        ("How many bits does a half-precision float use?", "16", "2 bits", VerdictKind.WRONG),
        ("How many bytes does an int32 take?", "4", "32 bits", VerdictKind.CORRECT),
        ("How many bytes does an int32 take?", "4", "30 bits", VerdictKind.WRONG),
        ("How many bits are in a byte?", "8", "1 byte", VerdictKind.WRONG),  # what the question gives, said back
        ("How many bytes does a 64-bit integer take?", "8", "64 bits", VerdictKind.WRONG),
        ("How many people use it?", "1 million", "0.001B", VerdictKind.CORRECT),
        ("How wide is each of 8 heads of a 512-wide model?", "64", "64 (512 / 8)", VerdictKind.CORRECT),
        ("How wide is each of 8 heads of a 512-wide model?", "64", "63 (512 / 8)", VerdictKind.WRONG),
        ("How wide is each of 8 heads of a 512-wide model?", "64", "8 (512 / 64)", VerdictKind.WRONG),
        ("How heavy is the standard weight?", "1 kg", "1000 grams", VerdictKind.CORRECT),
        ("How heavy is the standard weight?", "1 kg", "1 g", VerdictKind.WRONG),
        ("How long is the track?", "5 km", "5000 metres", VerdictKind.CORRECT),
        ("How long is the track?", "5 km", "5 miles", VerdictKind.WRONG),
        ("How long is the track?", "5 km", "5 m", VerdictKind.WRONG),
        ("Which unit is the sampling rate given in?", "kHz", "kilohertz", VerdictKind.CORRECT),
        ("Which unit is the sampling rate given in?", "kHz", "MHz", VerdictKind.WRONG),
        (NYQUIST, "2", "twice the highest frequency", VerdictKind.CORRECT),
        (NYQUIST, "2", "thrice the highest frequency", VerdictKind.WRONG),
        (NYQUIST, "2", "half the highest frequency", VerdictKind.WRONG),
    ],
)
def test_roman_numerals_vulgar_fractions_and_units_with_a_prefix(question, accept, response, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("World War I", "World War II", VerdictKind.WRONG),
        ("World War I", "World War 2", VerdictKind.WRONG),
        ("World War I", "World War", VerdictKind.WRONG),
        ("World War I", "world war i", VerdictKind.CORRECT),
        ("World War I", "World War 1", VerdictKind.CORRECT),
        ("World War I", "world war one", VerdictKind.CORRECT),
        ("John Paul I", "John Paul II", VerdictKind.WRONG),
        ("John Paul I", "john paul 1", VerdictKind.CORRECT),
        ("Type I error", "Type II error", VerdictKind.WRONG),
        ("Type I error", "type i error", VerdictKind.CORRECT),
        ("Type I error", "type one error", VerdictKind.CORRECT),
        ("Type II error", "Type I error", VerdictKind.WRONG),
    ],
)
def test_a_roman_one_that_ends_a_name_is_a_number_not_the_pronoun(accept, response, kind):
    # The pronoun "I" is a little word the grader passes over; the numeral that ends a name is not.
    assert grade(response, accept=[accept], question="Which one is meant here?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("cos x", "-cos x", VerdictKind.WRONG),
        ("cos x", "cos(x)", VerdictKind.CORRECT),
        ("-sin x", "sin x", VerdictKind.WRONG),
        ("-sin x", "-sin(x)", VerdictKind.CORRECT),
        ("-sin x", "minus sin x", VerdictKind.CORRECT),
        ("-e^-x", "e^-x", VerdictKind.WRONG),
        ("-e^-x", "-e^x", VerdictKind.WRONG),
        ("-e^-x", "-e^(-x)", VerdictKind.CORRECT),
        ("10^-6", "10^6", VerdictKind.WRONG),
        ("10^-6", "1e-6", VerdictKind.CORRECT),
        ("10^-6", "10^-6 m", VerdictKind.CORRECT),  # metres: no millionth of a million
        ("500,000", "0.5m", VerdictKind.CORRECT),
        ("attention", "-attention", VerdictKind.CORRECT),  # a list's dash, not a sign
        ("SGD", "-SGD", VerdictKind.CORRECT),
        ("SGD and Adam", "-SGD\n-Adam", VerdictKind.CORRECT),
        ("sin and cos", "-sin\n-cos", VerdictKind.CORRECT),  # a dash a line: a list
        ("-sin x", "-sinx", VerdictKind.CORRECT),
        ("-sin x", "- sin(x)", VerdictKind.CORRECT),
        ("-e^-x", "-e^{-x}", VerdictKind.CORRECT),
        ("-log p", "negative log p", VerdictKind.CORRECT),
        ("-log p", "log p", VerdictKind.WRONG),
        ("cos x", "cos x, since the derivative of cos is -sin", VerdictKind.CORRECT),  # a sign elsewhere
        ("sin x", "sin x, because sin(-x) = -sin x", VerdictKind.CORRECT),
        ("F = -kx", "F = kx", VerdictKind.WRONG),  # a sign before two letters
        ("ReLU and tanh", "-relu\n-tanh", VerdictKind.CORRECT),  # a list, a function among its items
        ("-log p", "-log p\n- measured in bits", VerdictKind.CORRECT),
        ("-3 and -5", "-3\n-5", VerdictKind.CORRECT),
        ("the logs", "-logs", VerdictKind.CORRECT),
    ],
)
def test_a_minus_sign_in_a_formula_is_never_passed_over(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it come to?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("n - 1", "n + 1", VerdictKind.WRONG),
        ("n - 1", "n plus one", VerdictKind.WRONG),
        ("n - 1", "n-1", VerdictKind.CORRECT),
        ("n - 1", "n minus one", VerdictKind.CORRECT),
        ("n - 1", "N − 1", VerdictKind.CORRECT),  # a minus sign typed as one
        ("1 - tanh^2 x", "1 + tanh^2 x", VerdictKind.WRONG),
        ("1 - tanh^2 x", "1-tanh^2 x", VerdictKind.CORRECT),
        ("p(1 - p)", "p(1 + p)", VerdictKind.WRONG),
        ("p(1 - p)", "p(1-p)", VerdictKind.CORRECT),
        ("x^2 - 4", "x^2 + 4", VerdictKind.WRONG),
        ("log p - log q", "log p + log q", VerdictKind.WRONG),
        ("sigma^2 + mu^2", "sigma^2 - mu^2", VerdictKind.WRONG),
        # hyphens in names are no signs
        ("L2", "L-2", VerdictKind.CORRECT),
        ("GPT-3", "GPT-3 - a model", VerdictKind.CORRECT),
        ("k-means", "k-means", VerdictKind.CORRECT),
    ],
)
def test_a_formula_with_a_plus_for_its_minus_is_another_formula(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it come to?").kind is kind


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("A*", VerdictKind.CORRECT),
        ("A* search", VerdictKind.CORRECT),
        ("a-star", VerdictKind.CORRECT),
        ("A", VerdictKind.EMPTY),  # the star is the name: "A" alone is a little word
        ("D*", VerdictKind.ALMOST),  # another search algorithm of the field
        ("**A***", VerdictKind.EMPTY),  # (in bold, the star is read as bold's: as good as "A")
        ("IDA*", VerdictKind.WRONG),
    ],
)
def test_a_star_that_ends_a_name_is_part_of_it(response, kind):
    question = "Which best-first search algorithm expands nodes in order of f(n) = g(n) + h(n)?"
    assert grade(response, accept=["A*"], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("mix", "mix"),
        ("CD", "CD"),
        ("CLI", "command line interface"),
        ("minimum description length", "MDL"),
        ("civil", "civil"),
        ("LCD", "LCD"),
    ],
)
def test_words_spelt_with_roman_numeral_letters_stay_words(accept, response):
    assert grade(response, accept=[accept], question="Which name is meant here?").kind is VerdictKind.CORRECT
    assert all(not t.num for t in analyse(response))


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("elbow method", "elbow", VerdictKind.CORRECT),
        ("silhouette score", "silhouette", VerdictKind.CORRECT),
        ("Zipf's law", "Zipf", VerdictKind.CORRECT),
        ("silhouette score", "inertia", VerdictKind.WRONG),
        ("elbow method", "knee", VerdictKind.WRONG),
    ],
)
def test_one_naming_word_may_stand_without_the_kind_word_after_it(accept, response, kind):
    question = "Which heuristic or score does this describe?"
    assert grade(response, accept=[accept], question=question).kind is kind


QUESTION = "Which normalization rescales activations by their root mean square without subtracting the mean?"


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("RMSNorm", VerdictKind.CORRECT),
        ("RMSNorm, which subtracts the mean first", VerdictKind.WRONG),
        ("RMSNorm, which does not subtract the mean", VerdictKind.CORRECT),
        ("RMSNorm, used in LLaMA", VerdictKind.CORRECT),
    ],
)
def test_a_remark_that_asserts_what_the_question_denies_is_not_right(response, kind):
    assert grade(response, accept=["RMSNorm"], question=QUESTION).kind is kind


def test_a_remark_that_says_several_where_the_question_says_single_is_not_right():
    question = "Which decoding strategy just picks the single most probable next token at every step?"
    accept = ["greedy decoding"]
    assert grade("greedy decoding", accept=accept, question=question).kind is VerdictKind.CORRECT
    said = grade("greedy decoding, which keeps several candidate sequences", accept=accept, question=question)
    assert said.kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("CycleGAN", "Cycle-GAN", VerdictKind.CORRECT),
        ("CycleGAN", "cycle gan", VerdictKind.CORRECT),
        ("StyleGAN", "Cycle GAN", VerdictKind.WRONG),
        ("ReAct", "reasoning and acting", VerdictKind.CORRECT),
        ("ReAct", "reasoning and planning", VerdictKind.WRONG),
        ("min-max scaling", "MinMaxScaler", VerdictKind.CORRECT),
        ("min-max scaling", "MaxAbsScaler", VerdictKind.WRONG),
    ],
)
def test_the_parts_of_a_name_run_together_with_capitals_may_be_written_apart(accept, response, kind):
    assert grade(response, accept=[accept], question="Which name is meant here?").kind is kind


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("DoF", VerdictKind.CORRECT),
        ("d.o.f.", VerdictKind.CORRECT),
        ("DOF", VerdictKind.CORRECT),
        ("DoG", VerdictKind.WRONG),
    ],
)
def test_an_acronym_with_capitals_inside_or_dots_counts_its_little_words(response, kind):
    question = "What is the number of values free to vary called?"
    assert grade(response, accept=["degrees of freedom"], question=question).kind is kind


def test_the_question_s_own_acronym_typed_back_as_a_plural_is_no_answer():
    question = "In speech processing, what does MFCC stand for?"
    verdict = grade("MFCCs", accept=["mel-frequency cepstral coefficients"], question=question)
    assert verdict.kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("response", "right"),
    [
        # the acronym asked about, misspelt, is still the question typed back
        ("RLIAF", False),
        ("RLAFI", False),
        ("LRAIF", False),
        ("rliaf", False),
        ("RLAIFF", False),
        ("RRLAIF", False),
        ("the RLAAIF", False),
        # the answer misspelt is still the answer
        ("reinforcment learning from AI feedback", True),
        ("reinforcement learning from AI feedbakc", True),
    ],
)
def test_the_question_s_own_acronym_typed_back_misspelt_is_no_answer(response, right):
    question = "What does RLAIF stand for?"
    verdict = grade(response, accept=["reinforcement learning from AI feedback"], question=question)
    assert (verdict.kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("Bayes", VerdictKind.CORRECT),
        ("Rev. Thomas Bayes", VerdictKind.CORRECT),
        ("Bayes and Laplace", VerdictKind.WRONG),
    ],
)
def test_a_question_about_a_person_by_their_calling_takes_the_surname_and_a_title(response, kind):
    question = "Which 18th-century minister's essay on inverse probability was published after his death?"
    assert grade(response, accept=["Thomas Bayes"], question=question).kind is kind


def test_a_ruler_s_numeral_is_no_surname():
    question = "Which English king had six wives?"
    assert grade("Henry VIII", accept=["Henry VIII"], question=question).kind is VerdictKind.CORRECT
    assert grade("Edward VIII", accept=["Henry VIII"], question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("off-policy", VerdictKind.CORRECT),
        ("off policy, not on-policy", VerdictKind.CORRECT),
        ("off-policy or on-policy", VerdictKind.WRONG),
        ("on-policy or off-policy", VerdictKind.WRONG),
    ],
)
def test_both_options_of_the_question_are_no_answer_even_when_a_little_word_tells_them_apart(response, kind):
    question = "Is Q-learning an on-policy or an off-policy algorithm?"
    assert grade(response, accept=["off-policy"], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("federated learning", "federated training", VerdictKind.CORRECT),
        ("covariate shift", "covariate drift", VerdictKind.CORRECT),
        ("covariate shift", "concept drift", VerdictKind.WRONG),
        ("Huffman coding", "Huffman encoding", VerdictKind.CORRECT),
        ("Huffman coding", "Huffman decoding", VerdictKind.WRONG),
        ("evidence lower bound", "lower bound on the evidence", VerdictKind.CORRECT),
        ("evidence lower bound", "upper bound on the evidence", VerdictKind.WRONG),
    ],
)
def test_a_name_said_with_a_word_of_the_same_meaning_or_the_other_way_round(accept, response, kind):
    assert grade(response, accept=[accept], question="Which term is meant here?").kind is kind


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("What does ANOVA stand for?", "analysis of variance", "analysis of variance", VerdictKind.CORRECT),
        ("What does ANOVA stand for?", "analysis of variance", "analysis of varience", VerdictKind.CORRECT),
        ("What does ANOVA stand for?", "analysis of variance", "variance of analysis", VerdictKind.WRONG),
        (
            "What does UMAP stand for?",
            "Uniform Manifold Approximation and Projection",
            "uniform manifold projection and approximation",
            VerdictKind.WRONG,
        ),
        (
            "What does UMAP stand for?",
            "Uniform Manifold Approximation and Projection",
            "Uniform Manifold Approx. and Projection",
            VerdictKind.CORRECT,
        ),
    ],
)
def test_what_an_acronym_stands_for_comes_in_the_order_of_its_letters(question, accept, response, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("What is the chemical symbol for sodium?", "Na", "So", VerdictKind.WRONG),
        ("What is the chemical symbol for sodium?", "Na", "idk", VerdictKind.EMPTY),
        ("What is the decimal number 10 written in binary?", "1010", "1010₂", VerdictKind.CORRECT),
        ("What is the decimal number 10 written in binary?", "1010", "1011₂", VerdictKind.WRONG),
        ("What is the formula of glucose?", "C6H12O6", "C₆H₁₂O₆", VerdictKind.CORRECT),
        ("In which year did the Berlin Wall fall?", "1989", "'89", VerdictKind.CORRECT),
        ("In which year did the Berlin Wall fall?", "1989", "'88", VerdictKind.WRONG),
        ("What is Avogadro's number, to three significant figures?", "6.02e23", "6.022e23", VerdictKind.CORRECT),
        ("What is Avogadro's number, to three significant figures?", "6.02e23", "6.03e23", VerdictKind.WRONG),
        ("What is Avogadro's number, to three significant figures?", "6.02e23", "6e23", VerdictKind.WRONG),
    ],
)
def test_symbols_bases_short_years_and_more_significant_figures(question, accept, response, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


def test_a_qualifier_that_is_the_opposite_of_another_accepted_answer_s_is_not_right():
    question = "Which clustering builds a dendrogram by repeatedly merging the two closest clusters?"
    accept = ["agglomerative clustering", "hierarchical clustering"]
    assert grade("hierarchical clustering", accept=accept, question=question).kind is VerdictKind.CORRECT
    said = grade("divisive hierarchical clustering", accept=accept, question=question)
    assert said.kind is not VerdictKind.CORRECT


def test_a_generic_head_noun_may_be_left_out_when_the_question_says_a_word_of_the_same_meaning():
    question = "What is training on a small labelled set together with a large unlabelled set called?"
    accept = ["semi-supervised learning"]
    assert grade("semi supervised", accept=accept, question=question).kind is VerdictKind.CORRECT
    assert grade("supervised", accept=accept, question=question).kind is not VerdictKind.CORRECT



def _card(question: str, *accept: str) -> Card:
    return Card(deck="t", id="x", question=question, answer="", accept=accept)


def test_a_word_that_only_looks_like_a_prefix_and_a_short_form_is_read_as_itself():
    # "interval" is no "inter" + "val" (validation), "internet" no "inter" + "net" (network): the singular
    # and the plural are one word, while "nonmax" is still read as "non-maximum".
    interval = _card("What range likely holds the true value of a parameter?", "confidence intervals")
    assert grade_card(interval, "confidence interval").kind is VerdictKind.CORRECT
    assert grade_card(interval, "confidence intervals").kind is VerdictKind.CORRECT
    nms = _card("Which step keeps only the best of overlapping detection boxes?", "non-maximum suppression")
    assert grade_card(nms, "nonmax suppression").kind is VerdictKind.CORRECT
    assert stem("interval") == stem("intervals")
    assert stem("internet") == stem("internets") != stem("internetwork")
    assert stem("interest") == stem("interests")
    assert stem("nonmax") == stem("nonmaximum")


MAP_QUESTION = "Which detection metric averages the AP over classes?"
BFS_QUESTION = "Which search explores a graph level by level?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        (MAP_QUESTION, "mean average precision", "mAP", VerdictKind.CORRECT),
        (MAP_QUESTION, "mean average precision", "maximum a posteriori", VerdictKind.WRONG),
        ("Which estimate is the mode of the posterior?", "maximum a posteriori", "MAP", VerdictKind.CORRECT),
        ("Which protocol did TLS replace?", "secure sockets layer", "SSL", VerdictKind.CORRECT),
        ("Which learning labels its own data?", "self-supervised learning", "SSL", VerdictKind.CORRECT),
        ("Which graphical model is a DAG of dependencies?", "Bayesian network", "BN", VerdictKind.CORRECT),
        ("Which layer normalises over the mini-batch?", "batch normalization", "BN", VerdictKind.CORRECT),
        ("Which language do browsers run in web pages?", "JavaScript", "JS", VerdictKind.CORRECT),
        ("Which language queries a database?", "structured query language", "SQL", VerdictKind.CORRECT),
        (BFS_QUESTION, "breadth-first search", "BFS", VerdictKind.CORRECT),
        (BFS_QUESTION, "breadth-first search", "DFS", VerdictKind.WRONG),
    ],
)
def test_common_acronyms_of_the_field_stand_for_each_of_their_meanings(question, accept, response, kind):
    assert grade_card(_card(question, accept), response).kind is kind


def test_what_follows_instead_of_its_is_denied_as_after_instead_of_the():
    # "its" right after "instead of", "rather than", "without", ... is the possessive, not "it's" opening a
    # new claim: "its own predictions" is denied there, as "the model's own predictions" is.
    forcing = _card("Which training method feeds the decoder the true previous token?", "teacher forcing")
    for said in (
        "teacher forcing, using the ground truth instead of its own predictions",
        "teacher forcing, using the ground truth rather than its own predictions",
        "teacher forcing, using the ground truth instead of the model's own predictions",
    ):
        assert grade_card(forcing, said).kind is VerdictKind.CORRECT, said
    wrong = grade_card(forcing, "teacher forcing, it feeds its own predictions instead of the ground truth")
    assert wrong.kind is not VerdictKind.CORRECT
    assert all(t.neg for t in analyse("instead of its own predictions"))
    assert not any(t.neg for t in analyse("not dropout, its weight decay") if t.word in ("weight", "decay"))


NORMALIZATION = "Which technique rescales each weight matrix or activation to train a network more stably?"
VITAMIN = "Which vitamin does the body make from beta-carotene?"
BLOOD = "Which blood group has A antigens only?"
LANGUAGE = "Which programming language did its makers design for this platform?"
#: (question, accepted answer, response, right): the words of a name said otherwise, and names one mark or letter
#: away from it.
NAMES_SAID_OTHERWISE = [
    # "normalization" ending a name may be clipped to "norm" ("batch norm"); "norm" alone is a norm
    (NORMALIZATION, "spectral normalization", "spectral norm", True),
    (NORMALIZATION, "weight normalisation", "weight norm", True),
    (NORMALIZATION, "spectral normalization", "weight norm", False),
    (NORMALIZATION, "spectral normalization", "norm", False),
    (NORMALIZATION, "layer normalization", "batch norm", False),
    (NORMALIZATION, "L2 normalization", "L2 norm", False),  # a length, not the rescaling
    # "A" ending a name is a letter, not an article: "vitamin B" says something else
    (VITAMIN, "vitamin A", "vitamin B", False),
    (VITAMIN, "vitamin A", "vitamin a", True),
    (VITAMIN, "vitamin A", "it's vitamin A.", True),
    ("Which blood group can give red cells to anyone?", "type O", "type A", False),
    (BLOOD, "type A", "type O", False),
    (BLOOD, "type A", "type A", True),
    # a sharp is a word of the name ("C sharp"): "C#" is neither "C" nor "C++"
    (LANGUAGE, "C#", "C", False),
    (LANGUAGE, "C#", "C++", False),
    (LANGUAGE, "C#", "C sharp", True),
    (LANGUAGE, "C#", "c#", True),
    (LANGUAGE, "C++", "C#", False),
    (LANGUAGE, "F#", "f sharp", True),
]


@pytest.mark.parametrize(("question", "accept", "response", "right"), NAMES_SAID_OTHERWISE)
def test_names_said_otherwise_and_names_a_mark_or_letter_away(question, accept, response, right):
    assert grade(response, accept=[accept], question=question).correct is right


@pytest.mark.parametrize("response", ["*gradient descent*", "**gradient descent**", "_gradient descent_"])
def test_markdown_around_an_answer_of_several_words_is_no_part_of_it(response):
    assert grade(response, accept=["gradient descent"], question="Which optimizer?").kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("cross-encoder", "corss-encoder", VerdictKind.CORRECT),
        ("cross-encoder", "corss encoder", VerdictKind.CORRECT),
        ("cross-encoder", "crsos-encoder", VerdictKind.CORRECT),
        ("backpropagation", "back propagatoin", VerdictKind.CORRECT),
        # the misspelt part must be no real word: "decoder" is not "encoder"
        ("cross-encoder", "cross decoder", VerdictKind.ALMOST),
        ("cross-encoder", "bi-encoder", VerdictKind.WRONG),
    ],
)
def test_a_typo_in_one_part_of_a_compound_written_apart_is_a_typo(accept, response, kind):
    verdict = grade(response, accept=[accept], question="Which reranking model reads the query and a document together?")
    assert verdict.kind is kind



@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("2^n", "n^2", VerdictKind.WRONG),
        ("a/b", "b/a", VerdictKind.WRONG),
        ("p/(1-p)", "(1-p)/p", VerdictKind.WRONG),
        ("sigma/sqrt(n)", "sigma*sqrt(n)", VerdictKind.WRONG),
        ("sigma/sqrt(n)", "sigma sqrt(n)", VerdictKind.WRONG),
        ("2^n", "2^n", VerdictKind.CORRECT),
        ("sigma/sqrt(n)", "sigma / sqrt n", VerdictKind.CORRECT),
        ("p/(1-p)", "p/(1 - p)", VerdictKind.CORRECT),
        ("1/sqrt(d_k)", "1/√dk", VerdictKind.CORRECT),
    ],
)
def test_a_formula_that_divides_or_raises_its_terms_the_other_way_round_is_another(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it come to?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("sigma/sqrt(n)", "σ/√n"),
        ("gamma", "γ"),
        ("lambda", "λ"),
        ("epsilon-greedy", "ε-greedy"),
        ("sigma^2", "σ²"),
        ("2 sigma", "2σ"),
        ("mu", "μ"),
    ],
)
def test_a_greek_letter_is_read_as_its_name(accept, response):
    assert grade(response, accept=[accept], question="Which symbol is it?").kind is VerdictKind.CORRECT


def test_a_greek_letter_is_not_the_latin_letter_it_folds_to():
    assert grade("s", accept=["σ"], question="Which symbol is it?").kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("x^2", "x squared", VerdictKind.CORRECT),
        ("x^3", "x cubed", VerdictKind.CORRECT),
        ("x^2", "x cubed", VerdictKind.WRONG),
        ("E = mc^2", "mc^2", VerdictKind.CORRECT),  # the formula the letter stands for
        ("E = mc^2", "E = mc squared", VerdictKind.CORRECT),
        ("E = mc^2", "mc^3", VerdictKind.WRONG),
        ("F = ma", "ma", VerdictKind.CORRECT),
        ("P = NP", "NP", VerdictKind.WRONG),  # no formula the letter stands for
        ("mean squared error", "mean squared error", VerdictKind.CORRECT),  # no power of a term
        ("R-squared", "R squared", VerdictKind.CORRECT),
    ],
)
def test_a_power_said_in_words_and_a_formula_without_its_letter(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it come to?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("P(A|B)", "P(B|A)", VerdictKind.WRONG),
        ("p(x|y)", "p(y|x)", VerdictKind.WRONG),
        ("P(A|B)", "P(A | B)", VerdictKind.CORRECT),
        ("x >= 0", "x <= 0", VerdictKind.WRONG),
        ("x > 0", "x < 0", VerdictKind.WRONG),
        ("x != 0", "x = 0", VerdictKind.WRONG),
        ("p < 0.05", "p > 0.05", VerdictKind.WRONG),
        ("x >= 0", "x ≥ 0", VerdictKind.CORRECT),
        ("x > 0", "0 < x", VerdictKind.CORRECT),  # the same comparison turned about
        ("p < 0.05", "p-value < 0.05", VerdictKind.CORRECT),
        ("lr = 0.001", "lr=0.001", VerdictKind.CORRECT),
    ],
)
def test_a_condition_or_a_comparison_the_other_way_round_is_another(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it say?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("100 ms", "100 s", VerdictKind.WRONG),
        ("100 ms", "100 seconds", VerdictKind.WRONG),
        ("5 ms", "5 μs", VerdictKind.WRONG),
        ("5 ms", "5 ns", VerdictKind.WRONG),
        ("100 ms", "100 milliseconds", VerdictKind.CORRECT),
        ("100 ms", "0.1 s", VerdictKind.CORRECT),
        ("3 days", "72 hours", VerdictKind.CORRECT),  # the same span in another unit
        ("2 weeks", "14 days", VerdictKind.CORRECT),
        ("3 days", "72 hours or a week", VerdictKind.WRONG),
    ],
)
def test_a_span_of_time_is_weighed_in_seconds(accept, response, kind):
    assert grade(response, accept=[accept], question="How long does it take?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "question", "kind"),
    [
        # words joined by "/" are no division: written apart or the other way round they are the same name
        ("TCP/IP", "TCP IP", "Which protocol suite does the internet use?", VerdictKind.CORRECT),
        ("precision/recall", "recall/precision", "Which tradeoff is it?", VerdictKind.CORRECT),
        ("A/B testing", "A B testing", "Which experiment compares two versions of a page?", VerdictKind.CORRECT),
        # an equation that gives a Greek letter its value
        ("α = 0.05", "0.05", "What is the usual significance level?", VerdictKind.CORRECT),
        # "R squared" is a name, not a power of R
        ("R squared", "coefficient of determination", "Which regression metric is it?", VerdictKind.CORRECT),
        # the same signs in another order, and a remark with more signs than the answer
        ("V - E + F = 2", "V + F - E = 2", "What is Euler's formula for polyhedra?", VerdictKind.CORRECT),
        ("1 - p", "1-p (since p + q = 1)", "What is q?", VerdictKind.CORRECT),
        # a strict or a non-strict comparison the same way round
        ("n > 30", "n ≥ 30", "How large must a sample be for the rule of thumb?", VerdictKind.CORRECT),
        # Bayes' theorem holds both conditions
        ("P(A|B) = P(B|A)P(A)/P(B)", "P(B|A)P(A)/P(B)", "What is Bayes' theorem?", VerdictKind.CORRECT),
        ("Σ", "∑", "Which symbol is it?", VerdictKind.CORRECT),
        # a prefix word apart is no typo of the other prefix's compound
        ("macroeconomics", "micro economics", "Which branch of economics is it?", VerdictKind.ALMOST),
        # the question's own span is no answer to a conversion
        ("72 hours", "3 days", "How many hours are in 3 days?", VerdictKind.WRONG),
        # a line named by one letter is no formula of it
        ("y = x", "the x-axis", "Over which line is a function reflected to get its inverse?", VerdictKind.WRONG),
        ("overfitting", "overfitting, need regularisation", "What is it called when a model fits noise?", VerdictKind.CORRECT),
    ],
)
def test_names_and_formulas_that_look_alike_keep_their_verdicts(accept, response, question, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        # a formula's minus sign is no dash before an explanation, nor a break between two items of a list
        ("n - 1", "n", VerdictKind.WRONG),
        ("n - 1", "1", VerdictKind.WRONG),
        ("x - y", "x", VerdictKind.WRONG),
        ("1 - p", "p", VerdictKind.WRONG),
        ("n - 1", "n-1", VerdictKind.CORRECT),
        ("n - 1", "n minus 1", VerdictKind.CORRECT),
        ("n - 1", "n minus one", VerdictKind.CORRECT),
        ("x - 5", "x minus 5", VerdictKind.CORRECT),
        # a sign left out altogether
        ("n - 1", "n 1", VerdictKind.WRONG),
        ("n - 1", "1 n", VerdictKind.WRONG),
        # "/" between two terms divides them: neither is an answer of its own
        ("sigma / sqrt(n)", "sigma", VerdictKind.WRONG),
        ("sigma/sqrt(n)", "sqrt(n)", VerdictKind.WRONG),
        ("TCP / IP", "TCP", VerdictKind.CORRECT),  # two names offered
    ],
)
def test_a_formula_with_a_minus_sign_is_one_answer_and_its_sign_is_part_of_it(accept, response, kind):
    assert grade(response, accept=[accept], question="What does it come to?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("πr^2", "2πr", VerdictKind.WRONG),  # the power's number as a factor
        ("πr^2", "2 pi r", VerdictKind.WRONG),
        ("πr^2", "pi r squared", VerdictKind.CORRECT),  # (the "r" of a formula squared, not "R squared")
        ("πr^2", "π r squared", VerdictKind.CORRECT),
        ("πr^2", "πr²", VerdictKind.CORRECT),
        ("πr^2", "πr2", VerdictKind.CORRECT),  # the power without its mark
        ("x >= 0", "x is greater than or equal to 0", VerdictKind.CORRECT),
        ("x >= 0", "when x is greater than or equal to 0", VerdictKind.CORRECT),
        ("x >= 0", "x is less than or equal to 0", VerdictKind.WRONG),
        ("x >= 0", "x is greater than or equal to 0 or negative", VerdictKind.WRONG),
        ("p < 0.05", "p less than 0.05", VerdictKind.CORRECT),
    ],
)
def test_a_power_kept_and_a_comparison_said_in_words(accept, response, kind):
    assert grade(response, accept=[accept], question="Which formula is it?").kind is kind


@pytest.mark.parametrize(
    ("accept", "response", "kind"),
    [
        ("SGD - stochastic gradient descent", "SGD", VerdictKind.CORRECT),  # a dash before an explanation
        ("L1 / lasso", "lasso", VerdictKind.CORRECT),  # "/" between two names offers either
        ("-40", "40", VerdictKind.WRONG),
        ("5", "minus 5", VerdictKind.WRONG),
        ("R-squared", "R-sqaured", VerdictKind.CORRECT),
        ("p = 0.5", "0.5", VerdictKind.CORRECT),
    ],
)
def test_dashes_and_slashes_that_are_no_signs_keep_their_verdicts(accept, response, kind):
    assert grade(response, accept=[accept], question="Which is it?").kind is kind
