"""Run the command line: ``python -m micromets --help``."""

import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()  # a reader that closed the pipe shows up here, not as a message at exit
except BrokenPipeError:  # output piped into `head` and cut short: not an error worth a message
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
except KeyboardInterrupt:  # Ctrl-C: stop quietly, with the shell's usual code
    code = 130
sys.exit(code)
