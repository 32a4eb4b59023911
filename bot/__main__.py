"""`python -m bot` is the same CLI as the `tutorbot` console script."""

from bot.cli import main

raise SystemExit(main())
