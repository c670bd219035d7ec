"""Misreadings found on documents no rule was made on, each as the structure stage met it."""

from __future__ import annotations

from ocr36.model import Box, Line, Paragraph, Word
from ocr36.profile import load_profile
from ocr36.structure.body import claim_openings, read_description
from ocr36.structure.stream import LineEvent


def _line(text: str, top: int) -> LineEvent:
    box = Box(200, top, 30 * len(text), 40)
    words = tuple(Word(part, box, 90.0) for part in text.split())
    return LineEvent(page=2, line=Line(words=words, box=box, region="r1"), region_lines=1,
                     gap_above=20)


def test_a_paragraph_printed_as_its_number_alone_keeps_its_number() -> None:
    # a US paragraph that holds only a formula, which the text does not carry
    events = [_line("[0018] The solution is stirred for an hour.", 300),
              _line("[0019]", 360),
              _line("[0020] The solid is filtered off and dried.", 420),
              _line("It is then weighed.", 470)]
    blocks = read_description(events, load_profile("default").numbering.paragraph,
                              lambda event: "x.tif", frozenset())
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [p.num for p in paragraphs] == ["0018", "0019", "0020"]
    assert paragraphs[1].content == ()
    assert "[0019]" not in " ".join(str(p.content) for p in paragraphs)


def test_a_claim_number_with_a_speck_read_beside_its_stop_opens_its_claim() -> None:
    # an EP B whose source numbers its claims from 6 on one behind ("6. 5. Sound ..."), on a
    # light scan where "9." was read "9%.": claims 9 to 11 were lost into claim 8
    texts = ["8. 7. Sound damping panel according to any of the preceding claims.",
             "9%. 8. Manufacturing procedure of the previously claimed panel,",
             "characterized in that it comprises the following stages:",
             "10. 9. Manufacturing procedure according to claim 8.",
             "11. 10. Manufacturing procedure according to claim 8."]
    before = ["1. A panel.", *(f"{n}. The panel according to claim 1." for n in range(2, 6)),
              "6. 5. Sound damping panel according to the second claim.",
              "7. 6. Sound damping panel according to the fifth claim."]
    openings = claim_openings([*before, *texts], load_profile("default").numbering.claim)
    assert [number for number, _ in openings.values()] == list(range(1, 12))
    assert texts[1][openings[len(before) + 1][1]:].startswith("8. Manufacturing")
