"""Every bound on what the game reads, in one place.

A file the game reads may come from anywhere: a scenario downloaded from a
forum, a save passed around, a cache folder someone else wrote to. Each bound
below keeps reading it quick and small whatever it holds, and far above what
a real scenario or save needs. The README's "Reliability" section lists them
(a test holds the two together); the modules that apply them import them from
here.
"""

from __future__ import annotations

_MIB = 1024 * 1024

# --- scenario files (game.data.source, yamltree, reader) ------------------------------------
# A 100,000-place scenario (bench/gen_scenario.py: 150,000 roads, about 24 MiB and 3.2
# million values) loads, validates and starts within these, in under 20 s and 700 MB;
# the 10,000-place one is about 2.4 MiB and 320,000 values.
MAX_FILE_BYTES = 32 * _MIB
MAX_DEPTH = 64  # nesting of YAML collections
MAX_NODES = 4_000_000  # values in a document: each costs about 100 bytes while read
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add to a document, in all
MAX_ALIAS_CHARS = 8 * _MIB  # characters that aliases may add to a document, in all
MAX_NUMBER_CHARS = 40  # a number's text; Python refuses to convert over 4,300 digits
MAX_ID_CHARS = 100  # an id (place, road, unit, side, scenario)
MAX_TEXT_CHARS = 20_000  # a text value (a name, a title, a briefing)

# --- saves (game.data.savefile, saves) ------------------------------------------------------
# A 60-day save is tens of kB and its copy of the scenario; JSON's escapes at most double
# the copy (a quote or a tab is two characters), so the largest scenario's save fits.
MAX_SAVE_BYTES = 2 * MAX_FILE_BYTES + 8 * _MIB
MAX_INT_DIGITS = 20  # any integer in a save (a seed: 2**64 has 20 digits)
MAX_PLAN_LINES = 500  # operations in one day's plan or in the draft
MAX_SAVE_OPERATIONS = 50_000  # operations in all the days of a save (137 a day for 365 days)
MAX_SAVE_DAYS = 365  # days in a save: a scenario's day limit is at most this
MAX_SAVE_TEXT_CHARS = 4096  # a save's short texts (file, game version, time, names)
# An operation's target: a road's default id joins its places' ids ("a--b").
MAX_TARGET_CHARS = 2 * MAX_ID_CHARS + 2

# --- the scenario cache (game.data.scenario_cache) ------------------------------------------
MAX_CACHE_ENTRY_BYTES = 4 * MAX_FILE_BYTES  # an entry encodes at most one scenario file
MAX_CACHE_FILES = 64  # the oldest entries beyond this many are removed

# --- messages (game.data.problems) ----------------------------------------------------------
MAX_SHOWN_WORD = 120  # characters of one word of a message before it is cut, with its length
MAX_SHOWN_LINE = 1000  # characters of a whole message line before it is cut, with its length
MAX_SUGGESTION_CHARS = 64  # a word longer than this gets no "did you mean"
# A file of thousands of unknown references: each is reported, the first this many with a
# "did you mean", each compared with at most MAX_SUGGESTION_CANDIDATES ids of its first
# letter and about its length (difflib's work grows with the product otherwise).
MAX_SUGGESTED_REFERENCES = 100
MAX_SUGGESTION_CANDIDATES = 500
# Distances the river check (game.data.geography) measures from river points to places, in
# all: a few per point in any real layout; a hostile one (far points beside many places on
# one latitude) stops with a warning at the point it reached, in about 2 s.
MAX_RIVER_MEASURES = 2_000_000
