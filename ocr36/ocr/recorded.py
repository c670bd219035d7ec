"""An engine that records what another engine returns, and one that serves those results
again without the other engine: conversions whose OCR is known, replayed in seconds.

A result is keyed by what identifies the call within a document: the page it is made for,
the method, the languages, the page segmentation mode, the image's height and width, and how
many calls with all of these came before on that page (the calls of a page come in a fixed
order). A digest of the image's pixels is kept with the result and compared as a check only:
a newer image library may move a pixel without changing what is read. A call without a
record is an error (MissingRecord), never an empty page.

Engines are named by strings, so that they travel to worker processes: `replay:FILE` serves
the recording in FILE; `record:ENGINE:FILE` reads through ENGINE and keeps the results in
memory until `save_recording(FILE)` (record with one job: each process keeps its own); where
FILE holds a recording already, its results for the same calls on the same images are served
again and only the calls it lacks are read (a new call is recorded when missing); the file
is then written with the calls made this time.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ocr36.model import Bitmap, Box, Line, Word
from ocr36.ocr.engine import Engine, Orientation, line_of
from ocr36.ocr.tessdata import check_languages

log = logging.getLogger(__name__)

RECORD_PREFIX = "record:"
REPLAY_PREFIX = "replay:"
FORMAT = 1
"""The version of the recording's JSON; a recording of another version is refused."""


class MissingRecord(LookupError):
    """The recording holds no result for a call: the conversion changed, record again."""


def replay_spec(path: Path) -> str:
    """The engine name that replays the recording in `path`."""
    return f"{REPLAY_PREFIX}{path}"


def record_spec(engine: str, path: Path) -> str:
    """The engine name that reads through `engine` and records into `path`."""
    return f"{RECORD_PREFIX}{engine}:{path}"


@dataclass(frozen=True)
class CallKey:
    """What identifies one engine call within a document."""

    page: int
    method: str
    languages: tuple[str, ...]
    psm: int
    height: int
    width: int
    repeat: int

    def __str__(self) -> str:
        return (f"page {self.page} {self.method} {'+'.join(self.languages) or '-'} "
                f"psm {self.psm} {self.height}x{self.width} #{self.repeat}")


@dataclass(frozen=True)
class Call:
    """What the engine returned for one call, and the digest of the image it was given."""

    digest: str
    lines: tuple[Line, ...] = ()
    orientation: Orientation | None = None

    def to_json(self) -> dict[str, Any]:
        turn = self.orientation
        return {"digest": self.digest,
                "lines": [[_row_of(word, first=index == 0)
                           for index, word in enumerate(line.words)] for line in self.lines],
                "orientation": None if turn is None else [turn.rotate, turn.confidence]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Call:
        lines = tuple(line_of([_word_of(word, first=index == 0)
                               for index, word in enumerate(words)])
                      for words in data["lines"])
        turn = data["orientation"]
        orientation = None if turn is None else Orientation(int(turn[0]), float(turn[1]))
        return cls(digest=str(data["digest"]), lines=lines, orientation=orientation)


def _row_of(word: Word, first: bool) -> list[Any]:
    """A word as recorded: text, left, top, width, height, confidence, and whether a space
    was read before it where that is not the usual for its place (none before the first word
    of a line, one before every other: so it is in Korean, never in Latin text)."""
    row: list[Any] = [word.text, *word.box.as_list(), word.confidence]
    return row if word.space_before is (not first) else [*row, word.space_before]


def _word_of(row: Sequence[Any], first: bool) -> Word:
    text, left, top, width, height, confidence = row[:6]
    return Word(text=str(text), box=Box(left, top, width, height),
                confidence=float(confidence),
                space_before=row[6] if len(row) > 6 else not first)


@dataclass
class Recording:
    """An engine's results for one document, with its name, languages and versions."""

    engine: str
    languages: tuple[str, ...]
    versions: dict[str, str]
    calls: dict[str, Call] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "engine": self.engine, "languages": list(self.languages),
                "versions": self.versions,
                "calls": {key: call.to_json() for key, call in self.calls.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Recording:
        if data.get("format") != FORMAT:
            raise ValueError(f"a recording of format {data.get('format')!r}; {FORMAT} is read")
        return cls(engine=str(data["engine"]), languages=tuple(data["languages"]),
                   versions=dict(data["versions"]),
                   calls={key: Call.from_json(call) for key, call in data["calls"].items()})

    def save(self, path: Path) -> None:
        """Written as gzip-compressed JSON, keys sorted, so that a recording again of the
        same results is the same file but for compression."""
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))

    @classmethod
    def load(cls, path: Path) -> Recording:
        return cls.from_json(json.loads(gzip.decompress(path.read_bytes()).decode("utf-8")))


