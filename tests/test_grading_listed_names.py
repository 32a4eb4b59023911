"""A right answer listed beside another name made on its words or letters is a hedge, not a right answer.

A player who types "k-means, c-means" or "AdamW, or Adam" offers two things and lets the grader pick the right
one. The second name is another thing of the field (a known term inside the answer's name, the answer's words
with one changed or reordered, another expansion of the asked acronym, a rejected answer): the response is a
hedge. A remark after the answer, or two names of the same answer, stay right.
"""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind, VerdictReason

KMEANS = {
    "accept": ["k-means", "k-means clustering", "kmeans"],
    "question": "Which algorithm partitions observations into k clusters, each belonging to the cluster with the nearest mean?",
}
RIDGE = {
    "accept": ["ridge regression", "ridge", "Tikhonov regularization"],
    "question": "Which linear regression technique adds the squared L2 norm of the coefficients to the cost?",
}
TSNE = {
    "accept": ["t-SNE", "t-distributed stochastic neighbor embedding"],
    "reject": ["PCA", "UMAP", "SNE"],
    "question": "Which non-linear method maps high-dimensional data to 2 or 3 dimensions for visualization?",
}
ADAMW = {"accept": ["AdamW"], "question": "Which optimizer decouples weight decay from the gradient update?"}
RMSE = {
    "accept": ["root mean squared error", "RMSE"],
    "question": "Which regression metric is the square root of the average squared error?",
}
CNN = {"accept": ["convolutional neural network"], "question": "What does CNN stand for?"}
PPO = {"accept": ["proximal policy optimization"], "question": "What does PPO stand for?"}
ANOVA = {"accept": ["analysis of variance"], "question": "What does ANOVA stand for?"}
HINTON = {"accept": ["Geoffrey Hinton"], "question": "Who shared the 2018 Turing Award with Yoshua Bengio and Yann LeCun?"}
IID = {"accept": ["independent and identically distributed"], "question": "What does i.i.d. stand for?"}


@pytest.mark.parametrize(
    ("card", "response", "offered"),
    [
        (KMEANS, "k-means, c-means", "c-means"),
        (KMEANS, "k-means and c-means", "c-means"),
        (RIDGE, "ridge and bridge regression", "bridge regression"),
        (TSNE, "t-SNE, SNE", "SNE"),
        (TSNE, "t-SNE, or SNE", "SNE"),
        (TSNE, "t-SNE (or SNE)", "SNE"),
        (TSNE, "tSNE or else SNE", "SNE"),
        (ADAMW, "AdamW, or Adam", "Adam"),
        (ADAMW, "AdamW, Adam or both", "Adam"),
        (ADAMW, "AdamW and/or Adam", "Adam"),
        (RMSE, "RMSE, MSE", "MSE"),
        (CNN, "convolutional neural network, cable news network", "cable news network"),
        (CNN, "a convolutional neural network, though it might be cable news network", "cable news network"),
        (PPO, "proximal policy optimization or policy proximal optimization", "policy proximal optimization"),
        (ANOVA, "analysis of variance and analysis of covariance", "analysis of covariance"),
        (ANOVA, "analysis of covariance, analysis of variance", "analysis of covariance"),
    ],
)
def test_a_right_answer_listed_beside_another_name_is_a_hedge(card, response, offered) -> None:
    verdict = grade(response, **card)
    assert verdict.kind is VerdictKind.WRONG
    assert verdict.reason is VerdictReason.HEDGED
    assert verdict.typed == offered  # the feedback quotes the player's own words, nothing unrevealed


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (KMEANS, "k-means, not k-nearest neighbours"),
        (KMEANS, "k-means clustering, k clusters"),
        (KMEANS, "kmeans, k-means"),
        (TSNE, "t-SNE, t-distributed stochastic neighbor embedding"),
        (TSNE, "t-SNE, which is non-linear"),
        (TSNE, "t-SNE - unlike PCA it is non-linear"),
        (RIDGE, "ridge regression, a Tikhonov regularization"),
        (RIDGE, "ridge; bigger alpha, stronger regularization"),
        (ADAMW, "AdamW, e.g. in PyTorch"),
        (HINTON, "Hinton, Geoffrey"),
        (IID, "independent and identically distributed, independent identically distributed"),
        (PPO, "PPO, proximal policy optimization"),
    ],
)
def test_a_remark_or_another_name_of_the_answer_stays_right(card, response) -> None:
    assert grade(response, **card).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("card", "response", "other"),
    [
        (TSNE, "t-SNE, aka SNE", "SNE"),
        (TSNE, "t-SNE, same as SNE", "SNE"),
        (TSNE, "t-SNE (SNE)", "SNE"),
        (ADAMW, "AdamW, which is just Adam", "Adam"),
        (RMSE, "RMSE = MSE", "MSE"),
        (CNN, "convolutional neural network, i.e. cable news network", "cable news network"),
    ],
)
def test_a_right_answer_said_to_be_the_same_as_another_thing_is_wrong(card, response, other) -> None:
    verdict = grade(response, **card)
    assert verdict.kind is VerdictKind.WRONG
    assert other.lower() in (verdict.typed or "").lower()  # named as the player typed it


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (ADAMW, "AdamW, which is an Adam variant"),
        (ADAMW, "AdamW, a type of Adam"),
        (TSNE, "t-SNE, also known as t-distributed stochastic neighbor embedding"),
        (CNN, "convolutional neural network (CNN)"),
        (RIDGE, "ridge, aka Tikhonov regularization"),
        ({"accept": ["Jaccard index"], "question": "Which index is intersection over union of two sets?"},
         "Jaccard index (or Jaccard similarity)"),
    ],
)
def test_a_right_answer_said_to_be_a_kind_or_another_name_of_itself_stays_right(card, response) -> None:
    assert grade(response, **card).kind is VerdictKind.CORRECT
