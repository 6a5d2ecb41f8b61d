"""Seeded demo results 2021–2025 for the demo organisation: every size, numpy and COPY.

For every province and year: the PAR INDEX of the units it scores (a latent quality per unit, a
trend and yearly noise), ranks within each category, classifications by the dated thresholds
(a stricter Kiên Giang version from 2024), SIPAS for some, the date the province recognised the
results; for every person working that year: a quality rating, the unit's attestations, a few
disciplines, recognised initiatives and contest prizes. Kiên Giang is then tuned so that its
standards give interesting lists: a tie at the departments' flag quota line, departments that
fail by a hair, two communes sharing the first rank.

Registered as the "results" demo loader (thidua.demo.registry), after the campaigns (whose
registered people get the ratings a candidate would have).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl
from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from thidua.campaigns.models import RegisteredPerson
from thidua.core.audit import Action, audit_bulk
from thidua.core.text import vn_duration
from thidua.demo.sizes import SIZES
from thidua.org.models import Unit
from thidua.org.selectors import lineage_graph
from thidua.results.facts import _Reader
from thidua.results.models import (
    COMPONENTS,
    AnnualResult,
    ClassificationThresholds,
    ContestPrize,
    Discipline,
    PersonRating,
    RecognisedInitiative,
    ResultRound,
)
from thidua.rules.vocab import CLASSIFICATION, DISCIPLINE, INITIATIVE_LEVEL, RATING

Log = Callable[[str], None]
YEARS = list(range(2021, 2026))
MAIN = "KGI"
NOTE = "Dữ liệu mẫu: kết quả đánh giá"
# Kiên Giang recognised each year's results on these days (the campaigns demo uses the same).
RECOGNISED_MAIN = {2021: date(2022, 2, 25), 2022: date(2023, 2, 24), 2023: date(2024, 2, 23),
                   2024: date(2025, 2, 21), 2025: date(2026, 2, 26)}
SCORED_KINDS = ("department", "district", "commune", "cchc_body")
CLS = list(CLASSIFICATION.codes)  # ordinal 0..4, worst first
RATING_CODES = list(RATING.codes)  # ordinal 0..3, worst first
DISCIPLINE_LEVELS = list(DISCIPLINE.codes[:5])  # no dismissal: the person stays in the data
LOCAL_LEVELS = list(INITIATIVE_LEVEL.codes[:3])  # recognised in the province, not centrally
DISCIPLINE_WEIGHTS = [0.6, 0.28, 0.06, 0.04, 0.02]
INITIATIVE_TITLES = (
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại bộ phận một cửa",
    "Mô hình “Cà phê doanh nhân” đối thoại với doanh nghiệp",
    "Tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến",
    "Ứng dụng mã QR tra cứu tiến độ giải quyết hồ sơ",
    "Quy trình nội bộ điện tử liên thông giữa các phòng chuyên môn",
    "Mô hình “Thứ Bảy vì dân” tiếp nhận hồ sơ ngoài giờ hành chính",
    "Sổ tay hướng dẫn thủ tục hành chính bằng tiếng Khmer",
    "Chấm điểm mức độ hài lòng của người dân bằng thiết bị điện tử",
    "Giải pháp rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất",
    "Mô hình chính quyền thân thiện, trả kết quả tại nhà",
)
CONTEST = "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính năm {year}"
PRIZES = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]
PRIZE_WEIGHTS = [0.05, 0.12, 0.23, 0.60]
# The units the demo logins answer for (thidua.demo.loader.DEMO_LOGINS) get the results Kiên
# Giang's standards read, so that each login has someone to nominate — facts, never a rule:
# so1 (Sở Dân tộc và Tôn giáo, carrying on the Ban Dân tộc) «tốt» every year and «xuất sắc»
# 2022–2025, a collective of the 2021–2025 phase (KG-P-FLAG/MERIT); xa1's ward carries on
# KGI-X003, which shares the communes' first rank in 2024 while its district is «xuất sắc»
# (KG-A-MERIT 2024, 002 §IV.1.2.a). "ex"/"good": a little above that year's band.
DEMO_LOGIN_RESULTS: dict[str, dict[int, str]] = {
    "KGI-BDT": {2021: "good", 2022: "ex", 2023: "ex", 2024: "ex"},
    "AGG-SDTTG": {2025: "ex"},
    "KGI-H01": {2024: "ex"},
}
FIRST_COMMUNE = ("KGI-X003", 2024)
# Their registered people: a rating of at least «Hoàn thành tốt nhiệm vụ», the unit's attestation
# of outstanding CCHC work and no discipline in these years (KG-P-IND, KG-A-IND).
DEMO_LOGIN_PEOPLE: dict[str, tuple[int, ...]] = {"KGI-BDT": tuple(YEARS), "KGI-X003": (2024,)}
# Demo thresholds: the national default, a stricter Kiên Giang version from 2024, Hà Giang's own.
THRESHOLDS: tuple[tuple[str | None, date, tuple[int, int, int, int], str], ...] = (
    (None, date(2021, 1, 1), (90, 80, 70, 50),
     "Ngưỡng chung (dữ liệu mẫu): xuất sắc từ 90 điểm, tốt từ 80, khá từ 70, trung bình từ 50"),
    (MAIN, date(2024, 1, 1), (92, 82, 70, 50),
     "Quyết định phê duyệt Bộ chỉ số CCHC các cơ quan, đơn vị tỉnh Kiên Giang (dữ liệu mẫu)"),
    ("HGI", date(2021, 1, 1), (88, 78, 65, 50),
     "Quyết định phê duyệt Chỉ số CCHC tỉnh Hà Giang giai đoạn 2021-2025 (dữ liệu mẫu)"),
)


def _quiet(message: str) -> None:
    del message


@dataclass
class DemoReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def load(ctx: Any) -> None:
    """Entry of `thidua demo` (thidua.demo.registry)."""
    spec = SIZES.get(ctx.size)
    load_demo_results(rng=ctx.rng("results"), per_row_audit=spec.audit_rows if spec else True,
                      log=ctx.log)


def load_demo_results(*, rng: np.random.Generator | None = None, seed: int = 2025,
                      per_row_audit: bool = True, log: Log = _quiet) -> DemoReport | None:
    """Generate and write the demo results; does nothing when they are already there."""
    rng = rng if rng is not None else np.random.default_rng([seed, 7])
    if not Unit.objects.filter(code=MAIN).exists():
        log("  chưa có tổ chức mẫu: bỏ qua kết quả đánh giá")
        return None
    if ResultRound.objects.filter(evaluator__code=MAIN).exists():
        log("  kết quả đánh giá mẫu đã có: giữ nguyên")
        return None
    started = time.perf_counter()
    report = DemoReport()
    with transaction.atomic():
        thresholds = _ensure_thresholds()
        units = _unit_frame()
        results = _unit_results(units, thresholds, rng)
        rounds = _write_rounds(results, units, rng)
        report.counts["kết quả Chỉ số CCHC"] = _write_results(results, rounds, per_row_audit, rng)
        log(f"  {report.counts['kết quả Chỉ số CCHC']:,} kết quả Chỉ số CCHC của "
            f"{len(rounds)} đợt".replace(",", "."))
        quality = dict(zip(results["unit_id"].to_list(), results["q"].to_list(), strict=True))
        people = _people_years(units, quality, rng, log)
        for name, count in people.items():
            report.counts[name] = count
        report.seconds = time.perf_counter() - started
        if per_row_audit:
            for model in (ClassificationThresholds, ResultRound, AnnualResult, PersonRating,
                          Discipline, RecognisedInitiative, ContestPrize):
                related = [f.name for f in model._meta.concrete_fields if f.is_relation]
                audit_bulk(list(model._default_manager.select_related(*related)), Action.CREATE,
                           note=NOTE)
        else:
            _audit_summary(report)
    log(f"  xong kết quả đánh giá mẫu trong {vn_duration(report.seconds)}")
    return report


# --- thresholds and units ------------------------------------------------------------------------


def _ensure_thresholds() -> list[ClassificationThresholds]:
    out = []
    for code, valid_from, (ex, good, fair, avg), basis in THRESHOLDS:
        scope = Unit.objects.filter(code=code).first() if code else None
        if code and scope is None:
            continue
        version, _ = ClassificationThresholds.objects.get_or_create(
            scope=scope, valid_from=valid_from, defaults={
                "excellent_min": Decimal(ex), "good_min": Decimal(good),
                "fair_min": Decimal(fair), "average_min": Decimal(avg), "legal_basis": basis})
        out.append(version)
    return out


def _unit_frame() -> pl.DataFrame:
    rows = list(Unit.objects.values_list("id", "code", "kind", "category__code", "category_id",
                                         "path", "parent_id", "active_from", "active_to"))
    frame = pl.DataFrame(rows, schema={
        "unit_id": pl.Int64, "code": pl.Utf8, "kind": pl.Utf8, "category": pl.Utf8,
        "category_id": pl.Int64, "path": pl.Utf8, "parent_id": pl.Int64, "active_from": pl.Date,
        "active_to": pl.Date}, orient="row")
    return frame.with_columns(pl.col("path").str.split("/").list.get(1).alias("province"))


def _bands(thresholds: list[ClassificationThresholds], units: pl.DataFrame) -> pl.DataFrame:
    """(province, year) -> the four minimums in force, from the versions above."""
    from thidua.results.selectors import ThresholdsBook

    book = ThresholdsBook(thresholds)
    rows = []
    for province in units["province"].unique().to_list():
        for year in YEARS:
            version = book.for_path(f"/{province}/", year)
            assert version is not None
            rows.append((province, year, float(version.excellent_min), float(version.good_min),
                         float(version.fair_min), float(version.average_min)))
    return pl.DataFrame(rows, schema=["province", "year", "ex", "good", "fair", "avg"],
                        orient="row")


def _classify(frame: pl.DataFrame) -> pl.Expr:
    return (pl.when(pl.col("score") >= pl.col("ex")).then(4)
            .when(pl.col("score") >= pl.col("good")).then(3)
            .when(pl.col("score") >= pl.col("fair")).then(2)
            .when(pl.col("score") >= pl.col("avg")).then(1).otherwise(0)).cast(pl.Int8)


# --- unit results ----------------------------------------------------------------------------------


def _scored(units: pl.DataFrame) -> pl.DataFrame:
    """(unit, year) pairs of the units active on 31 December of the year, with their province."""
    pairs = []
    for year in YEARS:
        end = date(year, 12, 31)
        active = units.filter(
            pl.col("kind").is_in(SCORED_KINDS)
            & (pl.col("active_from").is_null() | (pl.col("active_from") <= end))
            & (pl.col("active_to").is_null() | (pl.col("active_to") >= end)))
        pairs.append(active.select("unit_id", "code", "category", "category_id", "province",
                                   pl.lit(year, dtype=pl.Int32).alias("year")))
    return pl.concat(pairs)


def _unit_results(units: pl.DataFrame, thresholds: list[ClassificationThresholds],
                  rng: np.random.Generator) -> pl.DataFrame:
    scored = _scored(units).sort("unit_id", "year")
    ids = np.array(units["unit_id"].to_list(), dtype=np.int64)
    quality = rng.normal(86.0, 4.6, ids.size)
    slope = rng.normal(0.5, 0.8, ids.size)
    sipas_base = rng.normal(84.0, 4.0, ids.size)
    has_sipas = rng.random(ids.size) < 0.3
    position = {int(u): i for i, u in enumerate(ids)}
    # A merged commune continues its predecessors: its quality is their mean.
    for successor, predecessors in _predecessors().items():
        found = [position[p] for p in predecessors if p in position]
        if found and successor in position:
            quality[position[successor]] = float(np.mean(quality[found])) + rng.normal(0, 1.0)
    idx = np.array([position[u] for u in scored["unit_id"].to_list()], dtype=np.int64)
    years = scored["year"].to_numpy()
    noise = rng.normal(0.0, 1.8, idx.size)
    score = np.clip(quality[idx] + slope[idx] * (years - 2023) + noise, 45.0, 99.5)
    kinds = units["kind"].to_numpy()[idx]
    sipas = np.where((kinds != "commune") | has_sipas[idx],
                     np.clip(sipas_base[idx] + 0.4 * (score - 86) + rng.normal(0, 1.5, idx.size),
                             60, 99.5), np.nan)
    frame = scored.with_columns(
        pl.Series("score", np.round(score, 2)),
        pl.Series("sipas", np.round(sipas, 1), nan_to_null=True),
        pl.Series("q", quality[idx]),
    ).join(_bands(thresholds, units), on=["province", "year"], how="left")
    frame = _tune_main(frame, rng)
    return _rank_and_classify(_tune_demo_logins(frame))


def _tune_demo_logins(frame: pl.DataFrame) -> pl.DataFrame:
    """DEMO_LOGIN_RESULTS and FIRST_COMMUNE (no random draw: the other units stay as drawn)."""
    floor = pl.lit(None, dtype=pl.Float64)
    for code, years in DEMO_LOGIN_RESULTS.items():
        for year, band in years.items():
            at = (pl.col("code") == code) & (pl.col("year") == year)
            floor = pl.when(at).then(pl.col("ex") + 0.6 if band == "ex" else pl.col("good") + 1.0
                                     ).otherwise(floor)
    frame = frame.with_columns(pl.max_horizontal("score", floor).round(2).alias("score"))
    code, year = FIRST_COMMUNE
    row = frame.filter((pl.col("code") == code) & (pl.col("year") == year))
    if row.height == 0:
        return frame
    peers = frame.filter((pl.col("province") == row["province"][0]) & (pl.col("year") == year)
                         & (pl.col("category") == row["category"][0]))
    top = peers["score"].max()
    return frame.with_columns(
        pl.when((pl.col("code") == code) & (pl.col("year") == year)).then(pl.lit(top))
        .otherwise(pl.col("score")).alias("score"))


def _rank_and_classify(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("score").rank("min", descending=True).over("province", "year", "category")
        .cast(pl.Int32).alias("rank"),
        _classify(frame).alias("cls"),
    )


def _predecessors() -> dict[int, list[int]]:
    return lineage_graph()


def _tune_main(frame: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Kiên Giang: a tie at the flag quota line, near misses, a shared first rank."""
    main = frame.filter(pl.col("province") == MAIN)
    if main.height == 0:
        return frame
    scores: dict[tuple[int, int], float] = {
        (u, y): s for u, y, s in main.select("unit_id", "year", "score").iter_rows()}
    bands = {y: (ex, good) for y, ex, good in
             main.select("year", "ex", "good").unique().iter_rows()}

    def cls(unit: int, year: int) -> int:
        ex, good = bands[year]
        s = scores[(unit, year)]
        return 4 if s >= ex else 3 if s >= good else 2

    def flag(unit: int) -> bool:
        values = [cls(unit, y) for y in YEARS]
        return min(values) >= 3 and sum(v == 4 for v in values) >= 3 and values[-1] == 4

    departments = sorted({u for (u, y) in scores if y == 2025} & {
        u for u, c in main.select("unit_id", "category").unique().iter_rows() if c == "so-nganh"})
    departments = [u for u in departments if all((u, y) in scores for y in YEARS)]
    eligible = [u for u in departments if flag(u)]
    others = sorted((u for u in departments if u not in eligible),
                    key=lambda u: -sum(scores[(u, y)] for y in YEARS))
    while len(eligible) < 5 and others:
        unit = others.pop(0)
        for i, year in enumerate(YEARS):
            ex, good = bands[year]
            floor = ex + rng.uniform(0.2, 3.0) if i >= 2 else good + rng.uniform(1.0, 6.0)
            scores[(unit, year)] = round(max(scores[(unit, year)], floor), 2)
        eligible.append(unit)

    def order(u: int) -> tuple[float, float]:
        return (-scores[(u, 2025)], -sum(scores[(u, y)] for y in YEARS) / len(YEARS))

    eligible.sort(key=order)
    if len(eligible) >= 3:  # quota "khối so-nganh 2": the 2nd and 3rd tie on every key
        for year in YEARS:
            scores[(eligible[2], year)] = scores[(eligible[1], year)]
    if len(eligible) >= 4:  # misses "≥ tốt mỗi năm" by 0.05 point in 2022
        scores[(eligible[3], 2022)] = round(bands[2022][1] - 0.05, 2)
    if len(eligible) >= 5:  # only two "xuất sắc" years: misses by 0.01 point
        fifth = eligible[4]
        for year in (2023, 2024):
            if cls(fifth, year) == 4:
                scores[(fifth, year)] = round(bands[year][0] - 0.01, 2)
                break
    # Communes: two share the first rank in 2023; each year's first commune's district is
    # "xuất sắc" (KG-A-MERIT, 002 §IV.1.2.a).
    commune_ids = set(main.filter(pl.col("category") == "xa")["unit_id"].to_list())
    parents = dict(Unit.objects.filter(id__in=commune_ids).values_list("id", "parent_id"))
    for year in YEARS[:-1]:
        ranked = sorted((s, u) for (u, y), s in scores.items() if y == year and u in commune_ids)
        if len(ranked) < 2:
            continue
        top, second = ranked[-1][1], ranked[-2][1]
        if year == 2023:
            scores[(second, year)] = scores[(top, year)]
        for leader in (top, second) if year == 2023 else (top,):
            district = parents.get(leader)
            if district is not None and (district, year) in scores:
                scores[(district, year)] = round(max(scores[(district, year)],
                                                     bands[year][0] + rng.uniform(0.1, 2.0)), 2)
    tuned = pl.DataFrame([(u, y, s) for (u, y), s in scores.items()],
                         schema={"unit_id": pl.Int64, "year": pl.Int32, "tuned": pl.Float64},
                         orient="row")
    return frame.join(tuned, on=["unit_id", "year"], how="left").with_columns(
        pl.coalesce("tuned", "score").alias("score")).drop("tuned")


