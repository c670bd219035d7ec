"""Per-office profiles: TOML files read with tomllib, validated on load, immutable."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocr36.errors import ProfileError
from ocr36.paths import profiles_dir

SECTIONS = ("abstract", "description", "claims", "drawings", "search_report")
"""Sections a bookmark can name; claims may be given per language."""


@dataclass(frozen=True)
class Language:
    document: str
    """ISO 639-1 code of the publication's main language."""
    tesseract: tuple[str, ...]
    """Tesseract language packs for the main language (first) and any others used together."""
    sections: Mapping[str, tuple[str, ...]]
    """ISO 639-1 code -> Tesseract packs, for sections printed in another language."""

    def packs(self, lang: str) -> tuple[str, ...]:
        """The packs that read a section in `lang` (the main packs for the main language or
        one the profile does not name)."""
        if lang == self.document:
            return self.tesseract
        return self.sections.get(lang, self.tesseract)


@dataclass(frozen=True)
class Preprocess:
    dpi_fallback: int
    binarize: str
    """otsu (clean bilevel or even gray scans), sauvola (uneven gray scans) or auto (Otsu
    after dividing out the paper shade; bilevel pages are taken as they are)."""
    denoise: bool
    speck_max_px: int
    remove_borders: bool
    deskew: bool
    max_skew: float
    orientation: bool
    orientation_min_confidence: float


@dataclass(frozen=True)
class Ocr:
    psm_text: int
    """Tesseract page segmentation mode for a column of text (6: one uniform block)."""
    psm_front: int
    """Mode for the front page, where small INID codes stand beside large text (4)."""
    mend_chemistry: bool
    """Mend carbon-count ranges read from subscripts (C,.4-alkyl -> C1-4-alkyl)."""
    mend_words: bool
    """Mend words OCR misread ("alkyisulfonyl", "Acompound") by the packs' word lists and the
    document's own spelling."""
    soften: float
    """Gaussian blur (sigma, px) over a page the deskew levelled, before Tesseract reads it:
    its LSTM recogniser reads gray levels, and the stair-stepped, notched strokes of a rotated
    bilevel page read better softened. 0 gives it the bilevel page."""


@dataclass(frozen=True)
class Layout:
    columns: str
    """auto, 1 or 2 (as text)."""
    drop_running_header: bool
    drop_page_numbers: bool
    drop_line_numbers: bool
    header_mm: float
    footer_mm: float
    left_margin_mm: float
    right_margin_mm: float
    front_page_keeps_header_footer: bool
    min_image_lines: float
    """A block taller than this many text lines that OCR cannot read is kept as an image."""


@dataclass(frozen=True)
class Bookmarks:
    abstract: tuple[re.Pattern[str], ...]
    description: tuple[re.Pattern[str], ...]
    claims: Mapping[str, tuple[re.Pattern[str], ...]]
    """Language -> headings that start that language's claims (first language first)."""
    drawings: tuple[re.Pattern[str], ...]
    search_report: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Numbering:
    paragraph: re.Pattern[str]
    """Matches a printed paragraph number at the start of a line; group 1 is the number."""
    claim: re.Pattern[str]
    """Matches a printed claim number at the start of a line; group 1 is the number."""
    figure: re.Pattern[str]
    """Matches a figure label; group 1 is the figure number."""
    claim_reference: Mapping[str, re.Pattern[str]]
    """Language -> pattern of a reference to claims; groups 1 (first) and 2 (last, optional)."""


@dataclass(frozen=True)
class FrontPage:
    date_order: str
    """How numeric dates are printed: dmy (07.06.2006), mdy (06/07/2006) or ymd."""
    title_languages: tuple[str, ...]
    """Languages of further titles printed under the first one (54), in printed order."""


@dataclass(frozen=True)
class Output:
    package_name: str
    """Folder name template: {country}, {doc_number}, {kind}, {source} (the input's stem)."""
    xml_name: str


