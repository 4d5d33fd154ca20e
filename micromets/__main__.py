"""Run the command line: ``python -m micromets --help``."""

import sys

from .cli import main

sys.exit(main())
