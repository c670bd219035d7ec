"""The schema of a profile file: what each key must hold."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any

from ocr36.profile.layout import LayoutParameters
from ocr36.profile.tables import DAMAGED_PAGE_CHOICES, SUSPECT_PDF_CHOICES

Checker = Callable[[Any], str | None]
"""Returns None when a value is acceptable, else what was expected."""


def _is_str(value: Any) -> str | None:
    return None if isinstance(value, str) else "a string"


def _is_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _is_number(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return None if ok else "a number"


def _blur(value: Any) -> str | None:
    ok = _is_number(value) is None and 0 <= value <= 3
    return None if ok else "a number of pixels from 0 (off) to 3"


def _is_positive_int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else "a whole number above 0"


def _is_office(value: Any) -> str | None:
    ok = isinstance(value, str) and re.fullmatch(r"[A-Z]{2}", value) is not None
    return None if ok else 'a two-letter ST.3 office code in capitals, e.g. "EP"'


def _is_lang(value: Any) -> str | None:
    ok = isinstance(value, str) and re.fullmatch(r"[a-z]{2}", value) is not None
    return None if ok else 'a two-letter ISO 639-1 language code, e.g. "en"'


def _is_pack_list(value: Any) -> str | None:
    ok = (
        isinstance(value, list)
        and len(value) > 0
        and all(isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9_]+", v) for v in value)
    )
    return None if ok else 'a non-empty list of Tesseract language packs, e.g. ["eng"]'


def _pack_list_or_none(value: Any) -> str | None:
    return None if value == [] else _is_pack_list(value)


def _lang_list(value: Any) -> str | None:
    ok = isinstance(value, list) and all(_is_lang(v) is None for v in value)
    return None if ok else 'a list of ISO 639-1 language codes, e.g. ["de", "fr"]'


def _one_of(*choices: object) -> Checker:
    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(repr(c) for c in choices)

    return check


def _regex_error(value: Any) -> str | None:
    if not isinstance(value, str):
        return "a regular expression (string)"
    try:
        re.compile(value)
    except re.error as error:
        return f"a valid regular expression ({error})"
    return None


def _is_regex_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return "a list of regular expressions"
    for item in value:
        problem = _regex_error(item)
        if problem:
            return problem
    return None


def _section_order(value: Any) -> str | None:
    names = ("abstract", "description", "claims", "drawings")
    ok = isinstance(value, list) and all(v in names for v in value) and \
        len(set(value)) == len(value) and {"description", "claims"} <= set(value)
    return None if ok else ('the sections as printed, a list of ' + ", ".join(names) +
                            ' holding description and claims, e.g. ["claims", "description"]')


def _lang_table(checker: Checker) -> Checker:
    """A table keyed by ISO 639-1 language code."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "a table keyed by language code"
        for key, item in value.items():
            if _is_lang(key):
                return f"language codes as keys (got {key!r})"
            problem = checker(item)
            if problem:
                return f"{problem} for {key!r}"
        return None

    return check


def _margin(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100
    return None if ok else "a number of millimetres from 0 to 100"


def _template(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return "a non-empty string"
    unknown = set(re.findall(r"{(\w*)}", value)) - {"country", "doc_number", "kind", "source"}
    return f"a template using only {{country}} {{doc_number}} {{kind}} {{source}} (not {unknown})" \
        if unknown else None


SCHEMA: dict[str, Any] = {
    "name": _is_str,
    "description": _is_str,
    "extends": _is_str,
    "office": _is_office,
    "language": {
        "document": _is_lang,
        "tesseract": _is_pack_list,
        "read_detected": _is_bool,
        "digits": _one_of("ascii", "arabic-indic", "persian"),
        "sections": _lang_table(_is_pack_list),
    },
    "preprocess": {
        "dpi_fallback": _is_positive_int,
        "binarize": _one_of("otsu", "sauvola", "auto"),
        "denoise": _is_bool,
        "speck_max_px": _is_positive_int,
        "remove_borders": _is_bool,
        "deskew": _is_bool,
        "max_skew": _is_number,
        "orientation": _is_bool,
        "orientation_min_confidence": _is_number,
        "undither": _is_bool,
    },
    "ocr": {
        "psm_text": _one_of(3, 4, 6),
        "psm_front": _one_of(3, 4, 6),
        "mend_chemistry": _is_bool,
        "mend_words": _is_bool,
        "soften": _blur,
        "soften_every_page": _is_bool,
    },
    "layout": {
        "columns": _one_of("auto", 1, 2),
        "drop_running_header": _is_bool,
        "drop_page_numbers": _is_bool,
        "drop_line_numbers": _is_bool,
        "header_mm": _margin,
        "footer_mm": _margin,
        "left_margin_mm": _margin,
        "right_margin_mm": _margin,
        "front_page_keeps_header_footer": _is_bool,
        "min_image_lines": _is_number,
    },
    "bookmarks": {
        "abstract": _is_regex_list,
        "description": _is_regex_list,
        "claims": _lang_table(_is_regex_list),
        "drawings": _is_regex_list,
        "search_report": _is_regex_list,
        "order": _section_order,
        "claims_without_heading": _is_bool,
    },
    "numbering": {
        "paragraph": _regex_error,
        "claim": _regex_error,
        "figure": _regex_error,
        "claim_reference": _lang_table(_regex_error),
    },
    "front_page": {
        "date_order": _one_of("dmy", "mdy", "ymd"),
        "title_languages": _lang_list,
        "number_packs": _pack_list_or_none,
    },
    "output": {
        "package_name": _template,
        "xml_name": _is_str,
        "dtd": _is_str,
        "figures": _one_of("sheet", "label"),
    },
    "review": {
        "low_confidence": _is_number,
    },
    "ingest": {
        "damaged_page": _one_of(*DAMAGED_PAGE_CHOICES),
        "suspect_pdf": _one_of(*SUSPECT_PDF_CHOICES),
    },
}


def _is_count(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "a whole number, 0 or more"


def _is_measure(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    return None if ok else "a number, 0 or more"


_BY_TYPE: dict[str, Checker] = {"float": _is_measure, "int": _is_count, "bool": _is_bool}

LAYOUT_PARAMETERS: dict[str, Checker] = {
    f.name: _BY_TYPE[str(f.type)] for f in fields(LayoutParameters) if f.default is not MISSING
}
"""The layout's thresholds a profile may override (the defaults are LayoutParameters')."""

CHECKED: dict[str, Any] = {**SCHEMA, "layout": {**SCHEMA["layout"], **LAYOUT_PARAMETERS}}
"""SCHEMA with the layout's thresholds: every key a profile file may hold."""
