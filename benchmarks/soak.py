"""Soak: the window's objects and randomly killed CLI writers share one library.

Prints writes acknowledged / present / lost per writer, and the integrity result.
Usage: python benchmarks/soak.py [SECONDS] [CLI_WRITERS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.soak.runner import run_soak


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    writers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as folder:
        result = run_soak(Path(folder) / "library.sqlite", seconds, Path(folder), cli_writers=writers, seed=1)
    print(f"soak: {seconds:.0f} s, window process + {writers} CLI writers")
    print("\n".join(result.lines()))


if __name__ == "__main__":
    main()
