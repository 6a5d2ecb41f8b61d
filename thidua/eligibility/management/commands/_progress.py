"""A text progress bar on stderr for long commands (one line per step when not a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.perf_counter()
        self.last_step = ""

    def __call__(self, step: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        elapsed = time.perf_counter() - self.started
        if self.tty:
            filled = int(self.width * share)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r[{bar}] {int(share * 100):3d}% {step:<40.40} {elapsed:6.1f} s")
            self.stream.flush()
        elif step != self.last_step:
            self.stream.write(f"{elapsed:6.1f} s  {step}\n")
        self.last_step = step

    def finish(self, message: str = "") -> None:
        if self.tty:
            self.stream.write("\n")
        if message:
            self.stream.write(message + "\n")
