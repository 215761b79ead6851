"""Markdown minutes and action plan, in the meeting's language, written atomically."""

# The files of an export, named here (not in write.py) so that the screens can name them
# without importing the renderers at start-up.
EXPORT_FILES = ("minutes.md", "action-plan.md")
