"""The preview of an import counts every line not read and every flagged card, not only those it lists: a file
of hundreds of bad lines says so, and its report says it lists the first of them."""

from __future__ import annotations

from bot.core.service import Services
from cogs.decks import render

GUILD, MOD = 1001, 42


def field(embed, prefix: str) -> tuple[str, str]:
    return next((f.name, f.value) for f in embed.fields if f.name.startswith(prefix))


async def test_a_file_with_hundreds_of_unreadable_lines_is_previewed_with_their_true_count(
    core_services: Services,
) -> None:
    rows = ["question,answer"]
    rows += [f"What is organelle {i}?,answer {i}" for i in range(30)]
    rows += [f"a stray line {i} without a comma" for i in range(300)]
    rows += [f"What does diagram {i} show?,See image" for i in range(250)]
    preview = await core_services.decks.preview(GUILD, "cells.csv", "\n".join(rows).encode(), "cells", user_id=MOD)

    assert preview.warnings_count == 300 and preview.flagged_count == 250
    embed = render.preview_embed(preview)
    name, value = field(embed, "Lines not read")
    assert name == "Lines not read (300)"
    assert value.endswith(f"… and {300 - render.WARNINGS_SHOWN} more lines (the first 200 in the attached report)")
    name, _ = field(embed, "Flagged cards (")
    assert name == "Flagged cards (250)"
    flagged = "\n".join(f.value for f in embed.fields if f.name.startswith("Flagged cards"))
    assert "(the first 200 in the attached report)" in flagged

    assert render.needs_report(preview)
    report = render.report_file(preview).fp.read().decode("utf-8")
    assert "Lines not read (300; the first 200 are listed):" in report
    assert "Flagged cards (250; the first 200 are listed):" in report

