"""Eligibility of a campaign's candidates: the campaign's standards evaluated on the facts.

    run = eligibility_run(campaign=c, phase=True)           # the 2021–2025 standards, in 2025
    run = eligibility_run(campaign=c, year=2023)             # the annual standards of 2023
    run.result["KG-P-FLAG"].selected()                       # codes within quota, best first
    for record in run_records(run): ...                      # docs/eligibility-json.md
    run = eligibility_run(campaign=c, phase=True, quotas={"KG-P-FLAG": {"xa": 4}})   # what-if
    run = eligibility_run(campaign=c, phase=True, thresholds=[("KG-P-FLAG", "3", "2 năm")])
    run.diffs["KG-P-FLAG"].entered_selected, run.what_if      # who moved; the what-if in words

A run reads the database (thidua.results.facts), evaluates with the rules engine (thidua.rules)
and keeps the outcome in memory; the page's runs are stored by thidua.eligibility.jobs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import polars as pl

from thidua.core.safe_export import append_row
from thidua.core.text import fold, vn_number
from thidua.eligibility.selectors import category_names, code_names, plain
from thidua.results.facts import FetchReport, Progress, build_facts, frames_needed
from thidua.results.models import ResultRound
from thidua.rules import (
    CampaignResult,
    Diff,
    RuleError,
    RuleSet,
    RuleSyntaxError,
    StandardResult,
    describe_override,
    evaluate,
    parse,
    prepare,
    threshold_override,
    what_if,
)
from thidua.rules.ast import Condition, MemberShare, PerYear, children
from thidua.rules.explain import find_row, record_of_row

PHASE_SCOPES = {"phase", "final", "mid_term", ""}
ANNUAL_SCOPES = {"annual", ""}
SUMMARY_LIMIT = 2_000  # rows per standard kept for the page (eligible first, then near misses)
LOOKBACK_YEARS = 5  # years read before a period: a new period reads the previous one


class EligibilityError(Exception):
    """A campaign that cannot be evaluated (no rules, a rule with an error…); message in Vietnamese."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _quiet(step: str, done: int, total: int) -> None:
    del step, done, total


# The steps a run reports (the fetch names its queries), as the officer reads them.
EVALUATION_STEPS = {"chuẩn bị dữ liệu", "đánh giá tiêu chuẩn", "xong"}
_STEP_LABELS = {
    "units": "đọc danh sách đơn vị", "unit_years": "đọc kết quả Chỉ số CCHC",
    "person_years": "đọc xếp loại cán bộ", "memberships": "đọc quá trình công tác",
    "people": "đọc danh sách cán bộ", "discipline": "đọc kỷ luật",
    "lineage": "đọc sáp nhập, chia tách đơn vị", "female_share": "đọc tỷ lệ nữ",
    "registrations": "đọc đăng ký thi đua", "initiatives": "đọc sáng kiến",
    "prizes": "đọc giải thưởng cuộc thi", "awards": "đọc khen thưởng đã nhận",
    "chuẩn bị dữ liệu": "chuẩn bị dữ liệu", "đánh giá tiêu chuẩn": "đánh giá các tiêu chuẩn",
    "xong": "tổng hợp kết quả",
}


def step_label(step: str) -> str:
    """A progress step in words; a fetch query without its own label is "reading data"."""
    return _STEP_LABELS.get(step, "đọc dữ liệu")


# --- the campaign's rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class StandardInfo:
    code: str
    title: str
    clause: str
    subject: str  # collective | individual
    scope: str  # annual | phase | mid_term | final | ""
    quota: str  # the quota as written, for the page
    ranking: str = ""  # the ranking key, as the officer reads it


def campaign_rules(campaign: Any) -> tuple[RuleSet, dict[str, str]]:
    """The campaign's standards that have a rule text, parsed together (they may refer to each
    other), and each standard's scope (annual, phase…). A faulty text names its standard."""
    standards = list(campaign.standards.exclude(rule_text="").order_by("position", "id"))
    if not standards:
        raise EligibilityError("Phong trào chưa có tiêu chuẩn nào được viết thành quy tắc "
                               "(ngôn ngữ tiêu chuẩn), nên chưa xét được.")
    start, end = campaign.period_start.year, campaign.period_end.year
    lines = [f"giai đoạn {start}..{end}", ""]
    owners: list[tuple[int, str]] = []
    for standard in standards:
        owners.append((len(lines) + 1, standard.code))
        lines += [*standard.rule_text.rstrip().splitlines(), ""]
    try:
        rules = parse("\n".join(lines))
    except RuleSyntaxError as exc:
        owner = next((code for first, code in reversed(owners) if exc.line >= first), "")
        first_line = dict((c, f) for f, c in owners).get(owner, 1)
        where = f"tiêu chuẩn {owner}, dòng {exc.line - first_line + 1}" if owner else "quy tắc"
        raise EligibilityError(f"Lỗi ở {where}: {exc.message}") from exc
    return rules, {s.code: s.scope or "" for s in standards}


