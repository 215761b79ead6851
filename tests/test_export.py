"""Whole meetings through the engine, exported and compared with reviewed golden files;
escaping of hostile text; pseudonymisation; atomic, private writes."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from conftest import ROOT
from exported import kinds
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError, ExportError
from dialogtui.export.markdown import render_action_plan, render_minutes
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting, file_names
from dialogtui.kinds import scale as scale_kind
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, ActionStatus, NoteKind
from dialogtui.store import Store

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it for review in the diff."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def raseborg_client_meeting(store):
    clock = FakeClock(dt.datetime(2026, 1, 15, 13, 0, tzinfo=dt.UTC))
    m = new_meeting(
        store,
        "raseborg-klientmote",
        [("Anna Lind", "familj"), ("Erik Lind", "familj"), ("Sara Berg", "myndighet", "Skolan")],
        clock=clock,
        place="Ekenäs familjecenter",
        asker="Maria Holm",
        writer="Jonas Ek",
        title="Framtidsdialog för familjen Lind",
    )
    m.start()
    answers = {
        "Anna Lind": [
            "Att Erik går till skolan varje dag.",
            "Jag ringde skolan själv.",
            "Från mormor och från skolkuratorn.",
            "Att Erik skulle hoppa av.",
            "Att vi fick en plan tillsammans.",
        ],
        "Erik Lind": ["Jag har kompisar i klassen nu."],
    }
    for text in answers["Anna Lind"]:
        clock.advance(minutes=2)
        m.submit(text)
    clock.advance(minutes=1)
    m.submit(answers["Erik Lind"][0])
    for _ in range(4):
        m.pass_turn()
    m.notes.add(NoteKind.concern, "Frånvaron på måndagar | fredagar")
    clock.advance(minutes=3)
    m.next_step()
    m.submit("Jag är glad att höra att Erik har kompisar.\nVi har haft täta kontakter.")
    m.submit("Från elevhälsan.")
    m.submit("Att Erik skulle bli utan betyg.")
    m.submit("Att Anna och Erik själva tog kontakt.")
    clock.advance(minutes=10)
    m.next_step()  # the follow-up: nothing carried over to a first meeting
    m.next_step()
    m.actions.add(
        ActionItem(
            "Veckovisa samtal med Erik",
            "Vid skolstart på måndagar",
            "Sara Berg",
            "Anna Lind",
            dt.date(2026, 2, 2),
            "Boka tid",
        )
    )
    m.actions.add(ActionItem("Kontakta fritidsgården", who="Erik Lind"))
    m.notes.add(NoteKind.decision, "Uppföljning om ett halvår")
    clock.advance(minutes=5)
    m.finish()
    return m


def samtidigt_traff_5(store):
    clock = FakeClock(dt.datetime(2026, 3, 10, 8, 30, tzinfo=dt.UTC))
    people = [
        ("Ada Nilsson", "skola", "Rektor"),
        ("Per Ström", "socialtjanst", "IFO"),
        ("Lena Ek", "skola", "Kurator"),
    ]
    before = new_meeting(
        store,
        "samtidigt-traff-4",
        people,
        clock=clock,
        consent_given=True,
        title="Pilotverkstad Alingsås, träff 4",
    )
    before.start()
    old1 = before.actions.add(ActionItem("Kartlägga frånvaro", who="Lena Ek"))
    old2 = before.actions.add(ActionItem("Ordna läxhjälp", who="Ada Nilsson"))
    before.finish()
    before.close()
    clock.advance(minutes=60 * 24 * 21)
    m = new_meeting(
        store,
        "samtidigt-traff-5",
        people,
        clock=clock,
        consent_given=True,
        previous_id=before.id,
        place="Skolan",
        asker="Processledaren Kim",
        writer="Dokumentatören Robin",
        title="Pilotverkstad Alingsås, träff 5",
        date=dt.date(2026, 3, 31),
    )
    m.start()
    for text in ["Ada, rektor, förväntar mig konkreta steg", "Per, IFO", "Lena, kurator"]:
        clock.advance(minutes=6)
        m.submit(text)
    clock.advance(minutes=4)
    m.next_step()  # Caseavstämning (follow-up)
    m.actions.follow_up(old1.id, ActionStatus.done, "Klar, rapport till EHT")
    m.actions.follow_up(old2.id, ActionStatus.continued, "Startar v. 15")
    clock.advance(minutes=25)
    m.next_step()  # discussion
    m.set_speaker(m.participants[1].id)
    m.submit("Vi har fått ett nytt case från skolan.")
    m.set_speaker(m.participants[0].id)
    m.submit("Läxhjälpen är fortfarande viktig.")
    clock.advance(minutes=38)
    m.next_step()  # action planning, in a group per activity chosen ("Sätt er i grupper")
    parents = m.groups.add("Föräldraträffen")
    m.set_speaker(parents.id)
    m.actions.add(
        ActionItem(
            "Gemensam föräldraträff",
            "Kvällsmöte på skolan",
            "Ada Nilsson",
            "Per Ström",
            dt.date(2026, 4, 20),
            "Skicka inbjudan",
        )
    )
    m.set_speaker(m.groups.add("Orosanmälan").id)
    m.actions.add(ActionItem("Rutin för orosanmälan", who="Per Ström", when=dt.date(2026, 5, 1)))
    clock.advance(minutes=45)
    m.next_step()  # the same groups present their plans
    m.set_speaker(parents.id)
    m.submit("Vi presenterade föräldraträffen.")
    clock.advance(minutes=40)
    m.next_step()
    for text in ["Tydligare roller", "Energi", "Att vi hann med allt"]:
        clock.advance(minutes=6)
        m.submit(text)
    m.notes.add(NoteKind.decision, "Nästa träff 21 april")
    m.finish()
    return m


def test_raseborg_client_meeting_golden(store):
    m = raseborg_client_meeting(store)
    record = load_record(store, m.id)
    # The facilitators' copy, with the method's notes; everyone's, the minutes without them.
    check_golden("raseborg-klientmote.minutes.md", render_minutes(record, method=True))
    check_golden("raseborg-klientmote.everyone.minutes.md", render_minutes(record))
    check_golden("raseborg-klientmote.action-plan.md", render_action_plan(record))


def test_samtidigt_traff_5_golden(store):
    m = samtidigt_traff_5(store)
    record = load_record(store, m.id)
    # The facilitators' copy, with the method's notes; everyone's, the minutes without them.
    check_golden("samtidigt-traff-5.minutes.md", render_minutes(record, method=True))
    check_golden("samtidigt-traff-5.everyone.minutes.md", render_minutes(record))
    check_golden("samtidigt-traff-5.action-plan.md", render_action_plan(record))


def test_pseudonymised_export_leaves_no_real_name(store, tmp_path):
    m = raseborg_client_meeting(store)
    paths = export_meeting(store, m.id, tmp_path / "out", pseudonymise=True).paths
    text = "".join(p.read_text() for p in paths)
    for name in ["Anna", "Erik", "Lind", "Sara", "Berg", "Maria", "Holm", "Jonas", "Ek"]:
        assert not re.search(rf"\b{name}(s|:s|'s)?\b", text), name  # "Annas" too
    assert "Familjemedlem 1" in text and "Myndighetsperson" in text


HOSTILE = [
    "| a | b |\n|---|---|",
    "# not a heading",
    "---",
    "```\ncode\n```",
    "<script>alert(1)</script><b>bold</b>",
    "    indented code?",
    "* list? [link](http://x) ![img](y) _em_ **strong** \\ backslash",
    "1. numbered\n> quote",
    "bell\x07 nul\x00 esc\x1b[31m",
    "\u202eright-to-left\u202c and emoji 🙂",
    "&amp; &lt; entity",
]


def plain_text(markdown: str) -> str:
    """What a CommonMark renderer shows as text (tokens' content, no markup)."""
    out = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append("\n")
        if token.type == "inline":
            out.append("\n")
    return "".join(out)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_turn_text_renders_as_text(store, hostile):
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit(hostile)
    m.actions.add(ActionItem(hostile, who=hostile))
    record = load_record(store, m.id)
    md = render_minutes(record)
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    kinds = [t.type for t in tokens]
    # Structure: only what we wrote (headings, lists, tables, paragraphs), no HTML or code
    assert "html_block" not in kinds and "code_block" not in kinds and "fence" not in kinds
    assert "hr" not in kinds and "blockquote_open" not in kinds
    children = [c for t in tokens for c in (t.children or [])]
    assert not {c.type for c in children} & {"link_open", "image", "code_inline"}
    # the only HTML is the line break we put in table cells
    assert {c.content for c in children if c.type == "html_inline"} <= {"<br>"}
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "not a heading" not in headings
    # Every word survives, as text (control characters shown as visible pictures)
    shown = plain_text(md)
    for line in hostile.split("\n"):
        visible = "".join(chr(0x2400 + ord(c)) if ord(c) < 32 else c for c in line.strip())
        assert visible in shown


def test_export_files_are_private_and_atomic(store, tmp_path, monkeypatch):
    m = raseborg_client_meeting(store)
    out = tmp_path / "out"
    first = export_meeting(store, m.id, out).paths
    assert kinds(first) == ["minutes.md", "action-plan.md"]
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in first)
    before = first[0].read_text()

    import dialogtui.atomic as atomic

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    (failed,) = export_meeting(store, m.id, out).failed
    assert failed.startswith("the Markdown files could not be written: ")
    assert "disk is full" in failed
    assert first[0].read_text() == before  # the old file is whole
    assert sorted(kinds(out.iterdir())) == ["action-plan.md", "minutes.md"]  # no temp file


