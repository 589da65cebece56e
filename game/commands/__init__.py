"""One module a subcommand: each has `run(args) -> int` (the exit status).

`game.cli` parses the command line and imports the one module it needs, so
that `anbar validate` never pays for importing Textual.
"""
