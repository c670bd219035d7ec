"""A page's number printed alone at the top of its page, under the running head, is a
running line on as few as two pages (a WO pamphlet of two text pages after its front page)."""

from __future__ import annotations

from text_pages import page_result, typed_line

from ocr36.model import Box, Region, RegionKind
from ocr36.structure.running import find_running_lines

_REGION = Region(RegionKind.TEXT, Box(250, 250, 2000, 3000), id="r1")


def _page(number: int, first: str, text: str) -> object:
    return page_result(number, [typed_line(first, 264, left=1232), typed_line(text, 400),
                                typed_line(f"{text} goes on", 450),
                                typed_line(f"and {text} ends.", 500)], [_REGION])


def test_a_number_that_changes_as_the_page_does_is_the_page_number() -> None:
    pages = [page_result(1, [typed_line("(12) INTERNATIONAL APPLICATION", 300),
                             typed_line("(57) Abstract: a display.", 400),
                             typed_line("The end of the abstract.", 450)], [_REGION]),
             _page(2, "2", "[0001] This application claims"), _page(3, "3", "1. A display."),
             page_result(4, [typed_line("1/1", 264, left=1218), typed_line("FIG. 1", 3105)],
                         [_REGION])]
    running = find_running_lines(pages)  # type: ignore[arg-type]
    assert [(line.page, line.text) for line in running.lines] == [(2, "2"), (3, "3")]
    # the same number on two pages, or numbers that do not follow the pages, are text
    for firsts in (("2", "2"), ("7", "3")):
        pages[1:3] = [_page(2, firsts[0], "[0001] This"), _page(3, firsts[1], "1. A display.")]
        assert not find_running_lines(pages).lines  # type: ignore[arg-type]
