"""`python -m game` is the same as the `anbar` command."""

import sys

from game.cli import main

sys.exit(main())
