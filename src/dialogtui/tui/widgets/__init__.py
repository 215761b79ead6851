"""Widgets of the capture screen, named for where they sit on it (top to bottom)."""
