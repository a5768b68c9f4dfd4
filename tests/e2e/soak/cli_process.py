"""A command-line writer for the soak: ``parallax annotate``, ``import`` and ``export``, over
and over, each through ``desktop.cli.main`` (one library connection per command, as in a
shell loop). Each command that returned 0 is printed as one JSON line ("ack"); the parent
SIGKILLs this process at random moments.
Usage: python cli_process.py LIBRARY FILES_DIR SEED
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys
from pathlib import Path

from desktop.cli import main as parallax


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = parallax(argv)
    return code, out.getvalue(), err.getvalue()


def say(**record) -> None:
    print(json.dumps(record), flush=True)


def main() -> int:
    library, files, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    common = ["--library", library]
    number = 0
    while True:
        number += 1
        choice = rng.random()
        writer = f"cli-{seed}"
        if choice < 0.6:
            note = f"cli note {seed}-{number}"
            code, out, err = run(["annotate", str(rng.randint(1, 5)), "--quote", "Kaspersky",
                                  "--occurrence", str(rng.randint(1, 2)), "--note", note, "--json"] + common)
            if code == 0:
                say(kind="annotation", id=json.loads(out)["id"], note=note, writer=writer)
            else:
                say(kind="failure", writer=writer, what="annotate", message=err.strip()[:300])
        elif choice < 0.85:
            path = files / f"cli-{seed}-{number}.txt"
            path.write_text(f"Wire copy {seed}-{number}.\n\nThe agency said item {number} was filed.\n",
                            encoding="utf-8")
            code, out, err = run(["import", str(path), "--json"] + common)
            if code == 0:
                report = json.loads(out)
                for article_id in report["added"] + report["updated"]:
                    say(kind="article", id=article_id, writer=writer)
            else:
                say(kind="failure", writer=writer, what="import", message=err.strip()[:300])
        else:
            fmt = rng.choice(["markdown", "csv", "jsonld"])
            code, out, err = run(["export", "annotations", "--format", fmt, "-o",
                                  str(files / f"cli-{seed}-export.{fmt}")] + common)
            say(kind="export" if code == 0 else "failure", writer=writer, what="export",
                message=err.strip()[:300])


if __name__ == "__main__":
    sys.exit(main())