def _write_rounds(results: pl.DataFrame, units: pl.DataFrame,
                  rng: np.random.Generator) -> dict[tuple[str, int], int]:
    provinces = dict(units.filter(pl.col("path").str.count_matches("/") == 2)
                     .select("code", "unit_id").iter_rows())
    rounds = []
    for province, year in sorted(results.select("province", "year").unique().iter_rows()):
        if province not in provinces:
            continue
        if province == MAIN:
            recognised = RECOGNISED_MAIN[year]
        else:
            recognised = date(year + 1, 2, 10) + timedelta(days=int(rng.integers(0, 40)))
        rounds.append(ResultRound(
            evaluator_id=provinces[province], year=year, published=True,
            recognised_on=recognised,
            decision_number=f"{int(rng.integers(100, 900))}/QĐ-UBND"))
    ResultRound.objects.bulk_create(rounds)
    return {(r.evaluator.code, r.year): r.pk for r in
            ResultRound.objects.select_related("evaluator")}


def _components(score: float, rng: np.random.Generator) -> dict[str, str]:
    maxima = np.array([6, 10, 13, 9, 12, 8, 17, 25], dtype=np.float64)
    share = np.clip(score / 100 + rng.normal(0, 0.04, maxima.size), 0.3, 1.0)
    parts = np.round(maxima * share, 2)
    parts[-1] = round(score - float(parts[:-1].sum()), 2)
    return {key: f"{value:.2f}" for (key, _), value in zip(COMPONENTS, parts, strict=True)}


