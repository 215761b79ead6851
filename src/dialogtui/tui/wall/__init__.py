"""The room's view (`dialogtui wall`): a second, read-only Textual app that follows the
meeting the scribe's app moves, in large type for a projector. What it shows is decided in
`dialogtui.wall` (plain Python); here it is only drawn."""
