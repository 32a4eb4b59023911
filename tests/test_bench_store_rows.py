"""``bench/bench_store.py --parts 5``, which the README quotes, writes its attempt rows with the store's own
multi-row ``INSERT`` (``_insert_rows``): each row must carry a value for every column of that statement (the
hints and the direction too, added by migration 0017), so part 5 runs instead of stopping with "Incorrect
number of bindings supplied"."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from bot.core.storage.attempts import _insert_rows

ROOT = Path(__file__).resolve().parents[1]


def _bench_store():
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_store", module)
    spec.loader.exec_module(module)
    return module


def test_part_five_rows_fill_every_column_of_the_insert() -> None:
    bench = _bench_store()
    rows = bench.attempt_rows(3)
    assert rows and all(len(row) == _insert_rows(1).count("?") for row in rows)


async def test_part_five_writes_its_rows(tmp_path) -> None:
    bench = _bench_store()
    base = tmp_path / "base.sqlite3"
    await (await bench.prepared(base, "FULL")).close()
    cpu, written = bench._write_rows(base, tmp_path / "run.sqlite3", (), bench.attempt_rows(130), 64)
    assert cpu >= 0 and written >= 0
