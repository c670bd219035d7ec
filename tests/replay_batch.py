"""`ocr36 batch IN OUT` with the engine's results replayed from a recording (no Tesseract),
as a program of its own: the fault tests run it as another process (with fewer privileges,
or killed). Prints the summary; exits as `ocr36 batch` does."""

from __future__ import annotations

import sys
from pathlib import Path

from ocr36.batch import ConvertOptions
from ocr36.batch.progress import progress_for
from ocr36.batch.run import run_batch
from ocr36.cli.common import report
from ocr36.errors import ExitCode, Ocr36Error
from ocr36.ocr.recorded import replay_spec
from ocr36.profile import load_profile


def main(argv: list[str]) -> int:
    in_dir, out_dir, recording = (Path(item) for item in argv[:3])
    options = ConvertOptions(load_profile("default"), engine=replay_spec(recording), jobs=1)
    try:
        summary = run_batch(in_dir, out_dir, options, progress_for(sys.stderr))
    except Ocr36Error as error:
        report(error, verbose=False)
        return int(error.exit_code)
    for line in summary.lines():
        print(line)
    failed = len(summary.failed_documents) + len(summary.failed_before)
    return int(ExitCode.BATCH_FAILURES if failed else ExitCode.OK)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
