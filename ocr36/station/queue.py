"""The queue: every package with its need, most doubtful first; routed to an operator from
the office's threshold. Estimates are kept in the store, made again when a package's files
change (their modification times are the stamp)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ocr36.manifest import MANIFEST_NAME
from ocr36.station.db import threshold, transaction
from ocr36.station.documents import Package
from ocr36.station.quality import estimate

BATCH = 200
"""Estimates committed together while the queue fills."""


@dataclass(frozen=True)
class Entry:
    package: Package
    need: float | None
    """None: not estimated yet."""
    signals: Mapping[str, float]
    revision: int
    """The draft's revision: how many changes are stored (0: none)."""
    version: int
    """The last approved version (1: never approved)."""

    @property
    def approved(self) -> bool:
        return self.version > 1


def _stamp(package: Package) -> str:
    try:
        xml, manifest = package.xml.stat(), (package.path / MANIFEST_NAME).stat()
        return f"{xml.st_mtime_ns}:{manifest.st_mtime_ns}"
    except OSError:
        return "missing"


def refresh(connection: sqlite3.Connection, packages: Iterable[Package]) -> int:
    """Estimate the packages whose files changed since their estimate; how many were."""
    known = dict(connection.execute("SELECT package, stamp FROM quality").fetchall())
    rows = []
    for package in packages:
        stamp = _stamp(package)
        if known.get(package.key) == stamp:
            continue
        quality = estimate(package)
        rows.append((package.key, stamp, quality.need, json.dumps(quality.signals())))
        if len(rows) >= BATCH:
            _store(connection, rows)
    _store(connection, rows)
    return len(rows)


def _store(connection: sqlite3.Connection, rows: list[tuple[str, str, float, str]]) -> None:
    if not rows:
        return
    with transaction(connection):
        connection.executemany(
            "INSERT INTO quality(package, stamp, need, signals) VALUES (?, ?, ?, ?) ON CONFLICT"
            "(package) DO UPDATE SET stamp = excluded.stamp, need = excluded.need, "
            "signals = excluded.signals", rows)
    rows.clear()


def entries(connection: sqlite3.Connection, packages: Mapping[str, Package]) -> list[Entry]:
    """Every package, the ones needing a human most first (those not estimated yet on top)."""
    by_key = {p.key: p for p in packages.values()}
    needs = {k: (n, s) for k, n, s in connection.execute(
        "SELECT package, need, signals FROM quality").fetchall()}
    revisions = dict(connection.execute("SELECT package, revision FROM drafts").fetchall())
    versions = dict(connection.execute(
        "SELECT package, MAX(version) FROM approvals GROUP BY package").fetchall())
    found = []
    for key, package in by_key.items():
        need, signals = needs.get(key, (None, "{}"))
        found.append(Entry(package, need, json.loads(signals), int(revisions.get(key, 0)),
                           int(versions.get(key, 1))))
    found.sort(key=lambda e: (e.approved, -(e.need if e.need is not None else 101),
                              e.package.url))
    return found


def routed(connection: sqlite3.Connection, found: list[Entry]) -> list[Entry]:
    """The entries at or above the office's threshold, not approved yet."""
    limit = threshold(connection)
    return [e for e in found if not e.approved and (e.need is None or e.need >= limit)]
