"""Packages of the distribution; the metadata is in setup.cfg.

The bundled profiles and the XML schema stay in the top-level `profiles/` and `xsd/` folders
of the checkout and travel in the wheel as package data inside `ocr36` (`ocr36/profiles`,
`ocr36/xsd`), where `ocr36.paths` finds them once installed; the JSON Schemas of the
records the converter writes (`ocr36/schemas`), the words of each language
(`ocr36/languages`), the correction rules' examples (`ocr36/corrections/examples`), the
digit reader's templates (`ocr36/digit_glyphs.npz`) and the
verification station's templates and static files (`ocr36/station`) are package data too.
`ocr36_synth` and the other development folders are not installed.
"""

from setuptools import find_packages, setup

DATA = {"ocr36.profiles": "profiles", "ocr36.xsd": "xsd"}

setup(
    packages=[*find_packages(include=["ocr36", "ocr36.*"]), *DATA],
    package_dir=DATA,
    package_data={"ocr36": ["schemas/*.json", "digit_glyphs.npz"],
                  "ocr36.profiles": ["*.toml", "lang/*.toml"],
                  "ocr36.xsd": ["*.xsd"], "ocr36.languages": ["*.toml"],
                  "ocr36.structure": ["*.toml"],
                  "ocr36.corrections.examples": ["*.toml"],
                  "ocr36.station": ["templates/*.html", "static/*.css", "static/*.js"]},
)
