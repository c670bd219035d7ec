"""Checks of a written package (or a lone ST.36 XML file): schema, ids, images, toc and manifest."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ocr36.errors import BadInput, FileAccess
from ocr36.package import MANIFEST_KEYS, MANIFEST_NAME, TOC_NAME, XML_NAME, sha256_of
from ocr36.schema import dtd_errors, line_of, schema_errors
from ocr36.st36 import UNKNOWN
from ocr36.tiff import TiffFacts, read_tiff_facts, size_mm

EXPECTED_DPI = (300, 300)
EXPECTED_PHOTOMETRIC = "WhiteIsZero"
SIZE_TOLERANCE_MM = 1
IMAGE_ELEMENTS = ("img", "doc-page")
REQUIRED_BIBLIOGRAPHIC = (
    "publication-reference/document-id/doc-number",
    "application-reference/document-id/doc-number",
    "parties/applicants/applicant/addressbook/name",
    "invention-title",
)


@dataclass(frozen=True)
class ValidationReport:
    """What `ocr36 validate` prints: problems make the target invalid, warnings do not."""

    target: Path
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_package(path: Path, dtd: Path | None = None) -> ValidationReport:
    """Validate a package folder (XML, TIFFs, toc.xml, manifest.json) or a lone XML file;
    against an office's own DTD too when `dtd` is given."""
    if path.is_dir():
        xml_path = _package_xml(path)
    elif path.is_file():
        xml_path = path
    else:
        raise FileAccess(f"{path} does not exist")
    problems: list[str] = []
    warnings: list[str] = []
    if xml_path is None:
        problems.append(f"{path}: no {XML_NAME} (nor any other ST.36 XML file) in the folder")
    else:
        _check_xml(xml_path, problems, warnings, dtd)
    if path.is_dir():
        _check_toc(path, problems)
        _check_manifest(path, problems)
    return ValidationReport(path, tuple(problems), tuple(warnings))


def _package_xml(folder: Path) -> Path | None:
    if (folder / XML_NAME).is_file():
        return folder / XML_NAME
    candidates = sorted(p for p in folder.glob("*.xml") if p.name != TOC_NAME)
    return candidates[0] if len(candidates) == 1 else None


def _parse(path: Path, problems: list[str]) -> etree._ElementTree | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        problems.append(f"{path.name}: not well-formed XML: {error}")
    except OSError as error:
        problems.append(f"{path.name}: cannot be read: {error}")
    return None


# --- the ST.36 file ---------------------------------------------------------------------


def _check_xml(xml_path: Path, problems: list[str], warnings: list[str],
               dtd: Path | None) -> None:
    tree = _parse(xml_path, problems)
    if tree is None:
        return
    name = xml_path.name
    # the schema check also reports a root not named ^[a-z]{2}-patent-document$
    problems.extend(f"{name}: {message}" for message in schema_errors(tree))
    if dtd is not None:
        problems.extend(f"{name}: {dtd.name}: {message}" for message in dtd_errors(tree, dtd))
    problems.extend(f"{name}: {message}" for message in _duplicate_ids(tree))
    for element in _elements(tree, IMAGE_ELEMENTS):
        image_problems, image_warnings = _image_findings(element, xml_path)
        problems.extend(f"{name}: {message}" for message in image_problems)
        warnings.extend(f"{name}: {message}" for message in image_warnings)
    warnings.extend(f"{name}: {message}" for message in _placeholders(tree.getroot()))


def _elements(tree: etree._ElementTree, tags: Iterable[str]) -> list[etree._Element]:
    return [element for element in tree.iter(*tags) if isinstance(element.tag, str)]


def _duplicate_ids(tree: etree._ElementTree) -> list[str]:
    lines: dict[str, list[int]] = {}
    for element in tree.iter():
        identifier = element.get("id")
        if identifier is not None:
            lines.setdefault(identifier, []).append(line_of(element))
    return [
        f"id {identifier!r} is used {len(at)} times (lines {', '.join(map(str, at))})"
        for identifier, at in lines.items()
        if len(at) > 1
    ]


def _image_findings(element: etree._Element, xml_path: Path) -> tuple[list[str], list[str]]:
    """Problems and warnings of the file of an img / doc-page: it must be present, a 1-bit G4
    300 dpi one-strip TIFF of the size stated; EPO's WhiteIsZero is expected."""
    file = element.get("file") or ""
    where = f"<{element.tag}> file {file!r} (line {line_of(element)})"
    if not file or Path(file).name != file:
        return [f"{where} is not a bare file name next to the XML"], []
    path = xml_path.parent / file
    if not path.is_file():
        return [f"{where} does not exist next to the XML"], []
    try:
        facts = read_tiff_facts(path)
    except (BadInput, FileAccess) as error:
        return [f"{where} cannot be read as TIFF: {error}"], []
    problems = _tiff_problems(facts) + _size_problems(element, facts)
    warnings = (
        []
        if facts.photometric == EXPECTED_PHOTOMETRIC
        else [f"is {facts.photometric}, not {EXPECTED_PHOTOMETRIC} as in EPO packages"]
    )
    return [f"{where} {m}" for m in problems], [f"{where} {m}" for m in warnings]