def test_an_export_pauses_the_cycle_collector_and_restores_it(store, tmp_path, monkeypatch):
    import gc

    from dialogtui.export import markdown

    seen = []
    real = markdown.contents

    def spy(docs):
        seen.append(gc.isenabled())
        return real(docs)

    monkeypatch.setattr(markdown, "contents", spy)
    m = raseborg_client_meeting(store)
    export_meeting(store, m.id, tmp_path)
    assert seen == [False] and gc.isenabled()

    def boom(docs):
        raise ExportError("the renderer failed")

    monkeypatch.setattr(markdown, "contents", boom)
    assert "the renderer failed" in export_meeting(store, m.id, tmp_path).failed[0]
    assert gc.isenabled()  # a failed export leaves it running too


def test_export_target_is_a_file(store, tmp_path):
    m = raseborg_client_meeting(store)
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(DialogtuiError, match="is a file"):
        export_meeting(store, m.id, target)
    (tmp_path / "dir" / file_names(store, m.id, ("md",))[0]).mkdir(parents=True)
    (failed,) = export_meeting(store, m.id, tmp_path / "dir").failed
    assert "is a folder" in failed


def test_plain_text_fast_path_agrees_with_escaping():
    from dialogtui.export.escape import all_plain, block

    plain = ["Att vi samverkar bättre.", "Ja, 3 gånger i veckan!", "Hej (igen)"]
    assert all_plain(plain) and all(block(t) == t for t in plain)
    for hostile in ["a | b", "- list", "  2. item", "x\ny", "<b>", "tab\there", "# h"]:
        assert not all_plain([*plain, hostile]), hostile


