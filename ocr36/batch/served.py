"""Imported last by the fork server that starts a local pool's workers
(ocr36.batch.forkserver): its start-up, the interpreter and the imports its workers then
share, noted on the run's timeline when one is kept."""

from __future__ import annotations

from ocr36.batch.timeline import SERVER_STARTING, note_started

note_started(SERVER_STARTING)
