"""What every request of the station reads: the served folders, the packages found in them,
and the store (one SQLite connection per server thread)."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ocr36.station.db import DB_NAME, connect
from ocr36.station.documents import Package, discover

RESCAN_SECONDS = 30.0
"""How long the list of packages is kept before the folders are looked at again."""


def store_path(folders: tuple[Path, ...]) -> Path:
    """The station's store: beside the output, in the first served folder."""
    return folders[0] / DB_NAME


@dataclass
class Station:
    folders: tuple[Path, ...]
    store: Path
    dtd: Path | None = None
    """The office's DTD, checked on approval beside the schema (None: the schema alone)."""
    _local: threading.local = field(default_factory=threading.local)
    _packages: dict[str, Package] = field(default_factory=dict)
    _scanned: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def db(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.store)
            self._local.connection = connection
        return connection

    def packages(self, fresh: bool = False) -> dict[str, Package]:
        """The packages of the served folders by URL part, looked for again when older than
        RESCAN_SECONDS (or `fresh`)."""
        with self._lock:
            if fresh or time.monotonic() - self._scanned > RESCAN_SECONDS:
                self._packages = discover(self.folders)
                self._scanned = time.monotonic()
            return self._packages

    def package(self, ref: str) -> Package | None:
        found = self.packages().get(ref)
        if found is None:
            found = self.packages(fresh=True).get(ref)
        return found
