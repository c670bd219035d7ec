"""The templates of `ocr36.digitreader`, rendered from fonts: written to
`ocr36/digit_glyphs.npz`, shipped with the package, so that reading needs no font.

Arabic-Indic digits (and the Persian shapes of four, five and six), ASCII digits, the marks
printed around a number and a date's separators, from each of `FONTS` at each of `SIZES`
(pixels to the em: 7 to 14 pt at 300 dpi), as rendered, a pixel thicker (a scan's ink
spreads) and as a light scan leaves them; beside them the glyphs of Arabic words of the
Universal Declaration's text, as "not a digit", but for those nearer a digit's template
than `LETTER_APART` (alef is the digit one's shape) and the letters' dots (a glyph that small
is a dot to the reader, told by where it stands). The bound beyond which a glyph is no
template's is measured on the letters of the `HELD_OUT` font: the distance within which
`LETTERS_ADMITTED` of them would be taken for a digit or a mark.

    PYTHONPATH=. .venv/bin/python -m ocr36_synth.digit_glyphs [--check]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr36.digitreader import DOT_SIZE, NOT_A_DIGIT, TEMPLATES, Templates, cut_glyphs, features
from ocr36_synth.udhr import load_declaration

_FONTS = Path("/usr/share/fonts")
FONTS = (_FONTS / "truetype/dejavu/DejaVuSans.ttf",
         _FONTS / "truetype/noto/NotoNaskhArabic-Regular.ttf",
         _FONTS / "truetype/noto/NotoSansArabic-Regular.ttf",
         _FONTS / "truetype/noto/NotoKufiArabic-Regular.ttf",
         _FONTS / "opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
         _FONTS / "truetype/kacst-one/KacstOne.ttf",
         _FONTS / "opentype/lateef/Lateef-Regular.ttf",
         _FONTS / "truetype/farsiweb/nazli.ttf")
"""The fonts the templates are rendered from (Debian: fonts-dejavu-core, fonts-noto-core,
fonts-hosny-amiri, fonts-kacst-one, fonts-sil-lateef, fonts-farsiweb): sans, Naskh, Kufi,
Nastaliq-like and Persian faces."""
MARK_FONTS = (_FONTS / "truetype/dejavu/DejaVuSerif.ttf",
              _FONTS / "truetype/liberation/LiberationSans-Regular.ttf",
              _FONTS / "truetype/liberation/LiberationSerif-Regular.ttf")
"""Fonts the marks and ASCII digits are rendered from too (Debian: fonts-dejavu-core,
fonts-liberation): Noto's Arabic faces have no brackets, and a page takes them from
another face."""
HELD_OUT = (_FONTS / "truetype/scheherazade/Scheherazade-Regular.ttf",)
"""A face not among them (Debian: fonts-sil-scheherazade), a Naskh, on whose letters the
bound is measured: the benchmark sets pages in it too (`bench.scripts`)."""
SIZES = (30, 38, 46, 56)
VARIANTS = 4
SCAN_TURN, SCAN_BLUR, SCAN_NOISE = 2.0, 0.8, 10.0
"""The glyphs as a light scan leaves them: turned (degrees), blurred and noisy (on 0-255),
as `ocr36_synth.scan`'s "light" preset leaves a page once levelled."""
THIN = 1.0
"""A letter's glyph this near one kept already is not kept too."""
GLYPHS = [*((f"a{v}", chr(0x660 + v)) for v in range(1, 10)),
          *((f"p{v}", chr(0x6F0 + v)) for v in (4, 5, 6)),
          *((f"l{v}", str(v)) for v in range(10)),
          *((m, m) for m in "[]()/-:")]
"""Each label and the character rendered for it. Dots (the zero `٠`, the full stop) are
told by their size, not their shape (`ocr36.digitreader.DOT_SIZE`); ASCII zero is left out
(Arabic five's shape and its own are one: Tesseract reads `٥` as `0`)."""
_MISSING = "\ue000"
"""A character no font holds: what a font draws for one it lacks."""
LETTERS_ADMITTED = 0.02
LETTER_APART = 1.5
"""A letter's glyph nearer a digit's template than this is not kept as "not a digit"."""
_WORDS = 200


