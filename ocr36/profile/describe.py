"""A readable summary of a resolved profile (for `ocr36 profiles show`)."""

from __future__ import annotations

from dataclasses import MISSING, fields

from ocr36.profile.layout import LayoutParameters
from ocr36.profile.tables import Profile


def _layout(settings: LayoutParameters) -> str:
    """The layout's switches and margins, and any threshold that differs from its default."""
    shown = [f"{f.name}={getattr(settings, f.name)!r}" for f in fields(settings)
             if f.default is MISSING or getattr(settings, f.name) != f.default]
    return ", ".join(shown)


def describe(profile: Profile) -> str:
    """A readable summary of a resolved profile (for `ocr36 profiles show`)."""
    lines = [
        f"name: {profile.name}  ({profile.path})",
        f"description: {profile.description}",
        f"office: {profile.office}",
        f"document language: {profile.language.document}; "
        f"tesseract: {'+'.join(profile.language.tesseract)}",
    ]
    for lang, packs in profile.language.sections.items():
        lines.append(f"  sections in {lang}: tesseract {'+'.join(packs)}")
    lines.append("  a text in another language: read again with its pack where installed"
                 if profile.language.read_detected else
                 "  a text in another language: read with these packs only")
    lines.append(f"preprocess: {profile.preprocess}")
    lines.append(f"ocr: {profile.ocr}")
    lines.append(f"layout: {_layout(profile.layout)}")
    lines.append("bookmarks:")
    for section in ("abstract", "description", "drawings", "search_report"):
        patterns = getattr(profile.bookmarks, section)
        lines.append(f"  {section}: {[p.pattern for p in patterns]}")
    for lang, patterns in profile.bookmarks.claims.items():
        lines.append(f"  claims ({lang}): {[p.pattern for p in patterns]}")
    lines.append(f"  claims without a heading found by their numbers: "
                 f"{'yes' if profile.bookmarks.claims_without_heading else 'no'}")
    lines.append(f"numbering: paragraph {profile.numbering.paragraph.pattern!r}, "
                 f"claim {profile.numbering.claim.pattern!r}, "
                 f"figure {profile.numbering.figure.pattern!r}")
    for lang, pattern in profile.numbering.claim_reference.items():
        lines.append(f"  claim references ({lang}): {pattern.pattern!r}")
    lines.append(f"output: {profile.output.package_name}/{profile.output.xml_name}; "
                 f"figures per {profile.output.figures}; "
                 f"office DTD {profile.output.dtd or '(none: the ocr36 schema only)'}")
    lines.append(f"review: {profile.review}")
    lines.append(f"ingest: damaged_page={profile.ingest.damaged_page!r}, "
                 f"suspect_pdf={profile.ingest.suspect_pdf!r}")
    lines.append(f"sha256: {profile.sha256}")
    return "\n".join(lines)
