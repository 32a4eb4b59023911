"""The decks in memory: cards by key, topics (tags and deck names), and topic suggestions (closest to what
was typed first, every topic when nothing is close), as each server sees them.

The decks of ``cards/`` are global: every server sees them unless it turned one off. A deck a server
imported belongs to it (its ``owner``) and no other server sees it. ``Catalog.view(guild_id)`` is what
one server sees right now (None: a direct message or the terminal, the global decks only); it is built
on first use and kept until a change touches that server (``put_deck``, ``drop_deck``, ``set_enabled``),
which also tells the subscribers (``subscribe``: the lookup index, the grader's preparation).

Users name a deck by its *name*: a global deck's id, or a server deck's name (its id without the suffix
that keeps two servers' decks of the same name apart). A deck's topic is its name. A deck file added with
the name of a deck a server imported before (``shared_name``) is known in that server as ``<name> (shared)``:
the server's own deck keeps the name it had, and its history; other servers see the shared deck as before.

The ``Catalog``'s own read API (``decks``, ``askable``, ``topics``, ``topic_cards`` ...) is the global
view; ``card(key)`` and ``cards`` hold every loaded card of every deck (to resolve the card of a stored
answer, whichever server it was given in). Everything is read from memory, never the database.

Each deck's cards are also kept by name (term and aliases, folded), built with the deck: a view tells which of
its cards share a name with a card being asked (``CatalogView.same_names``: they share its answer, so they are
hidden with it) in a few dictionary reads, with no term index built (``bench/bench_twins.py``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz

from bot.core.models import SHARED_SUFFIX, Card, Deck
from bot.core.text import fold

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CatalogChange:
    """What changed: ``kind`` is ``"put"`` (a deck added or replaced), ``"drop"`` (a deck removed) or
    ``"enabled"`` (a server turned a deck on or off); ``guild_id`` is the server it concerns (the owner
    of a server deck; None for a global deck, which concerns every server)."""

    kind: str
    deck_id: str
    guild_id: int | None
    enabled: bool = True


class _DeckTopics:
    """One deck's share of the topics: its askable cards under its name and under each tag."""

    __slots__ = ("askable", "name", "topics")

    def __init__(self, deck: Deck, name: str) -> None:
        self.name = name
        topics: dict[str, list[Card]] = defaultdict(list)
        for card in deck.cards:
            if card.askable:
                topics[name].append(card)
                for tag in card.tags:
                    if tag != name and tag != deck.id:
                        topics[tag].append(card)
        self.topics = dict(topics)
        #: The deck's askable cards, in deck order.
        self.askable: list[Card] = self.topics.get(name, [])


#: One deck's cards by name (``_deck_names``): a folded term or alias -> the key of the card of that name, or the
#: keys of the cards, when several of the deck have it; and ``ASKED_BACK`` + a card's key -> the cards that ask it
#: the other way round.
DeckNames = dict[str, str | tuple[str, ...]]
#: What starts the entries of ``DeckNames`` that pair a card with the cards asking it the other way round (no folded
#: name starts so).
ASKED_BACK = "\x00"
#: The most cards of one explanation paired so (a deck of many "True" answers pairs none: such a group is no term
#: asked both ways, and pairing it would take time in the square of its size).
ASKED_BACK_GROUP = 8


#: What starts the entries of ``DeckNames`` that pair a card with the cards of its deck whose text (``_text_shown``)
#: states one of its answers (``_answers_told``: "The Switch Transformer is a mixture-of-experts model" on the card
#: of its cost, for "What type of model is the Switch Transformer?"), and with those whose answer its own text
#: states.
STATED = "\x01"
#: The longest accepted answer (in words) looked for in the other cards' text.
STATED_WORDS = 6
#: An answer stated in more of a deck's cards than this is a word of the whole deck's subject ("attention" in a
#: deck on transformers): not looked for (hiding that many cards would leave a quiz little to ask).
STATED_MOST = 40
#: Answers too common to tell anything.
_UNTELLING = frozenset({"yes", "no", "true", "false", "none", "both", "neither", "all"})


