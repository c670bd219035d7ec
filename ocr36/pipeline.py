"""From a document's pages to what is written: the pages to read again, the document built,
its provenance and package name."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from string import Formatter
from typing import Any

from anyascii import anyascii

from ocr36 import __version__
from ocr36.damaged import is_kept_as_image, unplaced
from ocr36.errors import BadInput
from ocr36.journal import now
from ocr36.metadata import apply_metadata, metadata_sources
from ocr36.model import Document, PageResult, Paragraph, Source
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.package import PackageInfo
from ocr36.profile import Profile
from ocr36.structure import build_document, region_languages
from ocr36.structure.textlang import detected_text
from ocr36.titleread import TitleRead, title_reads


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


@dataclass(frozen=True)
class Reread:
    """A page to read again with other language packs: the whole page with `packs`, or
    only its text `regions`, each with its own packs (`packs` all of theirs)."""

    page: PageResult
    packs: tuple[str, ...]
    regions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    titles: tuple[TitleRead, ...] = ()
    """Titles (54) in other languages: their lines read again with their packs."""


def rereads(pages: Sequence[PageResult], profile: Profile,
            engine: str = DEFAULT_ENGINE) -> list[Reread]:
    """The text regions of sections in other languages, with the packs that read them (a
    page whose text is all in one of them: the whole page); and the pages of a text whose
    words tell a language the profile has no packs for, with that language's packs where
    `engine` has them installed (`textlang.detected_text`).

    Sections are looked for only when the profile names other packs for them."""
    again: dict[int, Reread] = {}
    if reads_other_packs(profile):
        languages = region_languages(pages, profile)
        for page in pages:
            reread = _regions_reread(page, languages.get(page.number, {}), profile)
            if reread is not None:
                again[page.number] = reread
    detected = detected_text(pages, profile)
    if detected is not None and detected.pages and detected.packs \
            and set(detected.packs) <= set(get_engine(engine).languages()):
        for page in pages:
            if page.number in detected.pages and page.number not in again:
                again[page.number] = Reread(page, detected.packs)
    _add_titles(again, pages, profile, engine)
    return [again[page.number] for page in pages if page.number in again]


def _add_titles(again: dict[int, Reread], pages: Sequence[PageResult], profile: Profile,
                engine: str) -> None:
    """The first page's titles in other languages, with its reading again (`titleread`);
    none that the whole page is read again with already."""
    reads = title_reads(pages, profile)
    first = again.get(1)
    if first is not None and not first.regions:
        reads = tuple(read for read in reads if not set(read.packs) <= set(first.packs))
    if reads:
        installed = set(get_engine(engine).languages())
        reads = tuple(read for read in reads if set(read.packs) <= installed)
    if reads:
        again[1] = replace(first, titles=reads) if first else Reread(pages[0], (), titles=reads)


def _regions_reread(page: PageResult, regions: Mapping[str, Sequence[str]],
                    profile: Profile) -> Reread | None:
    """The regions of a page whose sections' languages other packs read; None if none."""
    other = {region: packs for region, langs in regions.items()
             if (packs := _packs_for(langs, profile)) != profile.language.tesseract}
    if not other:
        return None
    packs = tuple(dict.fromkeys(pack for each in other.values() for pack in each))
    every = {region.id for region in page.layout.text_regions}
    if every <= set(other) and len(set(other.values())) == 1:
        return Reread(page, packs)
    return Reread(page, packs, tuple(sorted(other.items())))


def reads_other_packs(profile: Profile) -> bool:
    """Whether a section in some language is read with other packs than the main ones."""
    main = profile.language.tesseract
    return any(packs != main for packs in profile.language.sections.values())


def _packs_for(langs: Sequence[str], profile: Profile) -> tuple[str, ...]:
    packs: list[str] = []
    for lang in langs:
        packs.extend(p for p in profile.language.packs(lang) if p not in packs)
    return tuple(packs) or profile.language.tesseract


def _fill_gaps(document: Document, source: Path) -> Document:
    """Required identifiers OCR could not read: taken from the file name, with a warning."""
    bibliographic = document.bibliographic
    warnings = list(document.warnings)
    if not bibliographic.doc_number:
        stem = re.sub(r"[^0-9A-Za-z]", "", anyascii(source.stem)) or "UNKNOWN"
        bibliographic = replace(bibliographic, doc_number=stem)
        document = replace(document, field_sources={**document.field_sources,
                                                    "doc_number": "file-name"})
        warnings.append(f"publication number (11) not found; the file name {source.stem!r} is "
                        "used: give it with --metadata")
    missing = [name for name, value in (
        ("application number (21)", bibliographic.application_number),
        ("title (54)", bibliographic.titles),
        ("applicant (71)/(73)", bibliographic.applicants),
        ("publication date (43)/(45)", bibliographic.publication_date),
    ) if not value]
    if missing:
        warnings.append("not found on the front page: " + ", ".join(missing)
                        + " (give them with --metadata)")
    return replace(document, bibliographic=bibliographic, warnings=tuple(warnings))


