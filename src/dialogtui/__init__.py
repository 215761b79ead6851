"""dialogtui: the scribe's tool for structured dialogue meetings."""

__version__ = "0.1.0"
