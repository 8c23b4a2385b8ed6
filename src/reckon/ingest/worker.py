"""The reader worker: a second process that reads, maps and hashes a list while the importing one writes.

Why and when it runs is in :mod:`reckon.ingest.prepare` (:func:`~reckon.ingest.prepare.use_worker`). It
reads CSV lists the columnar way (:mod:`reckon.ingest.columnar`) and every other file the row way
(:func:`~reckon.ingest.prepare.prepare_batches`), and sends each batch through a pipe with its content
hashes and, on a source's first import, its raw rows already packed into blocks (:func:`ship`); into
PostgreSQL, also its columns and hashes as Arrow arrays (:func:`arrow_columns`). The transaction stays in
the importing process, so a kill -9 still leaves the store as before (and the worker ends at its next
send, when the pipe is gone).
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from reckon.errors import N_, InputError, ReckonError
from reckon.ingest.columnar import Irregular, columnar_batches
from reckon.ingest.mapper import RowMapper, Same, Spread
from reckon.ingest.mapping import MappingSpec
from reckon.ingest.prepare import Prepared, prepare_batches
from reckon.ingest.readers import open_table
from reckon.store.packing import pack_blocks
from reckon.store.shapes import HASH_BYTES, SAME_AS_IDENTITY

__all__ = ["Started", "batches_from_worker", "ship"]


def _worker(conn: Any, path: str, open_args: dict[str, Any], spec: MappingSpec, salt: bytes, strict: bool,
            file_name: str, batch_size: int, columnar: bool = False, pack: bool | None = False,
            arrow: bool = False) -> None:  # pragma: no cover - runs in the worker process
    # pack None: the job came before the importing process opened the store (Started.begin); it says
    # whether to pack and send Arrow arrays before the first batch leaves.
    # This process only reads and maps, and none of its objects is in a cycle: no collection needed.
    gc.disable()
    try:
        with open_table(path, **open_args) as reader:
            mapper = RowMapper(spec)
            batches: Iterator[Prepared]
            if columnar:
                batches = columnar_batches(reader, mapper, salt=salt, strict=strict, file_name=file_name,
                                           batch_size=batch_size)
            else:
                batches = prepare_batches(iter(reader), mapper, salt=salt, strict=strict, file_name=file_name,
                                          batch_size=batch_size, position=lambda: reader.bytes_read,
                                          text_cells=reader.format == "csv")
            try:
                for prepared in batches:
                    if pack is None:
                        pack, arrow = conn.recv()
                    ship(prepared, pack, arrow)
                    conn.send(("batch", prepared))
            except Irregular as exc:  # the importing process undoes its batches and takes the row path
                conn.send(("irregular", str(exc)))
                return
        conn.send(("done", None))
    except (BrokenPipeError, ConnectionResetError, EOFError, KeyboardInterrupt):
        return  # the importing process is gone (or stopped before saying how to ship): nothing to do
    except InputError as exc:
        with suppress(OSError):
            conn.send(("input_error", (exc.args[0], exc.file, exc.row, exc.field, exc.template, exc.params)))
    except BaseException as exc:
        with suppress(OSError):
            conn.send(("error", _where(exc)))
    finally:
        with suppress(OSError):
            conn.close()


def _where(exc: BaseException) -> str:
    """An unexpected error as its type and the line that raised it, never its message: a message can quote
    a cell of the file (``invalid literal for int(): '<a name>'``), and this text reaches the terminal,
    the job table and the web page."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    if last is None:
        return type(exc).__name__
    path = Path(last.tb_frame.f_code.co_filename)
    return f"{type(exc).__name__} at {'/'.join(path.parts[-3:])}:{last.tb_lineno}"


