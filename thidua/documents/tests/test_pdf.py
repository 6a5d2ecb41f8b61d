"""The documents as LibreOffice prints them: where the header parts land on the first page."""

from pathlib import Path

import pytest

from thidua.documents import ConversionError, to_pdf, to_pdf_many
from thidua.documents.checks import (
    MM,
    first_page_problems,
    first_page_words,
    page_number_problems,
    pdf_fonts,
    pdf_pages,
)

pytestmark = pytest.mark.libreoffice

ISSUERS = {
    "plan": ("Ủy ban nhân dân tỉnh Kiên Giang", "Kế hoạch"),
    "registration": ("Sở Tư pháp", "Đăng ký"),
    "proposal": ("Sở Nội vụ", "Tờ trình"),
    "minutes": ("Sở Nội vụ", "Biên bản"),
    "report_2022": ("Sở Nội vụ", "Báo cáo thành tích"),
    "report_2024": ("Sở Nội vụ", "Báo cáo thành tích"),
    "report_2025": ("Sở Nội vụ", "Báo cáo thành tích"),
    "decision": ("Ủy ban nhân dân tỉnh Kiên Giang", "Quyết định"),
    "decision_long": ("Ủy ban nhân dân tỉnh Kiên Giang", "Quyết định"),
    "nominees": ("Phòng Chính sách", "Danh sách tập thể, cá nhân"),
}


@pytest.mark.parametrize("name", sorted(ISSUERS))
def test_first_page_header_is_where_appendix_i_puts_it(converted, name):
    body, kind = ISSUERS[name]
    pages = pdf_pages(converted[name].pdf)
    assert first_page_problems(pages[0], issuing_body=body, doc_type=kind) == []
    assert all(page.is_a4() and not page.landscape for page in pages)
    assert page_number_problems(pages) == []


def test_the_place_and_date_line_sits_under_the_motto(converted):
    page = pdf_pages(converted["plan"].pdf, 1, 1)[0]
    motto = page.find("Độc lập - Tự do - Hạnh phúc")
    when = page.find("Kiên Giang, ngày 23 tháng 02 năm 2022")
    number = page.find("Số: 39/KH-UBND")
    assert motto and when and number
    assert when.y0 > motto.y1 - 2 and abs(when.center_x - motto.center_x) < 10 * MM
    assert abs(number.center_y - when.center_y) < 3  # one row of the header table
    assert number.center_x < page.width / 2


def test_a_multi_page_plan_is_numbered_from_page_two(converted):
    pages = pdf_pages(converted["plan"].pdf)
    assert len(pages) >= 3
    assert pages[0].top_page_number() is None
    assert [p.top_page_number() for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]


def test_signature_block_on_the_right_and_recipients_on_the_left(converted):
    pages = pdf_pages(converted["plan"].pdf)
    last = pages[-1]
    recipients = last.find("Nơi nhận:")
    capacity = last.find("KT. CHỦ TỊCH")
    name = last.find("Nguyễn Lưu Trung")
    assert recipients and capacity and name
    assert recipients.center_x < last.width / 2 < capacity.center_x
    assert name.y0 > capacity.y1 + 40  # room for the signature and the seal


def test_long_decision_lists_awardees_after_the_signature(converted):
    pages = pdf_pages(converted["decision_long"].pdf)
    annex = next(p for p in pages if p.find("(Kèm theo Quyết định số 2815/QĐ-UBND"))
    assert annex.number > 1
    rest = pages[annex.number - 1:]
    assert any(p.find("Tổng cộng") for p in rest)
    if len(rest) > 1:  # a long list repeats its header row on every page
        assert all(p.find("Tên tập thể, cá nhân") for p in rest)


def test_certificates_are_landscape_one_per_page_with_the_name(converted):
    pages = pdf_pages(converted["certificates"].pdf)
    assert len(pages) == 3
    for page in pages:
        assert page.landscape and page.is_a4()
        title = page.find("BẰNG KHEN")
        assert title and abs(title.center_x - page.width / 2) < 5 * MM
        assert page.find("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG")
        assert page.find("Quyết định số 2815/QĐ-UBND")
    name = pages[1].find("Ông Trần Ngọc Ánh")
    assert name and abs(name.center_x - pages[1].width / 2) < 5 * MM
    assert name.y1 - name.y0 > 25  # large type


def test_first_page_words_have_positions(converted):
    words = first_page_words(converted["registration"].pdf)
    texts = [w.text for w in words]
    assert "ĐĂNG" in texts and "KÝ" in texts
    assert all(w.box.x1 > w.box.x0 for w in words)


def test_to_pdf_returns_pdf_bytes(built_docx):
    pdf = to_pdf(built_docx["registration"])
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf)[0].find("Số lượng: 02")


def test_missing_soffice_gives_a_vietnamese_error(built_docx):
    with pytest.raises(ConversionError) as caught:
        to_pdf(built_docx["registration"], soffice="/nonexistent/soffice")
    assert "LibreOffice" in caught.value.message
    assert "không thể tạo tệp PDF" in caught.value.message


def test_a_conversion_that_runs_too_long_is_stopped(built_docx):
    with pytest.raises(ConversionError) as caught:
        to_pdf(built_docx["plan"], timeout=0.05)
    assert "Quá thời gian" in caught.value.message


def test_batch_refuses_two_files_with_the_same_name(tmp_path: Path, built_docx):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        (tmp_path / sub / "x.docx").write_bytes(built_docx["registration"])
    with pytest.raises(ValueError):
        to_pdf_many([tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"], tmp_path / "out")


def test_batch_with_two_workers(tmp_path: Path, built_docx):
    paths = []
    for name in ("registration", "proposal", "nominees"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(built_docx[name])
        paths.append(path)
    pdfs = to_pdf_many(paths, tmp_path / "out", workers=2)
    assert [p.stem for p in pdfs] == ["registration", "proposal", "nominees"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


@pytest.mark.parametrize("name", ["plan", "minutes", "certificates"])
def test_one_serif_family_prints_every_vietnamese_letter(converted, name):
    # Times New Roman, or its metric twin Liberation Serif 2 (Debian: fonts-liberation2); the
    # old fonts-liberation lacks Vietnamese letters and LibreOffice then mixes in DejaVu.
    fonts = pdf_fonts(converted[name].pdf)
    families = {f.split("-")[0].replace(",", "") for f in fonts}
    assert families <= {"TimesNewRomanPSMT", "TimesNewRomanPS", "TimesNewRoman",
                        "LiberationSerif"}, fonts


def test_a_long_batch_is_split_over_several_soffice_processes(tmp_path: Path, built_docx,
                                                               monkeypatch):
    # LibreOffice stops quietly after ~240 documents in one process; batches are capped.
    from thidua.documents import pdf

    monkeypatch.setattr(pdf, "MAX_FILES_PER_PROCESS", 2)
    paths = []
    for i in range(5):
        path = tmp_path / f"doc-{i}.docx"
        path.write_bytes(built_docx["registration"])
        paths.append(path)
    pdfs = to_pdf_many(paths, tmp_path / "out")
    assert [p.name for p in pdfs] == [f"doc-{i}.pdf" for i in range(5)]
    assert all(p.stat().st_size > 1000 for p in pdfs)
