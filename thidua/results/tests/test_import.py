"""Import of results through the web page: all or nothing, Vietnamese row/column messages."""

from __future__ import annotations

import html

from auditlog.models import LogEntry

from thidua.results.models import AnnualResult, PersonRating, ResultRound


def _post(client, world, upload, *, year=2024, replace=False, kind="chi-so-cchc", scope="P1"):
    data = {"pham_vi": world.units[scope].pk, "nam": year, "file": upload}
    if replace:
        data["thay_the"] = "on"
    return client.post(f"/ket-qua/nhap/{kind}/", data)


def test_it_imports_a_clean_file(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [
        ["P1-H1", "", "91.5", "", ""], ["P1-H2", "", "85", "", "Tốt"],
        ["P1-X1", "", "72.25", "", ""], ["P1-X2", "", "95", "", "xuat sac", "90.1"],
    ])
    response = _post(client, world, upload)
    assert response.status_code == 302
    results = {r.unit.code: r for r in AnnualResult.objects.select_related("unit")}
    assert results["P1-H1"].classification == "xuat_sac"
    assert results["P1-H1"].rank == 1 and results["P1-H2"].rank == 2
    assert results["P1-X2"].rank == 1 and results["P1-X1"].rank == 2
    assert results["P1-X1"].classification == "kha"
    assert str(results["P1-X2"].sipas) == "90.10"
    assert ResultRound.objects.get().evaluator == world.units["P1"]


def test_it_refuses_the_whole_file_and_names_rows_and_columns(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [
        ["P1-H1", "", "91.5"],
        ["KHONG-CO", "", "80"],
        ["P1-H2", "", "120"],
        ["P1-H1", "", "70"],
        ["P1-X1", "", "85", "", "Xuất sắc"],
    ])
    response = _post(client, world, upload)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Tệp bị từ chối, không có dữ liệu nào được lưu" in text
    assert 'Dòng 3, cột A (Mã đơn vị): không tìm thấy đơn vị có mã "KHONG-CO"' in text
    assert "Dòng 4, cột C (Điểm Chỉ số CCHC): giá trị 120 nằm ngoài khoảng cho phép 0–100" in text
    assert "Dòng 5, cột A (Mã đơn vị): trùng với dòng 2" in text
    assert 'Dòng 6, cột E (Xếp loại): xếp loại "Xuất sắc" không khớp với điểm 85' in text
    assert AnnualResult.objects.count() == 0
    assert ResultRound.objects.count() == 0


def test_it_refuses_a_rank_that_contradicts_the_scores(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [["P1-X1", "", "91", "2"], ["P1-X2", "", "85", "1"]])
    text = html.unescape(_post(client, world, upload).content.decode())
    assert "Dòng 2, cột D (Xếp hạng trong khối): xếp hạng 2 không khớp với điểm 91" in text
    assert AnnualResult.objects.count() == 0


def test_published_ranks_are_kept_with_their_ties_and_gaps(world, login, bands, make_sheet):
    """Issue 10: the province publishes 1, 2, 4 when a unit was not scored, and ties."""
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [
        ["P1-X1", "", "91", "1"], ["P1-X2", "", "90.5", "1"], ["P1-X3", "", "85", "3"],
        ["P1-H1", "", "88", "1"], ["P1-H2", "", "80", "4"],
    ])
    assert _post(client, world, upload).status_code == 302
    ranks = dict(AnnualResult.objects.values_list("unit__code", "rank"))
    assert ranks == {"P1-X1": 1, "P1-X2": 1, "P1-X3": 3, "P1-H1": 1, "P1-H2": 4}


def test_a_rank_must_be_a_whole_number_from_one(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [["P1-X1", "", "91", "1.5"], ["P1-X2", "", "85", "0"],
                                        ["P1-X3", "", "80", "hai"]])
    text = html.unescape(_post(client, world, upload).content.decode())
    assert ('Dòng 2, cột D (Xếp hạng trong khối): "1.5" không phải là thứ hạng (ghi số nguyên '
            "từ 1 trở lên)") in text
    assert "Dòng 3, cột D (Xếp hạng trong khối): thứ hạng 0 không hợp lệ" in text
    assert 'Dòng 4, cột D (Xếp hạng trong khối): "hai" không phải là thứ hạng' in text
    assert AnnualResult.objects.count() == 0


def test_it_refuses_units_outside_the_evaluator(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [["P2-Y1", "", "91"]])
    text = html.unescape(_post(client, world, upload).content.decode())
    assert "không thuộc phạm vi đánh giá của Tỉnh Hà Giang Thử" in text


def test_reimporting_a_year_needs_an_explicit_replace_and_is_audited(world, login, bands,
                                                                      make_sheet):
    client = login(world.users["alice_owner"])
    _post(client, world, make_sheet("chi-so-cchc", [["P1-H1", "", "91"], ["P1-H2", "", "81"]]))
    upload = make_sheet("chi-so-cchc", [["P1-H1", "", "60"]])
    text = html.unescape(_post(client, world, upload).content.decode())
    assert "Năm 2024 đã có 2 dòng kết quả Chỉ số CCHC" in text
    assert AnnualResult.objects.get(unit=world.units["H1"]).score == 91
    response = _post(client, world, make_sheet("chi-so-cchc", [["P1-H1", "", "60"]]),
                     replace=True)
    assert response.status_code == 302
    assert list(AnnualResult.objects.values_list("unit__code", "classification")) == [
        ("P1-H1", "trung_binh")]
    # The missing unit is deleted, the named one updated in place: one entry each.
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE,
                                      content_type__model="annualresult")
    assert deleted.count() == 1
    updated = LogEntry.objects.filter(action=LogEntry.Action.UPDATE,
                                      content_type__model="annualresult")
    assert updated.count() == 1 and set(updated.get().changes) == {"score", "classification"}
    assert all(e.actor == world.users["alice_owner"] for e in [*deleted, *updated])
    assert LogEntry.objects.filter(content_type__model="resultround",
                                   changes_text__contains="Thay thế kết quả năm 2024").exists()


