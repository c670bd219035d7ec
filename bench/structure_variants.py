"""Pages as offices deliver them: one document made into the forms real back-files come in,
each converted with `ocr36 convert` as an operator would, and measured against the truth (or,
with none, against the clean original's package).

The variants: 200 dpi bilevel TIFF, grey and colour JPEG pages in a folder, a PDF of grey
JPEG scans, the page set on Letter paper, one page turned upside down, a page rotated 2
degrees, a blank separator page after the first, and a stamp and handwriting on the front
page.

    python -m bench.structure_variants DOC.tif [--truth DOC.truth.json] [--pages 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import img2pdf
from PIL import Image, ImageDraw, ImageOps

from bench.structure_measures import aligned
from ocr36.evaluate import Reading, compare, read_package, read_truth

Pages = list[Image.Image]
Variant = Callable[[Pages, Path], Path]
_LETTER = (2550, 3300)
"""US Letter at 300 dpi."""


def _tiff(pages: Pages, path: Path, dpi: int = 300) -> Path:
    """Bilevel as a scanner writes it: grey thresholded, not dithered."""
    bilevel = [page.convert("L").convert("1", dither=Image.Dither.NONE) for page in pages]
    bilevel[0].save(path, save_all=True, append_images=bilevel[1:], compression="group4",
                    dpi=(dpi, dpi))
    return path


def _jpeg_folder(pages: Pages, folder: Path, mode: str) -> Path:
    folder.mkdir()
    for number, page in enumerate(pages, 1):
        page.convert(mode).save(folder / f"page{number}.jpg", quality=75, dpi=(300, 300))
    return folder


def _pdf(pages: Pages, path: Path) -> Path:
    folder = _jpeg_folder(pages, path.with_suffix(".pages"), "L")
    layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
    path.write_bytes(img2pdf.convert(sorted(map(str, folder.glob("*.jpg"))),
                                     layout_fun=layout))
    return path


def _letter(page: Image.Image) -> Image.Image:
    """An A4 page set on Letter paper: scaled to its height, centred."""
    scale = _LETTER[1] / page.height
    scaled = page.convert("L").resize((round(page.width * scale), _LETTER[1]))
    sheet = Image.new("L", _LETTER, 255)
    sheet.paste(scaled, ((_LETTER[0] - scaled.width) // 2, 0))
    return sheet


def _stamped(page: Image.Image) -> Image.Image:
    """A received stamp in the top margin, a note written in the left margin and a signature
    in the bottom margin, each where the page prints nothing."""
    marked = page.convert("L")
    left, top, _, bottom = ImageOps.invert(marked).getbbox() or (0, 0, *marked.size)
    draw = ImageDraw.Draw(marked)
    width = marked.width
    draw.rectangle((width - 900, max(top - 230, 10), width - 250, max(top - 30, 210)),
                   outline=90, width=8)
    draw.text((width - 860, max(top - 180, 60)), "RECEIVED 12 MAR 2019", fill=90, font_size=60)
    margin = max(left - 30, 40)
    points = [(margin // 2 + (12 if i % 2 else -12), 1200 + 25 * i) for i in range(24)]
    draw.line(points, fill=40, width=6)
    base = min(bottom + 60, marked.height - 120)
    signature = [(1500 + 18 * i, base + (35 if i % 3 else -30)) for i in range(30)]
    draw.line(signature, fill=40, width=6)
    return marked


def variants() -> dict[str, Variant]:
    """Each variant's name and how it is written from the clean pages."""
    def turned(pages: Pages, path: Path) -> Path:
        return _tiff([p.rotate(180) if i == 1 else p for i, p in enumerate(pages)], path)

    def skewed(pages: Pages, path: Path) -> Path:
        return _tiff([p.convert("L").rotate(2, fillcolor=255, expand=False) if i == 1 else p
                      for i, p in enumerate(pages)], path)

    def blank(pages: Pages, path: Path) -> Path:
        return _tiff([pages[0], Image.new("1", pages[0].size, 1), *pages[1:]], path)

    return {
        "clean 300 dpi G4": lambda pages, path: _tiff(pages, path.with_suffix(".tif")),
        "200 dpi bilevel": lambda pages, path: _tiff(
            [p.convert("L").resize((p.width * 2 // 3, p.height * 2 // 3)) for p in pages],
            path.with_suffix(".tif"), dpi=200),
        "grey JPEG": lambda pages, path: _jpeg_folder(pages, path, "L"),
        "colour JPEG": lambda pages, path: _jpeg_folder(pages, path, "RGB"),
        "PDF of JPEG scans": lambda pages, path: _pdf(pages, path.with_suffix(".pdf")),
        "Letter": lambda pages, path: _tiff([_letter(p) for p in pages],
                                            path.with_suffix(".tif")),
        "page 2 upside down": lambda pages, path: turned(pages, path.with_suffix(".tif")),
        "page 2 rotated 2 deg": lambda pages, path: skewed(pages, path.with_suffix(".tif")),
        "blank page after 1": lambda pages, path: blank(pages, path.with_suffix(".tif")),
        "stamp, handwriting": lambda pages, path: _tiff(
            [_stamped(pages[0]), *pages[1:]], path.with_suffix(".tif")),
    }


def _convert(source: Path, out: Path, profile: str) -> tuple[int, str, Path | None]:
    done = subprocess.run([sys.executable, "-m", "ocr36.cli", "convert", str(source),
                           "--profile", profile, "--out", str(out), "-j", "1"],
                          capture_output=True, text=True, check=False)
    packages = [path for path in out.iterdir() if (path / "DOC00001.xml").is_file()] \
        if out.is_dir() else []
    message = done.stderr.strip().splitlines()[-1] if done.returncode and done.stderr else ""
    return done.returncode, message, packages[0] if packages else None


def _measures(found: Reading, reference: Reading) -> dict[str, Any]:
    result = compare(found, reference)
    claims = [pair for name, pair in result["counts"].items() if name.startswith("claims")]
    paragraphs = result["counts"].get("paragraphs", {})
    claims_cer = [value for name, value in result["cer"].items() if name.startswith("claims")]
    return {"descr CER": result["cer"].get("description"),
            "claims CER": sum(claims_cer) / len(claims_cer) if claims_cer else None,
            "abstr CER": result["cer"].get("abstract"),
            "claims": f"{sum(p['found'] for p in claims)}/{sum(p['truth'] for p in claims)}",
            "para nums": f"{paragraphs.get('numbers_recovered', 0)}/{paragraphs.get('truth', 0)}",
            "fields": f"{result['bibliographic']['right']}/{result['bibliographic']['of']}",
            "wrong": sorted(k for k, v in result["bibliographic"]["fields"].items() if not v)}


def _row(name: str, code: int, message: str, measures: dict[str, Any] | None) -> list[str]:
    if measures is None:
        return [name, str(code), "-", "-", "-", "-", "-", "-", message[:60]]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.2f}%"

    return [name, str(code), pct(measures["abstr CER"]), pct(measures["descr CER"]),
            pct(measures["claims CER"]),
            measures["para nums"], measures["claims"], measures["fields"],
            " ".join(measures["wrong"])[:60]]


def _page_numbers(spec: str, count: int) -> list[int]:
    """'1-3,60' as [1, 2, 3, 60], within the file's `count` pages; '' for all of them."""
    numbers: list[int] = []
    for part in filter(None, spec.split(",")):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    return [n for n in numbers if 1 <= n <= count] or list(range(1, count + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tif", type=Path)
    parser.add_argument("--truth", type=Path, default=None,
                        help="the truth (JSON or XML); without it the clean original's package")
    parser.add_argument("--pages", default="",
                        help="the pages to take, as '1-3,60' (default: all)")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--only", default="", help="comma-separated variant names")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=None, help="keep inputs and packages")
    args = parser.parse_args(argv)
    with Image.open(args.tif) as image:
        pages: Pages = []
        for number in _page_numbers(args.pages, getattr(image, "n_frames", 1)):
            image.seek(number - 1)
            pages.append(image.copy())
    header = ["variant", "exit", "abstr CER", "descr CER", "claims CER", "para nums", "claims",
              "fields", "fields wrong"]
    lines, results = [header], []
    with tempfile.TemporaryDirectory(prefix="ocr36-variants-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        reference = read_truth(args.truth) if args.truth else None
        chosen = [name.strip() for name in args.only.split(",") if name.strip()]
        for number, (name, write) in enumerate(variants().items()):
            if chosen and name not in chosen and number:
                continue
            source = write(pages, work / f"v{number:02d}")
            code, message, package = _convert(source, work / f"out{number:02d}", args.profile)
            found = read_package(package) if package else None
            if reference is None and found is not None:
                reference = found  # the clean original, the first variant
            measures = _measures(found, reference) if found and reference else None
            lines.append(_row(name, code, message, measures))
            results.append({"variant": name, "exit": code, "message": message,
                            "measures": measures})
            print(f"{name}: exit {code} {message}", file=sys.stderr, flush=True)
    lines.append([""] * len(header))
    print(aligned(lines))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
