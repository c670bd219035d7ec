"""Checking a record's JSON against its JSON Schema (ocr36/schemas/, jsonschema >= 4)."""

from __future__ import annotations

from typing import Any

import jsonschema

from ocr36 import records


def check(kind: str, data: Any) -> None:
    """Fail naming the first place where `data` breaks the schema of `kind`."""
    schema = records.schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"{kind}: {errors[0].message} at {list(errors[0].absolute_path)}"
