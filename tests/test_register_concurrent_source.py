"""Two imports naming the same new source at the same moment, on PostgreSQL.

Both transactions look the source up before either has committed, so both find nothing and both try to
create it. The second must wait for the first and then import into the source the first created, instead
of failing on the unique source name.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import AuditEvent, ImportBatch, Record, Source

pytestmark = pytest.mark.postgres

HEADER = "id,ФИО,Пол\n"


def write(path: Path, prefix: str, n: int) -> Path:
    path.write_text(HEADER + "".join(f"{prefix}{i},Асоба {prefix}{i},м\n" for i in range(n)), encoding="utf-8")
    return path


@pytest.mark.parametrize("round_", range(3))
def test_two_imports_create_one_new_source(pg_url: str, tmp_path: Path, round_: int) -> None:
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws", database_url=pg_url)
    files = [write(tmp_path / "a.csv", "A", 3000), write(tmp_path / "b.csv", "B", 3000)]
    gate = threading.Barrier(2)
    results: dict[str, object] = {}

    def run(path: Path) -> None:
        gate.wait()
        try:
            results[path.name] = import_file(ws, path, "новая крыніца", organisation="Group", batch_size=500)
        except BaseException as exc:  # reported below with the thread's file
            results[path.name] = exc

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    errors = {k: v for k, v in results.items() if isinstance(v, BaseException)}
    assert not errors, errors
    assert {k: v.new for k, v in results.items()} == {"a.csv": 3000, "b.csv": 3000}  # type: ignore[attr-defined]

    with get_engine(pg_url).connect() as conn:
        sources = conn.execute(select(Source.id, Source.name, Source.organisation)).all()
        assert [(s.name, s.organisation) for s in sources] == [("новая крыніца", "Group")]
        sid = sources[0].id
        assert conn.execute(select(func.count()).select_from(Record).where(Record.source_id == sid)
                            ).scalar_one() == 6000
        assert conn.execute(select(func.count()).select_from(ImportBatch).where(ImportBatch.source_id == sid)
                            ).scalar_one() == 2
        created = conn.execute(select(func.count()).select_from(AuditEvent)
                               .where(AuditEvent.action == "source.create")).scalar_one()
        assert created == 1
