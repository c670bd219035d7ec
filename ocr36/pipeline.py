"""Convert one document: pages through a process pool, then structure, then the package."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ocr36 import __version__
from ocr36.errors import BadInput, FileAccess
from ocr36.ingest import open_source
from ocr36.journal import now
from ocr36.metadata import apply_metadata, load_metadata
from ocr36.model import Document, PageResult, Source
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.package import PackageInfo, write_package
from ocr36.pages import PageTask, process_page, reread_page
from ocr36.profile import Profile
from ocr36.structure import build_document, section_languages

ProgressCallback = Callable[[int], None]
"""Called with the number of pages just finished."""

ConvertedCallback = Callable[[Sequence[PageResult], Document, Path], None]
"""Called with the pages read, the document built and the package folder written."""


@dataclass(frozen=True)
class Conversion:
    source: Path
    package: Path
    document: Document


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def _map(function: Callable[..., PageResult], items: Sequence[object], jobs: int,
         progress: ProgressCallback | None) -> list[PageResult]:
    results: list[PageResult] = []
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            results.append(function(item))
            if progress:
                progress(1)
        return results
    executor: Executor = ProcessPoolExecutor(max_workers=min(jobs, len(items)))
    try:
        for result in executor.map(function, items):
            results.append(result)
            if progress:
                progress(1)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()
    return results


def read_pages(source: Source, profile: Profile, jobs: int, engine: str = DEFAULT_ENGINE,
               progress: ProgressCallback | None = None,
               numbers: Sequence[int] | None = None) -> list[PageResult]:
    """Every page through preprocess, layout and OCR; pages in another language read again.

    `numbers` reads only those pages (1-based), for trying a profile on a few of them.
    """
    tasks = [PageTask(source, number, profile, engine)
             for number in (numbers or range(1, source.page_count + 1))]
    pages = _map(process_page, tasks, jobs, progress)
    again = pages_to_reread(pages, profile)
    if again:
        redone = _map(reread_page, [(page, packs, profile, engine) for page, packs in again],
                      jobs, None)
        by_number = {page.number: page for page in redone}
        pages = [by_number.get(page.number, page) for page in pages]
    return pages


def pages_to_reread(pages: Sequence[PageResult],
                    profile: Profile) -> list[tuple[PageResult, tuple[str, ...]]]:
    """Pages with sections in other languages, and the language packs to read them with."""
    languages = section_languages(pages, profile)
    again: list[tuple[PageResult, tuple[str, ...]]] = []
    for page in pages:
        langs = languages.get(page.number, [profile.language.document])
        packs = _packs_for(langs, profile)
        if packs != profile.language.tesseract:
            again.append((page, packs))
    return again


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
        stem = re.sub(r"[^0-9A-Za-z]", "", source.stem) or "UNKNOWN"
        bibliographic = replace(bibliographic, doc_number=stem)
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
    name = profile.output.package_name.format(
        country=bibliographic.country, doc_number=bibliographic.doc_number,
        kind=bibliographic.kind, source=source.stem)
    return re.sub(r"[^\w.-]", "_", name).strip("._") or source.stem


def versions(profile: Profile, engine: str = DEFAULT_ENGINE) -> dict[str, str]:
    found = {"ocr36": __version__}
    for key, value in get_engine(engine).versions().items():
        lang = key.split(":", 1)[1] if ":" in key else ""
        if not lang or lang in profile.all_tesseract_languages:
            found[key] = value
    return found


def convert(input_path: Path, profile: Profile, out_dir: Path, *,
            metadata: Path | None = None, overwrite: bool = False, jobs: int = 1,
            engine: str = DEFAULT_ENGINE,
            progress: Callable[[int, int], None] | None = None,
            written: Mapping[str, Path] | None = None,
            on_converted: ConvertedCallback | None = None) -> Conversion:
    """Turn one scanned publication into an ST.36 package folder inside `out_dir`.

    `written` maps package names already written in this run to their inputs: a second
    input that would land on the same name is refused rather than replacing the first.
    `on_converted` is given the pages, the document and the package once it is written
    (the review pages record what the converter saw from it).
    """
    get_engine(engine).check(profile.all_tesseract_languages)
    source = open_source(input_path)
    record = load_metadata(metadata, input_path) if metadata else {}
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, source.page_count)

    pages = read_pages(source, profile, jobs, engine, step)
    document, info, name = assemble(pages, profile, source, input_path, record, engine)
    if written and name in written:
        raise FileAccess(
            f"{input_path}: its package {name} was already written in this run from "
            f"{written[name]}",
            remedy="Give the inputs their own --out folders, or use {source} in the profile's "
                   "output.package_name.")
    target = write_package(document, info, out_dir, name, overwrite=overwrite)
    if on_converted:
        on_converted(pages, document, target)
    return Conversion(source=input_path, package=target, document=document)


def assemble(pages: Sequence[PageResult], profile: Profile, source: Source, input_path: Path,
             record: dict[str, Any], engine: str = DEFAULT_ENGINE,
             known_versions: Mapping[str, str] | None = None
             ) -> tuple[Document, PackageInfo, str]:
    """The document read from its pages, its provenance and its package name.

    BadInput when no text or no claims were found. `known_versions` saves asking the engine
    again for every document of a batch.
    """
    document = build_document(pages, profile)
    if record:
        document = replace(document, bibliographic=apply_metadata(
            document.bibliographic, record, profile.language.document))
    document = _fill_gaps(document, input_path)
    if not document.description and not document.claims:
        raise BadInput(f"{input_path}: no text was found on any of its {source.page_count} "
                       "page(s)", remedy="Check that the file holds scanned text pages.")
    if not document.claims:
        raise BadInput(
            f"{input_path}: no numbered claims were found on its {source.page_count} page(s) "
            f"with profile {profile.name!r}",
            remedy="Check that the document is complete, and the profile's bookmarks.claims "
                   "headings and numbering.claim pattern (see `ocr36 profiles show`).")
    info = PackageInfo(
        source_path=input_path.resolve(),
        source_sha256=source.sha256,
        profile_name=profile.name,
        profile_sha256=profile.sha256,
        versions=known_versions if known_versions is not None else versions(profile, engine),
        created=now(),
    )
    return document, info, package_name(document, profile, input_path)
