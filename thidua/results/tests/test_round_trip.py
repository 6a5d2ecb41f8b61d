"""Every results export re-imports unchanged as an update (issue 11): exported through the page,
imported back through the import page, it creates nothing, changes nothing and writes no history;
one edited cell is exactly one change and one history entry. The templates carry an example row
and dropdowns, and a filled template imports."""

from __future__ import annotations

import html
import io
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from thidua.results.imports import KINDS
from thidua.results.models import (
    AnnualResult,
    ContestPrize,
    Discipline,
    PersonRating,
    RecognisedInitiative,
)

pytestmark = pytest.mark.django_db

# kind -> (rows imported first, model, (key column, key value, column edited, new value),
#          the field that must then hold the new value)
CASES = {
    "chi-so-cchc": (
        [["P1-H1", "", "91,25", "", "", "88,5", "", "", "45.5", "45.75"],
         ["P1-H2", "", "82"], ["P1-X1", "", "79.5", "", "", "70"], ["P1-X2", "", "95"]],
        AnnualResult, ("Mã đơn vị", "P1-H2", "SIPAS (%)", 77.7), ("unit__code", "P1-H2", "sipas"),
    ),
    "xep-loai-can-bo": (
        [["CB-X1", "", "", "Hoàn thành xuất sắc nhiệm vụ", "", "", "có"], ["CB-ST", "", "", "HTNV"],
         ["CB-X3", "", "", "Hoàn thành tốt nhiệm vụ"]],
        PersonRating, ("Mã cán bộ", "CB-ST", "Xếp loại chất lượng", "Hoàn thành tốt nhiệm vụ"),
        ("person__code", "CB-ST", "rating"),
    ),
    "ky-luat": (
        [["CB-X3", "", "Khiển trách", "15/06/2024", "14/06/2025", "12/QĐ-UBND", "Vi phạm"],
         ["CB-X1", "", "canh_cao", "2024-03-01"]],
        Discipline, ("Mã cán bộ", "CB-X3", "Lý do", "Chậm giải quyết hồ sơ"),
        ("person__code", "CB-X3", "reason"),
    ),
    "sang-kien": (
        [["P1-X1", "", "Một cửa số", "tinh", "20/11/2024", "", "có"],
         ["", "CB-X1", "Sổ tay CCHC", "co_quan", "10/10/2024"]],
        RecognisedInitiative, ("Tên sáng kiến, mô hình, giải pháp", "Sổ tay CCHC",
                               "Số quyết định", "45/QĐ-UBND"),
        ("title", "Sổ tay CCHC", "decision_number"),
    ),
    "giai-thuong": (
        [["CB-X1", "", "Tìm hiểu CCHC", "Giải Nhất", "01/12/2024"],
         ["CB-X3", "", "Tìm hiểu CCHC", "Giải Ba"]],
        ContestPrize, ("Mã cán bộ", "CB-X3", "Giải", "Giải Nhì"), ("person__code", "CB-X3", "prize"),
    ),
}


def _values(model):
    fields = [f.attname for f in model._meta.concrete_fields]
    return sorted(tuple(str(v) for v in row) for row in model.objects.values_list(*fields))


def _post(client, world, name, data, kind, *, replace=False):
    payload = {"pham_vi": world.units["P1"].pk, "nam": 2024,
               "file": SimpleUploadedFile(name, data)}
    if replace:
        payload["thay_the"] = "on"
    return client.post(f"/ket-qua/nhap/{kind}/", payload, follow=True)


def _edit(data: bytes, key_header: str, key: str, header: str, value) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    key_at, at = headers.index(key_header), headers.index(header)
    for row in sheet.iter_rows(min_row=2):
        if row[key_at].value == key:
            row[at].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", list(CASES))
def test_an_export_reimports_unchanged_then_one_cell_is_one_change(kind, world, login, bands,
                                                                   make_sheet):
    rows, model, (key_header, key, header, value), (lookup, lookup_value, field) = CASES[kind]
    client = login(world.users["alice_owner"])
    first = _post(client, world, "tep.csv", make_sheet(kind, rows).read(), kind)
    assert f"Đã nhập {len(rows)} dòng" in html.unescape(first.content.decode())
    exported = client.get(f"/ket-qua/xuat/{kind}/?nam=2024&pham_vi={world.units['P1'].pk}")
    assert exported.status_code == 200
    before, history = _values(model), LogEntry.objects.count()

    again = html.unescape(_post(client, world, "xuat.xlsx", exported.content, kind).content
                          .decode())
    assert f"0 mới, 0 cập nhật, {len(rows)} không thay đổi." in again
    assert _values(model) == before
    assert LogEntry.objects.count() == history

    edited = _edit(exported.content, key_header, key, header, value)
    text = html.unescape(_post(client, world, "sua.xlsx", edited, kind).content.decode())
    assert f"0 mới, 1 cập nhật, {len(rows) - 1} không thay đổi." in text
    after = _values(model)
    assert len(after) == len(before) and len(set(after) - set(before)) == 1
    changed = model.objects.get(**{lookup: lookup_value})
    stored = getattr(changed, field)
    assert str(stored) == str(value) or stored == model._meta.get_field(field).to_python(
        _code(kind, value))
    entries = LogEntry.objects.filter(pk__gt=_last(history))
    assert entries.count() == 1
    entry = entries.get()
    assert entry.action == LogEntry.Action.UPDATE and list(entry.changes) == [field]


def _code(kind, value):
    """A label in the file is stored as its code (ratings)."""
    from thidua.results.models import Rating

    labels = {label: code for code, label in Rating.choices}
    return labels.get(value, value)


