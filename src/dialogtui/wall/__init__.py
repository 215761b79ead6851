"""The room's view (`dialogtui wall`): what it shows and how it follows the meeting; plain
Python, no Textual (the app is `dialogtui.tui.wall`)."""
