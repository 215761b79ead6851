"""`dialogtui meetings | export | actions | forget` as a user types them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exported import folder_of, kind_of, named
from meeting_helpers import new_meeting

from dialogtui.records import ActionItem
from dialogtui.store import Store


def make_meeting(title="Möte med familjen Lind"):
    store = Store.open()
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")], title=title)
    m.start()
    m.submit("Att Erik går till skolan.")
    m.actions.add(ActionItem("Ringa skolan", who="Anna Lind", when=dt.date(2026, 2, 1)))
    m.actions.add(ActionItem("Boka nytt möte", who="Sara"))
    m.close()
    store.close()
    return m.id


def test_meetings_table(cli):
    assert "No meetings yet" in cli("meetings").out
    mid = make_meeting()
    out = cli("meetings").out
    assert "Möte med familjen Lind" in out and "raseborg-klientmote" in out
    row = next(line for line in out.splitlines() if line.strip().startswith(str(mid)))
    assert row.split()[-2:] == ["1", "2"]  # one turn, two open actions


def test_export_default_folder_and_out(cli, tmp_path, private_home):
    mid = make_meeting()
    result = cli("export", mid)
    assert result.code == 0, result.err
    paths = result.out.splitlines()
    assert kind_of(Path(paths[0]).name) == "minutes.md"
    assert paths[0].startswith(str(private_home))
    out = tmp_path / "delning"
    result = cli("export", mid, "--out", out, "--pseudonymise")
    text = named(out, "minutes.md").read_text()
    assert "Anna" not in text and "Lind" not in text
    assert named(out, "action-plan.md").exists()
    assert not [p for p in out.iterdir() if "Lind" in p.name]  # nor in the files' names


def test_actions_filters(cli):
    make_meeting()
    out = cli("actions", "--open", "--who", "anna").out
    assert "Ringa skolan" in out and "Boka nytt möte" not in out
    assert "Feb 1, 2026" in out  # as English writes a date (Babel)


def test_forget(cli):
    mid = make_meeting()
    refused = cli("forget", mid)
    assert refused.code == 1 and "--yes" in refused.err
    done = cli("forget", mid, "--yes")
    assert done.code == 0 and f"meeting {mid} deleted" in done.out
    assert "No meetings yet" in cli("meetings").out


def test_forget_names_the_exported_files_it_leaves(cli, private_home):
    # The documents already written (named in the meeting's Swedish) are the scribe's files:
    # forget does not delete them, and says where they are, so that a family forgotten is
    # forgotten there too.
    mid = make_meeting()
    assert cli("export", mid).code == 0
    assert cli("export", mid, "--for", "family").code == 0
    done = cli("forget", mid, "--yes")
    assert done.code == 0 and "not deleted" in done.out
    listed = [line.strip() for line in done.out.splitlines() if line.startswith("  ")]
    assert sorted(Path(p).name for p in listed) == [f"möte-{mid}", f"möte-{mid}-familjen"]
    # A meeting without documents: nothing more is said.
    other = make_meeting()
    assert "not deleted" not in cli("forget", other, "--yes").out


def test_unknown_meeting_and_bad_ids_are_one_line(cli):
    for args in [("export", "42"), ("forget", "42", "--yes"), ("export", "abc")]:
        result = cli(*args)
        assert result.code == 1
        assert len(result.err.strip().splitlines()) == 1
        assert result.err.startswith("dialogtui: ")


def test_export_of_a_locked_meeting_still_reads_but_forget_is_refused(cli, private_home):
    from dialogtui.meeting.clock import FakeClock
    from dialogtui.meeting.engine import MeetingEngine

    mid = make_meeting()
    store = Store.open()
    engine = MeetingEngine.open(store, mid, FakeClock())
    # the lock is per process; a second process must be refused
    import subprocess
    import sys

    def other(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "dialogtui", *args], capture_output=True, text=True
        )

    exported = other("export", str(mid))
    assert exported.returncode == 0, exported.stderr
    assert named(folder_of(private_home, mid), "minutes.md").exists()
    proc = other("forget", str(mid), "--yes")
    assert proc.returncode == 1
    assert "open in another dialogtui" in proc.stderr and "Traceback" not in proc.stderr
    engine.close()
    store.close()


def test_export_into_a_file_path(cli, tmp_path):
    mid = make_meeting()
    target = tmp_path / "a-file"
    target.write_text("keep me")
    result = cli("export", mid, "--out", target)
    assert result.code == 1 and "is a file" in result.err
    assert target.read_text() == "keep me"


def test_help_lists_every_command_whole_at_80_columns(cli, monkeypatch):
    # The newcomer review's 25: `--help` cut command descriptions with "...".
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("--help").out
    commands = out.split("Commands:")[1]
    assert "..." not in commands, commands
    assert "notes" in commands and "forget" in commands


def test_command_line_tables_align_cut_long_text_and_show_controls(capsys):
    from dialogtui.cli.output import WIDEST, columns

    columns(["id", "what"], [["7", "x" * 100], ["12", "Möte\x1b[31m åäö"]], right=frozenset({0}))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id  what")
    assert lines[1] == " 7  " + "x" * (WIDEST - 1) + "…"
    assert lines[2] == "12  Möte␛[31m åäö"  # the escape is shown, never sent


def test_export_with_another_languages_labels(cli, private_home):
    # A Swedish meeting's minutes for a Finnish-speaking recipient (Raseborg is bilingual):
    # the headings and dates in Finnish, what was said as it was said, beside the Swedish
    # files, not over them.
    mid = make_meeting()
    swedish = cli("export", mid).out.splitlines()
    result = cli("export", mid, "--labels", "fi")
    assert result.code == 0, result.err
    finnish = result.out.splitlines()
    assert finnish[0] != swedish[0] and Path(finnish[0]).parent.name == f"kokous-{mid}-fi"
    assert kind_of(Path(finnish[0]).name) == "minutes.md"
    minutes = Path(finnish[0]).read_text("utf-8")
    assert "# Muistio: Möte med familjen Lind" in minutes
    assert "Att Erik går till skolan." in minutes  # the turn, as it was said
    plan = Path(finnish[1]).read_text("utf-8")
    assert "| Mitä |" in plan and "1.2.2026" in plan  # Babel's Finnish date
    assert "Mötesanteckningar" in Path(swedish[0]).read_text("utf-8")
    assert "1 feb. 2026" in Path(swedish[1]).read_text("utf-8")
    pseudonymised = cli("export", mid, "--labels", "da", "--pseudonymise").out.splitlines()
    assert "Navnene er erstattet af pseudonymer." in Path(pseudonymised[0]).read_text("utf-8")
    wrong = cli("export", mid, "--labels", "de")
    assert wrong.code == 1 and "unknown language 'de'" in wrong.err


def test_the_read_commands_write_nothing(cli, private_home, tmp_path):
    # `meetings`, `actions`, a listing of `notes` and `export` open the store read-only:
    # no database is made where none is, and one that is there stays as it was, its mode
    # too (opening it to write would set it to 0600).
    assert cli("meetings").out.startswith("No meetings yet.")
    assert cli("actions").out.startswith("No actions.")
    for args in (("notes", "1"), ("export", "1")):
        said = cli(*args)
        assert said.code == 1 and "no meeting with id 1" in said.err, said.err
    db = private_home / "dialogtui.sqlite3"
    assert not db.exists()
    mid = make_meeting()
    db.chmod(0o640)
    before = (db.read_bytes(), db.stat().st_mtime_ns, db.stat().st_mode)
    for args in (("meetings",), ("actions",), ("notes", mid), ("export", mid, "--out", tmp_path)):
        said = cli(*args)
        assert said.code == 0, said.err
    assert (db.read_bytes(), db.stat().st_mtime_ns, db.stat().st_mode) == before
    assert cli("notes", mid, "--consent", "muntligt").code == 0  # a correction still writes
    assert "consent (given): muntligt" in cli("notes", mid).out


SEAMS = """
import sys
from dialogtui import i18n
from dialogtui.export import formats

