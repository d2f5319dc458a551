"""Write an import's rows a batch at a time, on PostgreSQL while the next batch is planned."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from insidetrack.services.context import Env
from insidetrack.services.ports import Imported


class BatchWriter:
    """Write each batch of rows, on PostgreSQL while the next is read and planned.

    The server checks and indexes a batch's rows while this process plans the next (the
    thread that waits for it does not hold Python's lock). One batch at a time, in order,
    inside the caller's transaction, on its connection: the import's own thread does not
    touch the database meanwhile. SQLite's library runs in this process and takes Python's
    lock back for every row: the same overlap made a SQLite import slower, so there each
    batch is written before the next is planned.
    """

    def __init__(self, env: Env, dry_run: bool) -> None:
        self._env, self._dry_run = env, dry_run
        overlap = env.store.dialect == "postgresql"
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="import-writer") if overlap else None
        self._pending: Future[None] | None = None

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            self.wait()
        except Exception:
            if kind is None:  # else the error that stopped the import is the one to tell
                raise
        finally:
            if self._pool is not None:
                self._pool.shutdown()

    def write(self, new: Imported, steps: list[tuple[object, ...]]) -> None:
        """Start writing a batch once the one before is written."""
        self.wait()
        if self._dry_run:
            return
        if self._pool is None:
            self._store(new, steps)
        else:
            self._pending = self._pool.submit(self._store, new, steps)

    def wait(self) -> None:
        """Wait until the batch being written is, and raise what writing it raised."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _store(self, new: Imported, steps: list[tuple[object, ...]]) -> None:
        self._env.store.interviews.add_imported(new)
        self._env.store.steps.add_step_rows(steps)
