"""tutorbot: a Discord study bot that turns a flashcard deck into a tutor."""

__version__ = "0.1.0"
