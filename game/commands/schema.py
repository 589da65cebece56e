"""`anbar schema`: the JSON Schema of the scenario format, on stdout."""

from __future__ import annotations

import argparse
import sys

from game.data.schema import schema_json


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return 0