@dataclass(frozen=True)
class Review:
    low_confidence: float = 60.0
    """Words Tesseract read with less confidence (0 to 100) are marked on the review pages."""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    path: Path
    office: str
    """ST.3 code of the office (two capital letters)."""
    language: Language
    preprocess: Preprocess
    ocr: Ocr
    layout: Layout
    bookmarks: Bookmarks
    numbering: Numbering
    front_page: FrontPage
    output: Output
    sha256: str
    """Hash of the resolved profile (after extends), for manifests and batch journals."""
    review: Review = Review()

    @property
    def all_tesseract_languages(self) -> tuple[str, ...]:
        packs = list(self.language.tesseract)
        for section_packs in self.language.sections.values():
            packs.extend(p for p in section_packs if p not in packs)
        return tuple(packs)


# --- the schema of a profile file ---------------------------------------------------------

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
    },
    "ocr": {
        "psm_text": _one_of(3, 4, 6),
        "psm_front": _one_of(3, 4, 6),
        "mend_chemistry": _is_bool,
        "mend_words": _is_bool,
        "soften": _blur,
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
    },
    "output": {
        "package_name": _template,
        "xml_name": _is_str,
    },
    "review": {
        "low_confidence": _is_number,
    },
}


# --- loading ------------------------------------------------------------------------------


def available_profiles() -> list[Path]:
    """The profiles shipped in `profiles/`, sorted by name."""
    return sorted(profiles_dir().glob("*.toml"))