def standards_of(rules: RuleSet, scopes: Mapping[str, str], *, phase: bool) -> list[str]:
    wanted = PHASE_SCOPES if phase else ANNUAL_SCOPES
    return [s.code for s in rules.standards if scopes.get(s.code, "") in wanted]


def describe(rules: RuleSet, scopes: Mapping[str, str]) -> list[StandardInfo]:
    out = []
    for s in rules.standards:
        parts = [f"khối {c} {a}" for c, a in s.quota.per_category]
        if s.quota.every_category is not None:
            parts.append(f"mỗi khối {s.quota.every_category}")
        if s.quota.per_unit:
            parts.append(f"mỗi đơn vị {s.quota.per_unit}")
        if s.quota.total:
            parts.append(f"tổng không quá {s.quota.total}")
        out.append(StandardInfo(s.code, s.title, s.clause, s.subject, scopes.get(s.code, ""),
                                ", ".join(parts) or "không giới hạn", ranking_text(s)))
    return out


def ranking_text(standard: Any) -> str:
    """The key candidates are ranked by within the quota, in the standard's own words."""
    keys = [k.text.strip() for k in standard.order if k.text.strip()]
    if not keys:
        return "không có tiêu chí xếp hạng; bằng nhau thì theo thứ tự mã"
    return "; ".join(keys)


# --- what-if on thresholds ---------------------------------------------------------------------


def conditions_of(rules: RuleSet, code: str) -> Iterator[Condition]:
    """Every numbered condition of a standard, in the order the explanation prints them."""
    stack: list[Condition] = list(reversed(children(rules[code].condition)))
    while stack:
        node = stack.pop()
        if node.cid:
            yield node
        stack.extend(reversed(children(node)))


@dataclass(frozen=True)
class Quantified:
    """A condition read over years with a number: "ít nhất N năm", "N năm liên tiếp"."""

    standard: str
    cid: str
    text: str
    kind: str  # at_least | in_a_row
    n: int


def quantified_conditions(rules: RuleSet, codes: Iterable[str]) -> list[Quantified]:
    out = []
    for code in codes:
        for node in conditions_of(rules, code):
            quant = getattr(node, "quant", None) if isinstance(node, PerYear | MemberShare) \
                else None
            if quant is not None and quant.kind in ("at_least", "in_a_row"):
                out.append(Quantified(code, node.cid, node.text, quant.kind, quant.n))
    return out


@dataclass(frozen=True)
class QuotaGroup:
    """One number of a standard's quota as the officer reads it: a category («Xã, phường, thị
    trấn»), every category, every unit or the total, with the plan's amount (None: no limit)."""

    key: str  # the what-if key: a category code written with "_", total, per_unit, every_category
    label: str
    amount: int | float | None
    percent: bool = False  # the amount is a share (%) of the category's size
    code: str = ""  # the category's code, when the group is a category


_GROUP_WORDS = {"total": ("Tổng", ("tong", "tong so", "tong cong")),
                "per_unit": ("Mỗi đơn vị", ("moi don vi",)),
                "every_category": ("Mỗi khối", ("moi khoi",))}


def _amount_value(amount: Any) -> tuple[int | float | None, bool]:
    if amount is None:
        return None, False
    if amount.percent is not None:
        return float(amount.percent), True
    return amount.count, False


