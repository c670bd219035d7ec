"""Every script: ocr36 beside bare `tesseract -l LANG` on the same rendered pages.

Publications of ../shared/corpus/xml/cnipa and jpo are rendered in their office's layout
(`ocr36_synth.cjk_pages`: a front page with the abstract, a page of claims, a page of
description), clean and with the "light" scan defects, and converted with the bundled
profiles `cn` and `jp`. Arabic, Persian, Russian, Korean, Thai, Vietnamese, Spanish and
Portuguese pages are rendered from the United Nations' translations of the Universal
Declaration of Human Rights (`ocr36_synth.udhr`, `ocr36_synth.script_pages`: front page,
description and claims in the office's order) and converted with the bundled language profiles
(`profiles/lang/*.toml`). For each: description, claims and abstract CER against what was
printed (`ocr36 evaluate`), claims found of those printed, paragraph numbers recovered,
bookmarks right. Bare Tesseract reads each page's text band (without the running header and
page number) with the same pack; its CER is that of its text against the lines printed on
the pages of each section (it knows no sections).

    PYTHONPATH=. .venv/bin/python -m bench.scripts [--docs 2] [--defects light] [--scripts ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ocr36.batch import ConvertOptions, convert
from ocr36.errors import Ocr36Error
from ocr36.evaluate import cer, evaluate
from ocr36.paths import profiles_dir, shared_corpus
from ocr36.profile import load_profile
from ocr36_synth.cjk import load_cjk
from ocr36_synth.cjk_pages import BOTTOM, TOP, RenderedCjk, page_lines, render_cjk, scanned
from ocr36_synth.script_pages import render_script
from ocr36_synth.udhr import load_declaration

AMIRI = Path("/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf")
SCHEHERAZADE = Path("/usr/share/fonts/truetype/scheherazade/Scheherazade-Regular.ttf")
FURAT = Path("/usr/share/fonts/truetype/fonts-arabeyes/ae_Furat.ttf")
KACST_BOOK = Path("/usr/share/fonts/truetype/kacst/KacstBook.ttf")
AL_ARABIYA = Path("/usr/share/fonts/truetype/fonts-arabeyes/ae_AlArabiya.ttf")
SCRIPTS = {"Chinese (Hans)": ("cnipa", "cn", "chi_sim"),
           "Japanese (Jpan, horizontal)": ("jpo", "jp", "jpn")}
DECLARATIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "Arabic (Arab), numbers 1 and (1)": ("ar", "ara", {"native_digits": False,
                                                     "claim_label": "({n})"}),
    "Arabic (Arab), numbers ١.": ("ar", "ara", {}),
    **({"Arabic (Arab), numbers ١., Amiri": ("ar", "ara", {"face": AMIRI})}
       if AMIRI.is_file() else {}),
    **({"Arabic (Arab), numbers ١., Scheherazade": ("ar", "ara", {"face": SCHEHERAZADE})}
       if SCHEHERAZADE.is_file() else {}),
    **({"Arabic (Arab), numbers ١., Furat": ("ar", "ara", {"face": FURAT})}
       if FURAT.is_file() else {}),
    **({"Arabic (Arab), numbers ١., KacstBook": ("ar", "ara", {"face": KACST_BOOK})}
       if KACST_BOOK.is_file() else {}),
    **({"Arabic (Arab), numbers ١., AlArabiya": ("ar", "ara", {"face": AL_ARABIYA})}
       if AL_ARABIYA.is_file() else {}),
    "Persian (Arab), numbers ۱.": ("fa", "fas", {}),
    "Russian (Cyrl)": ("ru", "rus", {}), "Korean (Kore)": ("ko", "kor", {}),
    "Thai (Thai)": ("th", "tha", {}), "Vietnamese (Latn)": ("vi", "vie", {}),
    "Spanish (Latn)": ("es", "spa", {}), "Portuguese (Latn)": ("pt", "por", {})}
"""Scripts read from the Universal Declaration of Human Rights: language, pack, how the
pages are rendered (Arabic: numbers in ASCII digits, claims numbered '(1)', or in
Arabic-Indic digits, claims numbered '١.', in DejaVu Sans, in Amiri, or in Scheherazade,
Furat, KacstBook or AlArabiya, faces the digit reader's templates were not rendered from,
where `fonts-hosny-amiri`, `fonts-sil-scheherazade`, `fonts-arabeyes` and `fonts-kacst` are
installed; KacstBook has no glyph for ASCII marks, its `١.` printed with a blank box);
Persian in Persian digits."""
SECTIONS = {"description": ("description",), "claims": ("claims",), "abstract": ("front",)}


def bare_tesseract(rendered: RenderedCjk, pack: str, work: Path) -> dict[str, float]:
    """CER of `tesseract -l pack` on each page's text band, per section's pages: the pages
    in black and white, as ocr36 reads them from the TIFF."""
    read: list[str] = []
    for index, page in enumerate(rendered.bilevel()):
        band = work / f"band{index + 1}.png"
        page.crop((0, TOP - 60, page.width, BOTTOM + 20)).save(band, dpi=(300, 300))
        result = subprocess.run(["tesseract", str(band), "-", "-l", pack], check=True,
                                capture_output=True, text=True, timeout=600)
        read.append(result.stdout)
    scores: dict[str, float] = {}
    for name, sections in SECTIONS.items():
        found = " ".join(text for text, section in zip(read, rendered.page_sections, strict=True)
                         if section in sections)
        scores[name] = cer(found, " ".join(page_lines(rendered, sections)))
    return scores


def ocr36_scores(rendered: RenderedCjk, profile: str, work: Path,
                 packs: tuple[str, ...] = ()) -> dict[str, Any]:
    """What `ocr36 convert` and `ocr36 evaluate` make of the pages (read with `packs` in
    place of the profile's, when given), and the CPU seconds a page cost."""
    source, truth = work / f"{rendered.name}.tif", work / f"{rendered.name}.truth.json"
    rendered.save(source)
    truth.write_text(json.dumps(rendered.truth, ensure_ascii=False), "utf-8")
    loaded = load_profile(_profile_path(profile))
    if packs:
        loaded = dataclasses.replace(
            loaded, language=dataclasses.replace(loaded.language, tesseract=packs))
    try:
        converted = convert(source, work / "out", ConvertOptions(loaded, jobs=2))
    except Ocr36Error as error:
        return {"error": str(error)}
    package = converted.package
    pages = converted.cost.pages if converted.cost else ()
    seconds = sum(sum(page.seconds.values()) for page in pages) / max(len(pages), 1)
    result = evaluate(package, truth)
    lang = next(iter(rendered.truth["claims"]))
    counts = result["counts"]
    return {"description": result["cer"].get("description"),
            "claims": result["cer"].get(f"claims:{lang}"),
            "abstract": result["cer"].get("abstract"),
            "claims_found": f"{counts[f'claims:{lang}']['found']}/"
                            f"{counts[f'claims:{lang}']['truth']}",
            "paragraphs": f"{counts['paragraphs']['numbers_recovered']}/"
                          f"{counts['paragraphs']['truth']}",
            "bookmarks": f"{result['bookmarks']['right']}/{result['bookmarks']['of']}",
            "heading_f1": result["heading_f1"],
            "front": f"{result['bibliographic']['right']}/{result['bibliographic']['of']}",
            "seconds": seconds}


def _profile_path(profile: str) -> str:
    """A bundled language profile ('lang/ar') by its file; an office's by its name."""
    return str(profiles_dir() / f"{profile}.toml") if profile.startswith("lang/") else profile


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}"