def _write_results(results: pl.DataFrame, rounds: dict[tuple[str, int], int],
                   with_components: bool, rng: np.random.Generator) -> int:
    keys = pl.DataFrame([(p, y, r) for (p, y), r in rounds.items()],
                        schema={"province": pl.Utf8, "year": pl.Int32, "round_id": pl.Int64},
                        orient="row")
    frame = results.join(keys, on=["province", "year"], how="inner").with_columns(
        pl.col("cls").replace_strict(dict(enumerate(CLS)), return_dtype=pl.Utf8)
        .alias("classification"))
    components = [
        _json(_components(s, rng)) if with_components and c in ("so-nganh", "huyen") else "{}"
        for s, c in frame.select("score", "category").iter_rows()]
    out = frame.select(
        "round_id", "unit_id", "year", "category_id", "score",
        pl.Series("components", components), "rank", "classification", "sipas",
        pl.lit(None, dtype=pl.Float64).alias("pci"), pl.lit(None, dtype=pl.Float64).alias("papi"))
    return write_frame(AnnualResult, out)


def _json(value: dict[str, str]) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


# --- people ------------------------------------------------------------------------------------


def _registered_people() -> set[int]:
    return set(RegisteredPerson.objects.values_list("person_id", flat=True))


def _work_units(first: int, last: int) -> pl.DataFrame:
    """person_id, year, unit_id: the unit of the latest membership of each year."""
    from thidua.results.facts import _expand_years

    reader = _Reader(parallel=False)
    frame = reader.one(
        'SELECT m.person_id, m.unit_id, m.start, m."end", m.start FROM org_membership m '
        'WHERE m.start <= %s AND (m."end" IS NULL OR m."end" >= %s)',
        [f"{last}-12-31", f"{first}-01-01"],
        {"person_id": pl.Int64, "unit_id": pl.Int64, "start": pl.Utf8, "end": pl.Utf8,
         "began": pl.Utf8})
    years = _expand_years(frame, "start", "end", first, last)
    return (years.sort("person_id", "year", "began")
            .group_by("person_id", "year", maintain_order=True).last()
            .select("person_id", "year", "unit_id"))


