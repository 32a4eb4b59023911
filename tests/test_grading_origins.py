"""Remarks on where an answer comes from and what else it is: an organisation that did not make it
(``data/orgs.yaml``), a person or year the tables give the card's term otherwise where the answer's own form is
not in them ("sparse" on a card about mixture of experts), and the answer called another known term of the field
("the same thing as RAG", "also known as boosting"); and names inside a clause said of the answer, which are no second
answer. Right answers of the same shapes beside each wrong one. The cards are written for these tests."""

from __future__ import annotations

from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core import shipped
from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

RAG = card(
    "Which technique lets a language model answer from passages it retrieves at query time?",
    "retrieval-augmented generation",
    "RAG",
)


def test_a_remark_crediting_the_answer_to_an_organisation_the_table_does_not_is_wrong():
    # data/orgs.yaml: retrieval-augmented generation comes from Meta (Facebook AI Research)
    assert not accepted(RAG, "retrieval-augmented generation, introduced by OpenAI together with GPT-2")
    assert not accepted(RAG, "RAG, which Google came up with")
    assert accepted(RAG, "RAG, introduced by researchers at Facebook")
    assert accepted(RAG, "retrieval-augmented generation, from Meta AI")
    assert accepted(RAG, "RAG, introduced in 2020")
    squad = card("Which reading-comprehension dataset of questions on Wikipedia articles added unanswerable questions in its second version?", "SQuAD")
    assert not accepted(squad, "SQuAD, which Google released with BERT")
    assert accepted(squad, "SQuAD, made at Stanford")
    # a term the table does not list is not judged
    elbow = card("Which heuristic picks k where the curve of within-cluster variance bends?", "elbow method")
    assert accepted(elbow, "the elbow method, introduced by OpenAI")


def test_an_answer_that_is_not_a_name_of_the_term_is_dated_and_credited_by_the_cards_term():
    # data/years.yaml gives mixture of experts 1991 and 2017; the answer "sparse" itself is in no table
    moe = card(
        "Which kind of mixture of experts activates only a few experts per token?",
        "sparse",
        "sparse mixture of experts",
        term="mixture of experts",
        aliases=("MoE",),
    )
    assert not accepted(moe, "sparse, first proposed by OpenAI in 2023")
    assert not accepted(moe, "sparse, introduced in 2023")
    assert accepted(moe, "sparse, introduced by Shazeer and others in 2017")
    assert accepted(moe, "sparse, since only the routed experts run")
    # a short name of the card is looked up by its longer name ("ridge" by "ridge regression", 1970)
    ridge = card(
        "Which regularized regression adds the squared L2 norm of the coefficients to the loss?",
        "ridge",
        "ridge regression",
        term="ridge regression",
        aliases=("ridge", "Tikhonov regularization"),
    )
    assert not accepted(ridge, "ridge, proposed by Robert Tibshirani in 1996")
    assert accepted(ridge, "ridge, from Hoerl and Kennard in 1970")
    # but not by another name of the card that is another thing ("foundation models" on a transformer card)
    transformer = card(
        "Which architecture, built on self-attention, do most large language models use?",
        "transformer",
        "transformers",
        "foundation models",
        term="transformer",
        aliases=("foundation models",),
    )
    assert accepted(transformer, "foundation models - Stanford researchers coined that name in 2021")
    assert not accepted(transformer, "transformers, introduced in 2021")


def test_an_essay_clause_crediting_the_cards_term_to_another_organisation_is_partial():
    squad2 = Card(
        deck="t",
        id="squad2-essay",
        question="What does SQuAD 2.0 add to the first version?",
        answer="**SQuAD 2.0** adds questions that the paragraph cannot answer, so a system must learn to abstain.",
        term="SQuAD 2.0",
        keypoints=("unanswerable questions | questions with no answer", "abstain | say no answer"),
    )
    said = "it includes questions with no answer, so systems must learn to abstain"
    assert grade_card(squad2, said).kind is VerdictKind.CORRECT
    assert grade_card(squad2, said + "; it was put together at Stanford").kind is VerdictKind.CORRECT
    assert grade_card(squad2, said + "; Google released it together with BERT").kind is VerdictKind.PARTIAL


