"""A seeded scan simulator: skew, rotation, blur, noise, speckle and scanner borders."""

from __future__ import annotations

import io
import random
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

__all__ = ["PRESETS", "Defects", "degrade", "degrade_preset"]

_EDGES = ("top", "bottom", "left", "right")


@dataclass(frozen=True)
class Defects:
    """A set of scan defects; `degrade_preset` draws the random parts from a seed."""

    max_skew: float
    """Skew is drawn uniformly from [-max_skew, max_skew] degrees."""
    noise: float
    """Standard deviation of gray noise, on the 0-255 scale, before thresholding."""
    speckle: float
    """Fraction of pixels turned into salt-and-pepper specks."""
    blur: float
    """Gaussian blur radius in pixels before re-thresholding."""
    border: bool
    """Dark scanner strips along some edges."""
    dpi: int = 300

    def options(self) -> dict[str, Any]:
        return asdict(self)


PRESETS: dict[str, Defects] = {
    "light": Defects(max_skew=1.5, noise=10.0, speckle=0.0002, blur=0.7, border=True),
    "heavy": Defects(max_skew=5.0, noise=28.0, speckle=0.0015, blur=1.4, border=True, dpi=200),
}


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


def degrade(
    page: Image.Image,
    seed: int,
    *,
    skew: float | None = None,
    max_skew: float = 5.0,
    rotation: int = 0,
    noise: float = 10.0,
    speckle: float = 0.0003,
    blur: float = 0.8,
    border: bool = True,
    dpi: int = 300,
    jpeg_quality: int | None = None,
    gray: bool = False,
) -> tuple[Image.Image, dict[str, Any]]:
    """Make a clean 300 dpi page look scanned; return the page and the parameters applied.

    `skew` (degrees, counter-clockwise positive, as the page content is turned) is drawn from
    [-max_skew, max_skew] when not given; `rotation` turns the page by quarter turns
    (counter-clockwise) first. The result is mode "1" unless `gray`; with `dpi` below 300 the
    page is resampled to that resolution.
    """
    if rotation % 90:
        raise ValueError(f"rotation must be a multiple of 90 degrees, not {rotation}")
    rng = random.Random(seed)
    generator = np.random.default_rng(seed)
    angle = rng.uniform(-max_skew, max_skew) if skew is None else skew
    image = page.convert("L")
    if rotation % 360:
        image = image.rotate(rotation % 360, expand=True)
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if blur > 0:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    pixels = _as_gray(image)
    edges = _borders(pixels, rng) if border else []
    if noise > 0:
        pixels += generator.normal(0.0, noise, pixels.shape).astype(np.float32)
    _speckle(pixels, speckle, generator)
    threshold = rng.randint(115, 145)
    result = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if dpi != 300:
        size = (round(result.width * dpi / 300), round(result.height * dpi / 300))
        result = result.resize(size, Image.Resampling.BILINEAR)
    if jpeg_quality is not None:
        buffer = io.BytesIO()
        result.save(buffer, "JPEG", quality=jpeg_quality)
        result = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    if not gray:
        result = result.point(lambda value: 255 if value >= threshold else 0).convert("1")
    result.info["dpi"] = (dpi, dpi)
    applied = {
        "seed": seed,
        "skew": round(angle, 4),
        "rotation": rotation % 360,
        "noise": noise,
        "speckle": speckle,
        "blur": blur,
        "border": edges,
        "threshold": threshold,
        "dpi": dpi,
        "jpeg_quality": jpeg_quality,
        "gray": gray,
    }
    return result, applied


def degrade_preset(
    page: Image.Image, seed: int, preset: str | Defects
) -> tuple[Image.Image, dict[str, Any]]:
    """`degrade` with the defects of a preset ("light", "heavy") or a `Defects` value."""
    defects = PRESETS[preset] if isinstance(preset, str) else preset
    return degrade(page, seed, **defects.options())
