"""Recording the trace during `convert --review`, or afterwards from a package's manifest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ocr36.batch.commit import Recorder
from ocr36.batch.convert import read_pages
from ocr36.batch.options import ConvertOptions
from ocr36.errors import FileAccess
from ocr36.ingest import open_source
from ocr36.manifest import MANIFEST_NAME, Manifest
from ocr36.model import Document, PageResult
from ocr36.profile import Profile, load_profile
from ocr36.review.page import write_review
from ocr36.review.trace import TRACE_NAME, review_folder, write_trace
from ocr36.structure import build_document

Say = Callable[[str], None]


def review_recorder(profile: Profile) -> Recorder:
    """What a conversion calls with each package it writes (`--review`): the trace of what
    the converter saw, and the review page beside the package."""

    def record(source: Path, pages: Sequence[PageResult], document: Document,
               package: Path) -> None:
        write_review(write_trace(pages, document, profile, package, source))

    return record


def ensure_trace(package: Path, say: Say, jobs: int = 1) -> Path:
    """The review folder of `package`, converting its source again when it has no trace."""
    folder = review_folder(package)
    if (folder / TRACE_NAME).is_file():
        return folder
    if not (package / MANIFEST_NAME).is_file():
        raise FileAccess(f"{package}: not a package (no {MANIFEST_NAME})",
                         remedy="Give the package folder that `ocr36 convert` wrote.")
    manifest = Manifest.read(package)
    source = Path(manifest.source.path)
    profile_name = manifest.profile.name
    if not source.exists():
        raise FileAccess(
            f"{package}: no review was recorded and its source {source} is gone",
            remedy="Convert the document again with `ocr36 convert --review`.")
    say(f"{folder / TRACE_NAME} is missing: converting {source} again with profile "
        f"{profile_name!r} to record what the converter sees (the package is left as it is)")
    profile = load_profile(profile_name)
    if profile.sha256 != manifest.profile.sha256:
        say(f"note: profile {profile_name!r} has changed since the package was written; "
            "the review shows what it does now")
    pages = read_pages(open_source(source, profile.ingest.suspect_pdf),
                       ConvertOptions(profile, jobs=jobs))
    document = build_document(pages, profile)
    return write_trace(pages, document, profile, package, source)


def review(package: Path, say: Say, jobs: int = 1) -> Path:
    """Write the review page of a package; return its path."""
    if not package.is_dir():
        raise FileAccess(f"{package}: no such package folder")
    return write_review(ensure_trace(package.resolve(), say, jobs))