def glyph_ink(char: str, font: ImageFont.FreeTypeFont, variant: int = 0) -> np.ndarray:
    """The ink of one character as `font` renders it, cropped to it: as rendered (variant
    0), a pixel thicker (1), or as the "light" scan defects leave it (2, 3: turned by
    `SCAN_TURN` either way, blurred, noisy, thresholded again)."""
    size = int(font.size) * 3
    image = Image.new("L", (size, size), 255)
    ImageDraw.Draw(image).text((size // 3, size // 4), char, font=font, fill=0)
    gray = np.asarray(image)
    if variant >= 2:
        turn = cv2.getRotationMatrix2D((size / 2, size / 2), SCAN_TURN * (5 - 2 * variant), 1)
        gray = cv2.warpAffine(gray, turn, (size, size), borderValue=255)
        noise = np.random.default_rng(variant).normal(0, SCAN_NOISE, gray.shape)
        gray = cv2.GaussianBlur(gray, (0, 0), SCAN_BLUR) + noise
    ink = gray < 128
    if variant == 1:
        ink = cv2.dilate(ink.view(np.uint8), np.ones((2, 2), np.uint8)).astype(bool)
    rows, cols = np.nonzero(ink)
    if not len(rows):
        return np.zeros((1, 1), bool)
    return ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def letter_glyphs(font: ImageFont.FreeTypeFont) -> list[np.ndarray]:
    """The glyphs (connected pieces) of Arabic and Persian words of the Declaration, but their
    dots (a glyph that small is a dot to the reader)."""
    words = [word for lang in ("ar", "fa")
             for word in " ".join(load_declaration(lang).preamble).split()[:_WORDS]]
    found: list[np.ndarray] = []
    for start in range(0, len(words), 10):
        line = " ".join(words[start:start + 10])
        width = int(font.getlength(line, direction="rtl")) + 40
        image = Image.new("L", (width, int(font.size) * 3), 255)
        ImageDraw.Draw(image).text((20, int(font.size) // 2), line, font=font, fill=0,
                                   direction="rtl")
        found.extend(g.ink for g in cut_glyphs(np.asarray(image) < 128)
                     if max(g.ink.shape) > DOT_SIZE * font.size)
    return found


def rendered(fonts: tuple[Path, ...], marks_only: bool = False
             ) -> tuple[list[np.ndarray], list[str], list[np.ndarray]]:
    """Feature vectors and labels of the digits and marks (`marks_only`: of the marks and
    ASCII digits), and those of the letters."""
    vectors: list[np.ndarray] = []
    labels: list[str] = []
    letters: list[np.ndarray] = []
    for path in fonts:
        for size in SIZES:
            font = ImageFont.truetype(str(path), size)
            missing = glyph_ink(_MISSING, font)
            for label, char in GLYPHS:
                if np.array_equal(glyph_ink(char, font), missing) or \
                        (marks_only and label[0] in "ap" and len(label) == 2):
                    continue  # the font lacks it (Noto's Arabic faces have no brackets)
                for variant in range(VARIANTS):
                    vectors.append(features(glyph_ink(char, font, variant)))
                    labels.append(label)
            if not marks_only:
                letters.extend(features(ink) for ink in letter_glyphs(font))
    return vectors, labels, letters


def _thinned(letters: list[np.ndarray]) -> list[np.ndarray]:
    """The letters' glyphs, but those `THIN` or nearer one kept before them."""
    if not letters:
        return []
    kept = np.empty((len(letters), len(letters[0])), np.float32)
    count = 0
    for vector in letters:
        if not count or ((kept[:count] - vector) ** 2).sum(axis=1).min() > THIN ** 2:
            kept[count] = vector
            count += 1
    return list(kept[:count])


def build(fonts: tuple[Path, ...] = FONTS, held_out: tuple[Path, ...] = HELD_OUT) -> Templates:
    """The templates: digits and marks, letters unlike them, and the bound."""
    vectors, labels, letters = rendered(fonts)
    marks, marked, _ = rendered(MARK_FONTS, marks_only=True)
    vectors, labels = [*vectors, *marks], [*labels, *marked]
    digits = Templates(np.array(vectors), tuple(labels), np.inf)
    kept = _thinned([v for v in letters if digits.nearest(v)[1] > LETTER_APART])
    every = Templates(np.array([*vectors, *kept], np.float32),
                      (*labels, *[NOT_A_DIGIT] * len(kept)), np.inf)
    _, _, others = rendered(held_out)
    nearest = [every.nearest(v) for v in others]
    distances = sorted(distance for label, distance in nearest if label != NOT_A_DIGIT)
    bound = distances[min(int(LETTERS_ADMITTED * len(others)), len(distances) - 1)]
    return Templates(every.vectors, every.labels, bound)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TEMPLATES)
    arguments = parser.parse_args(argv)
    made = build()
    np.savez_compressed(arguments.out, vectors=(made.vectors * 255).round().astype(np.uint8),
                        labels=np.array(made.labels), bound=made.bound)
    print(f"{arguments.out}: {len(made.labels)} templates "
          f"({made.labels.count(NOT_A_DIGIT)} letters), bound {made.bound:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