def quota_groups(rules: RuleSet, code: str, names: Mapping[str, str]) -> list[QuotaGroup]:
    """The groups of a standard's quota, named: its categories (those it applies to without a
    number of their own too), every category, every unit, and the total."""
    standard = rules[code]
    quota = standard.quota
    groups: list[QuotaGroup] = []
    listed = dict(quota.per_category)
    for category in [*listed, *[c for c in standard.categories or () if c not in listed]]:
        value, percent = _amount_value(listed.get(category))
        groups.append(QuotaGroup(category.replace("-", "_"), names.get(category, category),
                                 value, percent, category))
    if quota.every_category is not None:
        value, percent = _amount_value(quota.every_category)
        groups.append(QuotaGroup("every_category", _GROUP_WORDS["every_category"][0], value,
                                 percent))
    if quota.per_unit is not None:
        groups.append(QuotaGroup("per_unit", _GROUP_WORDS["per_unit"][0], quota.per_unit))
    groups.append(QuotaGroup("total", _GROUP_WORDS["total"][0], quota.total))
    return groups


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def quota_group(groups: Sequence[QuotaGroup], text: str, *, standard: str = "") -> QuotaGroup:
    """The group an officer names, without accents, in full or by words of its name: «Xã,
    phường» for «UBND xã, phường, thị trấn, đặc khu», «xa phuong thi tran», «Tổng», or the
    category's code; words that fit two groups are refused. Refused in Vietnamese, naming the
    group typed."""
    wanted = _words(text)
    hits: list[QuotaGroup] = []
    for group in groups:
        label = _words(group.label)
        aliases = {label, _words(group.code), _words(group.key),
                   *_GROUP_WORDS.get(group.key, ("", ()))[1]}
        if wanted and (wanted in aliases or f" {wanted} " in f" {label} "):
            hits.append(group)
    if len(hits) == 1:
        return hits[0]
    known = "; ".join(f"«{g.label}»" for g in groups)
    where = f" của tiêu chuẩn «{standard}»" if standard else ""
    if hits:
        raise EligibilityError(f"«{text.strip()}» trùng với nhiều khối chỉ tiêu{where}: "
                               f"{'; '.join(f'«{g.label}»' for g in hits)}. Hãy ghi đủ tên khối.")
    raise EligibilityError(f"Không có khối chỉ tiêu «{text.strip()}»{where}. Các khối: {known}.")


def standard_by_name(rules: RuleSet, text: str) -> str:
    """A standard named by its code or its title (accents optional); refused in Vietnamese."""
    wanted = _words(text)
    for standard in rules.standards:
        if wanted in (_words(standard.code), _words(standard.title or "")):
            return standard.code
    known = "; ".join(f"«{s.title or s.code}» (mã tiêu chuẩn {s.code})" for s in rules.standards)
    raise EligibilityError(f"Phong trào không có tiêu chuẩn «{text.strip()}». Các tiêu chuẩn: "
                           f"{known}.")


def _amount_text(value: int | float | None) -> str:
    if value is None:
        return "bỏ giới hạn"
    return f"{vn_number(value)} %" if isinstance(value, float) else str(value)


def quota_words(rules: RuleSet, code: str, changes: Mapping[str, int | float | None],
                names: Mapping[str, str]) -> str:
    """A quota what-if in words, the standard by its title and each group by its name:
    «Giả định: Cờ thi đua của UBND tỉnh, chỉ tiêu khối «Xã, phường, thị trấn» 4, tổng không
    quá 8»."""
    labels = {g.key: g.label for g in quota_groups(rules, code, names)}
    parts = []
    for key, value in changes.items():
        amount = _amount_text(value)
        if key == "total":
            parts.append(f"tổng không quá {amount}")
        elif key == "per_unit":
            parts.append(f"mỗi đơn vị {amount}")
        elif key == "every_category":
            parts.append(f"mỗi khối {amount}")
        else:
            category = key.replace("_", "-")
            label = labels.get(key) or names.get(category, category)
            parts.append(f"khối «{label}» {amount}")
    return f"Giả định: {rules[code].title or code}, chỉ tiêu {', '.join(parts)}"


# --- a run --------------------------------------------------------------------------------------


@dataclass
class EligibilityRun:
    campaign: Any
    phase: bool
    year: int  # the evaluation year (the period's last year for a phase)
    rules: RuleSet
    scopes: dict[str, str]
    codes: list[str]  # the standards asked for
    result: CampaignResult
    base: CampaignResult | None = None  # what-if: the run before the changes
    diffs: dict[str, Diff] = field(default_factory=dict)
    fetch: FetchReport = field(default_factory=FetchReport)
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    what_if: list[str] = field(default_factory=list)  # the changes assumed, in words

    @property
    def label(self) -> str:
        period = self.rules.period
        return f"giai đoạn {period}" if self.phase else f"năm {self.year}"

    def standards(self) -> list[StandardInfo]:
        info = {s.code: s for s in describe(self.result.rules, self.scopes)}
        return [info[c] for c in self.result.codes() if c in info and c in self.codes]


