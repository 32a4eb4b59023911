"""Turn flashcards exported from other tools into a deck, and write a deck as YAML.

Supported sources, one module each:

* **Quizlet** (``quizlet.import_quizlet``): the "Export" text (term TAB definition, one card a line) and
  the text of a set's web page copied as is (title, question/answer paragraphs separated by blank lines,
  then a "related sets" footer, which is dropped).
* **CSV** (``csv.import_csv``): ``question,answer[,tags]`` rows; a header row is optional.
* **Anki** (``anki.import_anki``): "Notes in Plain Text" export, honouring its ``#separator:``,
  ``#html:`` and ``#... column:`` header lines.

``yaml_out`` writes a deck in the ``cards/*.yaml`` format. Every importer cleans cards the same way
(``cleaning`` and ``build``):

* ``#hashtags`` at the start of a question become tags. A tag is the hashtag slugified (lowercase,
  ``[a-z0-9-]+``, so ``#MLOps`` -> ``mlops``, ``#Sentiment_Analysis`` -> ``sentiment-analysis``). Two
  spellings are merged so ``/quiz topic:`` finds every card: a known misspelling (``TAG_FIXES``, e.g.
  ``mulitmodal`` -> ``multimodal``) and a plural used next to its singular in the same deck
  (``optimizations`` -> ``optimization``). Each merge is listed in the flagged cards.
* Reminders written into the cards ("COME BACK TO THIS ONE", "MOVE THIS ONE", ``[need to move ...]``)
  are dropped from the text and listed in the flagged cards.
* ``___`` blanks (where the term was cut out of the answer) are filled with the term guessed from the
  question; when no term can be guessed they are left and the card is flagged.
* An answer that is empty or only says "See image" / "TO DO" makes the card ``status: incomplete``
  with a ``note`` saying what is missing.
* Card ids are slugs of the term (or of the question), unique in the deck (``-2``, ``-3`` ... on a
  clash), and within the deck validator's length caps, as are deck ids.

Malformed lines never stop an import: each is reported in ``ImportResult.warnings`` with its file and
line number, and the rest of the file is imported.
"""

from bot.core.importers.anki import import_anki, strip_html
from bot.core.importers.build import TAG_FIXES
from bot.core.importers.cleaning import guess_term
from bot.core.importers.common import Flag, ImportResult, ImportWarning, slugify
from bot.core.importers.csv import import_csv
from bot.core.importers.quizlet import import_quizlet
from bot.core.importers.yaml_out import deck_to_yaml, write_deck, write_text_atomic

__all__ = [
    "TAG_FIXES",
    "Flag",
    "ImportResult",
    "ImportWarning",
    "deck_to_yaml",
    "guess_term",
    "import_anki",
    "import_csv",
    "import_quizlet",
    "slugify",
    "strip_html",
    "write_deck",
    "write_text_atomic",
]
