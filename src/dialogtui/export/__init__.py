"""A meeting's documents for each recipient: Markdown, DOCX, PDF, a journal note and a
calendar file (`dialogtui.export.formats`), built from one format-neutral document."""
