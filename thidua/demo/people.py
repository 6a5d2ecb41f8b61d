"""Seeded, vectorised generator of people and their memberships (2021–2026), one province at a time.

No Django and no per-person Python objects: a province's people are numpy arrays (name parts as
indices into `vocab`, dates as datetime64[D]) so the national size (2.5 million people) streams
through in blocks. Story of a person: hired into a unit; maybe transferred once in 2021–2025;
moved to the successor commune on 1 July 2025 if their unit ended; maybe transferred in 2025–26.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from thidua.demo import vocab
from thidua.demo.organisation import (
    LAST_DAY_BEFORE_REFORM,
    REFORM_DAY,
    Organisation,
    UnitRole,
)

R = UnitRole
NAT = np.datetime64("NaT", "D")


def _day(value: date) -> int:
    return int(np.datetime64(value, "D").astype(np.int64))


_REFORM = _day(REFORM_DAY)
_LAST_OLD = _day(LAST_DAY_BEFORE_REFORM)
_HISTORY_START = _day(date(2021, 1, 1))
_EARLY_END = _day(date(2025, 5, 31))
_LATE_START = _day(date(2025, 9, 1))
_HISTORY_END = _day(date(2026, 6, 30))
_AGE_REFERENCE = _day(date(2021, 7, 1))
_YEAR = 365.25

EARLY_TRANSFER_SHARE = 0.08  # staff moved between units in 2021–2025
LATE_TRANSFER_SHARE = 0.03  # staff moved after the reform (2025–2026)

# Headcount per unit: a minimum (so that every unit has a head) plus a share of the rest.
_MINIMUM = {R.PROVINCE: 4, R.DEPARTMENT: 3, R.DEPARTMENT_DIVISION: 2, R.CCHC_BODY: 3,
            R.DISTRICT: 3, R.DISTRICT_DIVISION: 2, R.DISTRICT_HOME_AFFAIRS: 3,
            R.OLD_COMMUNE: 8, R.NEW_COMMUNE: 0, R.NEW_DIVISION: 0, R.NEW_PROVINCE: 0,
            R.NEW_DEPARTMENT: 0, R.NEW_DEPARTMENT_DIVISION: 0, R.NEW_CCHC_BODY: 0}
_WEIGHT = {R.PROVINCE: 0.0, R.DEPARTMENT: 1.0, R.DEPARTMENT_DIVISION: 8.0, R.CCHC_BODY: 6.0,
           R.DISTRICT: 1.0, R.DISTRICT_DIVISION: 6.0, R.DISTRICT_HOME_AFFAIRS: 4.0,
           R.OLD_COMMUNE: 14.0, R.NEW_COMMUNE: 0.2, R.NEW_DIVISION: 0.3,
           # A merged province's new bodies are staffed by the people of the old ones.
           R.NEW_PROVINCE: 0.0, R.NEW_DEPARTMENT: 0.0, R.NEW_DEPARTMENT_DIVISION: 0.0,
           R.NEW_CCHC_BODY: 0.0}
# Share of women and age range (years, mid-2021) by seniority: head, deputy, staff.
_FEMALE_SHARE = np.array([0.30, 0.40, 0.52])
_AGE_RANGE = np.array([[45.0, 58.0], [40.0, 57.0], [23.0, 58.0]])
LEADER, DEPUTY, STAFF = 0, 1, 2


class _Titles:
    """vocab.TITLE_SETS as arrays of position indices."""

    def __init__(self) -> None:
        sets = [vocab.TITLE_SETS[key] for key in vocab.TITLE_SET_KEYS]
        index = {title: i for i, title in enumerate(vocab.POSITIONS)}
        self.leader = np.array([index[s.leader] for s in sets], dtype=np.int16)
        self.deputy = np.array([index[s.deputy] for s in sets], dtype=np.int16)
        self.min_deputies = np.array([s.deputies[0] for s in sets])
        self.max_deputies = np.array([s.deputies[1] for s in sets])
        self.staff = [np.array([index[t] for t, _ in s.staff], dtype=np.int16) for s in sets]
        self.staff_p = [np.array([w for _, w in s.staff]) / sum(w for _, w in s.staff)
                        for s in sets]

    def assign(self, title_set: np.ndarray, seniority: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
        positions = np.where(seniority == LEADER, self.leader[title_set],
                             self.deputy[title_set]).astype(np.int16)
        staff = seniority == STAFF
        for key in np.unique(title_set[staff]):
            mask = staff & (title_set == key)
            positions[mask] = rng.choice(self.staff[key], size=int(mask.sum()),
                                         p=self.staff_p[key])
        return positions

    def seniority(self, title_set: np.ndarray, rank: np.ndarray,
                  size: np.ndarray) -> np.ndarray:
        """Head is rank 0; then about one deputy per four people, within the set's bounds."""
        deputies = np.clip((size - 1) // 4, self.min_deputies[title_set],
                           self.max_deputies[title_set])
        deputies = np.minimum(deputies, size - 1)
        return np.where(rank == 0, LEADER, np.where(rank <= deputies, DEPUTY, STAFF))


