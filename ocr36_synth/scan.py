"""A seeded scan simulator: skew, rotation, blur, noise, speckle, scanner borders, punch holes,
uneven lighting, bleed-through, low resolution, wrong resolution tags and JPEG artefacts."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter, ImageSequence

__all__ = ["PRESETS", "Defects", "degrade", "degrade_document", "degrade_preset"]

_EDGES = ("top", "bottom", "left", "right")


@dataclass(frozen=True)
class Defects:
    """A set of scan defects; `degrade` draws the random parts from a seed. The defaults are a
    light bilevel scan skewed up to 5 degrees either way."""

    max_skew: float = 5.0
    """Skew is drawn uniformly from [-max_skew, max_skew] degrees ..."""
    skew: float | None = None
    """... unless it is given here (degrees, counter-clockwise positive, as the content turns)."""
    noise: float = 10.0
    """Standard deviation of gray noise, on the 0-255 scale, before thresholding."""
    speckle: float = 0.0003
    """Fraction of pixels turned into salt-and-pepper specks."""
    blur: float = 0.8
    """Gaussian blur radius in pixels before re-thresholding."""
    border: bool = True
    """Dark scanner strips along some edges."""
    dpi: int = 300
    """Resolution of the scan; below or above 300 the page is resampled to it."""
    rotation: int = 0
    """Quarter turns (counter-clockwise degrees) applied before the skew."""
    jpeg_quality: int | None = None
    gray: bool = False
    """Keep the page in gray levels (else it is re-thresholded to 1 bit)."""
    uneven: float = 0.0
    """Depth of uneven lighting, 0-1: the background darkens by up to this fraction."""
    bleed: float = 0.0
    """Strength of the mirrored print of the other side showing through, 0-1."""
    holes: int = 0
    """Punch holes along one edge."""
    dpi_tag: int | None = None
    """The resolution written in the file when it differs from the real one."""

    def __post_init__(self) -> None:
        if self.rotation % 90:
            raise ValueError(f"rotation must be a multiple of 90 degrees, not {self.rotation}")


PRESETS: dict[str, Defects] = {
    "light": Defects(max_skew=1.5, noise=10.0, speckle=0.0002, blur=0.7, border=True),
    "heavy": Defects(max_skew=5.0, noise=28.0, speckle=0.0015, blur=1.4, border=True, dpi=200),
    "gray": Defects(max_skew=3.0, noise=8.0, speckle=0.0, blur=0.9, border=True, gray=True,
                    uneven=0.45, bleed=0.25, jpeg_quality=55),
    "punched": Defects(max_skew=2.5, noise=14.0, speckle=0.0008, blur=0.8, border=True,
                       holes=2),
    "lowres": Defects(max_skew=2.0, noise=10.0, speckle=0.0003, blur=0.7, border=False,
                      dpi=200, jpeg_quality=70, gray=True),
    "wrong-dpi": Defects(max_skew=2.0, noise=8.0, speckle=0.0002, blur=0.6, border=True,
                         dpi=400, dpi_tag=200),
    "office": Defects(max_skew=3.0, noise=14.0, speckle=0.0005, blur=0.8, border=True,
                      holes=2),
}
"""Named defect sets. `light` and `heavy` are bilevel office scans; `gray` an uneven gray
scan of thin paper saved as JPEG; `punched` a filed page with punch holes; `lowres` a 200 dpi
gray JPEG; `wrong-dpi` a 400 dpi scan whose file says 200 dpi; `office` a bilevel back-file scan
(skew up to 3 degrees, noise, specks, borders, punch holes)."""


def _as_gray(page: Image.Image) -> np.ndarray[Any, np.dtype[np.float32]]:
    return np.asarray(page.convert("L"), dtype=np.float32)


def _borders(
    pixels: np.ndarray[Any, np.dtype[np.float32]], rng: random.Random
) -> list[dict[str, Any]]:
    """Darken 1 or 2 edges with ragged strips, as a scanner lid leaves them."""
    height, width = pixels.shape
    applied: list[dict[str, Any]] = []
    for edge in rng.sample(_EDGES, rng.randint(1, 2)):
        depth = rng.randint(15, 70)
        along = height if edge in ("left", "right") else width
        wobble = np.cumsum(np.array([rng.uniform(-1.5, 1.5) for _ in range(along)]))
        profile = np.clip(depth + wobble - wobble.mean(), 4, depth * 2).astype(int)
        shade = rng.uniform(0, 60)
        for index, extent in enumerate(profile):
            if edge == "top":
                pixels[:extent, index] = shade
            elif edge == "bottom":
                pixels[height - extent :, index] = shade
            elif edge == "left":
                pixels[index, :extent] = shade
            else:
                pixels[index, width - extent :] = shade
        applied.append({"edge": edge, "depth": depth})
    return applied


def _uneven(pixels: np.ndarray[Any, np.dtype[np.float32]], depth: float,
            rng: np.random.Generator) -> None:
    """Darken the background smoothly: a lamp that lights one side of the page more."""
    height, width = pixels.shape
    ys = np.linspace(-1.0, 1.0, height, dtype=np.float32)[:, None]
    xs = np.linspace(-1.0, 1.0, width, dtype=np.float32)[None, :]
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xs + np.sin(angle) * ys + 1.5) / 3.0
    cy, cx = rng.uniform(-0.8, 0.8, 2)
    spot = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / 0.5)
    shade = np.clip(0.7 * ramp + 0.3 * spot, 0.0, 1.0)
    background = 1.0 - depth * shade
    pixels *= background.astype(np.float32)


def _bleed(pixels: np.ndarray[Any, np.dtype[np.float32]], strength: float,
           rng: np.random.Generator) -> None:
    """The print of the other side, mirrored, blurred and faint, showing through the paper."""
    ghost = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)[:, ::-1], "L")
    shift = (int(rng.integers(-60, 61)), int(rng.integers(-90, 91)))
    ghost = ghost.transform(ghost.size, Image.Transform.AFFINE,
                            (1, 0, shift[0], 0, 1, shift[1]), fillcolor=255)
    ghost = ghost.filter(ImageFilter.GaussianBlur(2.0))
    ink = (255.0 - np.asarray(ghost, dtype=np.float32)) * strength
    np.minimum(pixels, 255.0 - ink, out=pixels)


def _holes(pixels: np.ndarray[Any, np.dtype[np.float32]], count: int,
           rng: np.random.Generator) -> list[dict[str, Any]]:
    """Dark punch holes (the scanner lid shows through) along the left or top edge."""
    height, width = pixels.shape
    vertical = bool(rng.integers(0, 2))
    along = height if vertical else width
    radius = int(rng.integers(28, 40))
    inset = int(rng.integers(90, 150))
    spacing = along / (count + 1)
    ys, xs = np.ogrid[:height, :width]
    applied = []
    for index in range(count):
        centre = int(spacing * (index + 1) + rng.integers(-40, 41))
        cy, cx = (centre, inset) if vertical else (inset, centre)
        disk = (ys - cy) ** 2 + (xs - cx) ** 2 <= radius * radius
        pixels[disk] = float(rng.uniform(0, 50))
        applied.append({"x": cx, "y": cy, "radius": radius})
    return applied


def _speckle(
    pixels: np.ndarray[Any, np.dtype[np.float32]], amount: float, rng: np.random.Generator
) -> None:
    if amount <= 0:
        return
    count = int(pixels.size * amount)
    rows = rng.integers(0, pixels.shape[0] - 2, count)
    cols = rng.integers(0, pixels.shape[1] - 2, count)
    values = rng.choice(np.array([0.0, 255.0], dtype=np.float32), count, p=[0.7, 0.3])
    for dy in (0, 1):
        for dx in (0, 1):
            keep = rng.random(count) < 0.6 if (dy or dx) else np.ones(count, dtype=bool)
            pixels[rows[keep] + dy, cols[keep] + dx] = values[keep]


def degrade(page: Image.Image, seed: int,
            defects: Defects = Defects()) -> tuple[Image.Image, dict[str, Any]]:
    """Make a clean 300 dpi page look scanned with `defects`; return the page and the
    parameters applied (the skew drawn, the borders and holes placed, the threshold).

    `uneven`, `bleed` and `holes` are drawn from a generator of their own, so that a seed gives
    the same skew, borders and noise with or without them.
    """
    rng = random.Random(seed)
    generator = np.random.default_rng(seed)
    angle = rng.uniform(-defects.max_skew, defects.max_skew) if defects.skew is None \
        else defects.skew
    pixels = _as_gray(_turned(page, angle, defects))
    extra = np.random.default_rng([seed, 1])
    if defects.bleed > 0:
        _bleed(pixels, defects.bleed, extra)
    if defects.uneven > 0:
        _uneven(pixels, defects.uneven, extra)
    edges = _borders(pixels, rng) if defects.border else []
    punched = _holes(pixels, defects.holes, extra) if defects.holes > 0 else []
    if defects.noise > 0:
        pixels += generator.normal(0.0, defects.noise, pixels.shape).astype(np.float32)
    _speckle(pixels, defects.speckle, generator)
    threshold = rng.randint(115, 145)
    result = _scanned_file(pixels, threshold, defects)
    applied = {
        "seed": seed,
        "skew": round(angle, 4),
        "rotation": defects.rotation % 360,
        "noise": defects.noise,
        "speckle": defects.speckle,
        "blur": defects.blur,
        "border": edges,
        "threshold": threshold,
        "dpi": defects.dpi,
        "jpeg_quality": defects.jpeg_quality,
        "gray": defects.gray,
        "uneven": defects.uneven,
        "bleed": defects.bleed,
        "holes": punched,
        "dpi_tag": result.info["dpi"][0],
    }
    return result, applied


def _turned(page: Image.Image, angle: float, defects: Defects) -> Image.Image:
    """The page in gray, turned by its quarter turns, skewed by `angle` and blurred."""
    image = page.convert("L")
    if defects.rotation % 360:
        image = image.rotate(defects.rotation % 360, expand=True)
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if defects.blur > 0:
        image = image.filter(ImageFilter.GaussianBlur(defects.blur))
    return image


def _scanned_file(pixels: np.ndarray[Any, np.dtype[np.float32]], threshold: int,
                  defects: Defects) -> Image.Image:
    """The page as the scanner writes it: resampled to its resolution, through JPEG, bilevel
    unless gray, with the resolution the file says."""
    result = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if defects.dpi != 300:
        size = (round(result.width * defects.dpi / 300), round(result.height * defects.dpi / 300))
        result = result.resize(size, Image.Resampling.BILINEAR)
    if defects.jpeg_quality is not None:
        buffer = io.BytesIO()
        result.save(buffer, "JPEG", quality=defects.jpeg_quality)
        result = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    if not defects.gray:
        result = result.point(lambda value: 255 if value >= threshold else 0).convert("1")
    tag = defects.dpi if defects.dpi_tag is None else defects.dpi_tag
    result.info["dpi"] = (tag, tag)
    return result


def degrade_preset(
    page: Image.Image, seed: int, preset: str | Defects
) -> tuple[Image.Image, dict[str, Any]]:
    """`degrade` with the defects of a preset ("light", "heavy") or a `Defects` value."""
    return degrade(page, seed, PRESETS[preset] if isinstance(preset, str) else preset)


def degrade_document(source: Path, target: Path, preset: str, seed: int,
                     pages: Sequence[int] | None = None) -> None:
    """A multi-page TIFF scanned with a preset's defects, each page drawn with `seed` plus its
    index in `source` (so a page looks the same whichever pages are taken); `pages` are the
    indexes to take (all when None), written as G4 at the preset's resolution."""
    scanned = []
    with Image.open(source) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if pages is None or index in pages:
                scanned.append(degrade_preset(frame.convert("1"), seed + index, preset)[0])
    dpi = PRESETS[preset].dpi
    scanned[0].save(target, save_all=True, append_images=scanned[1:], compression="group4",
                    dpi=(dpi, dpi))
