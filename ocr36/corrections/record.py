"""One change a correction rule made to a document's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Correction:
    """Where a rule changed the text, word by word: `before` as OCR read it, `after` as it
    was mended (empty where the rule dropped a speck)."""

    rule: str
    page: int
    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        """The correction as manifest.json and the review's trace hold it."""
        return {"rule": self.rule, "page": self.page, "before": self.before,
                "after": self.after}

    @staticmethod
    def from_json(data: dict[str, Any]) -> Correction:
        return Correction(str(data["rule"]), int(data["page"]), str(data["before"]),
                          str(data["after"]))
