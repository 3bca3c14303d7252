"""Command line: ``python -m geo {lookup,extract,ingest,stats} ...``."""

from __future__ import annotations

import os
import sys

from geo.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader of our output went away (``python -m geo lookup X | head``): nothing is
    # wrong with the command, so no traceback.  Python's documented recipe: point stdout at
    # /dev/null so the flush at exit does not raise again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
sys.exit(code)
