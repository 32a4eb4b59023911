"""Turn flashcards exported from other tools into a deck that can be asked as it comes, and write decks out.

Sources, one module each (``detect.import_file`` picks one from a file's content and name;
``detect.import_data`` does the same for an uploaded file's name and bytes):

* **Quizlet** (``quizlet.import_quizlet``): the "Export" text (term TAB definition, one card a line; or a
  comma or a custom separator such as `` - `` between them, cards separated by semicolons) and
  the text of a set's web page copied as is (title, question/answer paragraphs, a "related sets" footer,
  which is dropped).
* **CSV** (``csv.import_csv``): ``question,answer[,tags]`` rows; an optional header (``term,definition``
  makes every row a term/definition pair; ``Frage;Antwort``, ``terme;définition`` ... in the languages whose
  spreadsheets write semicolons); TAB- or semicolon-separated files too.
* **Anki** (``anki.import_anki``): the "Notes in Plain Text" export (``#separator:``, ``#html:``,
  ``#... column:`` lines) and, told by its zip signature, a package (``apkg.import_package``).
* **The bot's own YAML** (``yaml_in.import_yaml``), read with ``safe_yaml`` (no alias bombs).

Every card is made askable with no hand-editing (``build``, ``shape``, ``keypoints``):

* a term/definition pair is asked "which term is this?" (definition shown with the term hidden, term or
  its other names typed); its reverse is a second card where the definition is short enough to grade;
* a question with a short answer (a name, a number, a phrase) gets it as ``accept``; a short list is graded
  item by item; a yes/no question by its yes or no; an Anki cloze by its hidden words;
* a long answer is an essay card graded by 2-5 key points drawn from it ("a | synonym");
* an answer that is empty or only says "See image" / "TO DO", or a question whose image or sound was left
  behind ("Name this bone"), makes the card ``incomplete`` with a note.

Deck text is laid out for reading (``layout``): hard wraps joined, flattened lists and shouted section
labels restored, Discord-active syntax (mentions, masked links, spoilers, headings) neutralised, HTML
reduced to text (``html_text``: scripts and styles dropped). Authors' reminders ("COME BACK TO THIS ONE")
and remarks about the source ("See image") go to the card's ``note``, never shown to students.
``#hashtags`` at the start of a question become tags (misspellings in ``TAG_FIXES`` and plurals merged).

Card ids are slugs within the validator's caps; given the deck a file was imported as before
(``existing``), a card whose text did not change keeps its id (``ids``). Files past the limits
(``ImportLimits``: size, cards, an ``.apkg``'s members and unpacked size) are refused with
``ImportRefused`` saying why; a malformed line is a warning naming file and line (or note and field) and
the rest is imported. ``ImportResult.askability()`` counts how the cards can be asked.

Out: ``yaml_out`` (the ``cards/*.yaml`` format) and ``apkg_out`` (an Anki package, built with genanki).
``lint.text_warnings`` lists hard-wrapped text for ``tutorbot validate``.
"""

from bot.core.importers.anki import import_anki
from bot.core.importers.anki_notes import strip_html
from bot.core.importers.apkg import import_package
from bot.core.importers.apkg_out import deck_to_apkg, write_apkg
from bot.core.importers.build import TAG_FIXES
from bot.core.importers.cleaning import guess_term
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    Askability,
    Flag,
    ImportLimits,
    ImportRefused,
    ImportResult,
    ImportWarning,
    slugify,
)
from bot.core.importers.csv import import_csv
from bot.core.importers.detect import FORMATS, detect_format, import_data, import_file, upload_name
from bot.core.importers.layout import hard_wrapped, unwrap
from bot.core.importers.lint import text_warnings
from bot.core.importers.quizlet import import_quizlet
from bot.core.importers.safe_yaml import UnsafeYaml, load_yaml
from bot.core.importers.shape import KINDS
from bot.core.importers.yaml_in import import_yaml
from bot.core.importers.yaml_out import deck_to_yaml, write_deck, write_text_atomic

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "KINDS",
    "TAG_FIXES",
    "Askability",
    "Flag",
    "ImportLimits",
    "ImportRefused",
    "ImportResult",
    "ImportWarning",
    "UnsafeYaml",
    "deck_to_apkg",
    "deck_to_yaml",
    "detect_format",
    "guess_term",
    "hard_wrapped",
    "import_anki",
    "import_csv",
    "import_data",
    "import_file",
    "import_package",
    "import_quizlet",
    "import_yaml",
    "load_yaml",
    "slugify",
    "strip_html",
    "text_warnings",
    "unwrap",
    "upload_name",
    "write_apkg",
    "write_deck",
    "write_text_atomic",
]
