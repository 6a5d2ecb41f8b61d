"""Form of the eligibility page: the question (phase or year, registration, what-if) and filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict

from thidua.eligibility.services import Quantified, QuotaGroup, category_names, quota_groups
from thidua.rules import RuleError, threshold_override

LIST_FILTERS = [("", "Tất cả ứng viên"), ("du", "Đủ tiêu chuẩn"), ("chon", "Trong chỉ tiêu"),
                ("sat", "Sát nút (chỉ thiếu một điều kiện)"), ("khong", "Không đủ tiêu chuẩn")]
# The fields that make the question a run answers; the others only filter the list shown.
QUESTION = ("che_do", "dang_ky", "gd_tieu_chuan", "gd_dieu_kien", "gd_gia_tri")
# The fields that only filter the list shown: a bad one is refused by its field, the question
# (and the run it shows) still stands.
FILTERS = ("tieu_chuan", "loc", "khoi", "q")
YEARS_PREFIX = "so_nam_"
QUOTA_PREFIX = "chi_tieu_"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class EligibilityForm(forms.Form):
    """What to evaluate (phase or a year), how to filter the list, and an optional what-if:
    a threshold in the officer's words, per standard one number per quota group (named, not
    coded: «Xã, phường, thị trấn», «Tổng»; prefilled with the plan's quota), and per condition
    read over years ("ít nhất N năm", "N năm liên tiếp") its number of years."""

    che_do = forms.ChoiceField(label="Xét", required=False, choices=[])
    tieu_chuan = forms.ChoiceField(label="Tiêu chuẩn", required=False, choices=[])
    loc = forms.ChoiceField(label="Hiển thị", required=False, choices=LIST_FILTERS)
    khoi = forms.ChoiceField(label="Khối", required=False, choices=[], error_messages={
        "invalid_choice": "Khối «%(value)s» không có trong danh sách; hãy chọn một khối."})
    q = forms.CharField(label="Tìm mã, tên (không cần dấu)", required=False, max_length=120)
    dang_ky = forms.ChoiceField(label="Đăng ký thi đua", required=False, choices=[
        ("", "Theo danh sách đã đăng ký"), ("tat-ca", "Giả định mọi đơn vị, cá nhân đã đăng ký")])
    gd_tieu_chuan = forms.ChoiceField(label="Giả định cho tiêu chuẩn", required=False, choices=[])
    gd_dieu_kien = forms.CharField(label="Điều kiện số (vd. 3 hoặc 2.1)", required=False,
                                   max_length=20)
    gd_gia_tri = forms.CharField(label="Ngưỡng mới (vd. 2 năm, 85, khá)", required=False,
                                 max_length=40)

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
        # One number per quota group of each standard; a number left as the plan has it (or
        # emptied) assumes nothing.
        self.quota_fields: dict[str, tuple[str, str, QuotaGroup]] = {}
        self.quota_sets: list[tuple[str, str, list[str]]] = []
        names = category_names() if rules is not None else {}
        self._set("khoi", [("", "Tất cả"), *[(n, n) for n in group_names(rules, codes, names)]])
        for code in codes if rules is not None else ():
            fields = []
            for group in quota_groups(rules, code, names):
                name = f"{QUOTA_PREFIX}{code}_{group.key}"
                label = f"{group.label} (%)" if group.percent else group.label
                what = "một tỷ lệ từ 0 đến 100" if group.percent else "một số nguyên không âm"
                errors = {k: f"Chỉ tiêu «{group.label}» của «{titles.get(code, code)}» phải là "
                             f"{what}." for k in ("invalid", "min_value", "max_value")}
                field: forms.Field = (
                    forms.FloatField(label=label, required=False, min_value=0, max_value=100,
                                     error_messages=errors)
                    if group.percent else
                    forms.IntegerField(label=label, required=False, min_value=0,
                                       max_value=100_000, error_messages=errors))
                field.initial = group.amount
                field.widget.attrs["step"] = "any" if group.percent else "1"
                self.fields[name] = field
                self.quota_fields[name] = (code, group.key, group)
                fields.append(name)
            self.quota_sets.append((code, titles.get(code, code), fields))
        if self.is_bound:
            # A question asked without the quota numbers (a link, the filters) shows the plan's.
            missing = {name: _number(group.amount)
                       for name, (_, _, group) in self.quota_fields.items()
                       if name not in self.data and group.amount is not None}
            if missing:
                data = QueryDict(mutable=True)
                for key in self.data:
                    values = (self.data.getlist(key) if isinstance(self.data, QueryDict)
                              else [self.data[key]])
                    data.setlist(key, values)
                data.update(missing)
                self.data = data

    def question_valid(self) -> bool:
        """The question is well asked: the form is valid but for the list's filters."""
        return self.is_bound and (self.is_valid() or not set(self.errors) - set(FILTERS))

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
        return [*QUESTION, *self.quantified, *self.quota_fields]

    def quota_fieldsets(self) -> list[tuple[str, str, list[Any]]]:
        """Per standard (its code, its title) its quota numbers, as bound fields."""
        return [(code, title, [self[name] for name in names])
                for code, title, names in self.quota_sets if names]

    def question_pairs(self) -> list[tuple[str, str]]:
        """The question's parameters that say something: non-empty, and a quota number only
        where it differs from the plan's (the URL of a plain question stays short)."""
        pairs = []
        for name in self.question_names():
            value = str(self.data.get(name, "")).strip()
            if not value:
                continue
            if name in self.quota_fields:
                group = self.quota_fields[name][2]
                if group.amount is not None and value == _number(group.amount):
                    continue
            pairs.append((name, value))
        return pairs

    def quota_changes(self) -> dict[str, dict[str, int | float]]:
        """{standard: {group key: new amount}} for the numbers that differ from the plan."""
        out: dict[str, dict[str, int | float]] = {}
        for name, (code, key, group) in self.quota_fields.items():
            value = self.cleaned_data.get(name)
            if value is None or value == group.amount:
                continue
            out.setdefault(code, {})[key] = float(value) if group.percent else int(value)
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("gd_dieu_kien") and not data.get("gd_tieu_chuan"):
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
        quotas = self.quota_changes()
        if quotas:
            options["quotas"] = quotas
        return options


def group_names(rules: Any, codes: Sequence[str], names: dict[str, str]) -> list[str]:
    """The «Khối» a list can be filtered by, by the names the list shows: first the categories
    the standards' quotas name (in the plan's order), then every other category (a candidate's
    group is its unit's category, quota or not)."""
    out: list[str] = []
    for code in codes if rules is not None else ():
        for group in quota_groups(rules, code, names):
            if group.code and group.label not in out:
                out.append(group.label)
    return out + sorted({n for n in names.values() if n not in out})


def _number(value: int | float) -> str:
    """A quota amount as its input shows it: 3, 20.5 (a share)."""
    return f"{value:g}" if isinstance(value, float) else str(value)
