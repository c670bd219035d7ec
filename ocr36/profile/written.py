"""An inferred profile written as TOML, each key under the evidence for its value, checked
by the profile loader before it takes the place of anything."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ocr36.errors import FileAccess
from ocr36.profile.infer import Setting
from ocr36.profile.load import load_profile
from ocr36.profile.tables import Profile
from ocr36.profile.toml_text import toml_value

_TABLE_ORDER = ("", "language", "language.sections", "layout", "numbering", "bookmarks",
                "bookmarks.claims", "front_page")


def _comment(text: str) -> list[str]:
    """Evidence as comment lines of at most 96 characters."""
    lines, current = [], "#"
    for word in text.split():
        if len(current) + len(word) + 1 > 96 and current != "#":
            lines.append(current)
            current = "#"
        current += " " + word
    return [*lines, current]


def _with_claims_of_every_language(settings: Sequence[Setting],
                                   default: Profile) -> list[Setting]:
    """`bookmarks.claims` replaces the default's whole table: its other languages are kept,
    and the document language gets the English headings where none were found for it."""
    found = {s.key for s in settings if s.table == "bookmarks.claims"}
    document = next((s.value for s in settings
                     if (s.table, s.key) == ("language", "document")), "en")
    extra = [Setting("bookmarks.claims", lang, [p.pattern for p in patterns],
                     "the default profile's headings")
             for lang, patterns in default.bookmarks.claims.items() if lang not in found]
    if document not in found and document not in default.bookmarks.claims:
        extra.append(Setting("bookmarks.claims", document,
                             [p.pattern for p in default.bookmarks.claims["en"]],
                             "no claims heading found: the default profile's English ones"))
    return [*settings, *extra]


def profile_text(settings: Sequence[Setting], name: str, sources: Sequence[Path]) -> str:
    """The profile file: extends default, every inferred key under its evidence."""
    default = load_profile("default")
    settings = _with_claims_of_every_language(settings, default)
    out = [f"# Inferred by `ocr36 profiles infer` from {len(sources)} document(s): "
           + ", ".join(p.name for p in sources),
           "# Each key is preceded by the evidence for its value; check them, then",
           "# `ocr36 profiles check` this file.",
           f"name = {toml_value(name)}", 'extends = "default"',
           f"description = {toml_value('Inferred from ' + ', '.join(p.name for p in sources))}"]
    for table in _TABLE_ORDER:
        chosen = [s for s in settings if s.table == table]
        if not chosen:
            continue
        if table:
            out += ["", f"[{table}]"]
        for setting in chosen:
            out += [*_comment(setting.evidence), f"{setting.key} = {toml_value(setting.value)}"]
    return "\n".join(out) + "\n"


def write_profile(text: str, out: Path, overwrite: bool) -> Profile:
    """Write the profile to `out` only once the loader accepts it; an existing file is kept
    unless `overwrite`."""
    if out.exists() and not overwrite:
        raise FileAccess(f"{out}: exists; nothing was written",
                         remedy="Give another --out, or --overwrite to replace it.")
    folder = out.parent if str(out.parent) else Path(".")
    try:
        descriptor, name = tempfile.mkstemp(suffix=".toml", prefix=f".{out.stem}-", dir=folder)
        os.close(descriptor)
    except OSError as error:
        raise FileAccess(f"{out}: cannot be written: {error.strerror}") from error
    temporary = Path(name)
    try:
        try:
            temporary.write_text(text, encoding="utf-8")
        except OSError as error:
            raise FileAccess(f"{out}: cannot be written: {error.strerror}") from error
        profile = load_profile(str(temporary))
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return profile
