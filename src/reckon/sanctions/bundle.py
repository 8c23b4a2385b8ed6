"""Plain data that readers (FtM, CSV, news) produce and the importer stores: one official as one source
lists them, with the positions and sanctions that source gives. No database here."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class PositionData:
    title: str
    agency: str | None = None
    country: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    position_key: str | None = None   # FtM Position id
    occupancy_key: str | None = None  # FtM Occupancy id


@dataclass
class SanctionData:
    external_id: str
    authority: str | None = None
    jurisdiction: str | None = None
    programme: str | None = None
    measure: str | None = None
    listing_date: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    status: str | None = None
    reason: str | None = None
    source_document: str | None = None
    reported: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class OfficialData:
    external_id: str
    names: list[tuple[str, str]]  # (name, kind: name | alias | weak_alias)
    birth_date: str | None = None
    birth_place: str | None = None
    sex: str | None = None
    positions: list[PositionData] = field(default_factory=list)
    sanctions: list[SanctionData] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    line_number: int = 0
    origin: str = "csv"

    @property
    def primary_name(self) -> str:
        return self.names[0][0] if self.names else ""

    def content_hash(self) -> str:
        """Hash of what would be stored: the same listing imported twice hashes the same."""
        data = asdict(self)
        data.pop("line_number", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LineIssue:
    """A problem with one line or row of an input file. Never holds personal data: line, id, reason."""

    line: int
    message: str
    level: str = "error"  # error (line not imported) | warning (imported, something dropped)
    field: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}: {self.message}"
