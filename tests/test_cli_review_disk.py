"""`tutorbot review` on a disk that fails during the terminal session: told, no traceback."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from cli_support import cli_db  # noqa: F401  (the ``db`` fixture)

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from faultkit import DbFaults  # noqa: E402

from bot.cli import main  # noqa: E402


class FailingDiskInput(io.StringIO):
    """stdin whose first line is read once the session has started, and turns the disk bad right then."""

    def __init__(self, text: str, faults: DbFaults, mode: str) -> None:
        super().__init__(text)
        self.faults, self.mode, self.read = faults, mode, 0

    def readline(self, *args):  # type: ignore[override]
        if self.read == 0:
            getattr(self.faults, self.mode)()
        self.read += 1
        return super().readline(*args)


@pytest.mark.parametrize("mode", ["disk_full", "read_only"])
def test_cli_review_on_a_disk_that_fails_mid_session_says_so_instead_of_a_traceback(
    db, monkeypatch, capsys, mode
) -> None:
    """`tutorbot review`: the session is on show, then the disk fills up (or turns read-only) and the member
    types an answer: they are told it was not saved (as `tutorbot quiz` says), with no Python traceback."""
    faults = DbFaults(db).install(monkeypatch)
    monkeypatch.setattr("sys.stdin", FailingDiskInput("some answer\n:quit\n", faults, mode))
    try:
        code = main(["review"])
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"`tutorbot review` crashed with a traceback when the disk failed mid-session: {exc!r}")
    finally:
        faults.heal()
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert code in (0, 2), (code, out.out, out.err)
    assert "not" in (out.out + out.err).lower() and "saved" in (out.out + out.err).lower(), (out.out, out.err)
