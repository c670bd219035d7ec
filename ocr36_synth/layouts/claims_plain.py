"""The plain layout with its claims as a filing often prints them: numbered "1.", "2." on a
page of their own, with no heading above them (one claim set)."""

from __future__ import annotations

from collections.abc import Sequence

from ocr36_synth.render import Json, _Builder, _Flow
from ocr36_synth.source import ClaimSetText, PatentText


class ClaimsPlainBuilder(_Builder):
    def __init__(self, patent: PatentText, layout: str, limit: int | None) -> None:
        super().__init__(patent, "plain", limit)

    def claims_heading(self, lang: str) -> str | None:
        return None

    def claims_on_new_page(self) -> bool:
        return True

    def claims(
        self, flow: _Flow, claim_sets: Sequence[ClaimSetText], bookmarks: dict[str, int]
    ) -> dict[str, list[Json]]:
        return super().claims(flow, claim_sets[:1], bookmarks)
