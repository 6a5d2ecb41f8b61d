"""The five real plans, transcribed clause by clause: loading and validation.

Pure Python (no Django import), so the campaigns app, management commands, the rules
engine and tests can all read the same packaged YAML files in
``thidua/campaigns/seeds/<code>.yaml``. The schema is documented in
``docs/seed-plans.md``.

``validate_plan`` applies the same checks the product applies to a plan typed in by a
campaign owner, and returns the problems as Vietnamese sentences (an empty list means
the plan is valid).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from thidua.rules import catalogue

SEED_PACKAGE = "thidua.campaigns.seeds"

# Stable codes of the five demo campaigns, in the order of their source files.
PLAN_CODES: tuple[str, ...] = (
    "DNO-CCHC-2022-2025",
    "TNA-CCHC-2023",
    "KG-CCHC-2021-2025",
    "BDT-CCHC-2021-2025",
    "HG-CCHC-2021-2025",
)

# Unit categories of the demo organisation (quotas are set per category, 002 §IV.2.1).
UNIT_CATEGORIES: dict[str, str] = {
    "tinh": "Tỉnh",
    "so-nganh": "Sở, ban, ngành tỉnh",
    "huyen": "Huyện, thành phố thuộc tỉnh",
    "xa": "Xã, phường, thị trấn",
    "phong": "Phòng, ban chuyên môn",
    "co-quan-chuyen-trach-tinh": "Cơ quan chuyên trách tham mưu CCHC của tỉnh",
    "phong-noi-vu-huyen": "Phòng Nội vụ cấp huyện",
}

DOC_TYPES = ("KẾ HOẠCH", "CHƯƠNG TRÌNH")

KINDS: dict[str, str] = {
    "annual": "hằng năm",
    "phase": "giai đoạn",
    "annual_and_phase": "hằng năm và giai đoạn",
    "thematic": "chuyên đề",
}

SUBJECTS: dict[str, str] = {
    "collective": "tập thể",
    "individual": "cá nhân",
    "both": "tập thể và cá nhân",
}

SCOPES: dict[str, str] = {
    "annual": "hằng năm",
    "phase": "giai đoạn",
    "mid_term": "sơ kết",
    "final": "tổng kết",
}

# Award-form catalogue: what kind of commendation, whoever grants it.
CATALOGUE: dict[str, str] = {
    "flag_province": "Cờ thi đua của Ủy ban nhân dân tỉnh",
    "merit_prime_minister": "Bằng khen của Thủ tướng Chính phủ",
    "merit_province_chairman": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "giay_khen_department": "Giấy khen của Giám đốc sở, Thủ trưởng ban, ngành tỉnh",
    "giay_khen_unit_head": "Giấy khen của Thủ trưởng cơ quan, đơn vị, địa phương",
    "giay_khen_district": "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
    "giay_khen_commune": "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
    "higher_level_proposal": "Đề nghị cấp trên khen thưởng",
}

MILESTONE_BOUNDS = ("on_or_before", "before", "on_day", "from_day")

# Quota kinds: exactly one of these keys is present in a quota.
QUOTA_KINDS = ("count", "percent", "per_collective", "total", "all_qualifying", "determined_by")

# Lists whose every element must carry a clause ("§…").
CLAUSED_LISTS = (
    "outline",
    "legal_bases",
    "purposes",
    "requirements",
    "contents",
    "contests",
    "criteria",
    "award_forms",
    "standards",
    "quotas",
    "quota_provisos",
    "milestones",
    "dossier_components",
    "dossier_rules",
    "responsibilities",
    "deferred",
    "closing",
    "annexes",
)

_LIST_LABELS: dict[str, str] = {
    "outline": "Đề mục",
    "legal_bases": "Căn cứ",
    "purposes": "Mục đích",
    "requirements": "Yêu cầu",
    "contents": "Nội dung thi đua",
    "contests": "Cuộc thi",
    "criteria": "Tiêu chí thi đua",
    "award_forms": "Hình thức khen thưởng",
    "standards": "Tiêu chuẩn khen thưởng",
    "quotas": "Số lượng khen thưởng",
    "quota_provisos": "Lưu ý về số lượng khen thưởng",
    "milestones": "Mốc thời gian",
    "dossier_components": "Thành phần hồ sơ",
    "dossier_rules": "Quy định về hồ sơ",
    "responsibilities": "Tổ chức thực hiện",
    "deferred": "Nội dung quy định sau",
    "closing": "Phần kết",
    "annexes": "Phụ lục",
}

_CLAUSE_RE = re.compile(r"^§\S")
_BOLD_RE = re.compile(r"\*\*")
_WS_RE = re.compile(r"\s+")


# --------------------------------------------------------------------------- loading


def _seed_dir() -> Any:
    return resources.files(SEED_PACKAGE)


def load_seed_plans() -> list[dict[str, Any]]:
    """All seed plans, parsed from the packaged YAML files, in source-file order."""
    plans: list[dict[str, Any]] = []
    for entry in _seed_dir().iterdir():
        name = entry.name
        if not name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{name}: tệp kế hoạch mẫu phải là một ánh xạ YAML")
        if data.get("code") != name.removesuffix(".yaml"):
            raise ValueError(f"{name}: mã kế hoạch “{data.get('code')}” khác tên tệp")
        plans.append(data)
    plans.sort(key=lambda p: str(p.get("source", "")))
    return plans


def load_seed_plan(code: str) -> dict[str, Any]:
    """One seed plan by its code (``KeyError`` if there is none)."""
    for plan in load_seed_plans():
        if plan["code"] == code:
            return plan
    raise KeyError(code)


class PlanRulesError(ValueError):
    """A seed plan's standards and the rules catalogue disagree (Vietnamese message)."""