def _people_years(units: pl.DataFrame, quality: dict[int, float], rng: np.random.Generator,
                  log: Log) -> dict[str, int]:
    work = _work_units(YEARS[0], YEARS[-1])
    if work.height == 0:
        return {}
    # Units without a score (divisions, the province) take their parent's quality.
    parent = dict(units.select("unit_id", "parent_id").iter_rows())
    kind = dict(units.select("unit_id", "kind").iter_rows())

    def unit_quality(start: int) -> float:
        unit: int | None = start
        seen = 0
        while unit is not None and unit not in quality and seen < 6:
            unit = parent.get(unit)
            seen += 1
        return quality.get(unit, 86.0) if unit is not None else 86.0

    uq = {u: (unit_quality(u) - 86.0) / 5.0 for u in units["unit_id"].to_list()}
    body = {u for u, k in kind.items() if k == "cchc_body"}
    registered = _registered_people()
    person_ids = work["person_id"].unique().sort()
    latent = pl.DataFrame({"person_id": person_ids,
                           "p": rng.normal(0.0, 1.0, person_ids.len()),
                           "direct": rng.random(person_ids.len())})
    frame = work.join(latent, on="person_id").with_columns(
        pl.col("unit_id").replace_strict(uq, default=0.0, return_dtype=pl.Float64).alias("uq"),
        pl.col("unit_id").is_in(list(body)).alias("body"),
        pl.col("person_id").is_in(list(registered)).alias("registered"),
    )
    n = frame.height
    s = (0.9 * frame["p"].to_numpy() + 0.35 * frame["uq"].to_numpy()
         + rng.normal(0.0, 0.6, n)
         + 1.3 * frame["body"].to_numpy() + 1.6 * frame["registered"].to_numpy())
    rating = np.select([s > 1.3, s > -0.85, s > -2.0], [3, 2, 1], default=0).astype(np.int8)
    outstanding_p = np.where(rating == 3, 0.25, 0.04) + 0.25 * frame["body"].to_numpy() \
        + 0.3 * frame["registered"].to_numpy()
    direct_p = np.where(frame["body"].to_numpy(), 0.7, 0.08) \
        + 0.4 * frame["registered"].to_numpy()
    frame = frame.with_columns(
        pl.Series("rating", rating).replace_strict(dict(enumerate(RATING_CODES)),
                                                   return_dtype=pl.Utf8),
        pl.Series("duties_well", rating >= 2),
        pl.Series("outstanding_cchc", rng.random(n) < outstanding_p),
        (pl.col("direct") < pl.Series(direct_p)).alias("direct_cchc"),
        pl.Series("s", s),
    )
    kept = _demo_login_people().with_columns(pl.col("year").cast(frame.schema["year"]))
    if kept.height:  # after every draw: the others' draws stay the same
        frame = frame.join(kept, on=["person_id", "year"], how="left").with_columns(
            pl.when(pl.col("kept") & (pl.col("rating").is_in(RATING_CODES[:2])))
            .then(pl.lit(RATING_CODES[2])).otherwise(pl.col("rating")).alias("rating"),
            (pl.col("duties_well") | pl.col("kept").fill_null(False)).alias("duties_well"),
            (pl.col("outstanding_cchc") | pl.col("kept").fill_null(False))
            .alias("outstanding_cchc"),
        )
    counts: dict[str, int] = {}
    counts["xếp loại cán bộ"] = write_frame(PersonRating, frame.select(
        "person_id", "year", "unit_id", "rating", pl.lit(None, dtype=pl.Float64).alias("score"),
        "duties_well", "outstanding_cchc", "direct_cchc"))
    log(f"  {counts['xếp loại cán bộ']:,} xếp loại chất lượng cán bộ".replace(",", "."))

    disciplined = frame.filter(pl.Series((rng.random(n) < 0.0012)
                                         | ((s < -1.8) & (rng.random(n) < 0.12))))
    m = disciplined.height
    day = rng.integers(0, 365, m)
    levels = rng.choice(len(DISCIPLINE_LEVELS), m, p=DISCIPLINE_WEIGHTS)
    decided = [date(y, 1, 1) + timedelta(days=int(d)) for y, d in
               zip(disciplined["year"].to_list(), day, strict=True)]
    clean = (~disciplined["kept"].fill_null(False) if "kept" in disciplined.columns
             else pl.Series([True] * m, dtype=pl.Boolean))
    counts["kỷ luật"] = write_frame(Discipline, disciplined.select(
        "person_id", "unit_id",
        pl.Series("level", [DISCIPLINE_LEVELS[i] for i in levels]),
        pl.Series("decided_on", decided, dtype=pl.Date),
        pl.Series("ends_on", [d + timedelta(days=364) for d in decided], dtype=pl.Date),
        pl.Series("decision_number", [f"{int(x)}/QĐ-KL" for x in rng.integers(1, 300, m)]),
        pl.lit("Dữ liệu mẫu").alias("reason")).filter(clean))

    picked = frame.filter(pl.Series(rng.random(n) < np.where(rating == 3, 0.03, 0.003)))
    k = picked.height
    person_inits = picked.select(
        pl.lit(None, dtype=pl.Int64).alias("unit_id"), "person_id", "year",
        pl.Series("title", [INITIATIVE_TITLES[i] for i in rng.integers(0, len(INITIATIVE_TITLES), k)]),
        pl.Series("level", rng.choice(LOCAL_LEVELS, k, p=[0.6, 0.25, 0.15])),
        pl.Series("recognised_on", [date(y, 11, 1) + timedelta(days=int(d)) for y, d in
                                    zip(picked["year"].to_list(), rng.integers(0, 55, k),
                                        strict=True)], dtype=pl.Date),
        pl.lit("").alias("decision_number"), pl.Series("applied", rng.random(k) < 0.7))
    unit_pick = _unit_initiatives(quality, rng)
    counts["sáng kiến"] = write_frame(RecognisedInitiative, pl.concat([unit_pick, person_inits],
                                                                      how="vertical_relaxed"))

    winners = frame.filter(pl.Series(rng.random(n) < 0.004 + 0.01 * frame["body"].to_numpy()))
    w = winners.height
    counts["giải thưởng"] = write_frame(ContestPrize, winners.select(
        "person_id", "year",
        pl.col("year").map_elements(lambda y: CONTEST.format(year=y), return_dtype=pl.Utf8)
        .alias("contest"),
        pl.Series("prize", rng.choice(PRIZES, w, p=PRIZE_WEIGHTS)),
        pl.Series("awarded_on", [date(y, 12, 15) for y in winners["year"].to_list()],
                  dtype=pl.Date)))
    return counts