def test_a_score_without_thresholds_needs_a_classification(world, login, make_sheet):
    client = login(world.users["alice_owner"])
    upload = make_sheet("chi-so-cchc", [["P1-H1", "", "91"]])
    text = html.unescape(_post(client, world, upload).content.decode())
    assert "chưa có ngưỡng xếp loại áp dụng cho năm 2024; hãy ghi Xếp loại" in text


def test_province_thresholds_win_over_the_default(world, login, bands, make_sheet):
    from datetime import date

    from thidua.results.models import ClassificationThresholds

    ClassificationThresholds.objects.create(scope=world.units["P1"], valid_from=date(2024, 1, 1),
                                            excellent_min=95, good_min=85, fair_min=70,
                                            average_min=50)
    client = login(world.users["alice_owner"])
    _post(client, world, make_sheet("chi-so-cchc", [["P1-H1", "", "91"]]))
    assert AnnualResult.objects.get().classification == "tot"
    _post(client, world, make_sheet("chi-so-cchc", [["P1-H1", "", "91"]]), year=2023,
          scope="P1")
    assert AnnualResult.objects.get(year=2023).classification == "xuat_sac"


def test_it_imports_ratings_with_attestations(world, login, make_sheet):
    client = login(world.users["olga_officer"])
    upload = make_sheet("xep-loai-can-bo", [
        ["CB-X1", "", "", "Hoàn thành xuất sắc nhiệm vụ", "", "", "có"],
        ["CB-ST", "", "", "HTNV"],
    ])
    response = _post(client, world, upload, kind="xep-loai-can-bo", scope="X1")
    assert response.status_code == 302
    ratings = {r.person.code: r for r in PersonRating.objects.select_related("person", "unit")}
    assert ratings["CB-X1"].rating == "hoan_thanh_xuat_sac"
    assert ratings["CB-X1"].duties_well and ratings["CB-X1"].outstanding_cchc
    assert ratings["CB-ST"].rating == "hoan_thanh" and not ratings["CB-ST"].duties_well
    assert ratings["CB-X1"].unit == world.units["X1"]


def test_ratings_of_people_outside_scope_are_refused(world, login, make_sheet):
    client = login(world.users["olga_officer"])
    upload = make_sheet("xep-loai-can-bo", [["CB-X3", "", "", "Hoàn thành tốt nhiệm vụ"]])
    text = html.unescape(_post(client, world, upload, kind="xep-loai-can-bo", scope="X1").content.decode())
    assert "Dòng 2, cột C (Mã đơn vị): đơn vị P1-X3 không thuộc phạm vi Xã Lũng Cú" in text
    assert PersonRating.objects.count() == 0


def test_a_2026_rating_must_match_its_score(world, login, make_sheet):
    client = login(world.users["olga_officer"])
    upload = make_sheet("xep-loai-can-bo", [["CB-X1", "", "", "Hoàn thành xuất sắc nhiệm vụ", "85"]])
    text = html.unescape(_post(client, world, upload, kind="xep-loai-can-bo", scope="X1",
                               year=2026).content.decode())
    assert "không khớp với điểm 85" in text


def test_an_officer_cannot_import_for_another_unit(world, login, bands, make_sheet):
    client = login(world.users["olga_officer"])
    response = _post(client, world, make_sheet("chi-so-cchc", [["P1-H1", "", "91"]]))
    assert response.status_code == 200
    assert "pham_vi" in response.context["form"].errors
    assert AnnualResult.objects.count() == 0


def test_it_refuses_a_council_member(world, login):
    response = login(world.users["carl_council"]).get("/ket-qua/nhap/chi-so-cchc/")
    assert response.status_code == 403


def test_the_template_lists_the_units_of_the_year(world, login, bands):
    import io

    from openpyxl import load_workbook

    client = login(world.users["alice_owner"])
    response = client.get(f"/ket-qua/nhap/chi-so-cchc/?mau=1&nam=2024&pham_vi={world.units['P1'].pk}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Mã đơn vị", "Tên đơn vị", "Điểm Chỉ số CCHC", "Xếp hạng trong khối",
                          "Xếp loại"]
    codes = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert {"P1-SNV", "P1-H1", "P1-X1", "P1-X3"} <= codes and "P2-Y1" not in codes
    guide = "\n".join(str(r[0].value) for r in book["Hướng dẫn"].iter_rows())
    assert "xuất sắc ≥ 90" in guide


def test_the_2026_template_leaves_out_units_ended_by_the_reform(world, login, bands):
    import io

    from openpyxl import load_workbook

    client = login(world.users["alice_owner"])
    response = client.get(f"/ket-qua/nhap/chi-so-cchc/?mau=1&nam=2026&pham_vi={world.units['P1'].pk}")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert "P1-H1" not in codes and "P1-X1" in codes