def _tiff_problems(facts: TiffFacts) -> list[str]:
    problems = []
    if facts.bits != 1:
        problems.append(f"has {facts.bits} bits per sample, not 1")
    if facts.compression != "group4":
        problems.append(f"is compressed as {facts.compression}, not CCITT Group 4")
    if facts.dpi != EXPECTED_DPI:
        problems.append(f"is at {facts.dpi[0]}x{facts.dpi[1]} dpi, not 300x300")
    if facts.strips != 1:
        problems.append(f"has {facts.strips} strips, not a single strip")
    if facts.frames != 1:
        problems.append(f"has {facts.frames} frames, not one")
    return problems


def _size_problems(element: etree._Element, facts: TiffFacts) -> list[str]:
    """he / wi must agree with the image's own size within a millimetre."""
    problems = []
    for attribute, pixels, dpi in (
        ("he", facts.height, facts.dpi[1]),
        ("wi", facts.width, facts.dpi[0]),
    ):
        stated = element.get(attribute) or ""
        if dpi <= 0 or not stated.isdigit():
            continue  # the schema reports a missing or malformed value; dpi is reported above
        actual = size_mm(pixels, dpi)
        if abs(int(stated) - actual) > SIZE_TOLERANCE_MM:
            problems.append(f"has {attribute}={stated} mm but the image measures {actual} mm")
    return problems


def _placeholders(root: etree._Element) -> list[str]:
    bib = root.find("bibliographic-data")
    if bib is None:
        return []
    return [
        f"bibliographic {path} is {UNKNOWN}: it was not found on the front page"
        for path in REQUIRED_BIBLIOGRAPHIC
        if bib.findtext(path) == UNKNOWN
    ]


# --- toc.xml and manifest.json ------------------------------------------------------------


def _package_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file() and p.name != TOC_NAME}


def _check_toc(folder: Path, problems: list[str]) -> None:
    path = folder / TOC_NAME
    if not path.is_file():
        problems.append(f"{TOC_NAME} is missing")
        return
    tree = _parse(path, problems)
    if tree is None:
        return
    listed = [str(ref.get("FileName") or "") for ref in tree.iter("ExtRef")]
    present = _package_files(folder)
    for file, count in sorted(Counter(listed).items()):
        if count > 1:
            problems.append(f"{TOC_NAME} lists {file!r} {count} times")
    for file in sorted(set(listed) - present):
        problems.append(f"{TOC_NAME} lists {file!r}, which is not in the package")
    for file in sorted(present - set(listed)):
        problems.append(f"{TOC_NAME} does not list {file!r}, which is in the package")


def _check_manifest(folder: Path, problems: list[str]) -> None:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        problems.append(f"{MANIFEST_NAME} is missing")
        return
    try:
        manifest: Any = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        problems.append(f"{MANIFEST_NAME} cannot be read as JSON: {error}")
        return
    if not isinstance(manifest, dict):
        problems.append(f"{MANIFEST_NAME} is not a JSON object")
        return
    for key in MANIFEST_KEYS:
        if key not in manifest:
            problems.append(f"{MANIFEST_NAME} lacks the key {key!r}")
    files = manifest.get("files")
    if isinstance(files, dict):
        problems.extend(_hash_problems(folder, files))
    elif "files" in manifest:
        problems.append(f"{MANIFEST_NAME}: 'files' is not an object of file name -> sha256")


def _hash_problems(folder: Path, files: dict[str, Any]) -> list[str]:
    problems = []
    for file, expected in sorted(files.items()):
        path = folder / file
        if Path(file).name != file or not path.is_file():
            problems.append(f"{MANIFEST_NAME} lists {file!r}, which is not in the package")
        elif sha256_of(path) != expected:
            problems.append(f"{file}: sha256 differs from the one in {MANIFEST_NAME}")
    every_file = {p.name for p in folder.iterdir() if p.is_file()}
    unlisted = every_file - {MANIFEST_NAME} - set(files)
    problems.extend(f"{MANIFEST_NAME} has no sha256 for {file!r}" for file in sorted(unlisted))
    return problems
