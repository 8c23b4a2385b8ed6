"""The one shape of a progress callback: ``progress(done, total, message)``.

Every long operation (import, linkage, histories, estimates, sanctions import, the search index) takes
one and calls it as it goes; the CLI draws a Rich bar from it (``reckon.cli.common``), the web app keeps
it in the job's status (``reckon.web.jobs``). ``total`` is None while unknown; ``message`` names the step
("training", "storing pairs") when an operation has several, and holds no personal data.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Progress", "no_progress"]


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None, message: str = "") -> None: ...


def no_progress(done: int, total: int | None = None, message: str = "") -> None:
    """The callback used when the caller gave none."""
