"""ocr36: scanned patent publications to WIPO ST.36 full-text XML packages."""

from __future__ import annotations

from ocr36.poolstart import start_for_command
from ocr36.watchdog import arm_spawned_worker

__version__ = "0.1.0"
__all__ = ["__version__"]

arm_spawned_worker()  # a worker dies with its parent from here on, also while it imports
start_for_command()  # `ocr36 batch`: its pool's imports run beside its own from here on
