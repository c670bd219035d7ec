"""Layouts modelled on other offices' publications, beside the three of `ocr36_synth.render`.

- "ep-a": a European A publication: INID front page with the abstract in two columns above the
  abstract figure, body in two columns, drawing sheets.
- "national": a national filing: a plain ABSTRACT page first, the office code, number and date
  at the top of every page, "[001]" paragraph numbers, double-spaced serif text, claims under
  "CLAIMS" or "What is claimed is:".
- "wo": a WO pamphlet: WIPO front page (bibliographic data, abstract beside the figure).
- "us": a US grant (or application) front page with two columns of bibliographic data.
- "claims-plain": the plain layout with its claims numbered on a page of their own, without
  a heading.

`render` takes any layout of either module.
"""

from __future__ import annotations

from ocr36_synth.layouts.claims_plain import ClaimsPlainBuilder
from ocr36_synth.layouts.ep_a import EpABuilder
from ocr36_synth.layouts.national import NationalBuilder
from ocr36_synth.layouts.us import UsBuilder
from ocr36_synth.layouts.wo import WoBuilder, as_wo_pamphlet
from ocr36_synth.render import LAYOUTS as BASE_LAYOUTS
from ocr36_synth.render import RenderedDocument, _Builder, render_with
from ocr36_synth.source import PatentText

__all__ = ["ALL_LAYOUTS", "OFFICE_LAYOUTS", "fits", "render"]

_BUILDERS: dict[str, type[_Builder]] = {
    "ep-a": EpABuilder,
    "national": NationalBuilder,
    "wo": WoBuilder,
    "us": UsBuilder,
    "claims-plain": ClaimsPlainBuilder,
}
OFFICE_LAYOUTS: tuple[str, ...] = tuple(_BUILDERS)
ALL_LAYOUTS: tuple[str, ...] = (*BASE_LAYOUTS, *OFFICE_LAYOUTS)


def fits(patent: PatentText, layout: str) -> str | None:
    """Why a corpus document does not fit a layout, or None when it does.

    Every layout needs description paragraphs and claims; the front pages that print an
    abstract need one; an EP A front page needs an EP A publication.
    """
    if not patent.paragraphs or not patent.claims:
        return "no description paragraphs or no claims"
    if layout in ("ep-a", "national", "wo", "us") and not patent.abstract:
        return f"no abstract for the {layout} front page"
    if layout == "ep-a" and (patent.office != "EP" or not patent.kind.startswith("A")):
        return "not a European A publication"
    return None


def render(
    patent: PatentText, layout: str, *, max_pages: int | None = None, dpi: int = 300
) -> RenderedDocument:
    """Render in any layout (see `ALL_LAYOUTS`), with its ground truth."""
    if layout not in ALL_LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(ALL_LAYOUTS)}")
    builder = _BUILDERS.get(layout, _Builder)
    printed = as_wo_pamphlet(patent) if layout == "wo" else patent
    return render_with(builder, printed, layout, max_pages=max_pages, dpi=dpi)
