"""`ocr36 profiles new NAME --from default`: a complete profile file to tune, every key
present and explained, its values those of the profile it is made from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocr36.errors import FileAccess
from ocr36.paths import profiles_dir
from ocr36.profile import LAYOUT_PARAMETERS, SCHEMA, _load_merged, resolve_profile_path
from ocr36.profile.toml_text import toml_value

TABLE_DOCS: dict[str, str] = {
    "language": "languages of the publication and the Tesseract packs that read them",
    "language.sections": "sections printed in other languages: ISO 639-1 code -> packs "
                         "(those pages are read again with them)",
    "preprocess": "cleaning each page before layout: resolution, binarisation, specks, "
                  "borders, orientation and skew",
    "ocr": "how Tesseract is run",
    "layout": "what is text, what is an image, and which bands are dropped",
    "bookmarks": "headings that start each section (regular expressions, first match wins)",
    "bookmarks.claims": "per language (ISO 639-1): headings that start that language's claims",
    "numbering": "printed numbers (regular expressions; group 1 is the number)",
    "numbering.claim_reference": "per language: a reference to claims; group 1 the first "
                                 "claim, group 2 the last of a range (optional)",
    "front_page": "reading the front page (INID codes)",
    "output": "names in the package",
    "review": "the review pages (ocr36 review, convert --review)",
    "ingest": "inputs that are damaged or suspect: fail or keep, refuse or convert",
}

KEY_DOCS: dict[str, str] = {
    "name": "the profile's name (shown in manifests)",
    "description": "one line on what the profile is for",
    "office": "ST.3 code of the publishing office (the XML root is <office>-patent-document)",
    "language.document": "ISO 639-1 code of the publication's language",
    "language.tesseract": "Tesseract packs for that language (Debian tesseract-ocr-<pack>)",
    "language.digits": "the digits numbers are printed in: ascii, arabic-indic or persian "
                       "(read where a number stands by a reader of digit glyphs)",
    "language.read_detected": "a text whose words tell another language (German text, an "
                              "English profile) is read again with that language's pack, "
                              "where it is installed; false: read with these packs only",
    "preprocess.dpi_fallback": "resolution assumed when a page has none, or 0 or 72 dpi",
    "preprocess.binarize": "auto (paper shade divided out, then Otsu) | otsu (clean or even "
                           "scans) | sauvola (uneven gray scans)",
    "preprocess.denoise": "remove isolated specks of speck_max_px pixels or fewer",
    "preprocess.speck_max_px": "largest speck removed, in pixels",
    "preprocess.remove_borders": "remove dark scanner borders along the page edges",
    "preprocess.deskew": "straighten pages scanned at a slant",
    "preprocess.max_skew": "degrees; larger angles are left alone",
    "preprocess.orientation": "turn pages upside down or on their side (Tesseract OSD)",
    "preprocess.orientation_min_confidence": "OSD confidence needed before a page is turned",
    "preprocess.undither": "read a page whose stroke edges are dithered softened, thresholded "
                           "again",
    "ocr.psm_text": "Tesseract page segmentation for a text column: 6 (block) | 4 | 3",
    "ocr.psm_front": "the same for the front page, where small INID codes stand by large text",
    "ocr.mend_chemistry": "mend subscripts as OCR reads them: C,.4-alkyl -> C1-4-alkyl",
    "ocr.mend_words": "mend misread words by the packs' word lists and the document's "
                      "spelling: alkyisulfonyl -> alkylsulfonyl, Acompound -> A compound",
    "ocr.soften": "blur (sigma, px) over a page the deskew levelled, before Tesseract reads "
                  "it: rotated strokes read better softened; 0 is off, at most 3",
    "ocr.soften_every_page": "soften pages as scanned too, not only levelled ones (Chinese, "
                             "Japanese: dense strokes read better softened)",
    "layout.columns": "auto | 1 | 2",
    "layout.drop_running_header": "drop the running header (within header_mm of the top)",
    "layout.drop_page_numbers": "drop page numbers (within footer_mm of the foot)",
    "layout.drop_line_numbers": "drop line numbers (5, 10, 15 ...) in the margin or gutter",
    "layout.header_mm": "height of the running-header band at the top of every page, in mm",
    "layout.footer_mm": "height of the page-number band at the foot of every page, in mm",
    "layout.left_margin_mm": "a band at the left dropped whole (margin line numbers), in mm",
    "layout.right_margin_mm": "a band at the right dropped whole (margin notes), in mm",
    "layout.front_page_keeps_header_footer": "the front page prints data where headers stand",
    "layout.min_image_lines": "a non-text block taller than this many text lines is an image",
    "bookmarks.abstract": "headings that start the abstract",
    "bookmarks.description": "headings that start the description",
    "bookmarks.drawings": "headings that start the drawings",
    "bookmarks.search_report": "headings that start the search report",
    "numbering.paragraph": "a printed paragraph number at the start of a line ([0001])",
    "numbering.claim": "a printed claim number at the start of a line (1. or 1))",
    "numbering.figure": "a figure label (FIG. 1)",
    "front_page.date_order": "numeric dates as printed: dmy (07.06.2006) | mdy | ymd",
    "front_page.title_languages": "languages of further titles printed under the first (54)",
    "front_page.number_packs": "packs the publication number (11) is read again with where "
                               "the document's packs misread its Latin letters (Cyrillic, "
                               "Thai, Korean, Arabic: eng); empty: not read again",
    "output.package_name": "folder name: {country} {doc_number} {kind}, or {source} (the "
                           "input file's name)",
    "output.xml_name": "name of the XML file in the package",
    "output.dtd": "the office's own DTD each document must also satisfy (a path, absolute "
                  "or beside this file); empty: the ocr36 schema only",
    "output.figures": "sheet: one figure per drawing sheet (as EPO and WIPO deliver them) | "
                      "label: one per printed label (FIG. 3)",
    "review.low_confidence": "words read with less confidence (0 to 100) are marked on the "
                             "review pages",
    "bookmarks.order": "the order the sections are printed in (claims before the description "
                       "in Chinese and Japanese publications)",
    "bookmarks.claims_without_heading": "where no claims heading is read, find the claims by "
                                        "their numbers: a run from 1 after the description, "
                                        "on a new page or citing earlier claims",
    "ingest.damaged_page": "a page whose image data the decoder reports damaged: fail (its "
                           "document fails) | image (kept, not read, as an image of the page)",
    "ingest.suspect_pdf": "a PDF whose broken cross-reference table had to be rebuilt, or that "
                          "holds JavaScript, launch actions or embedded files: refuse (its "
                          "document fails, naming what was found) | convert (its pages are "
                          "read with a warning; nothing in it is run or extracted)",
}

_DEFAULTS: dict[str, Any] = {"review": {"low_confidence": 60},
                             "ingest": {"damaged_page": "fail", "suspect_pdf": "refuse"}}


def _comment(text: str) -> str:
    return f"# {text}"


def _layout_thresholds(values: dict[str, Any]) -> list[str]:
    """The layout thresholds the profile sets (the others keep their defaults)."""
    lines = [_comment("thresholds of the layout (all listed, with their defaults, in "
                      "profiles/default.toml)")]
    for key in LAYOUT_PARAMETERS:
        if key in values:
            lines.append(_comment("a layout threshold, changed from its default"))
            lines.append(f"{key} = {toml_value(values[key])}")
    return lines


def profile_text(name: str, data: dict[str, Any], made_from: str) -> str:
    """The TOML of a complete profile: every key of the schema, each with its documentation."""
    lines = [f"# ocr36 profile {name!r}, made from {made_from!r} with `ocr36 profiles new`.",
             "# Every key is present; edit what differs for your office, then try it with",
             f"#   ocr36 tune {name} SCAN.tif --against {made_from} [--truth TRUTH.xml]",
             "# Patterns are Python regular expressions matched against one OCR'd line.", ""]
    data = {**data, "name": name}
    data.pop("extends", None)
    for key, value in _DEFAULTS.items():  # a table the profile sets in part is completed
        data[key] = {**value, **data.get(key, {})}

    def table(path: str, schema: dict[str, Any], values: dict[str, Any]) -> None:
        scalars = [k for k in schema if not isinstance(schema[k], dict)]
        # plain keys first: after a [table.sub] header every key belongs to the sub-table
        scalars.sort(key=lambda k: isinstance(values.get(k), dict) or k not in values)
        tables = [k for k in schema if isinstance(schema[k], dict)]
        if path:
            lines.append("")
            if path in TABLE_DOCS:
                lines.append(_comment(TABLE_DOCS[path]))
            lines.append(f"[{path}]")
        for key in scalars:
            dotted = f"{path}.{key}" if path else key
            if key not in values:
                if dotted in TABLE_DOCS:  # a table keyed by language
                    lines.append("")
                    lines.append(_comment(TABLE_DOCS[dotted]))
                    lines.append(f"[{dotted}]")
                continue
            value = values[key]
            if isinstance(value, dict):
                lines.append("")
                if dotted in TABLE_DOCS:
                    lines.append(_comment(TABLE_DOCS[dotted]))
                lines.append(f"[{dotted}]")
                for lang, item in value.items():
                    lines.append(f"{lang} = {toml_value(item)}")
                continue
            if dotted in KEY_DOCS:
                lines.append(_comment(KEY_DOCS[dotted]))
            lines.append(f"{key} = {toml_value(value)}")
        if path == "layout":
            lines.extend(_layout_thresholds(values))
        for key in tables:
            dotted = f"{path}.{key}" if path else key
            table(dotted, schema[key], values.get(key, {}))

    table("", SCHEMA, data)
    return "\n".join(lines) + "\n"


def new_profile(name: str, made_from: str, out: Path | None = None) -> Path:
    """Write a complete copy of profile `made_from` as `name`; never over an existing file."""
    source = resolve_profile_path(made_from)
    data = _load_merged(source, seen=())
    target = out if out is not None else profiles_dir() / f"{name}.toml"
    if target.is_dir():
        target = target / f"{name}.toml"
    text = profile_text(name, data, made_from)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as error:
        raise FileAccess(f"{target}: a profile of that name exists; it is left as it is",
                         remedy="Choose another name, or give --out.") from error
    except OSError as error:
        raise FileAccess(f"{target}: cannot be written ({error.strerror})") from error
    return target
