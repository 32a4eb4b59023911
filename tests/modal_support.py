"""What the simcord tests share about modals (``from modal_support import modal_parts, text_box, answered``)."""

from __future__ import annotations

from typing import Any


def modal_parts(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every component of a modal, nested ones included, in order."""
    found: list[dict[str, Any]] = []

    def walk(items: Any) -> None:
        for item in items or []:
            found.append(item)
            walk(item.get("components"))
            if isinstance(item.get("component"), dict):
                walk([item["component"]])

    walk(spec["components"])
    return found


def text_box(shown: Any) -> dict[str, Any]:
    """The text input of the modal a click showed."""
    return next(c for c in modal_parts(shown.modal) if c.get("type") == 4)


async def answered(member: Any, message: Any, text: str) -> Any:
    """``member`` presses Answer on ``message`` and submits ``text`` (the press itself when refused before the box
    opens)."""
    shown = await member.click(message, label="Answer")
    if shown.modal is None:  # refused before the box opens
        return shown
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})
