"""Synthetic patent drawings: boxes, arrows, circles and reference numerals with a FIG. label."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from itertools import pairwise

import numpy as np
from PIL import Image, ImageDraw

from ocr36_synth.fonts import Typeface

__all__ = ["draw_figure", "figure_label"]

_LINE = 5
_NUMERAL_SIZE = 44
_LABEL_SIZE = 72
_Painter = Callable[[ImageDraw.ImageDraw, int, int, random.Random, Typeface], None]


def figure_label(num: str) -> str:
    return f"FIG. {num}"


def _numeral_source(rng: random.Random) -> Callable[[], str]:
    state = {"next": rng.choice((10, 20, 100, 200, 300))}

    def take() -> str:
        value = state["next"]
        state["next"] += 2
        return str(value)

    return take


def _arrow(draw: ImageDraw.ImageDraw, start: tuple[int, int], end: tuple[int, int]) -> None:
    draw.line([start, end], fill=0, width=_LINE)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    size = 26
    left = (end[0] - size * math.cos(angle - 0.4), end[1] - size * math.sin(angle - 0.4))
    right = (end[0] - size * math.cos(angle + 0.4), end[1] - size * math.sin(angle + 0.4))
    draw.polygon([end, left, right], fill=0)


def _leader(
    draw: ImageDraw.ImageDraw, face: Typeface, anchor: tuple[int, int], text: str, dx: int, dy: int
) -> None:
    """A reference numeral with a thin leader line to the part it names."""
    end = (anchor[0] + dx, anchor[1] + dy)
    draw.line([anchor, end], fill=0, width=3)
    font = face.font("regular", _NUMERAL_SIZE)
    draw.text(
        (end[0] + (8 if dx >= 0 else -8), end[1]),
        text,
        font=font,
        fill=0,
        anchor="lm" if dx >= 0 else "rm",
    )


def _flowchart(
    draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random, face: Typeface
) -> None:
    steps = rng.randint(3, 6)
    numeral = _numeral_source(rng)
    box_w, box_h = min(int(width * 0.5), 900), min(170, height // (steps * 2))
    x0 = (width - box_w) // 2
    gap = (height - steps * box_h) // (steps + 1)
    font = face.font("regular", _NUMERAL_SIZE)
    previous = None
    for index in range(steps):
        y0 = gap + index * (box_h + gap)
        shape = [(x0, y0), (x0 + box_w, y0 + box_h)]
        if index in (0, steps - 1):
            draw.rounded_rectangle(shape, radius=box_h // 2, outline=0, width=_LINE)
        elif rng.random() < 0.3:
            mid = (x0 + box_w // 2, y0 + box_h // 2)
            draw.polygon(
                [(x0, mid[1]), (mid[0], y0), (x0 + box_w, mid[1]), (mid[0], y0 + box_h)],
                outline=0,
                width=_LINE,
            )
        else:
            draw.rectangle(shape, outline=0, width=_LINE)
        draw.text(
            (x0 + box_w // 2, y0 + box_h // 2), f"S{numeral()}", font=font, fill=0, anchor="mm"
        )
        if previous is not None:
            _arrow(draw, (width // 2, previous), (width // 2, y0 - 4))
        previous = y0 + box_h + 4


def _block_diagram(
    draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random, face: Typeface
) -> None:
    numeral = _numeral_source(rng)
    cols, rows = rng.randint(2, 3), rng.randint(2, 3)
    cell_w, cell_h = width // (cols + 1), height // (rows + 1)
    box_w, box_h = int(cell_w * 0.6), int(cell_h * 0.45)
    centres: list[tuple[int, int]] = []
    for row in range(rows):
        for col in range(cols):
            if rng.random() < 0.2 and centres:
                continue
            cx = int(cell_w * (col + 1) - cell_w / 2 + cell_w / 2 * (row % 2))
            cy = int(cell_h * (row + 1))
            draw.rectangle(
                [(cx - box_w // 2, cy - box_h // 2), (cx + box_w // 2, cy + box_h // 2)],
                outline=0,
                width=_LINE,
            )
            _leader(draw, face, (cx + box_w // 2, cy - box_h // 2), numeral(), 50, -50)
            centres.append((cx, cy))
    for first, second in pairwise(centres):
        start = (
            (first[0], first[1] + box_h // 2)
            if second[1] > first[1]
            else (first[0] + box_w // 2, first[1])
        )
        end = (
            (second[0], second[1] - box_h // 2)
            if second[1] > first[1]
            else (second[0] - box_w // 2, second[1])
        )
        _arrow(draw, start, end)
    margin = 30
    draw.rectangle([(margin, margin), (width - margin, height - margin)], outline=0, width=3)
    _leader(draw, face, (width - margin, margin + 60), numeral(), -60, 60)


def _mechanism(
    draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random, face: Typeface
) -> None:
    numeral = _numeral_source(rng)
    cx, cy = width // 2, height // 2
    radius = int(min(width, height) * rng.uniform(0.22, 0.32))
    draw.ellipse([(cx - radius, cy - radius), (cx + radius, cy + radius)], outline=0, width=_LINE)
    inner = int(radius * rng.uniform(0.3, 0.55))
    draw.ellipse([(cx - inner, cy - inner), (cx + inner, cy + inner)], outline=0, width=_LINE)
    for offset in range(-inner + 20, inner - 10, 28):
        draw.line(
            [(cx + offset, cy - inner // 2), (cx + offset + 30, cy + inner // 2)], fill=0, width=2
        )
    arm = int(width * rng.uniform(0.35, 0.45))
    draw.rectangle([(cx + radius - 10, cy - 40), (cx + arm, cy + 40)], outline=0, width=_LINE)
    draw.rectangle(
        [(cx - arm, cy + radius // 2), (cx - radius // 2, cy + radius + 60)], outline=0, width=_LINE
    )
    spokes = rng.randint(3, 6)
    for index in range(spokes):
        angle = 2 * math.pi * index / spokes
        draw.line(
            [
                (cx + inner * math.cos(angle), cy + inner * math.sin(angle)),
                (cx + radius * math.cos(angle), cy + radius * math.sin(angle)),
            ],
            fill=0,
            width=_LINE,
        )
    _leader(draw, face, (cx + radius, cy - radius // 3), numeral(), 120, -140)
    _leader(draw, face, (cx, cy - inner), numeral(), -160, -radius)
    _leader(draw, face, (cx + arm - 40, cy + 40), numeral(), 40, 120)
    _leader(draw, face, (cx - arm + 30, cy + radius + 60), numeral(), -20, 100)


_PAINTERS: tuple[_Painter, ...] = (_flowchart, _block_diagram, _mechanism)


def label_place(box: tuple[int, int, int, int]) -> tuple[int, int, int]:
    """Where `draw_figure` puts the label of an upright figure in `box`: the middle of the
    label (x, y) and its size in pixels (bold)."""
    left, top, width, height = box
    return left + width // 2, top + height - _LABEL_SIZE, _LABEL_SIZE


def draw_figure(
    page: Image.Image,
    box: tuple[int, int, int, int],
    num: str,
    seed: int,
    face: Typeface,
    *,
    landscape: bool = False,
    label: bool = True,
) -> tuple[int, int, int, int]:
    """Draw a figure with its "FIG. n" label (unless `label` is false: the label's place is
    left blank, see `label_place`) inside `box` (l, t, w, h); return its ink box."""
    left, top, width, height = box
    canvas_w, canvas_h = (height, width) if landscape else (width, height)
    rng = random.Random(seed)
    canvas = Image.new("L", (canvas_w, canvas_h), 255)
    draw = ImageDraw.Draw(canvas)
    label_h = _LABEL_SIZE * 2
    painter = _PAINTERS[rng.randrange(len(_PAINTERS))]
    painter(draw, canvas_w, canvas_h - label_h, rng, face)
    if label:
        draw.text(
            (canvas_w // 2, canvas_h - label_h // 2),
            figure_label(num),
            font=face.font("bold", _LABEL_SIZE),
            fill=0,
            anchor="mm",
        )
    if landscape:
        canvas = canvas.transpose(Image.Transpose.ROTATE_90)
    page.paste(canvas, (left, top))
    ink = np.asarray(canvas) < 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return left, top, 0, 0
    return (
        left + int(cols[0]),
        top + int(rows[0]),
        int(cols[-1] - cols[0] + 1),
        int(rows[-1] - rows[0] + 1),
    )
