"""Headings and labels of the exported documents (and the app's tables), per language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step

LANGUAGES = ("sv", "da", "nb", "en")

# One row per label, in the order of LANGUAGES, so a missing translation shows at a glance.
_ROWS: dict[str, tuple[str, str, str, str]] = {
    "minutes": ("Minnesanteckningar", "Referat", "Referat", "Minutes"),
    "action_plan": ("Handlingsplan", "Handlingsplan", "Handlingsplan", "Action plan"),
    "method": ("Metod", "Metode", "Metode", "Method"),
    "date": ("Datum", "Dato", "Dato", "Date"),
    "place": ("Plats", "Sted", "Sted", "Place"),
    "asker": (
        "Samtalsledare (frågar)",
        "Dialogleder (spørger)",
        "Samtaleleder (spør)",
        "Facilitator (asks)",
    ),
    "writer": (
        "Samtalsledare (skriver)",
        "Dialogleder (skriver)",
        "Samtaleleder (skriver)",
        "Facilitator (writes)",
    ),
    "participants": ("Deltagare", "Deltagere", "Deltakere", "Participants"),
    "participant": ("Deltagare", "Deltager", "Deltaker", "Participant"),
    "name": ("Namn", "Navn", "Navn", "Name"),
    "role": ("Roll", "Rolle", "Rolle", "Role"),
    "organisation": ("Organisation", "Organisation", "Organisasjon", "Organisation"),
    "planned": ("Planerat", "Planlagt", "Planlagt", "Planned"),
    "actual": ("Faktiskt", "Faktisk", "Faktisk", "Actual"),
    "skipped": ("Hoppades över", "Sprunget over", "Hoppet over", "Skipped"),
    "optional": ("Valfritt", "Valgfrit", "Valgfritt", "Optional"),
    "votes": ("Röstning", "Afstemning", "Avstemning", "Vote"),
    "card": ("Kort", "Kort", "Kort", "Card"),
    "dots": ("Prickar", "Prikker", "Prikker", "Dots"),
    "kept": ("vald", "valgt", "valgt", "kept"),
    "needs": ("Behov och svar", "Behov og svar", "Behov og svar", "Needs and answers"),
    "need_by": ("Från", "Fra", "Fra", "From"),
    "need_to": ("Till", "Til", "Til", "To"),
    "need": ("Behov", "Behov", "Behov", "Need"),
    "answer": ("Svar", "Svar", "Svar", "Answer"),
    "of": ("av", "af", "av", "of"),
    "timeline": ("Tidslinje", "Tidslinje", "Tidslinje", "Timeline"),
    "map": ("Karta", "Kort", "Kart", "Map"),
    "not_placed": ("Inte placerat", "Ikke placeret", "Ikke plassert", "Not placed"),
    "unanswered": ("inget svar än", "intet svar endnu", "ikke besvart ennå", "not answered yet"),
    "group_n": ("Grupp {n}", "Gruppe {n}", "Gruppe {n}", "Group {n}"),
    "pair_n": ("Par {n}", "Par {n}", "Par {n}", "Pair {n}"),
    "ours": (
        "Tillagt, inte i källan",
        "Tilføjet, ikke i kilden",
        "Lagt til, ikke i kilden",
        "Added, not in the source",
    ),
    "min": ("min", "min", "min", "min"),
    "untimed": ("ej tidsatt", "uden tid", "uten tid", "untimed"),
    "passed": ("avstår", "står over", "står over", "passed"),
    "scale": ("Skattning", "Vurdering", "Vurdering", "Rating"),
    "value": ("Värde", "Værdi", "Verdi", "Value"),
    "zone": ("Zon", "Zone", "Sone", "Zone"),
    "comment": ("Kommentar", "Kommentar", "Kommentar", "Comment"),
    "choice": ("Val", "Valg", "Valg", "Choice"),
    "option": ("Alternativ", "Mulighed", "Alternativ", "Option"),
    "now": ("Nu", "Nu", "Nå", "Now"),
    "desired": ("Önskat", "Ønsket", "Ønsket", "Desired"),
    "decisions": ("Beslut", "Beslutninger", "Beslutninger", "Decisions"),
    "standpoints": ("Gemensam ståndpunkt", "Fælles ståsted", "Felles ståsted", "Agreed standpoint"),
    "concerns": ("Oro", "Bekymringer", "Bekymringer", "Concerns"),
    "what": ("Vad", "Hvad", "Hva", "What"),
    "how": ("Hur", "Hvordan", "Hvordan", "How"),
    "who": ("Vem", "Hvem", "Hvem", "Who"),
    "with_whom": ("Med vem", "Med hvem", "Med hvem", "With whom"),
    "when": ("När", "Hvornår", "Når", "When"),
    "first_step": ("Första steg", "Første skridt", "Første steg", "First step"),
    "status": ("Status", "Status", "Status", "Status"),
    "follow_up": (
        "Uppföljning av tidigare åtgärder",
        "Opfølgning på tidligere handlinger",
        "Oppfølging av tidligere tiltak",
        "Follow-up of earlier actions",
    ),
    "open": ("öppen", "åben", "åpen", "open"),
    "to_review": ("att följa upp", "til opfølgning", "til oppfølging", "to review"),
    "done": ("klar", "udført", "utført", "done"),
    "continued": ("fortsätter", "fortsætter", "fortsetter", "continued"),
    "dropped": ("avslutad", "droppet", "avsluttet", "dropped"),
    "consent": ("Samtycke", "Samtykke", "Samtykke", "Consent"),
    "consent_yes": (
        "vårdnadshavarnas samtycke finns",
        "forældremyndighedens samtykke foreligger",
        "foresattes samtykke foreligger",
        "guardians' consent recorded",
    ),
    "consent_no": ("samtycke saknas", "samtykke mangler", "samtykke mangler", "consent missing"),
    "repetition": ("Omgång", "Runde", "Runde", "Round"),
    "follows_up": ("Uppföljning av", "Opfølgning på", "Oppfølging av", "Follows up"),
    "no_actions": ("Inga åtgärder.", "Ingen handlinger.", "Ingen tiltak.", "No actions."),
    "times": ("Tider", "Tider", "Tider", "Times"),
    "step": ("Steg", "Trin", "Steg", "Step"),
    "total": ("Totalt", "I alt", "Totalt", "Total"),
    "group": ("Gruppen", "Gruppen", "Gruppen", "The group"),
    "group_name": ("Grupp", "Gruppe", "Gruppe", "Group"),
    "edited": ("redigerad", "redigeret", "redigert", "edited"),
    "earlier": ("tidigare", "tidligere", "tidligere", "earlier"),
    "deleted": ("struken", "slettet", "slettet", "deleted"),
    "with_history": (
        "Med ändringshistorik: redigerade och strukna inlägg syns.",
        "Med ændringshistorik: redigerede og slettede indlæg vises.",
        "Med endringshistorikk: redigerte og slettede innlegg vises.",
        "With history: edited and deleted turns are shown.",
    ),
    "time": ("Tid", "Tid", "Tid", "Time"),
    "pseudonymised": (
        "Namnen är utbytta mot pseudonymer.",
        "Navnene er erstattet af pseudonymer.",
        "Navnene er byttet ut med pseudonymer.",
        "Names are replaced by pseudonyms.",
    ),
}

LABELS: dict[str, dict[str, str]] = {
    lang: {key: row[n] for key, row in _ROWS.items()} for n, lang in enumerate(LANGUAGES)
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])


ACTION_FIELDS = ["what", "how", "who", "with_whom", "when", "first_step"]


def action_columns(qs: QuestionSet, step: Step | None = None) -> list[tuple[str, str]]:
    """(field, heading) of an action item, in one place for the screen and the export: the
    columns of `step` (or of the set's first action-planning step that names its own), or
    every field with the language's headings. An action is nothing without its 'what'."""
    names = labels(qs.language.value)
    steps = [step] if step is not None else qs.steps
    own = next((s.columns for s in steps if s.columns), None)
    if not own:
        return [(f, names[f]) for f in ACTION_FIELDS]
    cols: list[tuple[str, str]] = [(c.field, c.label) for c in own]
    if "what" not in {f for f, _ in cols}:
        cols.insert(0, ("what", names["what"]))
    return cols
