"""Markdown minutes and action plan, in the meeting's language, written atomically."""