def catalogue_key(plan: Mapping[str, Any]) -> str:
    """The plan's key in thidua.rules.catalogue: the number of its source file ("002")."""
    return str(plan.get("source", ""))[:3]


def plan_rules(plan: Mapping[str, Any]) -> dict[str, str]:
    """Standard code -> its rule text from thidua/rules/catalogue.

    Rules are matched by code, so a plan whose catalogue exists must name each standard by the
    catalogue's code: a standard without a rule would silently give no list (issue 10: Hà
    Giang's mid-term individual standard). A standard that no data can decide (a head's
    Giấy khen "theo quy định của Luật") says so in `no_rule`, with the reason. Anything else
    raises PlanRulesError naming the standard and the catalogue's codes for the same clause.
    A plan with no catalogue file has no rules (its owner writes them).
    """
    key = catalogue_key(plan)
    if key not in catalogue.PLANS:
        return {}
    entries = catalogue.entries(key)  # a catalogue that does not parse raises its own error
    rules = {entry.code: entry for entry in entries}
    problems = []
    for standard in plan.get("standards") or []:
        code, clause = standard.get("code"), str(standard.get("clause") or "")
        if code in rules:
            if standard.get("no_rule"):
                problems.append(f"Tiêu chuẩn “{code}” ({clause}) ghi “không có quy tắc” nhưng "
                                f"danh mục {catalogue.PLANS[key]} có quy tắc cho mã này.")
            continue
        if str(standard.get("no_rule") or "").strip():
            continue
        same_clause = [e.code for e in entries
                       if clause and e.clause.split(" ", 1)[-1].split(",")[0].strip() == clause
                       and e.code not in {s.get("code") for s in plan.get("standards") or []}]
        hint = (f"; danh mục có {', '.join(same_clause)} cho cùng điều khoản: hãy dùng đúng mã"
                if same_clause else "; hãy thêm quy tắc vào danh mục, hoặc ghi lý do không có "
                "quy tắc (no_rule) trong kế hoạch mẫu")
        problems.append(f"Tiêu chuẩn “{code}” ({clause}) của kế hoạch {plan.get('code')} không "
                        f"có quy tắc trong danh mục {catalogue.PLANS[key]}{hint}.")
    if problems:
        raise PlanRulesError("\n".join(problems))
    return {code: entry.text for code, entry in rules.items()}


