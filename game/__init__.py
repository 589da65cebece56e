"""Euphrates Road: a turn-based operational strategy game for the terminal."""

__version__ = "0.1.0"
