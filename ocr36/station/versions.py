"""Approval: the corrected draft becomes a new version of the package; none is ever lost.

The new version is written whole into a temporary folder beside the package (the TIFFs
hard-linked, the corrected DOC00001.xml validated against the schema, the manifest naming the
version and its approver), flushed to the disk; then the current package is renamed into
NAME.history/vN and the new folder renamed into place. A server killed between the two
renames leaves the new folder complete and no package: `recover` puts it into place at the
next start; killed before, the package is as it was and the draft still in the store.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.manifest import MANIFEST_NAME, Approval, Manifest
from ocr36.package import XML_NAME, fsync_directory, sha256_of
from ocr36.schema import log_messages, schema_errors
from ocr36.station.blocks import parse
from ocr36.station.db import edits_of, now, transaction
from ocr36.station.documents import HISTORY_SUFFIX, Package
from ocr36.station.editing import Conflict, draft

NEW_MARK = ".approving-"
"""Temporary folders of an approval: `.NAME.approving-XXXX` beside the package."""


@dataclass(frozen=True)
class Approved:
    version: int
    history: Path
    """Where the version before is kept."""


def approve(connection: sqlite3.Connection, package: Package, user: str, revision: int,
            dtd: Path | None = None) -> Approved:
    """Write the draft at `revision` as the package's next version (see the module), once it
    conforms to the schema and to the office's `dtd` where one is given."""
    current = draft(connection, package)
    if current.revision != revision:
        raise Conflict(current.revision, edits_of(connection, package.key, revision))
    tree = parse(current.xml)
    problems = schema_errors(tree) + dtd_errors(tree, dtd)
    if problems:
        raise InvalidOutput(f"{package.xml}: the corrected document does not conform to the "
                            f"schema or the office's DTD: {'; '.join(problems[:3])}",
                            remedy="Undo the last change of structure, or correct the block "
                                   "named, then approve again.")
    manifest = Manifest.read(package.path)
    version = (manifest.approval.version if manifest.approval else 1) + 1
    history = package.history / f"v{version - 1}"
    edits = len(edits_of(connection, package.key, _approved_revision(connection, package)))
    xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    approval = Approval(version=version, approved_by=user,
                        approved_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        previous=str(history.relative_to(package.path.parent)), edits=edits)
    if history.exists():
        raise InvalidOutput(f"{history} exists already: the package's versions disagree with its "
                            "manifest", remedy="Check the history folder by hand; nothing was "
                            "changed.")
    package.history.mkdir(exist_ok=True)
    staged = _stage(package, xml, manifest, approval)
    os.rename(package.path, history)
    os.rename(staged, package.path)
    fsync_directory(package.history)
    fsync_directory(package.path.parent)
    with transaction(connection):
        connection.execute("INSERT INTO approvals(package, version, user, at, edits, revision) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (package.key, version, user, now(), edits, current.revision))
        connection.execute("UPDATE drafts SET base_sha256 = ? WHERE package = ?",
                           (sha256_of(package.xml), package.key))
    return Approved(version, history)


def dtd_errors(tree: etree._ElementTree, dtd: Path | None) -> list[str]:
    """What the office's DTD finds wrong in the document (nothing where there is none)."""
    if dtd is None:
        return []
    try:
        checker = etree.DTD(str(dtd))
    except (etree.DTDParseError, OSError) as error:
        raise InvalidOutput(f"{dtd}: the office's DTD cannot be read: {error}",
                            remedy="Fix the file given with --dtd.") from error
    if checker.validate(tree):
        return []
    return [f"DTD {dtd.name}: {message}" for message in log_messages(checker.error_log)]


def _approved_revision(connection: sqlite3.Connection, package: Package) -> int:
    """The draft's revision at the last approval (0: never approved)."""
    row = connection.execute("SELECT MAX(revision) FROM approvals WHERE package = ?",
                             (package.key,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _stage(package: Package, xml: bytes, manifest: Manifest, approval: Approval) -> Path:
    """The new version, complete and flushed, in a temporary folder beside the package."""
    staged = Path(tempfile.mkdtemp(prefix=f".{package.path.name}{NEW_MARK}",
                                   dir=package.path.parent))
    try:
        for entry in sorted(package.path.iterdir()):
            if entry.name in (XML_NAME, MANIFEST_NAME) or not entry.is_file():
                continue
            try:
                os.link(entry, staged / entry.name)
            except OSError:
                shutil.copy2(entry, staged / entry.name)
        (staged / XML_NAME).write_bytes(xml)
        files = dict(manifest.files)
        files[XML_NAME] = sha256_of(staged / XML_NAME)
        (staged / MANIFEST_NAME).write_bytes(
            replace(manifest, files=files, approval=approval).to_bytes())
        for path in staged.iterdir():
            _fsync_file(path)
        fsync_directory(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def recover(folders: tuple[Path, ...]) -> list[str]:
    """Finish or undo the approvals a killed server left (see the module); what was done."""
    done = []
    for folder in folders:
        for staged in sorted(folder.resolve().rglob(f".*{NEW_MARK}*")):
            if not staged.is_dir() or HISTORY_SUFFIX in staged.parent.name:
                continue
            name = staged.name[1:].split(NEW_MARK)[0]
            target = staged.parent / name
            if target.exists():
                shutil.rmtree(staged)
                done.append(f"{staged}: an approval stopped before it began; removed")
            else:
                os.rename(staged, target)
                done.append(f"{target}: an approval stopped half-way; its new version put in place")
    return done


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