i18n.LANGUAGES += ("de",)
i18n.NAMES["de"] = "Deutsch"
html = formats.Format("html", "HTML", ("minutes.html",), "html", "", about="a web page")
formats.FORMATS["html"] = html
sys.argv = ["dialogtui", *sys.argv[1:]]
from dialogtui.entry import main
main()
"""


def test_the_help_lists_the_formats_and_languages_from_their_tables():
    # A new export format is one module and its entry in FORMATS, a new language its
    # catalogue and its code in LANGUAGES: the help that lists the choices lists it too.
    import subprocess
    import sys

    def helped(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", SEAMS, *args], capture_output=True, text=True, check=True
        )
        return " ".join(done.stdout.split())

    export = helped("export", "--help")
    assert (
        "Comma-separated: md, docx, pdf, txt (a journal note), ics (the follow-up meeting and "
        "the actions' dates), html (a web page), or all." in export
    )
    assert "Headings and dates in this language (sv, fi, da, nb, en, de) for" in export
    assert "The app's language: sv, fi, da, nb, en or de (default:" in helped("--help")
    assert "[LANG] <str> sv, fi, da, nb, en or de." in helped("language", "--help")


def test_the_end_screens_export_key_names_every_format_in_the_apps_language(monkeypatch):
    from dialogtui import i18n
    from dialogtui.export import formats
    from dialogtui.tui.screens.end import EndScreen

    (everyone,) = [b for b in EndScreen.BINDINGS if b.action == "export('everyone')"]
    said = "Export for everyone: Markdown, Word, PDF, journal note, calendar"
    assert i18n._(everyone.tooltip) == said
    html = formats.Format("html", "HTML", ("minutes.html",), "html", "")
    monkeypatch.setitem(formats.FORMATS, "html", html)
    assert i18n._(everyone.tooltip) == said + ", HTML"  # said where shown, from the table
