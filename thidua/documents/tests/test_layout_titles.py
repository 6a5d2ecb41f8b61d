"""Titles and subjects never end a line with a lone word (Decree 30/2020 III.5: balanced)."""

from thidua.documents.layout import TYPE_PT, balance_lines, text_mm

WIDTH = 155


def test_a_three_line_subject_is_filled_evenly_without_an_orphan():
    subject = ("Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh trong phong trào "
               "thi đua cải cách hành chính giai đoạn 2021-2025 cho các tập thể và cá nhân có "
               "thành tích xuất sắc tiêu biểu")
    lines = balance_lines(subject, TYPE_PT, WIDTH).split("\n")
    assert len(lines) == 3
    assert all(len(line.split()) > 1 for line in lines)
    assert all(text_mm(line, TYPE_PT, True) <= WIDTH for line in lines)
    assert " ".join(lines) == subject


def test_a_line_the_caller_broke_is_balanced_on_its_own():
    subject = ("Họp Hội đồng Thi đua - Khen thưởng tỉnh Kiên Giang\nxét khen thưởng phong trào "
               "thi đua cải cách hành chính giai đoạn 2021-2025 của các sở")
    lines = balance_lines(subject, TYPE_PT, WIDTH).split("\n")
    assert lines[0] == "Họp Hội đồng Thi đua - Khen thưởng tỉnh Kiên Giang"
    assert len(lines) == 3 and all(len(line.split()) > 1 for line in lines)
