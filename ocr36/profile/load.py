"""Loading a profile: find it, read its TOML, merge what it extends, validate, build."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocr36.errors import ProfileError
from ocr36.paths import profiles_dir
from ocr36.profile.layout import LayoutParameters
from ocr36.profile.schema import CHECKED, LAYOUT_PARAMETERS, SCHEMA
from ocr36.profile.tables import (
    Bookmarks,
    FrontPage,
    Ingest,
    Language,
    Numbering,
    Ocr,
    Output,
    Preprocess,
    Profile,
    Review,
)
from ocr36.schema import load_dtd


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
        data = path.read_bytes()
    except OSError as error:
        raise ProfileError(f"{path}: cannot be read: {error.strerror}") from error
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ProfileError(f"{path}: line {line}: not UTF-8 text (byte "
                           f"0x{data[error.start]:02x}); a profile is UTF-8") from error
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from error


def _load_merged(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(str(p) for p in (*seen, resolved))
        raise ProfileError(f"{path}: profiles extend each other in a loop: {chain}")
    data = _read_toml(path)
    _check_keys(data, CHECKED, path, prefix="")
    _resolve_dtd(data, path)
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    parent_path = _parent_path(path, parent_name)
    parent = _load_merged(parent_path, seen=(*seen, resolved))
    return _merge(parent, {k: v for k, v in data.items() if k != "extends"})


def _resolve_dtd(data: dict[str, Any], path: Path) -> None:
    """`[output] dtd` as an absolute path (a relative one is beside the profile that sets
    it), checked to be a DTD that can be read."""
    output = data.get("output", {})
    value = output.get("dtd")
    if not value:
        return
    dtd = Path(value).expanduser()
    dtd = dtd if dtd.is_absolute() else (path.parent / dtd).resolve()
    where = f"{path}: key 'output.dtd' (line {_line_of(path, 'output.dtd')})"
    if not dtd.is_file():
        raise ProfileError(f"{where}: the DTD {dtd} does not exist",
                           remedy="Give the path of the office's DTD file, absolute or "
                                  "relative to the profile's folder.")
    try:
        load_dtd(dtd)
    except ProfileError as error:
        raise ProfileError(f"{where}: {error.message}") from error
    output["dtd"] = str(dtd)


def _parent_path(path: Path, parent_name: str) -> Path:
    beside = path.parent / f"{parent_name}.toml"
    if beside.is_file():
        return beside
    bundled = profiles_dir() / f"{parent_name}.toml"
    if bundled.is_file():  # a bundled language profile ('lang/zh') from anywhere
        return bundled
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
            read_detected=data["language"].get("read_detected", Language.read_detected),
            digits=data["language"].get("digits", Language.digits),
        ),
        preprocess=Preprocess(**{k: get(f"preprocess.{k}") for k in SCHEMA["preprocess"]}),
        ocr=Ocr(**{k: get(f"ocr.{k}") for k in SCHEMA["ocr"]}),
        layout=_layout(data, get),
        bookmarks=Bookmarks(
            abstract=_patterns(get("bookmarks.abstract")),
            description=_patterns(get("bookmarks.description")),
            claims={lang: _patterns(v) for lang, v in claims.items()},
            drawings=_patterns(get("bookmarks.drawings")),
            search_report=_patterns(get("bookmarks.search_report")),
            order=tuple(data["bookmarks"].get("order", Bookmarks.order)),
            claims_without_heading=data["bookmarks"].get("claims_without_heading",
                                                         Bookmarks.claims_without_heading),
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
                             title_languages=tuple(get("front_page.title_languages")),
                             number_packs=tuple(data["front_page"].get("number_packs", []))),
        output=_output(get),
        sha256=hashlib.sha256(canonical).hexdigest(),
        review=Review(**data.get("review", {})),
        ingest=Ingest(**data.get("ingest", {})),
    )


def _output(get: Callable[[str], Any]) -> Output:
    values: dict[str, Any] = {k: get(f"output.{k}") for k in SCHEMA["output"]}
    values["dtd"] = Path(values["dtd"]) if values["dtd"] else None
    return Output(**values)


def _layout(data: dict[str, Any], get: Callable[[str], Any]) -> LayoutParameters:
    values: dict[str, Any] = {k: get(f"layout.{k}") for k in SCHEMA["layout"]}
    values["columns"] = str(values["columns"])
    overrides = {k: v for k, v in data.get("layout", {}).items() if k in LAYOUT_PARAMETERS}
    return LayoutParameters(**values, **overrides)