def eligibility_run(
    *, campaign: Any, year: int | None = None, phase: bool = False,
    standards: Iterable[str] | None = None, registered: str = "campaign",
    thresholds: Sequence[tuple[str, str, str]] | None = None,
    quotas: Mapping[str, Mapping[str, int | float | None]] | None = None,
    progress: Progress = _quiet, parallel: bool = True,
) -> EligibilityRun:
    """Evaluate the campaign's standards of a phase (phase=True) or of one year.

    thresholds [(standard, condition id, the officer's text: "2 năm", "khá", "85")] and quotas
    {standard: {category: n}} make it a what-if: the result has the changes, `base` and `diffs`
    the comparison, `what_if` the changes in words; nothing is saved.
    """
    rules, scopes = campaign_rules(campaign)
    period = rules.period
    if phase:
        year = period.end
    elif year is None:
        raise EligibilityError("Hãy chọn năm xét (--year) hoặc xét giai đoạn (--phase).")
    elif not period.start <= year <= period.end:
        raise EligibilityError(f"Năm {year} nằm ngoài thời gian thi đua {period}.")
    codes = list(standards) if standards else standards_of(rules, scopes, phase=phase)
    unknown = [c for c in codes if c not in rules.codes()]
    if unknown:
        raise EligibilityError(f"Phong trào không có tiêu chuẩn {', '.join(unknown)}.")
    if not codes:
        what = "giai đoạn" if phase else "hằng năm"
        raise EligibilityError(f"Phong trào không có tiêu chuẩn {what} nào được viết thành quy tắc.")
    # The what-if is read before the data: a threshold the officer mistyped fails at once.
    overrides: dict[tuple[str, ...], Any] = {}
    words: list[str] = []
    for code, cid, text in thresholds or ():
        if code not in rules.codes():
            raise EligibilityError(f"Phong trào không có tiêu chuẩn {code}.")
        try:
            key, value = threshold_override(rules, code, cid, text)
        except RuleError as exc:
            raise EligibilityError(f"Giả định cho {rules[code].title or code}, điều kiện {cid}: "
                                   f"{exc}") from exc
        overrides[key] = value
        words.append(f"Giả định: {describe_override(rules, key, value)}")
    names = category_names()
    for code, changes in (quotas or {}).items():
        if code not in rules.codes():
            raise EligibilityError(f"Phong trào không có tiêu chuẩn {code}.")
        words.append(quota_words(rules, code, changes, names))
    seconds: dict[str, float] = {}
    fetch = FetchReport()
    started = time.perf_counter()
    # Standards may read the years before the period: a 2026-2030 plan's first years read the
    # 2021-2025 results, of the merged units' predecessors too (issue 15, docs/lineage.md).
    facts = build_facts(years=range(period.start - LOOKBACK_YEARS, period.end + 1),
                        root=campaign.issuer,
                        campaign=campaign, registered=registered, parallel=parallel,
                        frames=frames_needed(rules, codes), progress=progress, report=fetch)
    seconds["fetch"] = time.perf_counter() - started
    started = time.perf_counter()
    progress("chuẩn bị dữ liệu", 0, 1)
    try:
        prepared = prepare(facts)
        # Read what the warnings need now, then let the raw frames go: the prepared tables
        # replace them, and at national scale they are hundreds of megabytes.
        warnings = _warnings(campaign, facts, rules, year)
        del facts
        seconds["prepare"] = time.perf_counter() - started
        started = time.perf_counter()
        progress("đánh giá tiêu chuẩn", 0, 1)
        result = evaluate(rules, prepared, evaluation_year=year, standards=codes)
        run = EligibilityRun(campaign, phase, year, rules, scopes, codes, result, fetch=fetch,
                             seconds=seconds, warnings=warnings,
                             options={"registered": registered})
        if overrides or quotas:
            after, diffs = what_if(result, thresholds=overrides or None, quotas=quotas)
            run.base, run.result, run.diffs = result, after, diffs
            run.what_if = words
            run.options.update({"thresholds": [list(t) for t in thresholds or ()],
                                "quotas": {k: dict(v) for k, v in (quotas or {}).items()}})
    except RuleError as exc:
        raise EligibilityError(f"Không xét được: {exc}") from exc
    seconds["evaluate"] = time.perf_counter() - started
    progress("xong", 1, 1)
    return run


