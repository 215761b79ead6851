"""The meeting domain: records, the engine that walks a question set, clocks and timers."""
