"""The station's state: one SQLite file beside the output (WAL, synchronous=FULL).

Every saved correction is committed before the reply leaves, so a server killed at any moment
loses none; so is the image a region marked as one was cut into (kept until approval writes it
into the package). Documents keep their draft (the DOC00001.xml being corrected) and a revision
number: a save names the revision it was made on, and is refused when another came first.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ocr36.errors import FileAccess

DB_NAME = ".ocr36-station.sqlite"
DEFAULT_THRESHOLD = 5.0
"""Need (0-100) from which a document is routed to an operator."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users(name), csrf TEXT NOT NULL,
  created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS quality (
  package TEXT PRIMARY KEY, stamp TEXT NOT NULL, need REAL NOT NULL, signals TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
  package TEXT PRIMARY KEY, revision INTEGER NOT NULL, xml BLOB NOT NULL,
  base_sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT, package TEXT NOT NULL, revision INTEGER NOT NULL,
  user TEXT NOT NULL, at REAL NOT NULL, block TEXT NOT NULL, kind TEXT NOT NULL,
  section TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS edits_package ON edits(package, revision);
CREATE TABLE IF NOT EXISTS approvals (
  id INTEGER PRIMARY KEY AUTOINCREMENT, package TEXT NOT NULL, version INTEGER NOT NULL,
  user TEXT NOT NULL, at REAL NOT NULL, edits INTEGER NOT NULL, revision INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS befores (
  package TEXT NOT NULL, revision INTEGER NOT NULL, xml BLOB NOT NULL,
  PRIMARY KEY(package, revision));
CREATE TABLE IF NOT EXISTS files (
  package TEXT NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY(package, name));
"""


@dataclass(frozen=True)
class Edit:
    """One stored correction: who, when, which block, before and after."""

    id: int
    package: str
    revision: int
    user: str
    at: float
    block: str
    kind: str
    """'text', 'split', 'merge', 'kind' (a block's kind changed), 'image' (a region marked
    as an image) or 'undo' (the last change of structure taken back)."""
    section: str
    """The block's element and section ('p in description', 'claim-text in claims')."""
    before: str
    after: str


def connect(path: Path) -> sqlite3.Connection:
    """The store at `path`, created with its tables where new."""
    try:
        connection = sqlite3.connect(str(path), timeout=30, isolation_level=None,
                                     check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.executescript(SCHEMA)
    except sqlite3.Error as error:
        raise FileAccess(f"{path}: cannot open the station's store: {error}") from error
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception): one writer at a time."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def setting(connection: sqlite3.Connection, key: str, default: str) -> str:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def set_setting(connection: sqlite3.Connection, key: str, value: str) -> None:
    with transaction(connection):
        connection.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def threshold(connection: sqlite3.Connection) -> float:
    return float(setting(connection, "threshold", str(DEFAULT_THRESHOLD)))


def edits_of(connection: sqlite3.Connection, package: str, after_revision: int = 0) -> list[Edit]:
    """The edits of a package made after `after_revision`, oldest first."""
    rows = connection.execute(
        "SELECT id, package, revision, user, at, block, kind, section, before, after FROM edits "
        "WHERE package = ? AND revision > ? ORDER BY id", (package, after_revision)).fetchall()
    return [Edit(*row) for row in rows]


def all_edits(connection: sqlite3.Connection) -> list[Edit]:
    rows = connection.execute(
        "SELECT id, package, revision, user, at, block, kind, section, before, after FROM edits "
        "ORDER BY id").fetchall()
    return [Edit(*row) for row in rows]


def pending_files(connection: sqlite3.Connection, package: str) -> dict[str, bytes]:
    """The files the package's draft gained (the images cut from its pages), by name."""
    rows = connection.execute("SELECT name, data FROM files WHERE package = ?",
                              (package,)).fetchall()
    return {str(name): bytes(data) for name, data in rows}


def now() -> float:
    return time.time()