def ship(prepared: Prepared, pack: bool, arrow: bool = False) -> None:
    """What the worker does to a batch before sending it, so the importing process (the one that waits for
    the database) does less: the content hashes, and for a first import (``pack``: every row is new) the
    raw rows' compressed blocks in place of the raw rows, which then also cost less to send. With ``arrow``
    too (PostgreSQL), the columns and hashes as Arrow arrays (:func:`arrow_columns`)."""
    if not prepared.identities:
        return
    prepared.hashes  # noqa: B018 - computed and kept (pickled with the batch)
    if pack:
        prepared.packed = pack_blocks(prepared.numbers, prepared.raws)
        prepared.raws = []
        if arrow:
            arrow_columns(prepared)


def arrow_columns(prepared: Prepared) -> None:
    """A first import's batch for PostgreSQL with its columns and content hashes as Arrow arrays, which
    PostgreSQL's writer formats as COPY text as they are (:func:`reckon.store.pgcopy.text_data`). Why: a list
    of Python values costs its pickling here, its unpickling there and its conversion to Arrow there, all
    while holding the importing process's one lock (about 1.2 µs a row, measured); an Arrow array
    crosses the pipe as its buffers and is converted here once (about 0.4 µs). A column Arrow cannot take
    as it is (mixed types) stays a list, as does every column of a re-import (compared row by row)."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped]

    columns: list[Any] = []
    for values in prepared.columns:
        try:
            if isinstance(values, Spread) and (indices := getattr(values.codes, "arrow", None)) is not None:
                # Spread from distinct values by Arrow's codes: converted per distinct value and spread
                # again in C; the same array (type, values, nulls) as the whole list's.
                columns.append(pa.array(values.values).take(indices))
            elif isinstance(values, Same) and isinstance(values.source, pa.StringArray) and \
                    len(values.source) == len(values) and not values.source.null_count:
                columns.append(values.source)  # the cells as read: the same text (no null, nothing cleaned)
            elif values and values[0] == SAME_AS_IDENTITY and values.count(SAME_AS_IDENTITY) == len(values):
                columns.append(pa.array([SAME_AS_IDENTITY]).take(pa.array(np.zeros(len(values), np.int32))))
            else:
                columns.append(pa.array(values))
        except (pa.ArrowException, UnicodeError, OverflowError, TypeError, ValueError):
            columns.append(values)
    prepared.columns = columns
    prepared._hashes = pa.array(prepared.hashes, pa.binary(HASH_BYTES))


class Started:
    """A reader worker started before its file's job is known: the spawned interpreter imports this module
    (about 0.2 s of CPU, 0.6 s before it stopped loading SQLAlchemy) while the importing process resolves the
    mapping, hashes the file and opens the store. It waits for its job on the pipe (:meth:`batches`);
    :meth:`close` ends it whether or not it got one, and if the importing process dies first the pipe's end
    gives the waiting worker EOF, so it never outlives it."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, theirs = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(target=_waiting_worker, name="reckon-import-reader", daemon=True, args=(theirs,))
        self._proc.start()
        theirs.close()
        self.used = False
        self._begun: tuple[Any, ...] | None = None

    def begin(self, path: Path, open_args: dict[str, Any], spec: MappingSpec, *, salt: bytes, strict: bool,
              file_name: str, batch_size: int, columnar: bool = False) -> None:
        """Send the job before the store is open, so the worker reads and maps the first batch while the
        importing process hashes the file and opens the store; it waits before sending that batch for how
        to ship it (whether the source has records: :meth:`batches` says). Why: sent once the store was open,
        the job reached the worker 1.9 s into a loaded import, and its first batch came at 3.6-5.1 s."""
        if self.used or self._begun is not None:
            raise RuntimeError("a started reader worker takes one job")
        self._begun = (str(path), open_args, spec, salt, strict, file_name, batch_size, columnar)
        self._conn.send((*self._begun, None, False))

    def batches(self, path: Path, open_args: dict[str, Any], spec: MappingSpec, *, salt: bytes, strict: bool,
                file_name: str, batch_size: int, columnar: bool = False, pack: bool = False,
                arrow: bool = False) -> Iterator[Prepared]:
        """The job (as :func:`batches_from_worker` takes it) sent to this worker, or, when :meth:`begin` sent
        it already (the same job), how to ship its batches; and its batches; once. The caller closes the
        worker (:func:`batches_from_worker` does)."""
        if self.used:
            raise RuntimeError("a started reader worker takes one job")
        self.used = True
        job = (str(path), open_args, spec, salt, strict, file_name, batch_size, columnar)
        if self._begun is None:
            self._conn.send((*job, pack, arrow))
        elif self._begun != job:
            raise RuntimeError("a reader worker's job changed after it began")
        else:
            with suppress(OSError):  # it may have ended already (an irregular file, an error): _receive says
                self._conn.send((pack, arrow))
        return self._receive()

    def _receive(self) -> Iterator[Prepared]:
        while True:
            try:
                kind, payload = self._conn.recv()
            except EOFError:
                raise ReckonError.of(N_("the import's reader process stopped unexpectedly; try again with "
                                        "RECKON_IMPORT_WORKER=0")) from None
            if kind == "batch":
                yield payload
            elif kind == "done":
                return
            elif kind == "irregular":
                raise Irregular(payload)
            elif kind == "input_error":
                text, file, row, fld, template, params = payload
                err = InputError(text)  # text already names file, row and field
                err.file, err.row, err.field = file, row, fld
                # the catalogued message and its parameters, so the error is said in the reader's language
                err.template, err.params = template, params
                raise err
            else:
                raise ReckonError.of(N_("the import's reader process failed (%(detail)s); the same import with "
                                        "RECKON_IMPORT_WORKER=0 RECKON_DEBUG=1 shows the whole error"),
                                     detail=str(payload))

    def close(self) -> None:
        """End the worker (it may be reading still, or waiting for a job it will not get)."""
        self._conn.close()
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(10)