def _last(count: int) -> int:
    return LogEntry.objects.order_by("pk").values_list("pk", flat=True)[count - 1] if count else 0


def test_replace_deletes_only_the_rows_missing_from_the_file(world, login, make_sheet):
    client = login(world.users["alice_owner"])
    _post(client, world, "tep.csv", make_sheet("giai-thuong", CASES["giai-thuong"][0]).read(),
          "giai-thuong")
    history = LogEntry.objects.count()
    shorter = make_sheet("giai-thuong", [["CB-X1", "", "Tìm hiểu CCHC", "Giải Nhất", "01/12/2024"]])
    text = html.unescape(_post(client, world, "tep.csv", shorter.read(), "giai-thuong",
                               replace=True).content.decode())
    assert "0 mới, 0 cập nhật, 1 không thay đổi; xoá 1 dòng cũ không có trong tệp." in text
    assert list(ContestPrize.objects.values_list("person__code", flat=True)) == ["CB-X1"]
    assert list(LogEntry.objects.filter(pk__gt=_last(history)).values_list("action", flat=True)) \
        == [LogEntry.Action.DELETE]


def test_the_cli_export_reimports_unchanged(world, bands, make_sheet, tmp_path):
    source = tmp_path / "tep.csv"
    source.write_bytes(make_sheet("xep-loai-can-bo", CASES["xep-loai-can-bo"][0]).read())
    call_command("import_results", "xep-loai-can-bo", str(source), "--scope", "P1", "--year",
                 "2024", "--user", "alice_owner", stdout=StringIO())
    out = tmp_path / "xuat.xlsx"
    call_command("export_results", "xep-loai-can-bo", str(out), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", stdout=StringIO())
    history, before = LogEntry.objects.count(), _values(PersonRating)
    printed = StringIO()
    call_command("import_results", "xep-loai-can-bo", str(out), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", stdout=printed)
    assert "0 mới, 0 cập nhật, 3 không thay đổi" in printed.getvalue()
    assert (LogEntry.objects.count(), _values(PersonRating)) == (history, before)


# kind -> the columns that must carry a dropdown
DROPDOWNS = {
    "chi-so-cchc": {"Xếp loại"},
    "xep-loai-can-bo": {"Xếp loại chất lượng", "Hoàn thành tốt nhiệm vụ (xác nhận)",
                        "Thành tích CCHC xuất sắc", "Trực tiếp làm CCHC"},
    "ky-luat": {"Hình thức kỷ luật"},
    "sang-kien": {"Cấp công nhận", "Đã áp dụng"},
    "giai-thuong": set(),
}


def dropdowns(workbook) -> dict[str, list[str]]:
    """header -> the values its dropdown offers (read from the hidden list sheet)."""
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    out = {}
    for rule in sheet.data_validations.dataValidation:
        letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
        assert str(rule.sqref).split(":")[0] == f"{letter}2"  # from the example row down
        source = rule.formula1.split("!")[1].replace("$", "")
        first, last = source.split(":")
        values = [c.value for row in workbook["Danh mục"][f"{first}:{last}"] for c in row]
        out[headers[sheet[f"{letter}1"].column - 1]] = values
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_template_has_an_example_row_and_dropdowns(kind, world, login, bands):
    client = login(world.users["alice_owner"])
    data = client.get(f"/ket-qua/nhap/{kind}/?mau=1&nam=2024&pham_vi={world.units['P1'].pk}")
    workbook = load_workbook(io.BytesIO(data.content))
    sheet = workbook.worksheets[0]
    example = [c.value for c in sheet[2]]
    assert example[0] == KINDS[kind].columns[0].example  # the example row comes first
    assert sheet["A2"].comment is not None and "ví dụ" in sheet["A2"].comment.text
    assert sheet["A2"].font.color.rgb.endswith("808080")  # in grey
    lists = dropdowns(workbook)
    assert set(lists) == DROPDOWNS[kind]
    if DROPDOWNS[kind]:
        assert workbook["Danh mục"].sheet_state == "hidden"
    for header, values in lists.items():
        assert all(v and not v.isascii() for v in values), (header, values)  # labels, not codes


def test_a_filled_template_imports_and_skips_the_example(world, login, bands):
    client = login(world.users["alice_owner"])
    data = client.get(f"/ket-qua/nhap/chi-so-cchc/?mau=1&nam=2024&pham_vi={world.units['P1'].pk}")
    workbook = load_workbook(io.BytesIO(data.content))
    sheet = workbook.worksheets[0]
    for row in list(sheet.iter_rows(min_row=3)):
        if row[0].value == "P1-X1":
            row[2].value, row[4].value = 91.5, "Xuất sắc"
        else:
            for cell in row:
                cell.value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    text = html.unescape(_post(client, world, "mau.xlsx", buffer.getvalue(), "chi-so-cchc")
                         .content.decode())
    assert "Đã nhập 1 dòng kết quả Chỉ số CCHC năm 2024: 1 mới" in text
    assert list(AnnualResult.objects.values_list("unit__code", "classification")) == [
        ("P1-X1", "xuat_sac")]


@pytest.mark.parametrize("kind", list(CASES))
def test_one_bad_row_imports_nothing_and_names_the_row_and_column(kind, world, login, bands,
                                                                  make_sheet):
    rows = [*CASES[kind][0][:1], ["KHONG-CO", "", "x"]]
    client = login(world.users["alice_owner"])
    text = html.unescape(_post(client, world, "tep.csv", make_sheet(kind, rows).read(), kind)
                         .content.decode())
    assert "Tệp bị từ chối, không có dữ liệu nào được lưu" in text
    assert "Dòng 3, cột " in text
    assert CASES[kind][1].objects.count() == 0