def resolve_profile_path(name_or_path: str) -> Path:
    """A profile given by bundled name (`ep`) or by path (`my-office.toml`)."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name_or_path:
        if not candidate.is_file():
            raise ProfileError(f"profile file not found: {candidate}")
        return candidate
    bundled = profiles_dir() / f"{name_or_path}.toml"
    if not bundled.is_file():
        names = ", ".join(p.stem for p in available_profiles())
        raise ProfileError(
            f"no profile named {name_or_path!r}",
            remedy=f"Use one of: {names}, or give the path of a .toml profile.",
        )
    return bundled


def load_profile(name_or_path: str) -> Profile:
    """Load, merge (extends) and validate a profile; raise ProfileError naming file and key."""
    path = resolve_profile_path(name_or_path)
    merged = _load_merged(path, seen=())
    return _build(merged, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from error
    except OSError as error:
        raise ProfileError(f"{path}: cannot be read: {error.strerror}") from error


def _load_merged(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(str(p) for p in (*seen, resolved))
        raise ProfileError(f"{path}: profiles extend each other in a loop: {chain}")
    data = _read_toml(path)
    _check_keys(data, SCHEMA, path, prefix="")
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    parent_path = _parent_path(path, parent_name)
    parent = _load_merged(parent_path, seen=(*seen, resolved))
    return _merge(parent, {k: v for k, v in data.items() if k != "extends"})


def _parent_path(path: Path, parent_name: str) -> Path:
    beside = path.parent / f"{parent_name}.toml"
    if beside.is_file():
        return beside
    try:
        return resolve_profile_path(parent_name)
    except ProfileError as error:
        raise ProfileError(
            f"{path}: key 'extends' (line {_line_of(path, 'extends')}): {error.message}"
        ) from error


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key not in (
            "claims", "sections", "claim_reference"
        ):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _line_of(path: Path, dotted_key: str) -> int | str:
    """The line where a key is set, for error messages ('?' when it cannot be told)."""
    *tables, key = dotted_key.split(".")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return "?"
    table = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            table = header.group(1)
            continue
        if re.match(rf'"?{re.escape(key)}"?\s*=', stripped):
            wanted = ".".join(tables)
            if table == wanted or (not wanted and not table):
                return number
            if table and wanted.endswith(table) and wanted.startswith(table.split(".")[0]):
                return number
    for number, line in enumerate(lines, start=1):
        if re.match(rf'\s*\[\s*{re.escape(dotted_key)}\s*\]', line):
            return number
    return "?"


def _check_keys(data: dict[str, Any], schema: dict[str, Any], path: Path, prefix: str) -> None:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ProfileError(
                f"{path}: unknown key '{dotted}' (line {_line_of(path, dotted)}); "
                f"expected one of: {known}"
            )
        rule = schema[key]
        if isinstance(rule, dict):
            if not isinstance(value, dict):
                raise ProfileError(
                    f"{path}: key '{dotted}' (line {_line_of(path, dotted)}) must be a table"
                )
            _check_keys(value, rule, path, prefix=f"{dotted}.")
            continue
        problem = rule(value)
        if problem:
            raise ProfileError(
                f"{path}: key '{dotted}' (line {_line_of(path, dotted)}): expected {problem}, "
                f"got {value!r}"
            )


def _require(data: dict[str, Any], dotted: str, path: Path) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ProfileError(
                f"{path}: key '{dotted}' is missing (nor set by the profile it extends)"
            )
        node = node[part]
    return node


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(v) for v in values)


def _build(data: dict[str, Any], path: Path) -> Profile:
    def get(dotted: str) -> Any:
        return _require(data, dotted, path)

    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    claims = get("bookmarks.claims")
    document_lang = get("language.document")
    if document_lang not in claims:
        raise ProfileError(
            f"{path}: key 'bookmarks.claims' has no headings for the document language "
            f"{document_lang!r}"
        )
    return Profile(
        name=data.get("name", path.stem),
        description=data.get("description", ""),
        path=path,
        office=get("office"),
        language=Language(
            document=document_lang,
            tesseract=tuple(get("language.tesseract")),
            sections={k: tuple(v) for k, v in data["language"].get("sections", {}).items()},
        ),
        preprocess=Preprocess(**{k: get(f"preprocess.{k}") for k in SCHEMA["preprocess"]}),
        ocr=Ocr(**{k: get(f"ocr.{k}") for k in SCHEMA["ocr"]}),
        layout=_layout(get),
        bookmarks=Bookmarks(
            abstract=_patterns(get("bookmarks.abstract")),
            description=_patterns(get("bookmarks.description")),
            claims={lang: _patterns(v) for lang, v in claims.items()},
            drawings=_patterns(get("bookmarks.drawings")),
            search_report=_patterns(get("bookmarks.search_report")),
        ),
        numbering=Numbering(
            paragraph=re.compile(get("numbering.paragraph")),
            claim=re.compile(get("numbering.claim")),
            figure=re.compile(get("numbering.figure")),
            claim_reference={
                k: re.compile(v) for k, v in get("numbering.claim_reference").items()
            },
        ),
        front_page=FrontPage(date_order=get("front_page.date_order"),
                             title_languages=tuple(get("front_page.title_languages"))),
        output=Output(**{k: get(f"output.{k}") for k in SCHEMA["output"]}),
        sha256=hashlib.sha256(canonical).hexdigest(),
        review=Review(**data.get("review", {})),
    )


def _layout(get: Callable[[str], Any]) -> Layout:
    values: dict[str, Any] = {k: get(f"layout.{k}") for k in SCHEMA["layout"]}
    values["columns"] = str(values["columns"])
    return Layout(**values)


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
    lines.append(f"preprocess: {profile.preprocess}")
    lines.append(f"ocr: {profile.ocr}")
    lines.append(f"layout: {profile.layout}")
    lines.append("bookmarks:")
    for section in ("abstract", "description", "drawings", "search_report"):
        patterns = getattr(profile.bookmarks, section)
        lines.append(f"  {section}: {[p.pattern for p in patterns]}")
    for lang, patterns in profile.bookmarks.claims.items():
        lines.append(f"  claims ({lang}): {[p.pattern for p in patterns]}")
    lines.append(f"numbering: paragraph {profile.numbering.paragraph.pattern!r}, "
                 f"claim {profile.numbering.claim.pattern!r}, "
                 f"figure {profile.numbering.figure.pattern!r}")
    for lang, pattern in profile.numbering.claim_reference.items():
        lines.append(f"  claim references ({lang}): {pattern.pattern!r}")
    lines.append(f"output: {profile.output.package_name}/{profile.output.xml_name}")
    lines.append(f"review: {profile.review}")
    lines.append(f"sha256: {profile.sha256}")
    return "\n".join(lines)