def arrow_without_pandas() -> None:
    """Tell pyarrow, before its first conversion, that this process has no pandas.

    Why: pyarrow asks whether each Python value it converts (a list for ``pa.array``, the ``0`` of
    ``pc.equal(x, 0)``) is a pandas object, and to ask it imports pandas, once per process: 0.3-0.7 s of
    CPU in the reader worker (measured: the first ``_blank_rows`` of an import took 0.3 s, all of it
    pandas' import), which is a fresh interpreter for each import and never holds a pandas object. Its
    shim tries the import once and remembers the answer, so pandas is made unimportable for that one try
    and importable again at once; a later ``to_pandas()`` would still import it. Nothing is done in a
    process that has pandas loaded already."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa  # type: ignore[import-untyped]

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.scalar(0)  # the shim's one try
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder that refuses pandas (:func:`arrow_without_pandas`)."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(name)


def _waiting_worker(conn: Any) -> None:  # pragma: no cover - runs in the worker process
    arrow_without_pandas()  # while the importing process still resolves the mapping
    try:
        job = conn.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the importing process stopped before it had a job for this one
    _worker(conn, *job)


def batches_from_worker(path: Path, open_args: dict[str, Any], spec: MappingSpec, *, salt: bytes, strict: bool,
                        file_name: str, batch_size: int, columnar: bool = False, pack: bool = False,
                        arrow: bool = False, started: Started | None = None) -> Iterator[Prepared]:
    """Run :func:`prepare_batches` (or, ``columnar``, :func:`reckon.ingest.columnar.columnar_batches`) in a
    worker process and yield its batches (hashed, and with ``pack`` their raw rows already in blocks: see
    :func:`ship`; ``arrow``, with ``pack``: their columns as Arrow arrays); close it to stop the worker.
    ``started``: a worker started earlier (:class:`Started`) takes the job if it has none yet. A file the
    columnar reader finds irregular raises :class:`~reckon.ingest.columnar.Irregular` here, after the
    batches before it, as in-process."""
    worker = started if started is not None and not started.used else Started()
    # (A started worker whose job began (Started.begin) takes only how to ship it: the same job.)
    try:
        yield from worker.batches(path, open_args, spec, salt=salt, strict=strict, file_name=file_name,
                                  batch_size=batch_size, columnar=columnar, pack=pack, arrow=arrow)
    finally:
        worker.close()