#: What starts the entries of ``DeckNames`` that name, for a card, the cards whose answer its own text states,
#: each as ``BY_QUESTION`` or ``BY_TERM`` (the way it is asked whose answer is stated) and its key: once its
#: question and reveal are on screen, those are not to be asked that way.
TOLD = "\x02"
#: What starts the entries of ``DeckNames`` that give, for an accepted answer (folded), the cards accepting it:
#: a card of another deck that has the answer, or the name, of a card asked is hidden while it is asked (its
#: question or reveal would give that answer away), as a card of the deck stating it is (``STATED``).
ANSWERED = "\x03"
#: The entry of an accepted answer that more than ``STATED_MOST`` cards of a deck accept: a word of its whole
#: subject, looked for in no other deck (no card key is empty).
TOO_MANY = ""
BY_QUESTION = "q"
BY_TERM = "t"
#: The directions a card is asked in (``prompts.QUESTION``, ``prompts.TERM``: the catalog does not import prompts).
QUESTION_WAY = "question"
TERM_WAY = "term"


def _answers_told(card: Card) -> Iterator[tuple[str, str]]:
    """What answers a card, and in which direction: its accepted answers and each way of making one of its key
    points (an essay's) in two words or more (a word alone, "layers", is said of half a deck and makes a point of
    an essay only beside the others), asked by its question; its term and other names, asked by its term prompt
    ("_____ stands for ..."), and by its question too where the grader takes them there (a card with no accepted
    answer, or whose accepted answers name its term)."""
    for answer in card.accept:
        yield answer, BY_QUESTION
    for point in card.keypoints:
        for way in point.split("|"):
            if len(way.split()) >= 2:
                yield way, BY_QUESTION
    named = not card.accept or (card.term is not None and fold(card.term) in {fold(a) for a in card.accept})
    for name in card.names:
        yield name, BY_TERM
        if named:
            yield name, BY_QUESTION


def _text_shown(card: Card) -> str:
    """What a card shows of itself, folded: its question and explanation, and what its reveal names (its term
    with the aliases shown beside it, its first accepted answer, its key points' first ways)."""
    shown = [card.question, card.answer, *card.names[:4], *card.accept[:1]]
    shown += [point.split("|", 1)[0] for point in card.keypoints]
    return " | ".join(fold(part) for part in shown)


