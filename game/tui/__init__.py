"""The Textual game: screens, widgets, one stylesheet."""
