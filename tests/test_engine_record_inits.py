"""The precompiled `__init__` code of plain records (`game/engine/record_inits.py`) is
what `record._init` would compile: the file is generated here and held to it.

    python tests/test_engine_record_inits.py   # writes the file again
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

from game.engine import record_inits  # noqa: E402
from game.engine.record import plain_source, record  # noqa: E402

FILE = ROOT / "game" / "engine" / "record_inits.py"
MOST = 24  # plain records of more fields compile their own


def templates_text() -> str:
    """The module's text: its head as written, then one function a count of fields,
    each `plain_source` of that count under the name `init_<count>`."""
    head = FILE.read_text(encoding="utf-8").split("\n\n\ndef init_0", 1)[0]
    parts = [head]
    for count in range(MOST + 1):
        parts.append("\n\n\n" + plain_source(count).replace("def __init__", f"def init_{count}")
                     + "\n")
    names = ",\n    ".join(f"init_{count}" for count in range(MOST + 1))
    parts.append(f"\n\nTEMPLATES = (\n    {names},\n)\n")
    return "".join(parts)


def test_the_file_is_what_the_generator_writes() -> None:
    assert FILE.read_text(encoding="utf-8") == templates_text()
    assert len(record_inits.TEMPLATES) == MOST + 1


def test_a_plain_record_runs_the_precompiled_code_under_its_own_names() -> None:
    @record
    class Column:
        """Three fields, one defaulted."""

        place: str
        day: int
        loads: int = 0

    made = Column("ana", 3)
    assert (made.place, made.day, made.loads) == ("ana", 3, 0)
    assert Column(day=4, place="rawa", loads=2) == Column("rawa", 4, 2)
    code = Column.__init__.__code__
    assert code.co_filename == record_inits.__file__
    assert code.co_name == "__init__"
    assert str(inspect.signature(Column)) == "(place: 'str', day: 'int', loads: 'int' = 0) -> None"


def test_other_shapes_compile_their_own() -> None:
    @record
    class Hooked:
        """A record with `__post_init__` is no plain record."""

        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert Hooked(2).value == 2
    assert Hooked.__init__.__code__.co_filename == "<string>"


if __name__ == "__main__":
    FILE.write_text(templates_text(), encoding="utf-8")
