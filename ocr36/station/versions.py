"""Approval: the corrected draft becomes a new version of the package; none is ever lost.

The new version is written whole into a temporary folder beside the package (the TIFFs
hard-linked, the corrected DOC00001.xml validated against the schema, the images cut from its
pages written and listed in toc.xml, the manifest naming the version and its approver, the
whole checked as `ocr36 validate` checks a package), flushed to the disk; then the current
package is renamed into NAME.history/vN and the new folder renamed into place. A server killed
between the two renames leaves the new folder complete and no package: `recover` puts it into
place at the next start; killed before, the package is as it was and the draft still in the store.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.manifest import MANIFEST_NAME, Approval, Manifest
from ocr36.package import TOC_NAME, XML_NAME, fsync_directory, sha256_of
from ocr36.schema import log_messages, schema_errors
from ocr36.station.blocks import parse
from ocr36.station.db import edits_of, now, pending_files, transaction
from ocr36.station.documents import HISTORY_SUFFIX, Package
from ocr36.station.editing import Conflict, draft
from ocr36.validate import validate_package

EXT_REF = re.compile(r'<ExtRef FileName="([^"]*)"/>')
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
    staged = _stage(package, xml, manifest, approval, _added_files(connection, package, tree))
    _check_staged(package, staged, dtd)
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


def _added_files(connection: sqlite3.Connection, package: Package,
                 tree: etree._ElementTree) -> dict[str, bytes]:
    """The files the draft refers to that the package lacks (images cut from its pages)."""
    referenced = {img.get("file", "") for img in tree.getroot().iter("img")}
    return {name: data for name, data in pending_files(connection, package.key).items()
            if name in referenced and not (package.path / name).exists()}


def _check_staged(package: Package, staged: Path, dtd: Path | None) -> None:
    """The new version checked whole (XML, images, toc.xml, manifest) before it replaces the
    package; removed and refused where anything is wrong."""
    report = validate_package(staged, dtd)
    if not report.valid:
        shutil.rmtree(staged, ignore_errors=True)
        raise InvalidOutput(f"{package.path}: the new version would not be a valid package: "
                            f"{'; '.join(report.problems[:3])}",
                            remedy="Undo the last change, then approve again; nothing was "
                                   "changed.")


def toc_with(toc: bytes, names: Iterable[str]) -> bytes:
    """toc.xml listing `names` too, in the writer's order (the XML first, then by name)."""
    text = toc.decode("utf-8")
    head, opened, rest = text.partition("<Document>\n")
    body, closed, tail = rest.partition("</Document>")
    if not opened or not closed:
        raise InvalidOutput(f"{TOC_NAME}: not a table of contents as ocr36 writes it",
                            remedy="Convert the document again; nothing was changed.")
    listed = set(EXT_REF.findall(body)) | set(names)
    ordered = sorted(listed, key=lambda file: (file != XML_NAME, file))
    references = "".join(f"<ExtRef FileName={quoteattr(file)}/>\n" for file in ordered)
    return f"{head}{opened}{references}{closed}{tail}".encode()


def _approved_revision(connection: sqlite3.Connection, package: Package) -> int:
    """The draft's revision at the last approval (0: never approved)."""
    row = connection.execute("SELECT MAX(revision) FROM approvals WHERE package = ?",
                             (package.key,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _stage(package: Package, xml: bytes, manifest: Manifest, approval: Approval,
           added: Mapping[str, bytes]) -> Path:
    """The new version, complete and flushed, in a temporary folder beside the package: the
    files kept hard-linked, the `added` ones written and listed in toc.xml."""
    staged = Path(tempfile.mkdtemp(prefix=f".{package.path.name}{NEW_MARK}",
                                   dir=package.path.parent))
    rewritten = {XML_NAME, MANIFEST_NAME, *((TOC_NAME,) if added else ())}
    try:
        for entry in sorted(package.path.iterdir()):
            if entry.name in rewritten or not entry.is_file():
                continue
            try:
                os.link(entry, staged / entry.name)
            except OSError:
                shutil.copy2(entry, staged / entry.name)
        files = dict(manifest.files)
        written = {XML_NAME: xml, **added}
        if added:
            written[TOC_NAME] = toc_with((package.path / TOC_NAME).read_bytes(), added)
        for name, data in written.items():
            (staged / name).write_bytes(data)
            files[name] = sha256_of(staged / name)
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

