"""An FtM round trip (import, export, import) changes nothing: same file out, same officials, same matrix."""

from __future__ import annotations

from pathlib import Path

from reckon.config import init_workspace
from reckon.sanctions import (
    add_reported_sanctions,
    ftm_lines,
    import_sanctions,
    list_officials,
    sanctions_matrix,
)
from reckon.sanctions.demo import DEMO_CSV, DEMO_REPORTED, demo_ftm_lines


def _content(ws) -> list[tuple]:
    """Officials as comparable values (ids and source names differ between workspaces; nothing else may)."""
    return sorted((r["name"], tuple(sorted(r["names"])), r["birth_date"], r["sex"], tuple(sorted(r["positions"])),
                   tuple(r["jurisdictions"]), tuple(r["reported_by"])) for r in list_officials(ws))


def _matrix(ws) -> list[tuple]:
    cols, rows = sanctions_matrix(ws)
    return sorted(tuple((c, r[c]) for c in cols if c != "id") for r in rows)


def test_ftm_round_trip_changes_nothing(workspace, tmp_path: Path) -> None:
    ftm = tmp_path / "intl.jsonl"
    ftm.write_text("\n".join(demo_ftm_lines()) + "\n", encoding="utf-8")
    lt = tmp_path / "lt.csv"
    lt.write_text(DEMO_CSV, encoding="utf-8")
    import_sanctions(workspace, ftm, "intl")
    import_sanctions(workspace, lt, "lt")
    add_reported_sanctions(workspace, DEMO_REPORTED)
    first = list(ftm_lines(workspace))
    exported = tmp_path / "export1.jsonl"
    exported.write_text("\n".join(first) + "\n", encoding="utf-8")

    # into a fresh workspace: the same officials, matrix and export
    other = init_workspace(tmp_path / "other")
    report = import_sanctions(other, exported, "from-export")
    assert report.errors == [] and report.warnings == []
    assert _content(other) == _content(workspace)
    assert _matrix(other) == _matrix(workspace)
    assert list(ftm_lines(other)) == first

    # and back into the first workspace: nothing new
    before = (_content(workspace), _matrix(workspace))
    import_sanctions(workspace, exported, "from-export")
    assert (_content(workspace), _matrix(workspace)) == before
    assert list(ftm_lines(workspace)) == first


def test_export_is_valid_ftm(sqlite_workspace, tmp_path: Path) -> None:
    from followthemoney import model

    ftm = tmp_path / "intl.jsonl"
    ftm.write_text("\n".join(demo_ftm_lines()) + "\n", encoding="utf-8")
    import_sanctions(sqlite_workspace, ftm, "intl")
    import json

    schemata = set()
    for line in ftm_lines(sqlite_workspace):
        data = json.loads(line)
        schema = model.get(data["schema"])
        schema.validate(data)  # raises on an invalid value
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict()["properties"] == data["properties"]  # already clean
        schemata.add(schema.name)
    assert schemata == {"Person", "Sanction", "Position", "Occupancy", "PublicBody"}
