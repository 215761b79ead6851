"""A checkbox says whether it is ticked without colour (the newcomer review's N14): the
set-up's consent and the `o` dialog's "Pseudonymised…" were drawn "▐X▌" ticked or not, and
an export that looked pseudonymised had real names."""

from __future__ import annotations

import re

from meeting_helpers import consent_required_text
from tui_helpers import burst, opened, run, screen_text, seeded_meeting, until

from dialogtui.tui.dialogs.folder import FolderDialog
from dialogtui.tui.screens.end import EndScreen


def box_before(label: str, text: str) -> str:
    """The three cells drawn before `label` on the screen, read without colour."""
    found = re.search(r"(\S.\S) " + re.escape(label), text)
    assert found, f"{label!r} not on the screen:\n{text}"
    return found.group(1)


def test_the_consent_box_shows_x_only_when_ticked(tmp_path):
    required = tmp_path / "traff-4-required.toml"
    required.write_text(consent_required_text(), encoding="utf-8")
    label = "Guardians' consent recorded"

    async def scenario(app, pilot):
        await until(pilot, lambda: label in screen_text(app))
        assert box_before(label, screen_text(app)) == "▐ ▌"
        box = app.screen.query_one("#consent")
        box.focus()
        burst(app, "<space>")
        await until(pilot, lambda: box.value)
        await until(pilot, lambda: box_before(label, screen_text(app)) == "▐X▌")
        burst(app, "<space>")
        await until(pilot, lambda: box_before(label, screen_text(app)) == "▐ ▌")

    run(scenario, db=tmp_path / "db", set_ref=str(required))


def test_the_pseudonymised_box_shows_x_only_when_ticked(tmp_path):
    mid = seeded_meeting(tmp_path / "db", "raseborg-temamote", [("Zlatan Holm", None)])
    label = "Pseudonymised"

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        folder = await opened(pilot, "o", FolderDialog)
        await until(pilot, lambda: label in screen_text(app))
        assert box_before(label, screen_text(app)) == "▐ ▌"
        box = folder.query_one("#pseudonymise")
        burst(app, "<tab>", "<space>")  # as the scribe ticks it
        await until(pilot, lambda: box.value)
        await until(pilot, lambda: box_before(label, screen_text(app)) == "▐X▌")
        burst(app, "<space>")
        await until(pilot, lambda: box_before(label, screen_text(app)) == "▐ ▌")
        burst(app, "<escape>")
        await until(pilot, lambda: app.screen is end)

    run(scenario, db=tmp_path / "db", meeting_id=mid)