def _warnings(campaign: Any, facts: Any, rules: RuleSet, year: int) -> list[str]:
    """What the officer should know before trusting the list."""
    out = []
    years = set(facts.unit_years["year"].unique().to_list()) if facts.unit_years.height else set()
    for y in rules.period.years():
        if y <= year and y not in years:
            out.append(f"Chưa có kết quả Chỉ số CCHC năm {y} trong phạm vi phong trào.")
    pending = ResultRound.objects.filter(
        year__in=[y for y in rules.period.years() if y <= year],
        evaluator__path__startswith=campaign.issuer.path, published=False)
    for r in pending.select_related("evaluator"):
        out.append(f"Kết quả năm {r.year} của {r.evaluator.name} chưa được công bố.")
    # A standard the plan states but nobody wrote as a rule is not on this list: say so, so
    # its absence is never read as "nobody qualifies".
    for standard in (campaign.standards.filter(rule_text="").select_related("award_form")
                     .order_by("position", "id")):
        out.append(f"Tiêu chuẩn {standard.award_form.name} (theo "
                   f"{standard.clause}) chưa được viết thành quy tắc nên không có trong danh "
                   "sách này: xét theo hồ sơ.")
    known = set(facts.units["category"].unique().to_list())
    for s in rules.standards:
        missing = [c for c in (s.categories or ()) if c not in known]
        if missing:
            out.append(f"Tiêu chuẩn {s.title or s.code} áp dụng cho khối {', '.join(missing)} nhưng không "
                       "có đơn vị nào thuộc khối đó.")
    return out


# --- records ------------------------------------------------------------------------------------


def _top_ids(run: EligibilityRun, code: str) -> list[str]:
    return [c.cid for c in run.rules[code].condition.children if c.cid]


def _rows(run: EligibilityRun, code: str, *, only: str | None = None,
          near_misses: bool = False, limit: int | None = None) -> pl.DataFrame:
    """Candidate rows of a standard: all, or only eligible/selected, optionally with the ones
    failing a single top-level condition; best ranked first."""
    frame = run.result[code].frame
    tops = [f"c:{cid}" for cid in _top_ids(run, code) if f"c:{cid}" in frame.columns]
    fails = pl.sum_horizontal([(~pl.col(c).fill_null(False)).cast(pl.Int32) for c in tops]) \
        if tops else pl.lit(0)
    frame = frame.with_columns(fails.alias("__fails"))
    if only in ("eligible", "selected"):
        keep = pl.col(only)
        if near_misses:
            keep = keep | (pl.col("__fails") == 1)
        frame = frame.filter(keep)
    sort = ["selected", "eligible", "q_rank" if "q_rank" in frame.columns else "__idx", "__fails"]
    frame = frame.sort(sort, descending=[True, True, False, False], nulls_last=True)
    return frame.head(limit) if limit else frame


def run_records(run: EligibilityRun, *, standards: Iterable[str] | None = None,
                only: str | None = None) -> Iterator[dict[str, Any]]:
    """One record per candidate and standard (docs/eligibility-json.md), best ranked first."""
    p = run.result.prepared
    for code in standards or [c for c in run.result.codes() if c in run.codes]:
        std = run.result[code]
        subject = run.rules[code].subject
        frame = _rows(run, code, only=only)
        work = frame["w.__idx"].to_list() if "w.__idx" in frame.columns else [None] * frame.height
        for record, w, idx in zip(StandardResult(std.standard, frame, run.result).records(), work,
                                  frame["__idx"].to_list(), strict=True):
            candidate = record["candidate"]
            record["subject"] = subject
            record["name"] = _name(p, subject, candidate, idx)
            if subject == "individual" and w is not None:
                record["unit"] = p.unit_code(w)
            yield record


def named_candidates(run: EligibilityRun, standard: str, codes: Iterable[str]) -> list[str]:
    """Candidates as a person reads them: «Xã Lũng Cú (P1-X1)» (the code tells apart two
    people of the same name)."""
    p, subject = run.result.prepared, run.rules[standard].subject
    out = []
    for code in codes:
        name = _name(p, subject, code)
        out.append(f"{name} ({code})" if name else code)
    return out


