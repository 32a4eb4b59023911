"""YAML read safely: plain data only (a safe loader), and no "alias bomb".

A YAML alias (``*name``) repeats the node anchored as ``&name``; nested aliases multiply, so a few
hundred bytes can stand for billions of nodes ("billion laughs"). PyYAML builds such a document as
shared references, cheaply, but any code that walks it (validating, counting, writing it back) walks
every repetition. ``load_yaml`` first counts the nodes the document expands to, from the parser's
events (nothing is built), and refuses it past ``max_nodes``; a document without both ``&`` and ``*``
has no alias and is not counted.

This module depends on nothing else in the project, so the deck validator can use it too.
"""

from __future__ import annotations

import logging
from typing import Any

import yaml

from bot.core.decks import Problem, load_yaml_data

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_NODES", "UnsafeYaml", "expanded_nodes", "load_yaml"]

#: libyaml's parser when PyYAML was built with it, else PyYAML's own; both safe (plain data only).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_MAX_NODES = 200_000


class UnsafeYaml(ValueError):
    """A YAML document refused before it is built: it expands to too many nodes through its aliases."""

    def __init__(self, name: str, nodes: int, limit: int) -> None:
        self.name, self.nodes, self.limit = name, nodes, limit
        super().__init__(
            f"{name}: the YAML's aliases (*name) expand it to more than {limit:,} nodes"
            f" (at least {nodes:,}); refused as an alias bomb — write the repeated parts out"
        )


def expanded_nodes(text: str, limit: int) -> int:
    """How many nodes ``text`` stands for once every alias is expanded; stops counting past ``limit``.

    Raises ``yaml.YAMLError`` when the text is not YAML.
    """
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # [expanded size so far, anchor]
    total = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([1, event.anchor])
            total += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            size, anchor = stack.pop()
            if anchor:
                sizes[anchor] = size
            if stack:
                stack[-1][0] += size
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            size = 1 if isinstance(event, yaml.ScalarEvent) else sizes.get(event.anchor or "", 1)
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                sizes[event.anchor] = 1
            if stack:
                stack[-1][0] += size
            total += size
        if total > limit:
            return total
    return total


def load_yaml(text: str, name: str, *, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[Any, list[Problem]]:
    """The data of a YAML document (plain types only) and a problem for each key written twice in one mapping
    (``decks.load_yaml_data``); ``UnsafeYaml`` for an alias bomb, naming ``name``.

    Raises ``yaml.YAMLError`` when the text is not YAML (its ``problem_mark`` says where), or holds a value
    Python cannot hold (a number of more than 4,300 digits).
    """
    if "&" in text and "*" in text:
        nodes = expanded_nodes(text, max_nodes)
        if nodes > max_nodes:
            raise UnsafeYaml(name, nodes, max_nodes)
    try:
        return load_yaml_data(text, name)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(problem=str(exc).split(";")[0]) from exc
