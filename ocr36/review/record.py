"""Recording the trace during `convert --review`, or afterwards from a package's manifest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ocr36.errors import FileAccess
from ocr36.manifest import MANIFEST_NAME, Manifest
from ocr36.model import Document, PageResult
from ocr36.profile import Profile, load_profile
from ocr36.review.page import write_review
from ocr36.review.trace import TRACE_NAME, review_folder, write_trace

Say = Callable[[str], None]


def review_recorder(profile: Profile, source: Path) -> Callable[
        [Sequence[PageResult], Document, Path], None]:
    """A `convert(on_converted=...)` callback that writes the trace and the review page."""

    def record(pages: Sequence[PageResult], document: Document, package: Path) -> None:
        folder = write_trace(pages, document, profile, package, source)
        write_review(folder)

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
    from ocr36.ingest import open_source
    from ocr36.pipeline import read_pages
    from ocr36.structure import build_document

    pages = read_pages(open_source(source), profile, jobs)
    document = build_document(pages, profile)
    return write_trace(pages, document, profile, package, source)


def review(package: Path, say: Say, jobs: int = 1) -> Path:
    """Write the review page of a package; return its path."""
    if not package.is_dir():
        raise FileAccess(f"{package}: no such package folder")
    return write_review(ensure_trace(package.resolve(), say, jobs))
