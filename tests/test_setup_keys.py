"""The set-up's participants and whose statements a copy for the family holds (issue 26
item 6, the newcomer review's N9)."""

from __future__ import annotations

from dialogtui.export.recipients import family, organisations
from dialogtui.questionset.library import find
from dialogtui.records import Participant


def test_someone_whose_role_is_not_the_familys_is_never_family():
    # N9: in a set that marks no family role, "family" was everyone of no organisation; the
    # school counsellor entered without one was the family's recipient group.
    qs = find("samtidigt-traff-4")
    people = [
        Participant("Lena Ström", "skola", "Karis skola", id=1),
        Participant("Per Olsson", "skola", "", id=2),
        Participant("Anna", None, "", id=3),  # no role, no organisation: the family
    ]
    assert family(qs, people) == {3}
    assert "Karis skola" in organisations(qs, people)
    klient = find("raseborg-klientmote")  # its family role marked: that role only
    marked = [Participant("Anna", "familj", "", id=1), Participant("Bo", "myndighet", "", id=2)]
    assert family(klient, marked) == {1}
