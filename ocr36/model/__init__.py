"""The data that passes between stages: frozen dataclasses, one per thing in the domain.

Pixel coordinates are in the page's own frame after preprocessing (upright, deskewed), with
the origin at the top left. Page numbers are 1-based, as printed in bookmarks and manifests.

`geometry`: pixels and boxes; `page`: a page through the page stages (source, clean page,
layout, OCR text, the page result); `document`: what the structure stage builds.
"""

from __future__ import annotations

from ocr36.model.document import (
    Bibliographic,
    Block,
    Claim,
    ClaimRef,
    ClaimSet,
    Document,
    Figure,
    Heading,
    Illustration,
    IllustrationKind,
    ImageRef,
    Inline,
    PageBox,
    PageKind,
    PageMark,
    PageReport,
    Paragraph,
    Party,
    Priority,
    Text,
    Title,
)
from ocr36.model.geometry import (
    Bitmap,
    Box,
    PackedBitmap,
)
from ocr36.model.page import (
    DAMAGED_PAGE_RULE,
    KEPT_AS_IMAGE_NOTE,
    CleanPage,
    Line,
    PageLayout,
    PageResult,
    PageText,
    Reason,
    Region,
    RegionKind,
    Source,
    SourcePage,
    TextSource,
    Word,
)

__all__ = [
    "DAMAGED_PAGE_RULE",
    "KEPT_AS_IMAGE_NOTE",
    "Bibliographic",
    "Bitmap",
    "Block",
    "Box",
    "Claim",
    "ClaimRef",
    "ClaimSet",
    "CleanPage",
    "Document",
    "Figure",
    "Heading",
    "Illustration",
    "IllustrationKind",
    "ImageRef",
    "Inline",
    "Line",
    "PackedBitmap",
    "PageBox",
    "PageKind",
    "PageLayout",
    "PageMark",
    "PageReport",
    "PageResult",
    "PageText",
    "Paragraph",
    "Party",
    "Priority",
    "Reason",
    "Region",
    "RegionKind",
    "Source",
    "SourcePage",
    "Text",
    "TextSource",
    "Title",
    "Word",
]
