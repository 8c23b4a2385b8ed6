"""``python -m reckon``: the same command as ``reckon`` (used by ``reckon serve --workers N`` for its worker)."""

from reckon.cli import main

main()