def _renderings(script: str, docs: int, only: str = "") -> list[tuple[RenderedCjk, str, str]]:
    """The clean pages of a script's publications (the `docs` first, or those whose name
    holds `only`), each with its profile and pack."""
    if script in DECLARATIONS:
        lang, pack, options = DECLARATIONS[script]
        return [(render_script(load_declaration(lang), **options), f"lang/{lang}", pack)]
    folder, profile, pack = SCRIPTS[script]
    paths = sorted((shared_corpus() / "xml" / folder).glob("*.xml"))
    patents = [p for p in map(load_cjk, paths) if p.abstract and p.claims and p.description]
    chosen = [p for p in patents if only in p.name] if only else patents[:docs]
    return [(render_cjk(patent), profile, pack) for patent in chosen]


def rows(script: str, docs: int, defects: str, packs: tuple[str, ...] = (),
         only: str = "", keep: Path | None = None) -> list[str]:
    """One row per document and page set; `packs` read in place of the profile's (bare
    Tesseract too), `only` the documents whose name holds it; the packages written kept in
    `keep` (`NAME-clean`, `NAME-light`), where given."""
    lines: list[str] = []
    for clean, profile, pack in _renderings(script, docs, only):
        pack = "+".join(packs) or pack
        for variant, rendered in (("clean", clean), (defects, scanned(clean, 7, defects))):
            with tempfile.TemporaryDirectory(prefix="ocr36-bench-scripts-") as temp:
                work = Path(temp)
                ours = ocr36_scores(rendered, profile, work, packs)
                bare = bare_tesseract(rendered, pack, work)
                if keep is not None and (work / "out").is_dir():
                    shutil.copytree(work / "out", keep / f"{clean.name}-{variant}",
                                    dirs_exist_ok=True)
            if "error" in ours:
                lines.append(f"| {script} | {clean.name} | {variant} | ocr36 failed: "
                             f"{ours['error']} | | | | | | | | |")
                print(lines[-1], flush=True)
                continue
            lines.append(
                f"| {script} | {clean.name} | {variant} | "
                + " | ".join(f"{_percent(ours[k])} ({_percent(bare[k])})"
                             for k in ("description", "claims", "abstract"))
                + f" | {ours['claims_found']} | {ours['paragraphs']} | {ours['bookmarks']} | "
                f"{ours['heading_f1']:.2f} | {ours['front']} | {ours['seconds']:.1f} |")
            print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2, help="publications per script")
    parser.add_argument("--defects", default="light", help="scan-defect preset")
    every = [*SCRIPTS, *DECLARATIONS]
    parser.add_argument("--scripts", nargs="*", default=every, choices=every)
    parser.add_argument("--packs", default="",
                        help="Tesseract packs read in place of the profile's: chi_sim+eng")
    parser.add_argument("--only", default="", help="only the documents whose name holds this")
    parser.add_argument("--keep", type=Path, help="keep the packages written in this folder")
    arguments = parser.parse_args(argv)
    header = ("| script | document | pages | CER % description (bare tesseract) | claims | "
              "abstract | claims found | paragraph numbers | bookmarks | heading F1 | "
              "front page fields | CPU s/page |")
    print(header)
    print("|" + "---|" * 12)
    packs = tuple(arguments.packs.split("+")) if arguments.packs else ()
    for script in arguments.scripts:
        rows(script, arguments.docs, arguments.defects, packs, arguments.only, arguments.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
