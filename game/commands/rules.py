"""`anbar rules`: the game's rules, every formula, as Markdown on stdout."""

from __future__ import annotations

import argparse
import sys

from game.tui.rulebook import rules_text


def run(args: argparse.Namespace) -> int:
    text = rules_text()
    if text is None:
        print("anbar rules: the rules page is missing from this installation", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
