"""The delivery package: DOC00001.xml, its TIFFs, toc.xml and manifest.json, written atomically."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ocr36.errors import FileAccess, InvalidOutput
from ocr36.manifest import MANIFEST_KEYS as MANIFEST_KEYS
from ocr36.manifest import MANIFEST_NAME as MANIFEST_NAME
from ocr36.manifest import Manifest, ProfileUsed, SourceFile
from ocr36.model import Document, Illustration
from ocr36.schema import validate_tree
from ocr36.st36 import DTD_VERSION, build_tree, serialise
from ocr36.tiff import write_g4

XML_NAME = "DOC00001.xml"
TOC_NAME = "toc.xml"
RESERVED_NAMES = frozenset({XML_NAME, TOC_NAME, MANIFEST_NAME})
PARTIAL_MARK = ".partial-"
"""Temporary folders are named .NAME.partial-XXXXXXXX inside the output folder."""
OVERWRITE_REMEDY = "Pass --overwrite to replace it, or choose another --out folder."

_TOC_DOCTYPE = """<!DOCTYPE Application-body [
<!ELEMENT Application-body (Document+)>
<!ATTLIST Application-body id CDATA #REQUIRED>
<!ATTLIST Application-body country CDATA #REQUIRED>
<!ATTLIST Application-body kind CDATA #REQUIRED>
<!ATTLIST Application-body appnum CDATA #IMPLIED>
<!ATTLIST Application-body mainipc CDATA #IMPLIED>
<!ATTLIST Application-body pubdate CDATA #REQUIRED>
<!ATTLIST Application-body dtd CDATA #REQUIRED>
<!ATTLIST Application-body lang CDATA #REQUIRED>
<!ATTLIST Application-body status CDATA #REQUIRED>
<!ELEMENT Document (StartPage?, Pages?, Package?, ExtRef+)>
<!ELEMENT StartPage (#PCDATA)>
<!ELEMENT Pages (#PCDATA)>
<!ELEMENT Package (#PCDATA)>
<!ELEMENT ExtRef (#PCDATA)>
<!ATTLIST ExtRef FileName CDATA #REQUIRED>
]>
"""


@dataclass(frozen=True)
class PackageInfo:
    """Provenance written into manifest.json."""

    source_path: Path
    source_sha256: str
    profile_name: str
    profile_sha256: str
    versions: Mapping[str, str]
    """Component -> version (ocr36, tesseract, language packs ...)."""
    created: str
    """ISO 8601 timestamp: the only value of the package that changes from run to run."""
    office_dtd: Path | None = None
    """The office's own DTD the XML must also satisfy (the profile's `[output] dtd`)."""


def write_package(
    document: Document, info: PackageInfo, out_dir: Path, name: str, overwrite: bool = False
) -> Path:
    """Write the package folder out_dir/name: complete and valid, or not at all."""
    target = out_dir / _folder_name(name)
    _refuse_existing(target, overwrite)
    tree = build_tree(document, XML_NAME)
    validate_tree(tree, info.office_dtd)
    images = _images(document)
    with _file_errors(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
    partial = _partial_folder(out_dir, name)
    try:
        try:
            with _file_errors(partial):
                _fill(partial, document, info, serialise(tree), images)
                _fsync(partial)
        except FileAccess as error:
            raise FileAccess(f"{target}: the package was not written: {error.message}",
                             error.remedy) from error
        _move_into_place(partial, target, overwrite)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def toc_xml(document: Document, file_names: list[str]) -> bytes:
    """EPO's toc.xml: the publication's identity and one ExtRef per file (XML first)."""
    bib = document.bibliographic
    date = bib.publication_date
    pubdate = f"{date[:4]}/{date[4:6]}/{date[6:]}" if len(date) == 8 and date.isdigit() else ""
    attributes = {
        "id": bib.doc_number or "UNKNOWN",
        "country": (bib.country or document.office).upper(),
        "kind": bib.kind,
        "appnum": bib.application_number,
        "pubdate": pubdate,
        "dtd": DTD_VERSION,
        "lang": document.lang.upper(),
        "status": "n",
    }
    opening = " ".join(f"{key}={quoteattr(value)}" for key, value in attributes.items())
    ordered = sorted(file_names, key=lambda file: (file != XML_NAME, file))
    references = "".join(f"<ExtRef FileName={quoteattr(file)}/>\n" for file in ordered)
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{_TOC_DOCTYPE}<Application-body {opening}>\n<Document>\n{references}</Document>\n"
        "</Application-body>\n"
    )
    return text.encode("utf-8")


def manifest_json(document: Document, info: PackageInfo, files: Mapping[str, str]) -> bytes:
    """manifest.json: provenance, pages, warnings and the sha256 of every other file."""
    return Manifest.of(document, SourceFile(str(info.source_path), info.source_sha256),
                       ProfileUsed(info.profile_name, info.profile_sha256), info.versions,
                       files, info.created).to_bytes()


# --- steps ------------------------------------------------------------------------------


def _folder_name(name: str) -> str:
    if not name or name in (".", "..") or Path(name).name != name or name.startswith("."):
        raise FileAccess(f"package name {name!r} is not a plain folder name")
    return name


def _refuse_existing(target: Path, overwrite: bool) -> None:
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise FileAccess(f"the package folder {target} already exists", OVERWRITE_REMEDY)


def _images(document: Document) -> list[Illustration]:
    """Every image of the package; InvalidOutput for unusable or repeated file names."""
    images = [*document.illustrations, *document.search_report_pages]
    seen: set[str] = set()
    for image in images:
        file = image.file
        if Path(file).name != file or file.startswith(".") or not file.endswith(".tif"):
            raise InvalidOutput(f"image file name {file!r} is not a bare .tif file name")
        if file in seen or file in RESERVED_NAMES:
            raise InvalidOutput(f"image file name {file!r} is used twice in the package")
        seen.add(file)
    return images


def _partial_folder(out_dir: Path, name: str) -> Path:
    for _ in range(100):
        candidate = out_dir / f".{name}{PARTIAL_MARK}{secrets.token_hex(4)}"
        with contextlib.suppress(FileExistsError), _file_errors(candidate):
            candidate.mkdir()
            return candidate
    raise FileAccess(f"cannot create a temporary folder in {out_dir}")


def _fill(
    folder: Path, document: Document, info: PackageInfo, xml: bytes, images: list[Illustration]
) -> None:
    files: dict[str, str] = {XML_NAME: _write(folder / XML_NAME, xml)}
    for image in images:
        path = folder / image.file
        write_g4(image.pixels(), path, image.dpi)  # one image unpacked at a time
        files[image.file] = sha256_of(path)
    toc = toc_xml(document, [*files, MANIFEST_NAME])
    files[TOC_NAME] = _write(folder / TOC_NAME, toc)
    _write(folder / MANIFEST_NAME, manifest_json(document, info, files))


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _fsync(folder: Path) -> None:
    """Flush every file of the folder, then the folder itself, to the disk."""
    for path in sorted(folder.iterdir()):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    fsync_directory(folder)


def fsync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as error:  # some file systems cannot sync a directory
        if error.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(descriptor)


def _move_into_place(partial: Path, target: Path, overwrite: bool) -> None:
    """Rename the finished folder to its name; an old package is swapped out, never mixed."""
    if not (target.exists() or target.is_symlink()):
        with _file_errors(target):
            os.rename(partial, target)
            fsync_directory(target.parent)
        return
    if not overwrite:
        raise FileAccess(f"the package folder {target} already exists", OVERWRITE_REMEDY)
    aside = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
    with _file_errors(target):
        os.rename(target, aside)
        try:
            os.rename(partial, target)
        except BaseException:
            os.rename(aside, target)
            raise
        fsync_directory(target.parent)
    _remove(aside)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """Turn an OSError (disk full, permission denied ...) into FileAccess naming the path."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as error:
        where = error.filename or path
        full = error.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(error)
        reason = "the disk is full" if full else error.strerror or error
        raise FileAccess(f"cannot write {where}: {reason}") from error