def _name(prepared: Any, subject: str, code: str, idx: int | None = None) -> str | None:
    """The candidate's name; `idx` is its row (uidx or pidx) when the caller has it, which
    spares building the index of every code (2.5 million people nationally)."""
    table = prepared.units if subject == "collective" else prepared.people
    if "name" not in table.columns:
        return None
    if idx is None:
        idx = prepared.index_of("unit" if subject == "collective" else "person", code)
    if idx is None:
        return None
    value = table["name"][idx]
    return str(value) if value is not None else None


def write_json(run: EligibilityRun, stream: IO[str], *, only: str | None = None,
               on_record: Callable[[int], None] | None = None) -> int:
    """The run as one JSON document, written record by record (national runs are large)."""
    header = {
        "format": "thidua-eligibility/1",
        "campaign": run.campaign.code,
        "mode": "phase" if run.phase else "year",
        "evaluation_year": run.year,
        "period": [run.rules.period.start, run.rules.period.end],
        "standards": [s.__dict__ for s in run.standards()],
        "what_if": run.what_if,
        "warnings": run.warnings,
    }
    text = json.dumps(header, ensure_ascii=False, indent=1)
    stream.write(text[:-2] + ',\n "records": [\n')
    count = 0
    for record in run_records(run, only=only):
        if count:
            stream.write(",\n")
        stream.write(json.dumps(record, ensure_ascii=False, default=str))
        count += 1
        if on_record is not None and count % 10_000 == 0:
            on_record(count)
    stream.write("\n ]\n}\n")
    return count


# --- the summary kept for the page ----------------------------------------------------------------


def summary(run: EligibilityRun, *, limit: int = SUMMARY_LIMIT) -> dict[str, Any]:
    """What the page shows: per standard its counts and the candidates worth reading (those who
    are eligible or miss a single condition), with their explanations; any other candidate is
    explained on request."""
    out: dict[str, Any] = {
        "campaign": run.campaign.code, "phase": run.phase, "year": run.year,
        "period": [run.rules.period.start, run.rules.period.end], "label": run.label,
        "warnings": run.warnings, "options": run.options, "what_if": run.what_if,
        "seconds": {k: round(v, 3) for k, v in run.seconds.items()},
        "standards": [], "rows": {}, "diffs": {},
    }
    p = run.result.prepared
    names, codes = category_names(), code_names(run.rules)
    out["warnings"] = [plain(w, names, codes) for w in run.warnings]
    out["what_if"] = [plain(w, names, codes) for w in run.what_if]
    for info in run.standards():
        frame = run.result[info.code].frame
        rows = _rows(run, info.code, only="eligible", near_misses=True, limit=limit)
        work = rows["w.__idx"].to_list() if "w.__idx" in rows.columns else [None] * rows.height
        # The engine explains the rows of a frame in one pass (no search per candidate).
        # The rules the result was evaluated with (a what-if's, not the campaign's).
        shown = StandardResult(run.result[info.code].standard, rows, run.result).records()
        items = [_item(p, info.subject, record, w, fails, names, codes, idx)
                 for record, w, fails, idx in zip(shown, work, rows["__fails"].to_list(),
                                                  rows["__idx"].to_list(), strict=True)]
        out["standards"].append({
            **info.__dict__, "quota": plain(info.quota, names, codes),
            "ranking": plain(info.ranking, names, codes), "candidates": frame.height,
            "eligible": int(frame["eligible"].sum()), "selected": int(frame["selected"].sum()),
            "shown": len(items),
        })
        out["rows"][info.code] = items
        if info.code in run.diffs:
            d = run.diffs[info.code]
            moved = {"entered_eligible": d.entered_eligible, "left_eligible": d.left_eligible,
                     "entered_selected": d.entered_selected, "left_selected": d.left_selected}
            out["diffs"][info.code] = {
                **moved, **{f"{k}_named": named_candidates(run, info.code, v)
                            for k, v in moved.items()}}
    return out


