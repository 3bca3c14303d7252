"""Command line: ``python -m geo {lookup,extract,ingest,stats} ...``."""

from __future__ import annotations

import sys

from geo.cli import main

sys.exit(main())
