"""What the Discord play tests share."""

from __future__ import annotations

import random


class FirstChoice(random.Random):
    """A random source that always picks the first choice: each card is asked by its own question, before
    the cloze."""

    def choice(self, seq):  # type: ignore[override]
        return seq[0]
