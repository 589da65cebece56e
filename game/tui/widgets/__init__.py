"""The game screen's widgets: map, details, plan editor, operation menu, log, timeline, hints."""