def _stated_answers(cards: dict[str, Card], names: DeckNames) -> None:
    """Add to ``names`` the pairs of cards of which one states an answer of the other (``STATED`` + the
    key of either): while one is asked, the other is hidden (the text of the one stating it gives the answer away,
    in a lookup or in its reveal; and the one whose answer is stated is not asked while the other's question,
    reveal or daily reveal may show it). The answers are found by their first word and their length: a
    dictionary read or two per word of each card's text, however many answers start with the same word
    ("the ...")."""
    by_first: dict[str, dict[tuple[str, ...], list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for key, card in cards.items():
        for answer, way in dict.fromkeys((fold(a), way) for a, way in _answers_told(card)):
            words = tuple(answer.split())
            if (
                0 < len(words) <= STATED_WORDS and len(answer) >= 2 and answer not in _UNTELLING
                and any(ch.isalpha() for ch in answer)
            ):
                by_first[words[0]][words].append((key, way))
    if not by_first:
        return
    lengths = {first: sorted({len(p) for p in phrases}) for first, phrases in by_first.items()}
    stated: dict[str, set[str]] = defaultdict(set)  # answering card -> the cards stating its answer
    told: dict[str, set[tuple[str, str]]] = defaultdict(set)  # stating card -> (answering card, way) it states
    for key, card in cards.items():
        text = _text_shown(card).split()
        for i, word in enumerate(text):
            phrases = by_first.get(word)
            if phrases is None:
                continue
            for size in lengths[word]:
                for other, way in phrases.get(tuple(text[i : i + size]), ()):
                    if other != key:
                        stated[other].add(key)
                        told[key].add((other, way))
    for key, pairs in told.items():
        entries = tuple(way + other for other, way in sorted(pairs) if len(stated[other]) <= STATED_MOST)
        if entries:
            names[TOLD + key] = entries[0] if len(entries) == 1 else entries
    for other, keys in stated.items():
        if len(keys) > STATED_MOST:
            continue
        for key in sorted(keys):
            # (both ways: while one is asked, the other is not asked either, so that neither's reveal, a daily one
            # too, or question on screen gives the other's answer while it scores)
            for name, pair in ((STATED + other, key), (STATED + key, other)):
                had = names.get(name)
                if had is None or (pair != had if isinstance(had, str) else pair not in had):
                    _add_name(names, name, pair)


def _add_name(names: DeckNames, name: str, key: str) -> None:
    found = names.get(name)
    if found is None:
        names[name] = key
    elif isinstance(found, str):
        names[name] = (found, key)
    else:
        names[name] = (*found, key)


def _deck_names(cards: dict[str, Card]) -> DeckNames:
    """A deck's cards by name (each term and alias, folded as the term index folds them), from its cards by key:
    what tells which cards share a name with a card being asked, in any server, with no term index built.

    A term asked both ways (an imported term/definition pair: "Which term is this? <definition>" and its reverse
    card "What is <term>?") is two cards of one explanation, the one naming in its question the other's answer:
    each is kept under ``ASKED_BACK`` + the other's key, as they give each other's answer away."""
    names: DeckNames = {}
    # (only the explanations of cards with no term can pair: the others' are grouped only when one of those has it)
    backs: dict[str, list[Card]] = defaultdict(list)
    answered: dict[str, list[str]] = defaultdict(list)
    for key, card in cards.items():
        own = card_names(card)
        for name in own:
            _add_name(names, name, key)
        for answer in _telling_answers(card):
            if answer not in own:  # (a name is found as one: ``CatalogView._answered_elsewhere``)
                answered[answer].append(key)
        if not card.term and (text := card.answer.strip()):
            backs[text].append(card)
    for answer, keys in answered.items():
        names[ANSWERED + answer] = TOO_MANY if len(keys) > STATED_MOST else keys[0] if len(keys) == 1 else tuple(keys)
    _stated_answers(cards, names)
    if not backs:
        return names
    by_text: dict[str, list[Card]] = defaultdict(list)
    for card in cards.values():
        if card.term and (alike := backs.get(card.answer.strip())) is not None:
            if not by_text[card.answer.strip()]:
                by_text[card.answer.strip()].extend(alike)
            by_text[card.answer.strip()].append(card)
    for alike in by_text.values():
        named = [c for c in alike if c.term]
        for back in alike if named and 1 < len(alike) <= ASKED_BACK_GROUP else ():
            if back.term:
                continue
            asked = f" {fold(back.question)} "
            for card in named:
                if any(f" {name} " in asked for name in card_names(card)):  # (whole words: "ai" is not in "said")
                    _add_name(names, ASKED_BACK + card.key, back.key)
                    _add_name(names, ASKED_BACK + back.key, card.key)
    return names


def _telling_answers(card: Card) -> list[str]:
    """A card's accepted answers (folded, each once) that tell something when shown: of letters, not "yes" or
    "true", and short enough to be looked for (``STATED_WORDS``)."""
    out: list[str] = []
    for answer in card.accept:
        folded = fold(answer)
        if (
            folded not in out and len(folded) >= 2 and folded not in _UNTELLING
            and 0 < len(folded.split()) <= STATED_WORDS and any(ch.isalpha() for ch in folded)
        ):
            out.append(folded)
    return out


def card_names(card: Card) -> list[str]:
    """The names a card is known by (its term and aliases, folded, each once)."""
    names: list[str] = []
    for name in (card.term, *card.aliases):
        folded = fold(name) if name else ""
        if folded and folded not in names:
            names.append(folded)
    return names


#: What ends the name of a deck the server removed, beside a shared deck that has its name now.
REMOVED_SUFFIX = " (removed)"


def removed_name(name: str) -> str:
    """The name a server's own deck it removed is shown by beside a shared deck of its name (which now has it)."""
    return name + REMOVED_SUFFIX


def shared_name(name: str) -> str:
    """The name a server knows a shared deck by when one of its own decks has the shared deck's name (a server
    deck's name is lowercase letters, digits and '-': this one can be no deck's own name)."""
    return name + SHARED_SUFFIX


def _deck_name(deck: Deck, owner: int | None, name: str | None) -> str:
    """The name users call a deck: ``name`` if given, else a global deck's id or a server deck's id without
    its suffix."""
    if name is not None:
        return name
    return deck.id if owner is None else deck.id.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class PreparedDeck:
    """A deck as the catalog holds it (``Catalog.prepare``): its name, topics, cards by key and by name."""

    deck: Deck
    name: str
    topics: _DeckTopics
    cards: dict[str, Card]
    names: DeckNames


class CatalogView:
    """What one server sees: its decks (global ones it did not turn off, and its own), their cards and
    topics. Built by ``Catalog.view``; read-only."""

    def __init__(self, catalog: Catalog, decks: dict[str, Deck], names: dict[str, str]) -> None:
        self._catalog = catalog
        #: Deck id -> deck, for every deck this server sees.
        self.decks = decks
        #: Deck id -> the name users see and type.
        self.names = names
        self._by_name = {name: deck_id for deck_id, name in names.items()}
        # A topic is kept as the lists of the decks that have it (each deck's list is never changed once
        # built, so shared), joined only when a topic's cards are asked for: copying the lists of topics
        # several decks share, or walking a 100,000-card deck's cards, would stall the event loop each
        # time a server's view is built.
        parts: dict[str, list[list[Card]]] = {}
        sizes: dict[str, int] = {}
        for deck_id in decks:
            own = names.get(deck_id)
            deck_topics = catalog._topics[deck_id]
            for topic, cards in deck_topics.topics.items():
                if topic == deck_topics.name:
                    topic = own or topic  # (a shared deck known here by another name: ``shared_name``)
                elif topic in self._by_name:
                    continue  # a tag that is another deck's name here: that topic means that deck alone
                found = parts.get(topic)
                if found is None:
                    parts[topic] = [cards]
                    sizes[topic] = len(cards)
                else:
                    found.append(cards)
                    sizes[topic] += len(cards)
        self._parts = parts
        self._sizes = sizes
        # (Each deck's askable cards as this view was built: the catalog may have changed deck since.)
        self._askable_parts = [catalog._topics[d].askable for d in decks]
        self._askable: list[Card] | None = None
        # (Each deck's cards by name as this view was built.)
        self._name_parts = [catalog._names_of[d] for d in decks]
        self._name_decks = list(decks)
        self.topics: list[str] = sorted(sizes, key=lambda t: (-sizes[t], t))
        #: The decks seen, as a set: equal keys, equal views (the lookup index is shared by them).
        self.key: frozenset[str] = frozenset(decks)

    @property
    def askable(self) -> list[Card]:
        """The askable cards of the decks seen, in deck order (joined on first use, then kept: a view
        never changes once built)."""
        found = self._askable
        if found is None:
            found = self._askable = list(chain.from_iterable(self._askable_parts))
        return found

    def sees(self, deck_id: str) -> bool:
        """Whether this server sees the deck (by id)."""
        return deck_id in self.decks

    def card(self, key: str) -> Card | None:
        """The card with this key (``deck:card``) if this server sees it, else None."""
        card = self._catalog.cards.get(key)
        return card if card is not None and card.deck in self.decks else None

    def same_names(self, keys: frozenset[str], *, stated: bool = True) -> frozenset[str]:
        """``keys`` and the keys of the cards seen that share a name (a term or an alias) with the card of one of
        them: the same term in two decks has the same answer; and those asking one of them the other way round
        (``_deck_names``), which give its answer away in their question. From each deck's cards by name, built with
        the deck: a few dictionary reads per key, whatever the size of the decks."""
        # The cards asking one of ``keys`` the other way round, then the cards sharing a name with any of those,
        # then the cards asking those the other way round (a pair of the same term imported in two decks).
        asked = self._asked_back(keys)
        named = set(asked)
        cards = self._catalog.cards
        for key in asked:
            card = cards.get(key)
            if card is None:
                continue
            for name in card_names(card):
                for names in self._name_parts:
                    twin = names.get(name)
                    if twin is not None:
                        named.update((twin,) if isinstance(twin, str) else twin)
        found = self._asked_back(named - asked) | named
        found |= self._answered_elsewhere(asked)
        # (and, unless ``stated`` is False, the cards whose text states the answer of one of those, or whose answer
        # one of those states)
        for key in list(found) if stated else ():
            for names in self._name_parts:
                told = names.get(STATED + key)
                if told is not None:
                    found.update((told,) if isinstance(told, str) else told)
        return frozenset(found) if len(found) > len(keys) else keys

    def told(self, keys: frozenset[str]) -> frozenset[tuple[str, str]]:
        """The (card key, direction) questions that the question and reveal of the cards ``keys`` give away, asked
        after them: both ways of the cards of the same name or asking one of them the other way round
        (``same_names``), and the way of asking each card whose answer their text states (``TOLD``): a card
        whose term it states is not asked by its term, but still by its question."""
        found = {(key, way) for key in self.same_names(keys, stated=False) for way in (QUESTION_WAY, TERM_WAY)}
        for key in keys:
            for names in self._name_parts:
                said = names.get(TOLD + key)
                for entry in (said,) if isinstance(said, str) else said or ():
                    found.add((entry[1:], QUESTION_WAY if entry[0] == BY_QUESTION else TERM_WAY))
        return frozenset(found)

    def _answered_elsewhere(self, keys: Iterable[str]) -> set[str]:
        """The cards of the other decks seen that have an answer of one of ``keys`` among theirs, or as a name, or
        an answer that is one of their names: shown on either, it is the other's answer. (In a card's own deck,
        ``STATED`` pairs them.) An answer that many cards have is a word of the whole subject: not looked for."""
        found: set[str] = set()
        cards = self._catalog.cards
        for key in keys:
            card = cards.get(key)
            if card is None:
                continue
            others = [names for deck, names in zip(self._name_decks, self._name_parts, strict=True) if deck != card.deck]
            if not others:
                continue
            own = self._catalog._names_of.get(card.deck, {})
            # (an answer its own deck has too many cards of is a word of that deck's whole subject: not looked for)
            answers = [a for a in _telling_answers(card) if own.get(ANSWERED + a) != TOO_MANY]
            # (another card's accepted answer or name, for each answer; another card's accepted answer, for each name)
            looked = [*(ANSWERED + a for a in answers), *answers, *(ANSWERED + n for n in card_names(card))]
            for said in dict.fromkeys(looked):
                twins: set[str] = set()
                for names in others:
                    twin = names.get(said)
                    if twin == TOO_MANY:
                        break
                    if twin is not None:
                        twins.update((twin,) if isinstance(twin, str) else twin)
                        if len(twins) > STATED_MOST:
                            break
                else:
                    found |= twins
        return found

    def _asked_back(self, keys: Iterable[str]) -> set[str]:
        """``keys`` and the cards of the decks seen that ask one of them the other way round (``_deck_names``)."""
        found = set(keys)
        for key in list(found):
            for names in self._name_parts:
                back = names.get(ASKED_BACK + key)
                if back is not None:
                    found.update((back,) if isinstance(back, str) else back)
        return found

    def cards(self) -> Iterable[Card]:
        """Every card of the decks seen (incomplete ones too)."""
        for deck in self.decks.values():
            yield from deck.cards

    def deck_named(self, name: str) -> Deck | None:
        """The deck seen under this name, if any."""
        deck_id = self._by_name.get(name.strip().lower())
        return None if deck_id is None else self.decks.get(deck_id)

    def topic_cards(self, topic: str | None) -> list[Card] | None:
        """Askable cards of a topic (a tag or a deck name); all askable cards for None; None if unknown."""
        if topic is None or not topic.strip():
            return list(self.askable)
        found = self._parts.get(topic.strip().lower())
        return None if found is None else list(chain.from_iterable(found))

    def topic_size(self, topic: str) -> int:
        """How many askable cards a topic has (0 for an unknown topic)."""
        return self._sizes.get(topic, 0)

    def suggest_topics(self, query: str, limit: int = 25) -> list[str]:
        """Topics for what was typed, closest first (see ``topic_hint``); when nothing is close, every
        topic, biggest first. At most ``limit``."""
        return list(self.topic_hint(query, limit).topics)

    def topic_hint(self, query: str, limit: int = 25) -> TopicHint:
        """The topics to offer for ``query`` (an autocomplete prefix, or a topic that does not exist).

        Close topics first, closest first: the topic itself, topics it starts (or starts a part of, as
        "analysis" in "sentiment-analysis"), then near spellings (``fuzz.ratio``); only those within a
        few points of the closest, so "atention" offers "attention" and not every topic sharing a few
        letters. When nothing is close (or nothing was typed), every topic, biggest first, and
        ``close`` is false. ``total`` is how many topics there are: a surface can say how many it left out.
        """
        limit = max(1, limit)
        q = " ".join(query.strip().lower().split())
        total = len(self.topics)
        if q:
            scored = [(closeness(q, t), t) for t in self.topics]
            top = max((score for score, _ in scored), default=0.0)
            if top >= TOPIC_CLOSE:
                floor = max(TOPIC_CLOSE, top - TOPIC_MARGIN)
                close = sorted(
                    ((score, t) for score, t in scored if score >= floor),
                    key=lambda st: (-st[0], -self.topic_size(st[1]), st[1]),
                )
                return TopicHint(tuple(t for _, t in close[:limit]), close=True, total=total)
        return TopicHint(tuple(self.topics[:limit]), close=False, total=total)


class Catalog:
    """Every loaded deck and card, and what each server sees of them (``view``).

    Built at start-up from the deck files (global decks); the service layer adds the servers' decks
    (``put_deck``) and the decks each server turned off (``set_enabled``) from the database.
    """

    def __init__(self, decks: Iterable[Deck]) -> None:
        self._decks: dict[str, Deck] = {}
        self._owners: dict[str, int | None] = {}
        self._names: dict[str, str] = {}
        self._topics: dict[str, _DeckTopics] = {}
        self._cards_of: dict[str, dict[str, Card]] = {}  # each deck's cards by key, as ``_add`` took them
        self._names_of: dict[str, DeckNames] = {}  # each deck's cards by name (``_deck_names``)
        self._own: dict[int, dict[str, None]] = {}
        self._disabled: dict[int, set[str]] = {}
        self._views: dict[int | None, CatalogView] = {}
        self._subscribers: list[Callable[[CatalogChange], None]] = []
        #: Every loaded card of every deck, by key.
        self.cards: dict[str, Card] = {}
        for deck in decks:
            self._add(deck, None)

    # -- what a server sees ----------------------------------------------------------------------
    def view(self, guild_id: int | None) -> CatalogView:
        """What the server ``guild_id`` sees right now (None: the global decks only)."""
        found = self._views.get(guild_id)
        if found is not None:
            return found
        if guild_id is not None and guild_id not in self._own and not self._disabled.get(guild_id):
            return self.view(None)  # nothing of its own: the global view, shared
        off = self._disabled.get(guild_id, set()) if guild_id is not None else set()
        ids = [d for d, owner in self._owners.items() if owner is None and d not in off]
        if guild_id is not None:
            ids += [d for d in self._own.get(guild_id, ()) if d not in off]
        view = CatalogView(self, {d: self._decks[d] for d in ids}, {d: self.name_in(guild_id, d) for d in ids})
        self._views[guild_id] = view
        return view

    def tagged_elsewhere(self, tag: str, deck_id: str, guild_id: int | None) -> bool:
        """Whether a card of another deck the server ``guild_id`` may have answered (a global deck, or one of its
        own, turned off or not) carries ``tag``: a deck's name that is also such a tag (stored topic rows count
        both)."""
        return any(
            tag in topics.topics
            for other, topics in self._topics.items()
            if other != deck_id and self._owners.get(other) in (None, guild_id)
        )

    def owner(self, deck_id: str) -> int | None:
        """The server that owns a deck (None for a global deck, or an unknown one)."""
        return self._owners.get(deck_id)

    def name(self, deck_id: str) -> str:
        """The name users see for a deck (its id for a global deck)."""
        return self._names.get(deck_id, deck_id)

    def name_in(self, guild_id: int | None, deck_id: str) -> str:
        """The name the server ``guild_id`` knows a deck by: its name, or for a shared deck whose name one of the
        server's own decks has (turned off or not), ``shared_name`` (the server's deck was there first)."""
        name = self.name(deck_id)
        if guild_id is not None and self._owners.get(deck_id) is None and self._owns_name(guild_id, name):
            return shared_name(name)
        return name

    def _owns_name(self, guild_id: int, name: str) -> bool:
        return any(self._names[d] == name for d in self._own.get(guild_id, ()))

    def name_clashes(self) -> dict[str, int]:
        """The shared decks whose name a server's own deck has: name -> how many servers have such a deck."""
        shared = {self._names[d] for d, owner in self._owners.items() if owner is None}
        found: dict[str, int] = {}
        for own in self._own.values():
            for name in {self._names[d] for d in own} & shared:
                found[name] = found.get(name, 0) + 1
        return dict(sorted(found.items()))

    def label(self, card: Card, guild_id: int | None = None) -> str:
        """A card's key as users know its deck: ``deck name:card id`` (``biology-101:osmosis``; the key itself
        for a deck file's card). A server's deck is stored under its name and a suffix, never shown. With
        ``guild_id``: the deck as that server knows it (``biology (shared):osmosis`` for a shared deck whose
        name the server's own deck has), so two decks of one name never give their cards one label."""
        return f"{self.name_in(guild_id, card.deck)}:{card.id}"

    def stored_label(self, guild_id: int | None, deck_name: str, card_id: str, *, shared: bool) -> str:
        """``label`` for a card no longer in the catalog, by its deck's name as last stored: a shared deck's
        (``shared``) is named ``shared_name`` in a server whose own deck has its name; a server's own deck it
        removed, ``removed_name``, where a shared deck of that name is the one the server knows by it now."""
        if shared and guild_id is not None and self._owns_name(guild_id, deck_name):
            deck_name = shared_name(deck_name)
        elif not shared and guild_id is not None and not self._owns_name(guild_id, deck_name) and (
            self.owner(deck_name) is None and self.deck(deck_name) is not None
        ):
            deck_name = removed_name(deck_name)
        return f"{deck_name}:{card_id}"

    def deck(self, deck_id: str) -> Deck | None:
        """A loaded deck by id, whoever owns it."""
        return self._decks.get(deck_id)

    def askable_count(self, deck: Deck) -> int:
        """How many of the deck's cards can be asked (counted when the deck was loaded, for a loaded one)."""
        topics = self._topics.get(deck.id)
        if topics is not None and self._decks.get(deck.id) is deck:
            return len(topics.askable)
        return sum(1 for c in deck.cards if c.askable)

    def all_decks(self) -> dict[str, Deck]:
        """Every loaded deck by id (global and every server's)."""
        return dict(self._decks)

    def owned(self, guild_id: int) -> list[Deck]:
        """The decks a server owns, in the order they were added."""
        return [self._decks[d] for d in self._own.get(guild_id, ())]

    def customised(self) -> list[int]:
        """The servers that see something else than the global decks (own decks, or decks turned off)."""
        return sorted(set(self._own) | {g for g, off in self._disabled.items() if off})

    def disabled(self, guild_id: int) -> set[str]:
        """The deck ids a server turned off."""
        return set(self._disabled.get(guild_id, ()))

    def named(self, guild_id: int | None, name: str) -> Deck | None:
        """The deck a server knows by ``name`` (its own first, then a global one: under ``shared_name`` when the
        server has a deck of its own by its name), enabled or not."""
        key = " ".join(name.strip().lower().split())
        if guild_id is not None:
            for deck_id in self._own.get(guild_id, ()):
                if self._names[deck_id] == key:
                    return self._decks[deck_id]
        deck_id = key.removesuffix(SHARED_SUFFIX)
        deck = self._decks.get(deck_id)
        if deck is None or self._owners.get(deck_id) is not None or self.name_in(guild_id, deck_id) != key:
            return None
        return deck

    # -- runtime changes -------------------------------------------------------------------------
    @staticmethod
    def prepare(deck: Deck, owner: int | None, name: str | None = None) -> PreparedDeck:
        """What ``put_deck`` builds from a deck (its topics, its cards by key and by name), built ahead: it walks every
        card, so call it in a worker thread for a large deck and pass the result to ``put_deck``."""
        name = _deck_name(deck, owner, name)
        cards = {card.key: card for card in deck.cards}
        return PreparedDeck(deck, name, _DeckTopics(deck, name), cards, _deck_names(cards))

    def put_deck(
        self, deck: Deck, owner: int | None, name: str | None = None, *, prepared: PreparedDeck | None = None
    ) -> None:
        """Add a deck, or replace the one with its id (a re-import), owned by ``owner`` (None: global).

        ``name`` is what users call it (default: the id for a global deck, the id without its suffix for a
        server's deck). ``prepared`` (``prepare``, for this deck and name) saves walking its cards here."""
        if prepared is None or prepared.deck is not deck or prepared.name != _deck_name(deck, owner, name):
            prepared = self.prepare(deck, owner, name)
        if deck.id in self._decks:
            # (A re-import keeps most keys: those ``_add`` writes again are left in place, not taken out.)
            self._remove(deck.id, keep=prepared.cards)
        self._add(deck, owner, name, prepared)
        self._changed(CatalogChange("put", deck.id, owner))

    def drop_deck(self, deck_id: str) -> None:
        """Remove a deck from memory (its cards are no longer asked, defined or searched)."""
        if deck_id not in self._decks:
            return
        owner = self._owners.get(deck_id)
        self._remove(deck_id)
        self._changed(CatalogChange("drop", deck_id, owner))

    def set_enabled(self, guild_id: int, deck_id: str, enabled: bool) -> None:
        """Turn a deck on or off for one server."""
        off = self._disabled.setdefault(guild_id, set())
        if enabled:
            off.discard(deck_id)
            if not off:
                del self._disabled[guild_id]
        else:
            off.add(deck_id)
        self._changed(CatalogChange("enabled", deck_id, guild_id, enabled=enabled))

    def subscribe(self, callback: Callable[[CatalogChange], None]) -> None:
        """Call ``callback`` after every change (a failing subscriber is logged; the others still run)."""
        self._subscribers.append(callback)

    def _add(self, deck: Deck, owner: int | None, name: str | None = None, prepared: PreparedDeck | None = None) -> None:
        if prepared is None or prepared.deck is not deck or prepared.name != _deck_name(deck, owner, name):
            prepared = self.prepare(deck, owner, name)
        self._decks[deck.id] = deck
        self._owners[deck.id] = owner
        self._names[deck.id] = prepared.name
        self._topics[deck.id] = prepared.topics
        if owner is not None:
            self._own.setdefault(owner, {})[deck.id] = None
        self._cards_of[deck.id] = prepared.cards
        self._names_of[deck.id] = prepared.names
        self.cards.update(prepared.cards)

    def _remove(self, deck_id: str, keep: dict[str, Card] | None = None) -> None:
        """Take a deck out; ``keep``: the cards by key that replace it at once (``_add``), whose keys are
        left in ``cards`` for ``_add`` to overwrite."""
        self._decks.pop(deck_id)
        owner = self._owners.pop(deck_id)
        self._names.pop(deck_id, None)
        self._topics.pop(deck_id, None)
        self._names_of.pop(deck_id, None)
        if owner is not None:
            own = self._own.get(owner, {})
            own.pop(deck_id, None)
            if not own:
                self._own.pop(owner, None)
        # By the keys ``_add`` took (built off the loop when the deck was prepared): a card's key is built
        # anew on each read, a few milliseconds for a large deck on the event loop. The keys to take out
        # are found by set operations (in C), not card by card.
        cards = self.cards
        old = self._cards_of.pop(deck_id)
        for key in old.keys() - keep.keys() if keep is not None else old:
            if cards.get(key) is old[key]:
                del cards[key]

    def _changed(self, change: CatalogChange) -> None:
        if change.guild_id is None:
            self._views.clear()
        else:
            self._views.pop(change.guild_id, None)
        for callback in list(self._subscribers):
            try:
                callback(change)
            except Exception:
                log.exception("a catalog subscriber failed on %s", change)

    # -- the global view (the deck files' decks), as before servers had decks of their own --------
    @property
    def decks(self) -> dict[str, Deck]:
        """The global decks by id."""
        return self.view(None).decks

    @property
    def askable(self) -> list[Card]:
        """The global decks' askable cards."""
        return self.view(None).askable

    @property
    def topics(self) -> list[str]:
        """The global topics, biggest first."""
        return self.view(None).topics

    def card(self, key: str) -> Card | None:
        """The loaded card with this key (``deck:card``), whichever deck it is in, or None."""
        return self.cards.get(key)

    def topic_cards(self, topic: str | None) -> list[Card] | None:
        """Askable cards of a global topic; all global askable cards for None; None if unknown."""
        return self.view(None).topic_cards(topic)

    def topic_size(self, topic: str) -> int:
        """How many askable cards a global topic has (0 for an unknown topic)."""
        return self.view(None).topic_size(topic)

    def suggest_topics(self, query: str, limit: int = 25) -> list[str]:
        """Global topics for what was typed (see ``CatalogView.suggest_topics``)."""
        return self.view(None).suggest_topics(query, limit)

    def topic_hint(self, query: str, limit: int = 25) -> TopicHint:
        """The global topics to offer for ``query`` (see ``CatalogView.topic_hint``)."""
        return self.view(None).topic_hint(query, limit)


#: How close (0-100, see ``closeness``) a topic must be to what was typed to be offered as a match.
TOPIC_CLOSE = 70.0
#: Offer the topics within this many points of the closest one.
TOPIC_MARGIN = 12.0


def closeness(query: str, topic: str) -> float:
    """How close a typed topic (lower case) is to a topic, 0-100: 100 the same; 90-100 a start of it;
    85-95 the start of one of its parts ("analysis" in "sentiment-analysis"); 80-90 inside it ("former"
    in "transformers"); else the best ``fuzz.ratio`` against the whole topic or (a little less) one of its
    parts."""
    if query == topic:
        return 100.0
    if topic.startswith(query):
        return 90.0 + 10.0 * len(query) / len(topic)
    parts = [p for p in topic.replace("_", "-").split("-") if p]
    if len(parts) > 1 and any(p.startswith(query) for p in parts):
        return 85.0 + 10.0 * len(query) / len(topic)
    if len(query) >= 3 and query in topic:
        return 80.0 + 10.0 * len(query) / len(topic)
    best = fuzz.ratio(query, topic)
    if len(parts) > 1:
        best = max(best, 0.95 * max(fuzz.ratio(query, p) for p in parts))
    return best


@dataclass(frozen=True, slots=True)
class TopicHint:
    """Topics to offer: the close ones (``close``), or, when nothing is close, the biggest ones; ``total``
    topics exist in all."""

    topics: tuple[str, ...]
    close: bool
    total: int
