"""Values as a profile file writes them (TOML): one form for every profile ocr36 writes."""

from __future__ import annotations

import json
from typing import Any


def toml_value(value: Any) -> str:
    """A value as TOML writes it: strings literal ('...') where they can be."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        plain = "'" not in value and all(ch >= " " and ch != "\x7f" for ch in value)
        return f"'{value}'" if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")