def with_rules(plan: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the plan whose standards carry their rule text (plan_rules; raises the same)."""
    rules = plan_rules(plan)
    return {**plan, "standards": [
        {**s, "rule_text": rules[s["code"]]} if s.get("code") in rules else dict(s)
        for s in plan.get("standards") or []]}


def source_path(plan: Mapping[str, Any]) -> Path:
    """Where the Vietnamese original of ``plan`` is kept (``seeds/sources/``)."""
    return Path(str(_seed_dir())) / "sources" / str(plan["source"])


def source_text(plan: Mapping[str, Any]) -> str:
    """The Vietnamese original the plan was transcribed from, as stored."""
    return source_path(plan).read_text(encoding="utf-8")


def normalise_text(text: str) -> str:
    """The only normalisation allowed in transcription: markdown bold markers and whitespace.

    Italic markers (``*…*``) of the original are kept in the transcription.
    """
    return _WS_RE.sub(" ", _BOLD_RE.sub("", text)).strip()


def display_text(text: str) -> str:
    """Text for a plain screen: italic markers of the original removed, whitespace kept."""
    return text.replace("*", "")


def format_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ------------------------------------------------------------------------ traversal


def iter_claused(plan: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every element of the plan that must name its source clause, with its list name."""
    for key in CLAUSED_LISTS:
        for element in plan.get(key) or []:
            if not isinstance(element, Mapping):
                continue
            yield key, element
            yield from _iter_nested(key, element)
    targets = plan.get("targets")
    if isinstance(targets, Mapping):
        yield "targets", targets
        for subject in ("collective", "individual"):
            part = targets.get(subject)
            if isinstance(part, Mapping):
                yield "targets", part
                for item in part.get("items") or []:
                    yield "targets", item
    period = plan.get("period")
    if isinstance(period, Mapping):
        yield "period", period
    enacting = plan.get("enacting_clause")
    if isinstance(enacting, Mapping):
        yield "legal_bases", enacting


def _iter_nested(key: str, element: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for child_key in ("items", "parts", "provisos"):
        for child in element.get(child_key) or []:
            if isinstance(child, Mapping):
                yield key, child
                yield from _iter_nested(key, child)
    preamble = element.get("preamble")
    if isinstance(preamble, Mapping):
        yield key, preamble


def verbatim_strings(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(path, text) for every field that must be verbatim from the original.

    Verbatim fields: ``text``, ``title``, ``party``, ``theme``, ``place_date_line``,
    ``refs`` items, ``recipients`` items, annex strings, and ``name`` unless the same
    mapping says ``name_inferred: true``.
    """
    yield from _verbatim("", plan)


_VERBATIM_KEYS = {
    "text",
    "title",
    "party",
    "theme",
    "place",
    "place_date_line",
    "number_symbol",
    "subtitle",
    "value",
    "authority_line",
    "title_line",
    "signer",
}
_VERBATIM_LIST_KEYS = {"refs", "recipients", "columns", "lines", "footnotes", "placeholders"}
_ANNEX_VERBATIM_KEYS = {"left", "motto", "slogan", "label", "signature", "addressee", "cell"}


def _verbatim(path: str, node: Any, in_annex: bool = False) -> Iterator[tuple[str, str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            sub = f"{path}.{key}" if path else str(key)
            annex = in_annex or key == "annexes"
            if isinstance(value, str):
                if key in _VERBATIM_KEYS or (annex and key in _ANNEX_VERBATIM_KEYS):
                    yield sub, value
                elif key == "name" and not node.get("name_inferred"):
                    yield sub, value
            elif isinstance(value, list) and key in _VERBATIM_LIST_KEYS:
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield f"{sub}[{i}]", item
                    else:
                        yield from _verbatim(f"{sub}[{i}]", item, annex)
            else:
                yield from _verbatim(sub, value, annex)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _verbatim(f"{path}[{i}]", item, in_annex)


# ----------------------------------------------------------------------- validation


def _label(element: Mapping[str, Any]) -> str:
    for key in ("code", "label", "name", "title", "letter", "award_form", "party", "text"):
        value = element.get(key)
        if isinstance(value, str) and value.strip():
            value = _WS_RE.sub(" ", value).strip()
            return value if len(value) <= 60 else value[:57] + "…"
    return "(không tên)"


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _target_categories(plan: Mapping[str, Any]) -> set[str]:
    targets = plan.get("targets") or {}
    collective = targets.get("collective") or {}
    found = set(collective.get("categories") or [])
    for item in collective.get("items") or []:
        found.update(item.get("categories") or [])
    return found


def validate_plan(plan: Mapping[str, Any]) -> list[str]:
    """Problems in a plan, as Vietnamese sentences; an empty list means it is valid."""
    errors: list[str] = []
    errors += _check_header(plan)
    errors += _check_clauses(plan)
    errors += _check_period_and_milestones(plan)
    errors += _check_criteria(plan)
    forms = _check_award_forms(plan, errors)
    errors += _check_standards(plan, forms)
    errors += _check_quotas(plan, forms)
    return errors


def _check_header(plan: Mapping[str, Any]) -> list[str]:
    errors = []
    for key, label in (
        ("code", "mã kế hoạch"),
        ("source", "tệp nguồn"),
        ("issuer_unit_code", "mã đơn vị ban hành"),
        ("issuing_body", "cơ quan ban hành"),
        ("title", "trích yếu"),
    ):
        if not str(plan.get(key) or "").strip():
            errors.append(f"Kế hoạch thiếu {label}.")
    if plan.get("doc_type") not in DOC_TYPES:
        errors.append(
            f"Loại văn bản “{plan.get('doc_type')}” không hợp lệ (chỉ nhận KẾ HOẠCH hoặc CHƯƠNG TRÌNH)."
        )
    if plan.get("kind") not in KINDS:
        errors.append(f"Loại phong trào “{plan.get('kind')}” không hợp lệ.")
    if plan.get("issued_on") is None and not plan.get("issued_on_note"):
        errors.append("Kế hoạch chưa có ngày ban hành thì phải ghi chú lý do (issued_on_note).")
    if plan.get("number_symbol") is None and not plan.get("number_symbol_note"):
        errors.append("Kế hoạch chưa có số, ký hiệu thì phải ghi chú lý do (number_symbol_note).")
    return errors


def _check_clauses(plan: Mapping[str, Any]) -> list[str]:
    errors = []
    for key, element in iter_claused(plan):
        clause = element.get("clause")
        where = _LIST_LABELS.get(key, "Đối tượng thi đua" if key == "targets" else "Thời gian")
        if not isinstance(clause, str) or not clause.strip():
            errors.append(f"{where} “{_label(element)}” thiếu điều khoản nguồn (§…).")
        elif not _CLAUSE_RE.match(clause):
            errors.append(f"{where} “{_label(element)}”: điều khoản nguồn “{clause}” phải bắt đầu bằng “§”.")
    return errors


def _check_period_and_milestones(plan: Mapping[str, Any]) -> list[str]:
    errors: list[str] = []
    period = plan.get("period") or {}
    start, end = _as_date(period.get("start")), _as_date(period.get("end"))
    if start is None or end is None:
        errors.append("Thời gian thi đua phải có ngày bắt đầu và ngày kết thúc.")
        return errors
    if start > end:
        errors.append(
            f"Thời gian thi đua không hợp lệ: ngày bắt đầu {format_date(start)} sau ngày kết "
            f"thúc {format_date(end)}."
        )
        return errors
    span = f"{format_date(start)} – {format_date(end)}"
    codes: set[str] = set()
    for milestone in plan.get("milestones") or []:
        name = _label(milestone)
        clause = milestone.get("clause") or "?"
        code = milestone.get("code")
        if code in codes:
            errors.append(f"Mốc thời gian “{code}” ({clause}) bị trùng mã.")
        codes.add(code)
        timings = [k for k in ("date", "window", "relative", "recurring") if milestone.get(k)]
        if len(timings) != 1:
            errors.append(
                f"Mốc thời gian “{name}” ({clause}) phải có đúng một cách xác định thời gian "
                "(ngày, khoảng thời gian, tương đối hoặc định kỳ)."
            )
            continue
        bound = milestone.get("bound", "on_or_before")
        if bound not in MILESTONE_BOUNDS:
            errors.append(f"Mốc thời gian “{name}” ({clause}): giới hạn “{bound}” không hợp lệ.")
        days: list[date | None] = []
        if timings[0] == "date":
            day = _as_date(milestone["date"])
            if day is not None and bound == "before":
                day -= timedelta(days=1)  # "trước ngày X": the last allowed day is X - 1
            days = [day]
        elif timings[0] == "window":
            window = milestone["window"]
            days = [_as_date(window.get("start")), _as_date(window.get("end"))]
        for day in days:
            if day is None:
                errors.append(f"Mốc thời gian “{name}” ({clause}) có ngày không hợp lệ.")
            elif not start <= day <= end:
                errors.append(
                    f"Mốc thời gian “{name}” ({clause}) ngày {format_date(day)} nằm ngoài thời "
                    f"gian thi đua ({span})."
                )
    return errors


def _check_criteria(plan: Mapping[str, Any]) -> list[str]:
    errors = []
    seen: dict[tuple[str, str], str] = {}
    for criterion in plan.get("criteria") or []:
        subject = criterion.get("subject")
        clause = criterion.get("clause") or "?"
        if subject not in ("collective", "individual"):
            errors.append(f"Tiêu chí ({clause}) có đối tượng “{subject}” không hợp lệ.")
            continue
        letter = str(criterion.get("letter") or "").strip()
        if not letter:
            errors.append(f"Tiêu chí ({clause}) thiếu ký hiệu (a, b, c…).")
            continue
        if not str(criterion.get("text") or "").strip():
            errors.append(f"Tiêu chí {letter}) ({clause}) thiếu nội dung.")
        key = (subject, letter)
        if key in seen:
            errors.append(
                f"Tiêu chí {letter}) đối với {SUBJECTS[subject]} bị dùng hai lần ({seen[key]} và {clause})."
            )
        else:
            seen[key] = clause
    return errors


def _check_award_forms(plan: Mapping[str, Any], errors: list[str]) -> dict[str, Mapping[str, Any]]:
    forms: dict[str, Mapping[str, Any]] = {}
    for form in plan.get("award_forms") or []:
        code = form.get("code")
        clause = form.get("clause") or "?"
        if not code:
            errors.append(f"Hình thức khen thưởng ({clause}) thiếu mã.")
            continue
        if code in forms:
            errors.append(f"Hình thức khen thưởng “{code}” ({clause}) bị trùng mã.")
        forms[code] = form
        if form.get("catalogue") not in CATALOGUE:
            errors.append(
                f"Hình thức khen thưởng “{code}” ({clause}): loại “{form.get('catalogue')}” "
                "không có trong danh mục."
            )
        if form.get("subject") not in SUBJECTS:
            errors.append(f"Hình thức khen thưởng “{code}” ({clause}): đối tượng không hợp lệ.")
        if form.get("scope") not in SCOPES:
            errors.append(f"Hình thức khen thưởng “{code}” ({clause}): phạm vi không hợp lệ.")
    return forms


def _check_standards(plan: Mapping[str, Any], forms: Mapping[str, Mapping[str, Any]]) -> list[str]:
    errors = []
    targets = _target_categories(plan)
    codes: set[str] = set()
    for standard in plan.get("standards") or []:
        code = standard.get("code") or "(không mã)"
        clause = standard.get("clause") or "?"
        if code in codes:
            errors.append(f"Tiêu chuẩn “{code}” ({clause}) bị trùng mã.")
        codes.add(code)
        refs = [standard.get("award_form"), *(standard.get("also_award_forms") or [])]
        for ref in refs:
            if ref not in forms:
                errors.append(
                    f"Tiêu chuẩn “{code}” ({clause}) tham chiếu hình thức khen thưởng “{ref}” "
                    "không có trong kế hoạch."
                )
                continue
            form_subject = str(forms[ref].get("subject"))
            subject = str(standard.get("subject"))
            if form_subject != "both" and form_subject != subject:
                errors.append(
                    f"Tiêu chuẩn “{code}” ({clause}) dành cho {SUBJECTS.get(subject, '?')} "
                    f"nhưng hình thức “{ref}” dành cho {SUBJECTS.get(form_subject, '?')}."
                )
        if standard.get("subject") not in SUBJECTS:
            errors.append(f"Tiêu chuẩn “{code}” ({clause}) có đối tượng không hợp lệ.")
        if not str(standard.get("text") or "").strip() and not standard.get("parts"):
            errors.append(f"Tiêu chuẩn “{code}” ({clause}) thiếu nội dung.")
        several = standard.get("parts") or standard.get("criteria_refs")
        if several and standard.get("combine") not in ("any", "all"):
            errors.append(
                f"Tiêu chuẩn “{code}” ({clause}) có nhiều điều kiện thì phải ghi cách kết hợp "
                "(any: đạt một trong; all: đạt tất cả)."
            )
        letters = {
            str(c.get("letter"))
            for c in plan.get("criteria") or []
            if c.get("subject") == standard.get("subject")
        }
        for letter in standard.get("criteria_refs") or []:
            if str(letter) not in letters:
                errors.append(
                    f"Tiêu chuẩn “{code}” ({clause}) dẫn chiếu tiêu chí {letter}) không có trong kế hoạch."
                )
        for category in standard.get("categories") or []:
            if category not in targets:
                errors.append(
                    f"Tiêu chuẩn “{code}” ({clause}) áp dụng cho khối “{category}” không thuộc "
                    "đối tượng thi đua của kế hoạch."
                )
    return errors


def _check_quotas(plan: Mapping[str, Any], forms: Mapping[str, Mapping[str, Any]]) -> list[str]:
    errors = []
    targets = _target_categories(plan)
    for quota in plan.get("quotas") or []:
        clause = quota.get("clause") or "?"
        ref = quota.get("award_form")
        if ref not in forms:
            errors.append(
                f"Số lượng khen thưởng ({clause}) tham chiếu hình thức khen thưởng “{ref}” "
                "không có trong kế hoạch."
            )
        category = quota.get("category")
        if category is not None:
            if category not in UNIT_CATEGORIES:
                errors.append(f"Số lượng khen thưởng ({clause}): khối “{category}” không tồn tại.")
            elif category not in targets:
                errors.append(
                    f"Số lượng khen thưởng ({clause}) dành cho khối “{category}” không thuộc "
                    "đối tượng thi đua của kế hoạch."
                )
        kinds = [k for k in QUOTA_KINDS if quota.get(k) not in (None, False)]
        if len(kinds) != 1:
            errors.append(
                f"Số lượng khen thưởng ({clause}) phải ghi đúng một cách tính (số lượng, tỷ lệ, "
                "số cá nhân mỗi tập thể, tổng số, tất cả tập thể đạt chuẩn, hoặc cấp quyết định)."
            )
            continue
        value = quota[kinds[0]]
        if kinds[0] in ("count", "per_collective", "total") and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            errors.append(f"Số lượng khen thưởng ({clause}) phải là số nguyên không âm.")
        if kinds[0] == "percent" and (
            not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 100
        ):
            errors.append(f"Tỷ lệ khen thưởng ({clause}) phải lớn hơn 0 và không quá 100%.")
    return errors
