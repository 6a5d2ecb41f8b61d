"""A printed plan numbers its sections without a gap when one is empty; a full plan keeps its
own numbers (the seed plans print exactly their text)."""

from thidua.campaigns.documents import continuous
from thidua.campaigns.render import Entry, Heading


def heading(clause, level, number, filled=True):
    h = Heading(clause, f"Mục {clause}", level, number)
    if filled:
        h.entries = [Entry(clause, "contents", "Nội dung.", order=1)]
    return h


def test_an_empty_section_is_dropped_and_the_rest_renumbered():
    headings = [heading("§I", 1, "I."), heading("§II", 1, "II.", filled=False),
                heading("§III", 1, "III.", filled=False), heading("§III.1", 2, "1.", filled=False),
                heading("§III.2", 2, "2."), heading("§IV", 1, "IV.")]
    printed = [h.printed for h in continuous(headings)]
    assert printed == ["I. Mục §I", "II. Mục §III", "1. Mục §III.2", "III. Mục §IV"]


def test_a_full_plan_keeps_its_numbers():
    headings = [heading("§I", 1, "I."), heading("§II", 1, "II."), heading("§II.3", 2, "3.")]
    assert [h.number for h in continuous(headings)] == ["I.", "II.", "3."]
