"""/search finds part of a Chinese, Japanese or Korean word: the search table makes one word of each run of those
characters ("勾配降下法"), so a student who types "勾配" or "学習" (in "過学習") must still find the cards. A card whose
term holds the words comes before one whose explanation does; a card whose answer scores in the server now stays
hidden; both engines answer alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from deck_support import everything
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from world_support import deck_folder, study_with_alice_and_bob  # noqa: F401  (the ``study`` fixture)

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.lookup import LookupService

DECK = """deck: ml-ja
title: 機械学習
cards:
- id: gd
  term: 勾配降下法
  question: 損失を最小にするため、パラメータを少しずつ更新する方法は？
  answer: 損失関数の傾きの逆向きに進む最適化手法。
  accept: [gradient descent]
- id: overfit
  term: 過学習
  question: 訓練データに合わせすぎて未知のデータで性能が落ちることを何と言う？
  answer: モデルが訓練データのノイズまで覚えてしまう状態。
  accept: [overfitting]
- id: lr
  term: 学習率
  question: 一回の更新でパラメータをどれだけ動かすかを決める値は？
  answer: 大きすぎると勾配降下が発散し、小さすぎると遅くなるハイパーパラメータ。
  accept: [learning rate]
- id: backprop
  term: 誤差逆伝播法
  question: ネットワークの各重みについての損失の微分を出力側から順に求める方法は？
  answer: 連鎖律で出力層から入力層へ微分を伝える。
  accept: [backpropagation]
- id: grad-ko
  term: 경사하강법
  question: 손실을 줄이도록 가중치를 조금씩 바꾸는 방법은?
  answer: 기울기의 반대 방향으로 이동하는 최적화 방법이다.
  accept: [gradient descent ko]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"ml-ja.yaml": DECK})


def headings(reply) -> list[str]:
    """The numbered card headings of a /search reply, in order."""
    return re.findall(r"\*\*\d+\. (.+?)\*\*", reply.response.embeds[0].description or "")


async def test_part_of_a_chinese_or_japanese_word_is_found(study) -> None:
    channel, alice, _ = study
    found = await alice.slash(channel, "search", text="勾配")
    # The card named by it first (its term holds it), then the card whose explanation does ("勾配降下").
    assert headings(found) == ["勾配降下法", "学習率"]
    assert "**勾配**" in found.response.embeds[0].description  # the part found is in bold
    overfit = await alice.slash(channel, "search", text="学習")
    assert set(headings(overfit)) == {"過学習", "学習率"}
    assert headings(await alice.slash(channel, "search", text="경사")) == ["경사하강법"]


async def test_every_part_typed_is_required_before_any(study) -> None:
    channel, alice, _ = study
    assert headings(await alice.slash(channel, "search", text="勾配 発散")) == ["学習率"]
    # Nothing holds both: any of them, as for words in other scripts.
    assert set(headings(await alice.slash(channel, "search", text="勾配 微分"))) == {"勾配降下法", "学習率", "誤差逆伝播法"}


async def test_a_card_whose_question_is_open_is_not_found_by_part_of_a_word(env, study) -> None:
    channel, alice, bob = study
    services = env.bot.tutor_services
    every = headings(await bob.slash(channel, "search", text="の"))  # every Japanese card holds it
    assert len(every) == 4
    await alice.slash(channel, "quiz", seconds=30)
    (asked,) = services.quiz.open_cards_in(channel.guild.id)
    term = services.catalog.card(asked).term
    # (the asked card, and a card of another deck with the same answer or name, which would give it away)
    hidden = {card.term for key in services.quiz.hidden_now(channel.guild.id) if (card := services.catalog.card(key))}
    assert term in hidden
    while_open = headings(await bob.slash(channel, "search", text="の"))
    assert sorted(while_open) == sorted(t for t in every if t not in hidden)
    assert term not in everything(await bob.slash(channel, "search", text=term[1:3]))  # a part of its term
    assert env.errors == []


async def test_both_engines_find_the_same_cards(engine: Engine, tmp_path: Path) -> None:
    folder = deck_folder(tmp_path, {"ml-ja.yaml": DECK})
    lookup = LookupService(catalog=Catalog(load_decks(folder)), store=await engine.open())
    await lookup.start()
    try:
        assert [h.card.term for h in await lookup.search("勾配")] == ["勾配降下法", "学習率"]
        assert [h.card.term for h in await lookup.search("伝播")] == ["誤差逆伝播法"]
        hit = (await lookup.search("ノイズ"))[0]
        assert hit.card.term == "過学習" and "ノイズ" in hit.plain_snippet  # the explanation's words around it
    finally:
        await lookup.close()
