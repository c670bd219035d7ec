"""The batch journal: one SQLite row per document, so that a rerun skips, retries or redoes it.

A document moves through the states ``running`` (its pages are being read), ``writing`` (its
package is being renamed into place; the package name is known) and ``done`` or ``failed``.
Every change is committed before the batch goes on (``synchronous=FULL``), so a batch killed at
any moment leaves a journal that tells the next run exactly what is finished.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from ocr36 import records
from ocr36.errors import FileAccess

JOURNAL_NAME = ".ocr36-journal.sqlite"
LOCK_NAME = ".ocr36-batch.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    profile_sha256 TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    package TEXT NOT NULL DEFAULT '',
    pages INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_package ON documents (package);
"""


class State(StrEnum):
    RUNNING = "running"
    WRITING = "writing"
    DONE = "done"
    FAILED = "failed"


class Decision(StrEnum):
    """What a batch does with a document it finds."""

    CONVERT = "convert"
    """New, changed (source or profile), or interrupted."""
    SKIP_DONE = "skip-done"
    SKIP_FAILED = "skip-failed"
    """Failed before with the same source and profile; retried only with --retry-failed."""


@dataclass(frozen=True)
class Entry:
    source: str
    sha256: str
    profile_sha256: str
    state: State
    attempts: int
    error: str
    package: str
    pages: int

    def to_json(self) -> dict[str, Any]:
        """The entry as JSON (its schema: ocr36/schemas/journal-entry.schema.json)."""
        data: dict[str, Any] = records.to_json(self)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        return records.from_json(cls, data)


_COLUMNS = "source, sha256, profile_sha256, state, attempts, error, package, pages"


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(row[0], row[1], row[2], State(row[3]), row[4], row[5], row[6], row[7])


class Journal:
    """The journal of one output folder. Only the process holding the batch lock writes it."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL_NAME
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise FileAccess(f"{self.path}: the batch journal cannot be opened: {error}",
                             remedy="Check that the output folder is writable; if the journal "
                                    "is damaged, move it aside (every document is then redone)."
                             ) from error

    def close(self) -> None:
        self._db.close()

    def entry(self, source: str) -> Entry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM documents WHERE source = ?",
                               (source,)).fetchone()
        return None if row is None else _entry(row)

    def entries(self) -> list[Entry]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM documents ORDER BY source")
        return [_entry(row) for row in rows]

    def decide(self, source: str, sha256: str, profile_sha256: str,
               retry_failed: bool) -> Decision:
        entry = self.entry(source)
        if entry is None or entry.sha256 != sha256 or entry.profile_sha256 != profile_sha256:
            return Decision.CONVERT
        if entry.state is State.DONE:
            return Decision.SKIP_DONE
        if entry.state is State.FAILED and not retry_failed:
            return Decision.SKIP_FAILED
        return Decision.CONVERT

    def package_owner(self, package: str) -> str | None:
        """The source whose finished package has this name, if any."""
        row = self._db.execute("SELECT source FROM documents WHERE package = ? AND state = ?",
                               (package, State.DONE.value)).fetchone()
        return None if row is None else str(row[0])

    def start(self, source: str, sha256: str, profile_sha256: str, pages: int) -> None:
        """A conversion begins: attempts counts up; a package written before stays named."""
        self._write(
            "INSERT INTO documents (source, sha256, profile_sha256, state, attempts, pages, "
            "updated) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT(source) DO UPDATE SET "
            "sha256 = excluded.sha256, profile_sha256 = excluded.profile_sha256, "
            "state = excluded.state, attempts = attempts + 1, error = '', "
            "pages = excluded.pages, updated = excluded.updated",
            (source, sha256, profile_sha256, State.RUNNING.value, pages, now()))

    def writing(self, source: str, package: str) -> None:
        self._set(source, State.WRITING, package=package)

    def done(self, source: str, package: str) -> None:
        self._set(source, State.DONE, package=package)

    def failed(self, source: str, error: str) -> None:
        self._set(source, State.FAILED, error=error)

    def _set(self, source: str, state: State, *, package: str | None = None,
             error: str = "") -> None:
        if package is None:
            self._write("UPDATE documents SET state = ?, error = ?, updated = ? "
                        "WHERE source = ?", (state.value, error, now(), source))
        else:
            self._write("UPDATE documents SET state = ?, error = ?, package = ?, "
                        "updated = ? WHERE source = ?",
                        (state.value, error, package, now(), source))

    def _write(self, statement: str, values: tuple[object, ...]) -> None:
        """A change to the journal; one it cannot take (disk full) stops the batch with
        FileAccess: a batch that cannot record what it did does not go on."""
        try:
            self._db.execute(statement, values)
        except sqlite3.OperationalError as error:
            raise FileAccess(f"{self.path}: the batch journal cannot be written ({error}); "
                             "the batch stops, the packages written so far are kept",
                             remedy="Free space on the output disk (or make it writable), "
                                    "then run the batch again.") from error


def now() -> str:
    """The time now in UTC, to the second, as ISO 8601 (journal, batch summaries, manifests)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextlib.contextmanager
def batch_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder for one batch; a second batch on it is refused at once.

    The lock is an flock on a file in the folder: the kernel releases it when the process
    ends, however it ends, so a killed batch never leaves a stale lock behind.
    """
    path = out_dir / LOCK_NAME
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise FileAccess(f"{path}: cannot create the batch lock: {error.strerror}") from error
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            holder = os.pread(descriptor, 64, 0).decode("ascii", "replace").strip()
            raise FileAccess(
                f"{out_dir}: another batch is already writing to this folder"
                + (f" (process {holder})" if holder else ""),
                remedy="Wait for it to finish, or give this batch another --out folder.",
            ) from error
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)