def test_a_remark_calling_the_answer_another_known_term_is_wrong():
    moe = card(
        "Which family of methods does a mixture of experts belong to, combining several models' outputs?",
        "ensemble learning",
        "ensembles",
    )
    assert not accepted(moe, "ensemble learning - it's the same thing as boosting")
    assert not accepted(moe, "ensemble learning, also known as bagging")
    assert accepted(moe, "ensemble learning, basically several models whose outputs are combined")
    # after "basically" a broader kind often follows: there only a rival of the answer is another thing
    kmeans = card("Which algorithm partitions points into k groups around centroids?", "k-means")
    assert accepted(kmeans, "k-means, basically clustering")
    assert accepted(moe, "ensemble learning, basically bagging with a learned gate")
    temperature = card("Which sampling setting makes a language model's output more random when raised?", "temperature")
    assert not accepted(temperature, "temperature - it's the same thing as the learning rate used in training")
    # said under a condition, it is a case of the answer, not another name for it
    assert accepted(temperature, "temperature; at 0 it's basically greedy decoding")
    # another name of the same thing (data/synonyms.yaml, data/facts.yaml) or one the card says is right
    ridge = card("Which regularization adds the squared L2 norm of the weights to the loss?", "L2 regularization", "ridge")
    assert accepted(ridge, "L2 regularization, also called weight decay")
    assert accepted(ridge, "L2 regularization, also known as Tikhonov regularization")
    rag = explained(
        "Why keep an app's knowledge base outside the language model?",
        "So answers stay accurate without retraining: the app retrieves the relevant text and sends it in a prompt. "
        "This is retrieval-augmented generation (RAG).",
        "no retraining",
        "accurate answers without retraining",
    )
    assert accepted(rag, "no retraining - basically RAG")


def test_every_entry_of_the_organisations_table_is_read_and_names_known_organisations():
    import yaml

    raw = yaml.safe_load(shipped.data_text("orgs.yaml"))["orgs"]
    read = shipped.orgs()
    assert len(read) == len(raw) >= 300
    groups = {str(name).lower() for group in shipped.forms()["organisations"] for name in group}
    assert all(org in groups for _names, by in read for org in by)
    names = [n for entry_names, _by in read for n in entry_names]
    assert all(n == n.lower() for n in names)


def test_a_remark_placing_the_answer_in_another_terms_paper_is_wrong():
    # data/people.yaml: teacher forcing is Williams and Zipser's; the Transformer paper is Vaswani and others'
    forcing = card(
        "During training, what feeds the ground-truth previous word as the next input instead of the model's own?",
        "teacher forcing",
    )
    assert not accepted(forcing, "teacher forcing, introduced in the Transformer paper")
    assert not accepted(forcing, "teacher forcing, from the original 2017 transformer paper")
    assert accepted(forcing, "teacher forcing, described in Williams and Zipser's paper")
    assert accepted(forcing, "teacher forcing - the paper on RNN training by Williams and Zipser")
    # the card's own names
    transformer = card("Which neural architecture do most large language models use?", "transformer", "transformers")
    assert accepted(transformer, "transformers, from the Attention Is All You Need paper")


def test_a_card_without_a_term_is_credited_by_the_terms_its_question_names():
    # data/orgs.yaml: the Switch Transformer is Google's
    switch = Card(
        deck="t",
        id="switch-essay",
        question="Why is the Switch Transformer cheaper to run than a dense model of the same capacity?",
        answer="Only one expert runs per token, so capacity grows **without a proportional increase in computation**.",
        keypoints=("one expert per token | a subset of experts | sparse", "less computation | lower cost"),
    )
    said = "it activates only a few experts per token so it costs less compute"
    assert grade_card(switch, said).kind is VerdictKind.CORRECT
    assert grade_card(switch, said + "; it was built by Google").kind is VerdictKind.CORRECT
    assert grade_card(switch, said + "; it was developed by OpenAI for GPT-3").kind is VerdictKind.PARTIAL


def test_names_inside_a_clause_after_the_answer_are_no_second_answer():
    rlhf = card("Which technique fine-tunes a language model on human preference ratings?", "reinforcement learning from human feedback", "RLHF")
    assert accepted(rlhf, "Reinforcement Learning from Human Feedback - used for InstructGPT / ChatGPT")
    collapse = card("What is the degradation of models trained on the output of earlier models called?", "model collapse")
    assert accepted(collapse, "model collapse - can also come from too much bad or poisoned data")
    # a second answer offered beside it is still one, verb or not
    assert not accepted(rlhf, "RLHF or DPO")
    assert not accepted(rlhf, "RLHF, or is it DPO")
