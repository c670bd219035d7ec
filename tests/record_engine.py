"""Record what Tesseract returns for the bundled samples (profile `default`) into
tests/data/recorded/, for the tests that replay it without Tesseract.

Run again whenever a change makes a conversion ask the engine something new (the replaying
tests then fail with MissingRecord):

    PYTHONPATH=. .venv/bin/python tests/record_engine.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ocr36.batch import ConvertOptions, convert
from ocr36.batch.commit import Recorder
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.ocr.recorded import record_spec, replay_spec, save_recording
from ocr36.paths import samples_dir
from ocr36.profile import load_profile

RECORDED = Path(__file__).parent / "data" / "recorded"
SAMPLES = ("US20050004437A1", "US20050004437A1-scan", "US08930553B2-two-column")
PROFILE = "default"


def recording_of(sample: str) -> Path:
    """Where the engine's results for a bundled sample are kept."""
    return RECORDED / f"{sample}.json.gz"


def replay(sample: str, out: Path, recorder: Recorder | None = None) -> Path:
    """The package of a bundled sample converted into `out`, the engine's results replayed
    from its recording (no Tesseract)."""
    options = ConvertOptions(load_profile(PROFILE), engine=replay_spec(recording_of(sample)),
                             jobs=1, review=recorder is not None)
    return convert(samples_dir() / f"{sample}.tif", out, options, recorder).package


def record(sample: str) -> Path:
    path = recording_of(sample)
    with tempfile.TemporaryDirectory(prefix="ocr36-record-") as out:
        # one job: the results are kept in this process until they are saved
        convert(samples_dir() / f"{sample}.tif", Path(out),
                ConvertOptions(load_profile(PROFILE), engine=record_spec(DEFAULT_ENGINE, path)))
    recording = save_recording(path)
    print(f"{path}: {len(recording.calls)} calls, {path.stat().st_size} bytes")
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or SAMPLES:
        record(name)
