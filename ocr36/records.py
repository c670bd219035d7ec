"""The JSON files ocr36 writes (manifest, review trace, batch summary, journal entries) as
frozen dataclasses, turned into JSON and back by one converter, each with a JSON Schema in
ocr36/schemas/.

A field is written under its own name, or under the name its metadata gives
(`field(metadata={"json": "in"})`, for names Python reserves); a field whose metadata says
`"omit": True` is left out of the JSON when it is None. Tuples are written as lists,
mappings as objects, paths as strings and enumerations as their values. Reading back follows
the field types, so a record is read by its attributes, never by string keys.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

R = TypeVar("R")

SCHEMAS = Path(__file__).resolve().parent / "schemas"
"""The JSON Schemas of the records (package data)."""


def schema_path(name: str) -> Path:
    """The JSON Schema of a record kind: manifest, trace, batch-summary, journal-entry."""
    return SCHEMAS / f"{name}.schema.json"


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text("utf-8"))
    return loaded


def json_name(field: dataclasses.Field[Any]) -> str:
    return str(field.metadata.get("json", field.name))


def to_json(value: Any) -> Any:
    """A record (or any value inside one) as JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if item is None and field.metadata.get("omit"):
                continue
            result[json_name(field)] = to_json(item)
        return result
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    return value


def from_json(kind: type[R], data: Any) -> R:
    """A record of `kind` from JSON-able data (as `to_json` writes it)."""
    result: R = _read(kind, data)
    return result


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _read(kind: Any, data: Any) -> Any:
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        values = {}
        for field in dataclasses.fields(kind):
            name = json_name(field)
            if name in data:
                values[field.name] = _read(hints[field.name], data[name])
        return kind(**values)
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if data is None:
            return None
        return _read(next(a for a in arguments if a is not type(None)), data)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_read(arguments[0], item) for item in data)
        return tuple(_read(a, item) for a, item in zip(arguments, data, strict=True))
    if origin is list:
        return [_read(arguments[0], item) for item in data]
    if origin in (dict, Mapping, typing.Mapping):
        return {key: _read(arguments[1], item) for key, item in data.items()}
    if kind is Any:
        return data
    if isinstance(kind, type) and issubclass(kind, Enum | Path):
        return kind(data)
    if kind is float and isinstance(data, int):
        return float(data)
    return data


def dumps(record: Any, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """The record as JSON text (UTF-8 kept as it is), ending with a line break."""
    return json.dumps(to_json(record), indent=indent, sort_keys=sort_keys,
                      ensure_ascii=False) + "\n"
