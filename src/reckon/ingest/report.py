"""What an import did, or a dry run would do (:class:`ImportReport`), and the salt both hash rows with:
shared by the importer (:mod:`reckon.ingest.service`) and the dry run (:mod:`reckon.ingest.dryrun`), so
that neither imports the other's module."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reckon.ingest.mapping import MappingSpec

__all__ = ["ImportReport", "content_salt"]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do). Holds no personal data except ``preview``."""

    source: str
    file: str
    sha256: str
    format: str
    encoding: str | None
    delimiter: str | None
    mapping: MappingSpec
    rows_read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    quarantine_known: int = 0  # of ``quarantined``, rows already in quarantine from an earlier import
    not_in_file: int = 0
    already_imported: bool = False
    dry_run: bool = False
    import_id: int | None = None
    seconds: float = 0.0
    db_seconds: float = 0.0  # of ``seconds``, the time spent in database calls (writes, lookups, commit)
    columnar: bool = False  # read and mapped on columns (reckon.ingest.columnar), not row by row
    encoding_note: str | None = None  # said when the encoding was guessed (letters depend on it)
    preview: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # the first 50 quarantined rows
    reasons: Counter[tuple[str | None, str]] = field(default_factory=Counter)  # (column, reason) -> rows
    warned: int = 0  # rows stored with a warning (a short CSV row: cells missing, stored empty)
    warnings: list[dict[str, Any]] = field(default_factory=list)  # the first 50 of them: file, row, reason

    def take(self, prepared: Any) -> None:
        """Count a prepared batch (:class:`reckon.ingest.prepare.Prepared`): rows read, its reasons, its rows
        stored with a warning, and its bad rows among the first 50 problems.

        Why one method: the import and the dry run report a file alike, and each used to count it itself."""
        self.rows_read = prepared.rows_read
        for column, reason in prepared.first_problems:
            self.reasons[(column, reason)] += 1
        self.note_warnings(prepared.warnings)
        for row_number, column, reason, _raw in prepared.bad[: max(0, 50 - len(self.problems))]:
            self.problems.append({"file": self.file, "row": row_number, "field": column, "reason": reason})

    def note_warnings(self, found: list[tuple[int, str]]) -> None:
        """Count a batch's rows stored with a warning ((row number, reason)), keeping the first 50: the
        import and the dry run both report them this way."""
        self.warned += len(found)
        for row, reason in found[: max(0, 50 - len(self.warnings))]:
            self.warnings.append({"file": self.file, "row": row, "reason": reason})

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "source": self.source, "file": self.file, "sha256": self.sha256, "format": self.format,
            "rows_read": self.rows_read, "new": self.new, "changed": self.changed,
            "unchanged": self.unchanged, "quarantined": self.quarantined,
            "quarantine_known": self.quarantine_known, "not_in_file": self.not_in_file,
            "already_imported": self.already_imported, "dry_run": self.dry_run, "import_id": self.import_id,
            "warned": self.warned, "warnings": self.warnings,
        }


def content_salt(mapping: MappingSpec) -> bytes:
    """What :func:`~reckon.ingest.prepare.content_hash` is salted with for rows mapped by ``mapping``: the
    mapping's fingerprint and a separator, so the same row under another mapping hashes differently.

    The import and the dry run both hash with these bytes, so "unchanged" means the same in each.
    """
    return (mapping.fingerprint() + "\x1e").encode()