def package_name(document: Document, profile: Profile, source: Path) -> str:
    bibliographic = document.bibliographic
    return _name(profile, source, {"country": bibliographic.country,
                                   "doc_number": bibliographic.doc_number,
                                   "kind": bibliographic.kind})


def _name(profile: Profile, source: Path, fields: Mapping[str, str]) -> str:
    name = profile.output.package_name.format(source=source.stem, **fields)
    return re.sub(r"[^\w.-]", "_", name).strip("._") or source.stem


def predicted_package_name(profile: Profile, source: Path, record: Mapping[str, Any]
                           ) -> str | None:
    """The package name known before any page is read: when the profile's name takes only
    the source's name and fields the metadata record gives (None otherwise)."""
    needed = {field for _, field, _, _ in Formatter().parse(profile.output.package_name)
              if field}
    given = {field: str(record[field]).strip() for field in ("country", "doc_number", "kind")
             if field in record}
    if not needed <= {"source", *given}:
        return None
    return _name(profile, source, {field: given.get(field, "")
                                   for field in ("country", "doc_number", "kind")})


def versions(profile: Profile, engine: str = DEFAULT_ENGINE) -> dict[str, str]:
    found = {"ocr36": __version__}
    for key, value in get_engine(engine).versions().items():
        lang = key.split(":", 1)[1] if ":" in key else ""
        if not lang or lang in profile.all_tesseract_languages:
            found[key] = value
    return found


def assemble(pages: Sequence[PageResult], profile: Profile, source: Source, input_path: Path,
             record: dict[str, Any], known_versions: Mapping[str, str]
             ) -> tuple[Document, PackageInfo, str]:
    """The document read from its pages, its provenance and its package name.

    BadInput when no text or no claims were found. `known_versions` (see `versions`) are
    asked of the engine once per run, not once per document.
    """
    document = build_document(pages, profile)
    lost = unplaced(pages, document)
    if lost:
        raise BadInput(f"{input_path}: page {lost[0]} has damaged image data, and the page "
                       "kept as an image stands where the package has no place for an image",
                       remedy="Rescan the page, or re-export the file from the scanner's "
                              "original.")
    kept = tuple(warning for page in pages if is_kept_as_image(page) for warning in page.warnings)
    if kept:  # told with the document too: printed, in the batch summary and the review
        document = replace(document, warnings=kept + document.warnings)
    if record:
        document = replace(document, bibliographic=apply_metadata(
            document.bibliographic, record, profile.language.document),
            field_sources={**document.field_sources, **metadata_sources(record)})
    document = _fill_gaps(document, input_path)
    if not document.description and not document.claims:
        raise _nothing_found(pages, profile, input_path, source.page_count)
    if not document.claims:
        raise BadInput(
            f"{input_path}: no numbered claims were found on its {source.page_count} page(s) "
            f"with profile {profile.name!r}; {_first_lines(pages)}",
            remedy="Check that the document is complete, and the profile's bookmarks.claims "
                   "headings and numbering.claim pattern (see `ocr36 profiles show`).")
    if not any(isinstance(block, Paragraph) for block in document.description):
        raise BadInput(
            f"{input_path}: no description was found on its {source.page_count} page(s) "
            f"with profile {profile.name!r} (claims were); {_first_lines(pages)}",
            remedy="Check the profile's bookmarks.description headings, bookmarks.order (an "
                   "office printing the claims first: [\"claims\", \"description\"]) and "
                   "numbering.paragraph (see `ocr36 profiles show`).")
    info = PackageInfo(
        source_path=input_path.resolve(),
        source_sha256=source.sha256,
        profile_name=profile.name,
        profile_sha256=profile.sha256,
        versions=known_versions,
        created=now(),
        office_dtd=profile.output.dtd,
    )
    return document, info, package_name(document, profile, input_path)


def _first_lines(pages: Sequence[PageResult]) -> str:
    """The first lines read, for the operator to hold against the profile's headings."""
    first = next((page for page in pages if page.text.lines), None)
    if first is None:
        return "no line was read"
    lines = " / ".join(repr(line.text) for line in first.text.lines[:3])
    return f"the first lines read on page {first.number} were: {lines}"


def _nothing_found(pages: Sequence[PageResult], profile: Profile, input_path: Path,
                   page_count: int) -> BadInput:
    """No description and no claims: no text at all, or text where no section was found."""
    if not any(page.text.lines for page in pages):
        return BadInput(f"{input_path}: no text was found on any of its {page_count} page(s)",
                        remedy="Check that the file holds scanned text pages.")
    return BadInput(
        f"{input_path}: no sections found with profile {profile.name!r}; {_first_lines(pages)}",
        remedy=f"Check [bookmarks] and [numbering] of the profile ({profile.path}) against "
               f"these lines, and its [language] (document {profile.language.document!r}, "
               f"packs {'+'.join(profile.language.tesseract)}).")