def digest(image: Bitmap) -> str:
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    return hashlib.sha256(pixels.tobytes()).hexdigest()[:16]


class _PageCalls:
    """Keys of one page's calls, counting the calls alike in the order they are made."""

    def __init__(self, page: int) -> None:
        self.page = page
        self._seen: Counter[tuple[object, ...]] = Counter()

    def key(self, method: str, image: Bitmap, languages: Sequence[str] = (),
            psm: int = 0) -> str:
        height, width = image.shape[:2]
        alike = (method, tuple(languages), psm, height, width)
        repeat = self._seen[alike]
        self._seen[alike] += 1
        return str(CallKey(self.page, method, tuple(languages), psm, height, width, repeat))


_recordings: dict[Path, Recording] = {}
"""Recordings being made in this process, by the file they are to be saved to."""
_kept: dict[Path, dict[str, Call]] = {}
"""What those files held before, served again for the same calls."""


def save_recording(path: Path) -> Recording:
    """Write what was recorded into `path` in this process, and forget it."""
    _kept.pop(path, None)
    recording = _recordings.pop(path)
    recording.save(path)
    return recording


class RecordingEngine:
    """Reads through another engine and keeps each result it returns."""

    def __init__(self, engine: Engine, path: Path, page: int = 0) -> None:
        self._engine = engine
        self._path = path
        self._calls = _PageCalls(page)
        self.name = engine.name

    @property
    def _recording(self) -> Recording:
        if self._path not in _recordings:
            _recordings[self._path] = Recording(self._engine.name, self._engine.languages(),
                                                self._engine.versions())
            _kept[self._path] = Recording.load(self._path).calls if self._path.is_file() \
                else {}
        return _recordings[self._path]

    def _known(self, key: str, image: Bitmap) -> Call | None:
        """The result the file held before for this call on this very image, if any: kept
        in the recording, which holds the calls made this time only."""
        recording = self._recording
        call = _kept[self._path].get(key)
        if call is None or call.digest != digest(image):
            return None
        recording.calls[key] = call
        return call

    def languages(self) -> tuple[str, ...]:
        return self._engine.languages()

    def check(self, languages: Sequence[str]) -> None:
        self._engine.check(languages)

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        key = self._calls.key("recognize", image, languages, psm)
        if (known := self._known(key, image)) is not None:
            return known.lines
        lines = self._engine.recognize(image, languages, psm)
        self._recording.calls[key] = Call(digest(image), lines=lines)
        return lines

    def orientation(self, image: Bitmap) -> Orientation | None:
        key = self._calls.key("orientation", image)
        if (known := self._known(key, image)) is not None:
            return known.orientation
        found = self._engine.orientation(image)
        self._recording.calls[key] = Call(digest(image), orientation=found)
        return found

    def versions(self) -> dict[str, str]:
        return self._engine.versions()

    def for_page(self, number: int) -> Engine:
        return RecordingEngine(self._engine.for_page(number), self._path, number)


@functools.cache
def _loaded(path: Path) -> Recording:
    return Recording.load(path)


_mismatches: dict[Path, list[str]] = {}


def digest_mismatches(path: Path) -> list[str]:
    """The calls replayed from `path` in this process whose image differed from the one
    recorded (their recorded result was served all the same)."""
    return list(_mismatches.get(path, []))


class ReplayEngine:
    """Serves a recording's results: no OCR program is run."""

    def __init__(self, path: Path, page: int = 0) -> None:
        self._path = path
        self._recording = _loaded(path)
        self._calls = _PageCalls(page)
        self.name = self._recording.engine

    def _call(self, key: str, image: Bitmap) -> Call:
        call = self._recording.calls.get(key)
        if call is None:
            raise MissingRecord(f"{self._path}: no result recorded for {key}; the conversion "
                                "asks the engine something new: record again")
        if call.digest != digest(image):
            log.warning("%s: the image of %s differs from the one recorded", self._path, key)
            _mismatches.setdefault(self._path, []).append(key)
        return call

    def languages(self) -> tuple[str, ...]:
        return self._recording.languages

    def check(self, languages: Sequence[str]) -> None:
        check_languages(languages, self._recording.languages)

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        return self._call(self._calls.key("recognize", image, languages, psm), image).lines

    def orientation(self, image: Bitmap) -> Orientation | None:
        return self._call(self._calls.key("orientation", image), image).orientation

    def versions(self) -> dict[str, str]:
        return dict(self._recording.versions)

    def for_page(self, number: int) -> Engine:
        return ReplayEngine(self._path, number)