def test_a_step_of_seconds_took_less_than_a_minute_not_none(store):
    # Rounded, a step of six seconds read "0 min", as if it had never run.
    clock = FakeClock()
    m = new_meeting(store, "raseborg-klientmote", [("Anna", "familj")], clock=clock)
    m.start()
    clock.advance(seconds=6)
    m.next_step()
    clock.advance(minutes=12, seconds=20)
    m.next_step()
    m.finish()
    m.close()
    minutes = render_minutes(load_record(store, m.id), method=True)
    times = minutes.split("\n## ")[2]  # the header, the participants, then the times
    rows = [line for line in times.splitlines() if line.startswith("| ")]
    assert [r.split("|")[3].strip() for r in rows[1:4]] == ["< 1 min", "12 min", "0 min"]


def test_the_minutes_say_how_consent_was_given(store):
    m = new_meeting(
        store,
        "samtidigt-traff-4",
        [("Ada", "skola")],
        consent_given=True,
        consent_note="Skriftligt samtycke från båda vårdnadshavarna 2027-01-10",
    )
    m.close()
    minutes = render_minutes(load_record(store, m.id))
    assert "Skriftligt samtycke från båda vårdnadshavarna 2027-01-10" in minutes


def test_minutes_carry_no_editing_marks_and_the_history_export_shows_them(store, tmp_path):
    m = new_meeting(store, "raseborg-myndighetsmote", [("Anna", None)])  # Anna answers twice
    m.start()
    first = m.submit("Vi ses på måndag")
    gone = m.submit("Fel person")
    m.turns.edit(first.id, "Vi ses på tisdag")
    m.turns.delete(gone.id)
    m.close()
    minutes = render_minutes(load_record(store, m.id))
    assert "- **Anna:** Vi ses på tisdag" in minutes
    assert "redigerad" not in minutes and "måndag" not in minutes and "Fel person" not in minutes
    exported = export_meeting(store, m.id, history=True)
    assert exported.paths[0].parent.name == f"möte-{m.id}-med-historik"
    full = exported.paths[0].read_text()
    assert "- **Anna:** *(redigerad)* Vi ses på tisdag\n  - *tidigare:* Vi ses på måndag" in full
    assert "- **Anna:** *(raderat)* Fel person" in full
    assert "Med ändringshistorik" in full


