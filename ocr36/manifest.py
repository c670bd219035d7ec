"""manifest.json: a package's provenance, pages, warnings, corrections and the sha256 of
every other file.

Written by the package writer, read back (by attributes) by the batch, the review and the
validator. A field added to `Manifest` (with a default, so that older manifests still read)
is written and read with no other change but the line that fills it in `Manifest.of` and its
entry in ocr36/schemas/manifest.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ocr36 import records
from ocr36.corrections.record import Correction
from ocr36.model import Document, PageReport

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class SourceFile:
    """The input a package was converted from."""

    path: str
    sha256: str


@dataclass(frozen=True)
class ProfileUsed:
    name: str
    sha256: str


@dataclass(frozen=True)
class Approval:
    """Who approved the package's text at the verification station (`ocr36 serve`)."""

    version: int
    """The package's version: 1 as converted, then one more at each approval."""
    approved_by: str
    approved_at: str
    """ISO 8601 timestamp."""
    previous: str
    """Where the version before is kept, relative to the package's folder's parent."""
    edits: int
    """The corrections stored for this version."""


@dataclass(frozen=True)
class Manifest:
    source: SourceFile
    profile: ProfileUsed
    page_count: int
    bookmarks: Mapping[str, int]
    """Section -> first page."""
    pages: tuple[PageReport, ...]
    warnings: tuple[str, ...]
    versions: Mapping[str, str]
    """Component -> version (ocr36, tesseract, language packs ...)."""
    files: Mapping[str, str]
    """File name -> sha256, for every file of the package but the manifest and toc.xml."""
    created: str
    """ISO 8601 timestamp: the only value of the package that changes from run to run."""
    corrections: tuple[Correction, ...] = ()
    """Every change a correction rule made to the text: rule, page, before, after (empty in
    manifests written before the corrections were recorded)."""
    field_sources: Mapping[str, str] = field(default_factory=dict)
    """Bibliographic field -> where its value came from (front-page, running-head,
    description, profile, metadata, file-name); empty in manifests written before it was
    recorded."""
    approval: Approval | None = field(default=None, metadata={"omit": True})
    """The approval of the current version; absent in a package as converted."""

    @classmethod
    def of(cls, document: Document, source: SourceFile, profile: ProfileUsed,
           versions: Mapping[str, str], files: Mapping[str, str], created: str) -> Manifest:
        """The manifest of a document's package (skew to 0.01°, confidence to 0.1)."""
        return cls(
            source=source, profile=profile, page_count=len(document.pages),
            bookmarks=dict(document.bookmarks),
            pages=tuple(replace(page, skew=round(page.skew, 2),
                                mean_confidence=round(page.mean_confidence, 1))
                        for page in document.pages),
            warnings=tuple(document.warnings), corrections=document.corrections,
            field_sources=dict(document.field_sources),
            versions=dict(versions), files=dict(files),
            created=created)

    def to_bytes(self) -> bytes:
        """The manifest as written: keys sorted, indented, UTF-8."""
        return records.dumps(self, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Manifest:
        return records.from_json(cls, data)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest in `path` (a package folder or the file); OSError, ValueError
        (not JSON) or KeyError/TypeError (not a manifest) where it cannot be read."""
        if path.is_dir():
            path = path / MANIFEST_NAME
        return cls.from_json(json.loads(path.read_text("utf-8")))


MANIFEST_KEYS = tuple(records.json_name(f) for f in fields(Manifest) if not f.metadata.get("omit"))
"""The keys every manifest has (a field with a default reads from an older manifest without
it, but is always written)."""