def _item(p: Any, subject: str, record: dict[str, Any], w: int | None,
          fails: int, names: Mapping[str, str] | None = None,
          codes: Mapping[str, str] | None = None, idx: int | None = None) -> dict[str, Any]:
    """A candidate's record as the page lists and explains it (stored with the run), with the
    categories, contests, award forms and standards named as people read them."""
    names = category_names() if names is None else names
    candidate = record["candidate"]
    quota = record["quota"] or {}
    if subject == "collective":
        uidx = p.index_of("unit", candidate) if idx is None else idx
        category = p.unit_value("category", uidx) if uidx is not None else None
    else:
        category = p.unit_value("category", w) if w is not None else None
    return {
        "code": candidate, "name": _name(p, subject, candidate, idx),
        "unit": p.unit_code(w) if w is not None else None,
        "unit_name": p.unit_name(w) if w is not None else None,
        "candidate_of_standard": record.get("candidate_of_standard", True),
        "eligible": record["eligible"], "selected": record["selected"],
        "rank": record["rank"],
        "group": names.get(str(category), category) if category is not None else None,
        "quota_note": plain(quota.get("note", ""), names, codes),
        "ranking": plain(quota.get("ranking", ""), names, codes),
        "fails": fails,
        "conditions": [{**{k: c[k] for k in ("id", "clause", "passed", "depth")},
                        "text": plain(c["text"], names, codes),
                        "explanation": plain(c["explanation"], names, codes)}
                       for c in record["conditions"]],
    }


def standard_item(run: EligibilityRun, standard: str, code: str) -> dict[str, Any]:
    """One candidate's item, as summary() gives the shown ones (any candidate, on request)."""
    result = run.result[standard]
    row = find_row(result, code)
    record = record_of_row(result, code, row)
    fails = sum(1 for c in record["conditions"] if c["depth"] == 1 and not c["passed"])
    w = row.get("w.__idx") if row is not None else None
    return _item(run.result.prepared, run.rules[standard].subject, record, w, fails,
                 codes=code_names(run.rules))


def explain(run: EligibilityRun, standard: str, candidate: str) -> str:
    return run.result[standard].explain(candidate)


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet's tab named by the standard's title: at most 31 characters, none of []:*?/\\,
    unique in the book."""
    base = re.sub(r"[\[\]:*?/\\]", " ", " ".join(title.split()))[:31].strip() or "Tiêu chuẩn"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:31 - len(str(n)) - 1]} {n}"
    used.add(name.lower())
    return name


def summary_xlsx(data: dict[str, Any], *, title: str) -> bytes:
    """The page's list as a workbook: a sheet per standard, then the notes."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter


    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    used: set[str] = {"thông tin"}  # the notes sheet
    for std in data["standards"]:
        sheet = book.create_sheet(_sheet_name(std.get("title") or std["code"], used))
        rows = data["rows"].get(std["code"], [])
        tops = [c for c in (rows[0]["conditions"] if rows else []) if c["depth"] == 1]
        header = ["Hạng", "Mã", "Tên", "Đơn vị công tác", "Khối", "Đủ tiêu chuẩn",
                  "Trong chỉ tiêu", "Chỉ tiêu, xếp hạng", *[f"{c['id']}. {c['text']}" for c in tops]]
        append_row(sheet, [f"{std['title'] or std['code']} (theo {std['clause']})"])
        append_row(sheet, [f"Ứng viên: {std['candidates']}; đủ tiêu chuẩn: {std['eligible']}; "
                           f"trong chỉ tiêu: {std['selected']}; chỉ tiêu: {std['quota']}; "
                           f"xếp hạng theo: {std.get('ranking') or '—'}."])
        append_row(sheet, header)
        for cell in sheet[3]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet["A1"].font = Font(bold=True, size=12)
        for row in rows:
            by_id = {c["id"]: c for c in row["conditions"]}
            append_row(sheet, [
                row["rank"], row["code"], row["name"] or "", row["unit_name"] or "",
                row["group"] or "", "có" if row["eligible"] else "không",
                "có" if row["selected"] else "không",
                " ".join(x for x in (row["quota_note"], row["ranking"]) if x),
                *[("Đạt: " if by_id[c["id"]]["passed"] else "Không đạt: ")
                  + by_id[c["id"]]["explanation"] if c["id"] in by_id else "" for c in tops],
            ])
        widths = [7, 16, 30, 30, 14, 10, 10, 50] + [40] * len(tops)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "C4"
    notes = book.create_sheet("Thông tin")
    append_row(notes, [title])
    append_row(notes, [f"Xét {data['label']}; số liệu lấy từ cơ sở dữ liệu lúc lập bảng."])
    if data.get("what_if"):
        append_row(notes, ["Đây là kết quả GIẢ ĐỊNH (what-if), không phải danh sách chính thức."])
        for words in data["what_if"]:
            append_row(notes, [words])
    for warning in data.get("warnings", []):
        append_row(notes, [f"Lưu ý: {warning}"])
    notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
