"""How much a document needs a human, estimated without ground truth.

From what the package, its manifest and its review trace hold: the share of words read with
low confidence, the share of words the language's word list does not know, gaps and
duplicates in the paragraph and claim numbers, sections missing, the corrections the rules
applied (each a place OCR went wrong), and pages whose text regions hold little text for
their size. Each signal is a share from 0 to 1; the need (0-100) is their weighted sum.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from lxml import etree

from ocr36.errors import Ocr36Error
from ocr36.manifest import Manifest
from ocr36.ocr.lexicon import words as pack_words
from ocr36.profile import load_profile
from ocr36.review.trace import TRACE_NAME
from ocr36.station.documents import Package

WEIGHTS: Mapping[str, float] = {
    "low_confidence": 35.0, "unknown_words": 25.0, "numbering": 15.0, "sections": 15.0,
    "mends": 5.0, "density": 5.0,
}
"""The weight of each signal in the need (they add up to 100)."""
LOW_CONFIDENCE = 60.0
"""Below this confidence a word counts as uncertain (the trace's own threshold wins)."""
MENDS_SATURATE = 0.05
"""Corrections per word from which the mends signal is full (5 per 100 words)."""
SPARSE_COVERAGE = 0.25
"""A text page whose words cover less of its text regions than this is sparse."""
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Quality:
    need: float
    """0 (nothing to check) to 100 (everything doubtful)."""
    low_confidence: float
    unknown_words: float
    numbering: float
    sections: float
    mends: float
    density: float

    def signals(self) -> dict[str, float]:
        return {k: v for k, v in asdict(self).items() if k != "need"}

    def to_text(self) -> str:
        return json.dumps(asdict(self))


def estimate(package: Package) -> Quality:
    """The quality estimate of one package (files that cannot be read count as doubtful)."""
    try:
        manifest = Manifest.read(package.path)
        tree = etree.parse(str(package.xml), etree.XMLParser(resolve_entities=False,
                                                               no_network=True))
    except (OSError, ValueError, KeyError, TypeError, etree.XMLSyntaxError):
        return _combine(dict.fromkeys(WEIGHTS, 1.0))
    trace = _trace(package)
    text = " ".join(str(t) for t in tree.getroot().itertext())
    words = WORD.findall(text)
    signals = {
        "low_confidence": _low_confidence(trace, manifest),
        "unknown_words": _unknown(words, manifest),
        "numbering": _numbering(tree),
        "sections": _sections(tree),
        "mends": min(1.0, len(manifest.corrections) / max(len(words), 1) / MENDS_SATURATE),
        "density": _density(trace),
    }
    return _combine(signals)


def _combine(signals: Mapping[str, float]) -> Quality:
    need = sum(WEIGHTS[k] * v for k, v in signals.items())
    rounded = {k: round(v, 4) for k, v in signals.items()}
    return Quality(need=round(need, 1), **rounded)


def _trace(package: Package) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((package.review / TRACE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _low_confidence(trace: Mapping[str, Any] | None, manifest: Manifest) -> float:
    """The share of words below the low-confidence mark (from the trace), or else the mean
    page confidence's distance from 100."""
    if trace is not None:
        threshold = float(trace.get("low_confidence", LOW_CONFIDENCE))
        confidences = [w[5] for p in trace["pages"] for w in p["words"]]
        if confidences:
            return sum(1 for c in confidences if c < threshold) / len(confidences)
    means = [p.mean_confidence for p in manifest.pages if p.mean_confidence > 0]
    return (100 - sum(means) / len(means)) / 100 if means else 1.0


@functools.cache
def _lexicon(profile_name: str) -> frozenset[str]:
    try:
        packs = load_profile(profile_name).language.tesseract
    except Ocr36Error:
        return frozenset()
    return pack_words(tuple(packs))


def _unknown(words: Sequence[str], manifest: Manifest) -> float:
    """The share of words of three letters or more the word list of the profile's language
    does not know (0 where there is no word list)."""
    lexicon = _lexicon(manifest.profile.name)
    if not lexicon or not words:
        return 0.0
    return sum(1 for w in words if w.lower() not in lexicon) / len(words)


def numbering_faults(numbers: Sequence[str]) -> int:
    """Gaps and duplicates in a run of printed numbers (1, 2, 4, 4: one gap, one duplicate)."""
    values = [int(n) for n in numbers if n.isdigit()]
    faults = len(numbers) - len(values)
    for previous, current in itertools.pairwise(values):
        if current != previous + 1:
            faults += 1
    return faults


def _numbering(tree: etree._ElementTree) -> float:
    root = tree.getroot()
    paragraphs = [p.get("num", "") for p in root.iterfind("description/p")]
    claims = [c.get("num", "") for c in root.iterfind("claims/claim")]
    counted = len(paragraphs) + len(claims)
    if not counted:
        return 1.0
    faults = numbering_faults(paragraphs) + numbering_faults(claims)
    return min(1.0, 4 * faults / counted)


def _sections(tree: etree._ElementTree) -> float:
    root = tree.getroot()
    present = [root.find("abstract/p") is not None, root.find("description/p") is not None,
               root.find("claims/claim") is not None]
    return present.count(False) / len(present)


def _density(trace: Mapping[str, Any] | None) -> float:
    """The share of pages with text regions whose words cover little of them: text lost."""
    if trace is None:
        return 0.0
    pages = [p for p in trace["pages"] if any(r["kind"] == "text" for r in p["regions"])]
    sparse = 0
    for page in pages:
        region_area = sum(r["box"][2] * r["box"][3] for r in page["regions"] if r["kind"] == "text")
        word_area = sum(w[3] * w[4] for w in page["words"])
        if region_area and word_area / region_area < SPARSE_COVERAGE:
            sparse += 1
    return sparse / len(pages) if pages else 0.0


def page_uncertainty(page: Mapping[str, Any], threshold: float) -> int:
    """The number of uncertain words of a trace page."""
    return sum(1 for w in page["words"] if w[5] < threshold)


__all__ = ["TRACE_NAME", "Quality", "estimate", "numbering_faults", "page_uncertainty"]
