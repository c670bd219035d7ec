"""Render a patent XML file into a G4 TIFF publication with its ground truth JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ocr36_synth.layouts import ALL_LAYOUTS, render
from ocr36_synth.scan import PRESETS, degrade_preset
from ocr36_synth.source import load_patent


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path, help="EPO or USPTO patent XML file")
    parser.add_argument("out_dir", type=Path, help="folder for NAME.tif and NAME.truth.json")
    parser.add_argument("--layout", choices=ALL_LAYOUTS, default="ep")
    parser.add_argument("--max-pages", type=int, default=None, help="cut the document to fit")
    parser.add_argument(
        "--defects",
        choices=sorted(PRESETS),
        default=None,
        help="simulate a scan with these defects",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the scan defects")
    parser.add_argument(
        "--name", default=None, help="file-name stem (default: the document, layout and -scan)"
    )
    return parser.parse_args(argv)


def _name(document: str, layout: str, defects: str | None) -> str:
    name = document if layout == "ep" else f"{document}-{layout}"
    return f"{name}-scan" if defects else name


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    patent = load_patent(args.source)
    document = render(patent, args.layout, max_pages=args.max_pages)
    pages = list(document.pages)
    truth: dict[str, Any] = dict(document.truth)
    dpi = 300
    if args.defects:
        scanned = [
            degrade_preset(page, args.seed + index, args.defects)
            for index, page in enumerate(pages)
        ]
        pages = [page for page, _ in scanned]
        dpi = PRESETS[args.defects].dpi
        truth["scan"] = {
            "defects": args.defects,
            "seed": args.seed,
            "pages": [applied for _, applied in scanned],
        }
    name = args.name or _name(patent.name, args.layout, args.defects)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    tiff = args.out_dir / f"{name}.tif"
    pages[0].save(
        tiff, save_all=True, append_images=pages[1:], compression="group4", dpi=(dpi, dpi)
    )
    truth_path = args.out_dir / f"{name}.truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{tiff} ({len(pages)} pages), {truth_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
