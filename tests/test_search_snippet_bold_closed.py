"""A /search result's snippet is cut to a few hundred characters. Text with no spaces to cut at (Chinese or
Japanese, a long link, a DNA sequence) was cut after the matched word had been put in bold, in the middle of it:
its closing "**" was lost, the open bold paired with the next result's heading, and the rest of the list
rendered inside out (snippets bold, headings plain). Now the cut is made in the plain text, and every matched
word shown is closed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

#: One clause of thirty characters with no space in it: the search index reads it as a single word.
CLAUSE = "这一段说明写得很长而且中间没有任何空格所以一个词就是一整句话"
MATCHED = "注意力机制让模型在生成每个输出时关注输入的每一个部分"


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    """A Chinese deck: three cards whose explanations name the attention mechanism after nine long clauses."""
    folder = tmp_path / "cards"
    folder.mkdir()
    cards = [
        {
            "id": f"concept-{i}",
            "term": f"概念{i}",
            "question": f"什么是概念{i}？",
            "answer": "，".join([CLAUSE] * 9 + [MATCHED, CLAUSE]),
            "accept": [f"概念{i}"],
        }
        for i in range(3)
    ]
    deck = {"deck": "zh", "title": "中文", "cards": cards}
    (folder / "zh.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    return folder


def unescaped_bold_marks(text: str) -> int:
    """How many "**" in ``text`` Discord reads as bold marks (not escaped by a backslash)."""
    n = i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith("**", i):
            n, i = n + 1, i + 2
        else:
            i += 1
    return n


async def test_a_matched_word_cut_in_a_long_snippet_leaves_no_bold_open(env) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    member = guild.add_member(env.create_user("mei"))

    shown = (await member.slash(channel, "search", text="注意力")).response.embeds[0].description or ""

    results = shown.split("\n\n")
    assert len(results) == 3, shown
    for i, result in enumerate(results, 1):
        heading, snippet = result.split("\n", 1)
        assert heading == f"**{i}. 概念{i - 1}**", result
        assert unescaped_bold_marks(snippet) % 2 == 0, snippet  # every bold word shown is closed
        assert "**注意力" in snippet, snippet  # (the matched word is still shown, in bold)
        assert len(snippet) <= 300
    await env.bot.close()
