"""`tutorbot define` (not written yet)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("define", help="(not available yet)")
    p.set_defaults(func=lambda args: print("not available yet") or 2)