def _demo_login_people() -> pl.DataFrame:
    """(person_id, year, kept) of DEMO_LOGIN_PEOPLE: the people the units registered."""
    rows = [(person, year, True) for unit, person in RegisteredPerson.objects.filter(
                registration__unit__code__in=list(DEMO_LOGIN_PEOPLE),
                registration__campaign__code="KG-CCHC-2021-2025").values_list(
                "registration__unit__code", "person_id").distinct()
            for year in DEMO_LOGIN_PEOPLE[unit]]
    return pl.DataFrame(rows, schema={"person_id": pl.Int64, "year": pl.Int32,
                                      "kept": pl.Boolean}, orient="row").unique(
        ["person_id", "year"], maintain_order=True)


def _unit_initiatives(quality: dict[int, float], rng: np.random.Generator) -> pl.DataFrame:
    rows = []
    for unit, q in quality.items():
        for year in YEARS:
            if rng.random() < 0.04 + max(0.0, (q - 86.0) / 60.0):
                rows.append((unit, None, year,
                             INITIATIVE_TITLES[int(rng.integers(0, len(INITIATIVE_TITLES)))],
                             str(rng.choice(LOCAL_LEVELS, p=[0.5, 0.3, 0.2])),
                             date(year, 11, 1) + timedelta(days=int(rng.integers(0, 55))), "",
                             bool(rng.random() < 0.8)))
    return pl.DataFrame(rows, schema={
        "unit_id": pl.Int64, "person_id": pl.Int64, "year": pl.Int32, "title": pl.Utf8,
        "level": pl.Utf8, "recognised_on": pl.Date, "decision_number": pl.Utf8,
        "applied": pl.Boolean}, orient="row")


