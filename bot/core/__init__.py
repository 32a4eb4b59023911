"""The Discord-free core: decks, grading, lookup, scheduling, scoring, storage and use-cases."""