_TITLES = _Titles()


def rank_within(groups: np.ndarray, priority: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's rank inside its group (0 = lowest priority value) and the group's size."""
    order = np.lexsort((priority, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    lengths = np.diff(np.r_[starts, sorted_groups.size])
    rank = np.empty(groups.size, dtype=np.int64)
    rank[order] = np.arange(groups.size) - np.repeat(starts, lengths)
    size = np.empty(groups.size, dtype=np.int64)
    size[order] = np.repeat(lengths, lengths)
    return rank, size


class UnitArrays:
    """The per-unit facts the people generator needs, as numpy arrays over Organisation.units."""

    def __init__(self, org: Organisation) -> None:
        units = org.units
        self.role = np.array([u.role for u in units], dtype=np.int8)
        self.titles = np.array([u.titles for u in units], dtype=np.int8)
        self.district = np.array([-1 if u.district is None else u.district for u in units],
                                 dtype=np.int32)
        self.successor = np.array([-1 if u.successor is None else u.successor for u in units],
                                  dtype=np.int32)
        self.parent = np.array([-1 if u.parent is None else u.parent for u in units],
                               dtype=np.int32)
        self.ended = np.array([u.active_to is not None for u in units])
        self.new = np.array([u.active_from is not None for u in units])
        # The first (lowest index) predecessor of each new commune: its head becomes chairman.
        self.first_predecessor = np.full(len(units), np.iinfo(np.int32).max, dtype=np.int64)
        olds = np.flatnonzero(self.successor >= 0)
        np.minimum.at(self.first_predecessor, self.successor[olds], olds)

    def headcounts(self, total: int, rng: np.random.Generator) -> np.ndarray:
        minimum = np.array([_MINIMUM[R(r)] for r in range(len(R))])[self.role]
        weight = np.array([_WEIGHT[R(r)] for r in range(len(R))])[self.role]
        rest = total - int(minimum.sum())
        if rest < 0:
            raise ValueError(f"{total} người là quá ít cho {self.role.size} đơn vị")
        return minimum + rng.multinomial(rest, weight / weight.sum())


@dataclass(slots=True)
class PeopleBlock:
    """The people of one province and their memberships; unit values are Organisation indices."""

    province: int
    prefix: str  # person codes are f"{prefix}-CB{n:06d}", n from 1
    female: np.ndarray  # bool
    family: np.ndarray  # int16 indices into vocab.FAMILY_NAMES
    middle: np.ndarray  # into vocab.MIDDLE_NAMES
    given: np.ndarray  # into vocab.GIVEN_NAMES
    birth: np.ndarray  # datetime64[D]
    unit: np.ndarray  # int32, current unit
    position: np.ndarray  # int16 into vocab.POSITIONS, current position
    m_person: np.ndarray  # int32 row in this block; memberships sorted by person, start
    m_unit: np.ndarray
    m_position: np.ndarray
    m_start: np.ndarray  # datetime64[D]
    m_end: np.ndarray  # datetime64[D], NaT while open

    def __len__(self) -> int:
        return int(self.female.size)

    def codes(self) -> list[str]:
        return [f"{self.prefix}-CB{n:06d}" for n in range(1, len(self) + 1)]

    def name_keys(self) -> np.ndarray:
        """One int per distinct (family, middle, given) triple."""
        return (self.family.astype(np.int64) * 1000 + self.middle) * 1000 + self.given

    def full_names(self) -> list[str]:
        keys, inverse = np.unique(self.name_keys(), return_inverse=True)
        names = np.array([full_name(int(k)) for k in keys], dtype=object)
        return names[inverse].tolist()


def full_name(key: int) -> str:
    """The name for a `PeopleBlock.name_keys()` value: 'Nguyễn Thị Ngọc Lan'."""
    family, rest = divmod(key, 1_000_000)
    middle, given = divmod(rest, 1000)
    return (f"{vocab.FAMILY_NAMES[family]} {vocab.MIDDLE_NAMES[middle]} "
            f"{vocab.GIVEN_NAMES[given]}")


def _pick(pools: np.ndarray, rng: np.random.Generator, size: int) -> np.ndarray:
    return pools[rng.integers(0, pools.size, size=size)] if pools.size else np.full(size, -1)


def _days_between(low: np.ndarray, high: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return low + np.floor(rng.random(low.size) * np.maximum(high - low, 0)).astype(np.int64)


def _province_block(org: Organisation, arrays: UnitArrays, number: int, counts: np.ndarray,
                    rng: np.random.Generator) -> PeopleBlock:
    province = org.provinces[number]
    span = np.arange(province.start, province.stop, dtype=np.int32)
    home = np.repeat(span, counts[province.start:province.stop])
    n = home.size
    role = arrays.role[home]
    hired_new = arrays.new[home]  # joined a post-reform unit after 1 July 2025

    # Heads and deputies: rank people inside their unit.
    rank, size = rank_within(home, rng.random(n))
    seniority = _TITLES.seniority(arrays.titles[home], rank, size)
    seniority[hired_new] = STAFF
    position = _TITLES.assign(arrays.titles[home], seniority, rng)

    female = rng.random(n) < _FEMALE_SHARE[seniority]
    family = rng.choice(len(vocab.FAMILY_NAMES), size=n, p=vocab.FAMILY_WEIGHTS).astype(np.int16)
    middle = np.where(
        female,
        rng.choice(vocab.MIDDLE_FEMALE_IDX, size=n, p=vocab.MIDDLE_FEMALE_WEIGHTS),
        rng.choice(vocab.MIDDLE_MALE_IDX, size=n, p=vocab.MIDDLE_MALE_WEIGHTS),
    ).astype(np.int16)
    given = np.where(
        female,
        rng.choice(vocab.GIVEN_FEMALE_IDX, size=n, p=vocab.GIVEN_FEMALE_WEIGHTS),
        rng.choice(vocab.GIVEN_MALE_IDX, size=n, p=vocab.GIVEN_MALE_WEIGHTS),
    ).astype(np.int16)

    age = _AGE_RANGE[seniority, 0] + rng.random(n) * (
        _AGE_RANGE[seniority, 1] - _AGE_RANGE[seniority, 0])
    age[hired_new] = 18.0 + rng.random(int(hired_new.sum())) * 12.0  # 22-34 in 2025
    birth = (_AGE_REFERENCE - age * _YEAR).astype(np.int64)
    hire = np.minimum(birth + ((22.0 + rng.random(n) * 6.0) * _YEAR).astype(np.int64),
                      _EARLY_END - 60)
    hire[hired_new] = _days_between(np.full(int(hired_new.sum()), _REFORM),
                                    np.full(int(hired_new.sum()), _HISTORY_END - 90), rng)

    # 2021–2025 transfer: the person came to `home` from another pre-reform unit.
    early_pool = span[np.isin(arrays.role[span], (R.DEPARTMENT_DIVISION, R.CCHC_BODY,
                                                  R.DISTRICT_DIVISION, R.OLD_COMMUNE))]
    previous = _pick(early_pool, rng, n)
    early_low = np.maximum(hire + 180, _HISTORY_START)
    early = ((seniority == STAFF) & ~hired_new & (rng.random(n) < EARLY_TRANSFER_SHARE)
             & (previous != home) & (previous >= 0) & (early_low < _EARLY_END))
    early_day = _days_between(early_low, np.full(n, _EARLY_END), rng)
    previous_position = _TITLES.assign(arrays.titles[np.maximum(previous, 0)],
                                       np.full(n, STAFF), rng)

    # 1 July 2025: people of ended units move to the new communes.
    moved = arrays.ended[home]
    after = home.copy()
    priority = 3.0 + rng.random(n)  # new hires rank last
    commune = moved & (role == R.OLD_COMMUNE)
    succ = arrays.successor[home]
    to_office = commune & (seniority != STAFF)
    after[to_office] = succ[to_office]
    to_division = commune & (seniority == STAFF)
    # A new commune's divisions directly follow it in the unit list.
    after[to_division] = succ[to_division] + 1 + rng.integers(
        0, len(vocab.NEW_COMMUNE_DIVISIONS), size=int(to_division.sum()))
    is_first_head = to_office & (seniority == LEADER) & (
        arrays.first_predecessor[np.maximum(succ, 0)] == home)
    priority[commune] = 1.0 + seniority[commune] + rng.random(int(commune.sum())) * 0.5
    priority[is_first_head] = 0.0
    # A merged province's own staff, departments, divisions and bodies: to their successor.
    carried = moved & ~commune & (succ >= 0)
    after[carried] = succ[carried]
    priority[carried] = seniority[carried] + rng.random(int(carried.sum())) * 0.5
    district_staff = moved & ~commune & (succ < 0)
    new_communes = span[arrays.role[span] == R.NEW_COMMUNE]
    for district in np.unique(arrays.district[home[district_staff]]):
        mask = district_staff & (arrays.district[home] == district)
        targets = new_communes[arrays.district[new_communes] == district]
        after[mask] = _pick(targets, rng, int(mask.sum())) + 1 + rng.integers(
            0, len(vocab.NEW_COMMUNE_DIVISIONS), size=int(mask.sum()))
    priority[district_staff] = seniority[district_staff] + rng.random(
        int(district_staff.sum())) * 0.5
    ranked = moved | hired_new
    after_position = position.copy()
    if ranked.any():
        new_rank, new_size = rank_within(after[ranked], priority[ranked])
        new_seniority = _TITLES.seniority(arrays.titles[after[ranked]], new_rank, new_size)
        new_seniority[hired_new[ranked]] = STAFF
        assigned = _TITLES.assign(arrays.titles[after[ranked]], new_seniority, rng)
        # New hires only take their rank slots; their title is the one they were hired with.
        after_position[ranked] = np.where(hired_new[ranked], position[ranked], assigned)

    # 2025–2026 transfer to a unit of the two-level structure.
    late_pool = span[np.isin(arrays.role[span], (R.DEPARTMENT_DIVISION, R.CCHC_BODY,
                                                 R.NEW_DIVISION, R.NEW_DEPARTMENT_DIVISION,
                                                 R.NEW_CCHC_BODY)) & ~arrays.ended[span]]
    late_unit = _pick(late_pool, rng, n)
    current_start = np.where(moved, _REFORM, np.where(early, early_day, hire))
    late_low = np.maximum(current_start + 60, _LATE_START)
    late = ((seniority == STAFF) & (rng.random(n) < LATE_TRANSFER_SHARE)
            & (late_unit != after) & (late_unit >= 0) & (late_low < _HISTORY_END))
    late_day = _days_between(late_low, np.full(n, _HISTORY_END), rng)
    late_position = _TITLES.assign(arrays.titles[np.maximum(late_unit, 0)],
                                   np.full(n, STAFF), rng)

    # Memberships: [previous unit] -> home -> [successor] -> [late transfer].
    people = np.arange(n, dtype=np.int32)
    open_end = np.iinfo(np.int64).min
    home_end = np.where(moved, _LAST_OLD, np.where(late, late_day - 1, open_end))
    segments = [
        (people[early], previous[early], previous_position[early], hire[early],
         early_day[early] - 1),
        (people, home, position, np.where(early, early_day, hire), home_end),
        (people[moved], after[moved], after_position[moved], np.full(int(moved.sum()), _REFORM),
         np.where(late[moved], late_day[moved] - 1, open_end)),
        (people[late], late_unit[late], late_position[late], late_day[late],
         np.full(int(late.sum()), open_end)),
    ]
    m_person, m_unit, m_position, m_start, m_end = (
        np.concatenate([segment[i] for segment in segments]) for i in range(5))
    order = np.lexsort((m_start, m_person))
    end = m_end[order]
    m_end_dates = end.astype("datetime64[D]")
    m_end_dates[end == open_end] = NAT

    current = np.where(late, late_unit, after)
    current_position = np.where(late, late_position, after_position)
    return PeopleBlock(
        province=number, prefix=province.code, female=female, family=family, middle=middle,
        given=given, birth=birth.astype("datetime64[D]"), unit=current.astype(np.int32),
        position=current_position.astype(np.int16), m_person=m_person[order].astype(np.int32),
        m_unit=m_unit[order].astype(np.int32), m_position=m_position[order].astype(np.int16),
        m_start=m_start[order].astype("datetime64[D]"), m_end=m_end_dates,
    )


def iter_people(org: Organisation) -> Iterator[PeopleBlock]:
    """The people of `org.size`, one province block at a time (same seed, same people)."""
    arrays = UnitArrays(org)
    counts = arrays.headcounts(org.size.people, np.random.default_rng([org.seed, 2]))
    for number in range(len(org.provinces)):
        yield _province_block(org, arrays, number, counts,
                              np.random.default_rng([org.seed, 3, number]))