# --- writing ----------------------------------------------------------------------------------


def write_frame(model: type[models.Model], frame: pl.DataFrame, *, chunk: int = 500_000) -> int:
    """Insert a frame whose columns are the model's field attnames: COPY on PostgreSQL."""
    if frame.height == 0:
        return 0
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = [by_attname[name] for name in frame.columns]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for part in _chunks(frame, chunk):
                buffer = io.BytesIO()
                part.write_csv(buffer, include_header=False, null_value="")
                with cursor.cursor.copy(
                        f"COPY {table} ({quoted}) FROM STDIN WITH (FORMAT csv)") as copy:
                    copy.write(buffer.getvalue())
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - names
            for part in _chunks(frame, 20_000):
                cursor.executemany(sql, part.rows())
    return frame.height


def _chunks(frame: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for offset in range(0, frame.height, size):
        yield frame.slice(offset, size)


def _audit_summary(report: DemoReport) -> None:
    root = Unit.objects.get(code=MAIN)
    counts = ", ".join(f"{name} {count}" for name, count in report.counts.items())
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Unit), object_pk=str(root.pk),
        object_id=root.pk, object_repr=str(root)[:200], action=LogEntry.Action.CREATE,
        changes={}, changes_text=f"{NOTE}: {counts}", cid=get_cid(),
        additional_data={"bulk": True, "note": NOTE, "counts": report.counts})
