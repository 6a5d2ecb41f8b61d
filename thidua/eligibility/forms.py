"""Form of the eligibility page: the question (phase or year, registration, what-if) and filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from thidua.eligibility.services import Quantified
from thidua.rules import RuleError, threshold_override

LIST_FILTERS = [("", "Tất cả ứng viên"), ("du", "Đủ tiêu chuẩn"), ("chon", "Trong chỉ tiêu"),
                ("sat", "Sát nút (chỉ thiếu một điều kiện)"), ("khong", "Không đủ tiêu chuẩn")]
# The fields that make the question a run answers; the others only filter the list shown.
QUESTION = ("che_do", "dang_ky", "gd_tieu_chuan", "gd_dieu_kien", "gd_gia_tri", "gd_chi_tieu")
YEARS_PREFIX = "so_nam_"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class EligibilityForm(forms.Form):
    """What to evaluate (phase or a year), how to filter the list, and an optional what-if:
    a threshold in the officer's words, a quota, and per condition read over years
    ("ít nhất N năm", "N năm liên tiếp") its number of years."""

    che_do = forms.ChoiceField(label="Xét", required=False, choices=[])
    tieu_chuan = forms.ChoiceField(label="Tiêu chuẩn", required=False, choices=[])
    loc = forms.ChoiceField(label="Hiển thị", required=False, choices=LIST_FILTERS)
    khoi = forms.CharField(label="Khối", required=False, max_length=60)
    q = forms.CharField(label="Tìm mã, tên (không cần dấu)", required=False, max_length=120)
    dang_ky = forms.ChoiceField(label="Đăng ký thi đua", required=False, choices=[
        ("", "Theo danh sách đã đăng ký"), ("tat-ca", "Giả định mọi đơn vị, cá nhân đã đăng ký")])
    gd_tieu_chuan = forms.ChoiceField(label="Giả định cho tiêu chuẩn", required=False, choices=[])
    gd_dieu_kien = forms.CharField(label="Điều kiện số (vd. 3 hoặc 2.1)", required=False,
                                   max_length=20)
    gd_gia_tri = forms.CharField(label="Ngưỡng mới (vd. 2 năm, 85, khá)", required=False,
                                 max_length=40)
    gd_chi_tieu = forms.CharField(label="Chỉ tiêu mới (vd. xa=4, so-nganh=3, tong=8)",
                                  required=False, max_length=200)

    def __init__(self, *args: Any, codes: list[str], years: list[int], has_phase: bool,
                 quantified: Sequence[Quantified] = (), rules: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules  # when given, a what-if threshold is read (and refused) here
        modes = ([("giai-doan", "Giai đoạn (tổng kết)")] if has_phase else []) + [
            (f"nam-{y}", f"Năm {y}") for y in years]
        self._set("che_do", modes)
        # Standards by their title, not their code (issue 11).
        titles = {s.code: s.title for s in rules.standards} if rules is not None else {}
        self._set("tieu_chuan", [("", "Tất cả tiêu chuẩn"), *[(c, titles.get(c, c)) for c in codes]])
        self._set("gd_tieu_chuan", [("", "—"), *[(c, titles.get(c, c)) for c in codes]])
        self.quantified = {self.years_field(q): q for q in quantified}
        for name, q in self.quantified.items():
            how = "năm liên tiếp" if q.kind == "in_a_row" else "năm (ít nhất)"
            self.fields[name] = forms.IntegerField(
                label=f"{titles.get(q.standard, q.standard)}, điều kiện {q.cid} «{_short(q.text)}»: "
                      f"số {how}, hiện {q.n}",
                required=False, min_value=1, max_value=50)

    @staticmethod
    def years_field(q: Quantified) -> str:
        return f"{YEARS_PREFIX}{q.standard}_{q.cid}"

    def _set(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def years_fields(self) -> list[Any]:
        return [self[name] for name in self.quantified]

    def question_names(self) -> list[str]:
        return [*QUESTION, *self.quantified]

    def clean_gd_chi_tieu(self) -> dict[str, int | float]:
        raw = self.cleaned_data.get("gd_chi_tieu") or ""
        out: dict[str, int | float] = {}
        for part in raw.replace(";", ",").split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key, value = key.strip().lower(), value.strip().replace(",", ".")
            if not sep or not key or not value:
                raise forms.ValidationError(f'"{part.strip()}" phải có dạng khối=số, vd. xa=4')
            name = {"tong": "total", "tổng": "total", "moi-don-vi": "per_unit",
                    "mỗi-đơn-vị": "per_unit"}.get(key, key.replace("-", "_"))
            try:
                out[name] = float(value.rstrip("%")) if value.endswith("%") else int(value)
            except ValueError:
                raise forms.ValidationError(f'"{value}" không phải là số') from None
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changes = bool(data.get("gd_dieu_kien") or data.get("gd_chi_tieu"))
        if changes and not data.get("gd_tieu_chuan"):
            self.add_error("gd_tieu_chuan", "Hãy chọn tiêu chuẩn cần giả định.")
        if bool(data.get("gd_dieu_kien")) != bool(data.get("gd_gia_tri")):
            self.add_error("gd_gia_tri", "Cần cả số điều kiện và ngưỡng mới.")
        elif self.rules is not None and data.get("gd_tieu_chuan") and data.get("gd_dieu_kien"):
            try:
                threshold_override(self.rules, data["gd_tieu_chuan"],
                                   data["gd_dieu_kien"].strip(), data["gd_gia_tri"])
            except RuleError as exc:
                self.add_error("gd_gia_tri", str(exc))
        return data

    def options(self) -> dict[str, Any]:
        """The run's options: registration, and the what-if in the officer's words."""
        data = self.cleaned_data
        options: dict[str, Any] = {"registered": "all" if data.get("dang_ky") == "tat-ca"
                                   else "campaign"}
        thresholds: list[list[str]] = []
        standard = data.get("gd_tieu_chuan")
        if standard and data.get("gd_dieu_kien"):
            thresholds.append([standard, data["gd_dieu_kien"].strip(), data["gd_gia_tri"].strip()])
        for name, q in self.quantified.items():
            n = data.get(name)
            if n is not None and n != q.n:
                thresholds.append([q.standard, q.cid, f"{n} năm"])
        if thresholds:
            options["thresholds"] = thresholds
        if standard and data.get("gd_chi_tieu"):
            options["quotas"] = {standard: data["gd_chi_tieu"]}
        return options