def test_each_plan_has_one_heading_and_the_set_s_own_columns(store):
    m = samtidigt_traff_5(store)
    minutes = render_minutes(load_record(store, m.id))
    # The plan sits in its step, "4. Handlingsplaner", once; no second "## Handlingsplan".
    assert "## Handlingsplan" not in minutes
    assert minutes.count("| Vad | Hur | Vem/vilka | Involveras | När | Första steg |") == 1
    assert "öppen" not in minutes  # every action is new: no status column
    assert "- **Tid:** kl. 08:30–11:38" in minutes  # start and end on the clock


@pytest.mark.parametrize(
    "text",
    [
        "Roller & opgaver",
        "Anna [mamma] och Bo [pappa]",
        "snake_case och e-post: a_b@x.se",
        "3 < 5 och 5 > 3",
        "Frånvaro måndagar | fredagar",
        "ca ~5 min",
        "C# och F#-kurs",
        "100 % klart!",
        "Rad ett - rad två",
    ],
)
def test_text_is_escaped_only_where_markdown_needs_it(store, text):
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit(text)
    m.close()
    assert f"- **Anna:** {text}\n" in render_minutes(load_record(store, m.id))


MARKDOWN_TEXT = st.lists(
    st.sampled_from(list("ab _*`[]()<>!&#;|~\\:-+=.1") + ["amp;", "http://x", "#x26;"]),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=MARKDOWN_TEXT)
def test_escaped_text_renders_as_typed(text):
    """Whatever escaping is left out, what a renderer shows is the text typed."""
    from dialogtui.export.escape import block

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(f"- **A:** {block(text)}\n")
    children = [c for t in tokens for c in (t.children or [])]
    assert {c.type for c in children} <= {"text", "strong_open", "strong_close", "softbreak"}
    shown = "".join(c.content for c in children if c.type == "text")
    assert shown == "A:" + (" " + text.strip() if text.strip() else ""), (block(text), shown)


def test_a_rating_stands_with_its_zone_and_what_the_zone_calls_for(store, tmp_path):
    m = new_meeting(store, "raseborg-orons-zoner", [("Anna", None), ("Bo", None)])
    m.start()
    a, b = m.participants
    scale_kind.rate(m.kind_context(), a.id, 6)
    scale_kind.rate(m.kind_context(), b.id, 1)
    minutes = export_meeting(store, m.id, tmp_path / "out").paths[0].read_text("utf-8")
    assert "| 6 | Mycket oro (Extra resurser måste till omgående) |" in minutes
    assert "| 1 | Ingen oro |" in minutes  # a zone without a need stands alone


def test_a_skipped_optional_step_says_so_in_the_minutes_with_its_condition(store, tmp_path):
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")])
    m.start()
    optional = next(i for i, s in enumerate(m.qs.steps) if s.id == "samverkanskarta")
    m.goto_step(optional)
    m.skip_step()
    m.close()
    out = tmp_path / "out"
    minutes = export_meeting(store, m.id, out, to="facilitators").paths[0].read_text("utf-8")
    assert "*Valfritt: Om ni valt gamla case med en historia av frustration" in minutes
    assert "*Överhoppat*" in minutes
    # Everyone's copy says it was left out, without the method's condition.
    for_all = export_meeting(store, m.id, tmp_path / "all", to="everyone").paths[0]
    text = for_all.read_text("utf-8")
    assert "*Överhoppat*" in text and "Om ni valt gamla case" not in text
    assert f"| {optional + 1}. Samverkanskarta | överhoppat |" in minutes


def test_the_minutes_mark_what_the_set_adds_to_its_source(store):
    m = new_meeting(store, "goda-samtal-medborgarmote", [("Ada", "medborgare")])
    m.start()
    m.close()
    minutes = render_minutes(load_record(store, m.id), method=True)
    assert "*Tillagt, inte i källan: Minuterna: inbjudan anger bara tiden kl. 15.00–17.00.*" in (
        minutes
    )
    assert minutes.count("*Tillagt, inte i källan:") == 4
