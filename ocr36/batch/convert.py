"""`ocr36 convert` as a run over its inputs, and reading chosen pages of one document: the
same documents' lifecycle, the same tasks and runners as the batch, with no journal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ocr36.batch.claim import run_claim
from ocr36.batch.commit import Recorder
from ocr36.batch.document import DocumentJob
from ocr36.batch.ledger import RunLedger
from ocr36.batch.lifecycle import Conversion, Report, source_key
from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import Converted, Failed, Outcome
from ocr36.batch.outdir import prepare_out_dir
from ocr36.batch.progress import NoProgress, Progress
from ocr36.batch.run import clean_leftovers
from ocr36.batch.runners import Runner, SerialRunner, reads_text_layer_here, runner_for
from ocr36.batch.scheduler import Scheduler
from ocr36.model import PageResult, Source


def convert_documents(inputs: Sequence[Path], out_dir: Path, options: ConvertOptions,
                      progress: Progress, report: Report,
                      recorder: Recorder | None = None) -> None:
    """Convert each input into a package folder in `out_dir`, telling `report` how each
    ended, in the order of the inputs; the first of two inputs that would land on one
    package name is written, the second refused."""
    prepare_out_dir(out_dir)
    conversion = Conversion(out_dir, options, RunLedger(), progress, report, recorder)
    only = inputs[0] if len(inputs) == 1 else None
    with run_claim(out_dir, clean_leftovers):  # what a killed run left is removed first
        conversion.run(inputs, _runner_factory(options, only), in_order=True)


def convert(input_path: Path, out_dir: Path, options: ConvertOptions,
            recorder: Recorder | None = None) -> Converted:
    """One document into its package folder in `out_dir`; its error raised when it fails."""
    outcomes: list[Outcome] = []
    convert_documents([input_path], out_dir, options, NoProgress(), outcomes.append, recorder)
    outcome = outcomes[0]
    if isinstance(outcome, Failed):
        raise outcome.error
    assert isinstance(outcome, Converted)
    return outcome


def read_pages(source: Source, options: ConvertOptions,
               numbers: Sequence[int] = ()) -> list[PageResult]:
    """The pages of `source` (only `numbers`, 1-based, when given) read as a conversion reads
    them, sections in other languages read again with their languages; the first page that
    fails raises its error."""
    job = DocumentJob(path=source.path, key=source_key(source.path), source=source,
                      record={}, numbers=tuple(numbers))
    Scheduler(iter([job]), options, _runner_factory(options, source.path), NoProgress(),
              lambda _job: None).run()
    error = job.error()
    if error is not None:
        raise error
    return job.unpacked()


def _runner_factory(options: ConvertOptions,
                    one_document: Path | None) -> Callable[[int], Runner]:
    """In this process for -j 1, for one page and for a short PDF read from its text layer;
    a pool no larger than the pages else."""
    def make_runner(pages: int) -> Runner:
        if one_document is not None and reads_text_layer_here(options, pages, one_document):
            return SerialRunner()
        return runner_for(options, pages if one_document is not None else None, isolated=False)

    return make_runner
