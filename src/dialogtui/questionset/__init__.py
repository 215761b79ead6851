"""Question sets: the TOML format (model), loading with positions (loader), the library.

Nothing is imported here, so that the start screen can list sets before pydantic loads.
"""
