"""Seeded generator of the demo organisation: provinces, their units, and the 1 July 2025 reform.

Pure Python and numpy, no Django: it returns dataclasses that `thidua.demo.loader` writes.
Units of one province are contiguous in `Organisation.units`, every parent comes before its
children, and a new commune's divisions directly follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from functools import cached_property

import numpy as np

from thidua.demo import vocab
from thidua.demo.sizes import ProvinceShape, Range, SizeSpec, size_spec

REFORM_DAY = date(2025, 7, 1)  # two-level local government (Resolution 202/2025/QH15)
LAST_DAY_BEFORE_REFORM = date(2025, 6, 30)
DEFAULT_SEED = 2025

# About three old communes per new one (10,035 -> 3,321 nationally), never more than four.
_COMMUNES_PER_MERGER = 3.0
_MAX_MERGED = 4


class UnitRole(IntEnum):
    """What a unit is for the generator (finer than Unit.kind)."""

    PROVINCE = 0
    DEPARTMENT = 1
    DEPARTMENT_DIVISION = 2
    CCHC_BODY = 3
    DISTRICT = 4
    DISTRICT_DIVISION = 5
    DISTRICT_HOME_AFFAIRS = 6
    OLD_COMMUNE = 7
    NEW_COMMUNE = 8
    NEW_DIVISION = 9
    NEW_PROVINCE = 10  # the province a seed province merged into on 1 July 2025
    NEW_DEPARTMENT = 11
    NEW_DEPARTMENT_DIVISION = 12
    NEW_CCHC_BODY = 13


@dataclass(frozen=True, slots=True)
class CategoryRow:
    code: str
    name: str
    kind: str


CATEGORIES: tuple[CategoryRow, ...] = (
    CategoryRow("tinh", "Tỉnh, thành phố trực thuộc Trung ương", "province"),
    CategoryRow("so-nganh", "Sở, ban, ngành tỉnh", "department"),
    CategoryRow("huyen", "UBND huyện, thị xã, thành phố thuộc tỉnh", "district"),
    CategoryRow("xa", "UBND xã, phường, thị trấn, đặc khu", "commune"),
    CategoryRow("phong", "Phòng, đơn vị trực thuộc", "division"),
    CategoryRow("co-quan-chuyen-trach-tinh", "Cơ quan chuyên trách tham mưu CCHC cấp tỉnh",
                "cchc_body"),
    CategoryRow("phong-noi-vu-huyen", "Phòng Nội vụ cấp huyện", "cchc_body"),
)


@dataclass(slots=True)
class UnitRow:
    code: str
    name: str
    kind: str  # thidua.org.models.UnitKind value
    category: str  # CategoryRow.code
    parent: int | None  # index in Organisation.units
    active_from: date | None
    active_to: date | None
    province: int  # index in Organisation.provinces
    role: UnitRole
    titles: int  # index in vocab.TITLE_SET_KEYS
    district: int | None = None  # the district whose area the unit lies in (communes, new ones too)
    successor: int | None = None  # ended unit -> the unit that carries it on (commune, department …)


@dataclass(slots=True)
class EventRow:
    kind: str  # thidua.org.models.LineageKind value
    effective_date: date
    legal_basis: str
    note: str
    links: list[tuple[int, int | None]]  # (predecessor, successor or None) unit indices


@dataclass(slots=True)
class ProvinceRow:
    code: str
    name: str
    start: int  # its units are Organisation.units[start:stop], the province's own unit first
    stop: int = 0


@dataclass
class Organisation:
    size: SizeSpec
    seed: int
    categories: tuple[CategoryRow, ...] = CATEGORIES
    units: list[UnitRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    provinces: list[ProvinceRow] = field(default_factory=list)

    @cached_property
    def index(self) -> dict[str, int]:
        """Unit code -> index."""
        return {unit.code: i for i, unit in enumerate(self.units)}

    def unit(self, code: str) -> UnitRow:
        return self.units[self.index[code]]

    def links(self) -> Iterator[tuple[int, int, int | None]]:
        """(event index, predecessor, successor) over all events."""
        for number, event in enumerate(self.events):
            for predecessor, successor in event.links:
                yield number, predecessor, successor


def _draw(rng: np.random.Generator, bounds: Range) -> int:
    low, high = bounds
    return int(rng.integers(low, high + 1))


def _title(name: str, default: str) -> int:
    return vocab.TITLE_SET_KEYS.index(vocab.title_set_for(name, default))


class _PlaceNamer:
    """Unique two-syllable place names within one province ("Tân Hội", "Vĩnh Thạnh")."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def reserve(self, full_name: str) -> None:
        self.used.add(_place_part(full_name))

    def new(self) -> str:
        syllables = vocab.PLACE_SYLLABLES
        for attempt in range(1000):
            count = 2 if attempt < 200 else 3
            picks = self.rng.choice(len(syllables), size=count, replace=False)
            name = " ".join(syllables[i] for i in picks)
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("hết tên địa danh")  # pragma: no cover - 54^3 names


_PREFIXES = ("Thành phố ", "Thị trấn ", "Phường ", "Huyện ", "Xã ", "Tỉnh ")


def _place_part(full_name: str) -> str:
    for prefix in _PREFIXES:
        if full_name.startswith(prefix):
            return full_name[len(prefix):]
    return full_name


class _Builder:
    """Appends one province's units and events to an Organisation."""

    def __init__(self, org: Organisation, rng: np.random.Generator) -> None:
        self.org = org
        self.rng = rng

    def add(self, row: UnitRow) -> int:
        self.org.units.append(row)
        return len(self.org.units) - 1

    def unit(
        self, code: str, name: str, kind: str, category: str, parent: int | None,
        role: UnitRole, titles: int, *, province: int, active_from: date | None = None,
        active_to: date | None = None, district: int | None = None,
    ) -> int:
        return self.add(UnitRow(code, name, kind, category, parent, active_from, active_to,
                                province, role, titles, district))

    def province(self, seed: vocab.ProvinceSeed, shape: ProvinceShape) -> None:
        org, rng = self.org, self.rng
        number = len(org.provinces)
        titles = "city_province" if seed.name.startswith("Thành phố") else "province"
        root = self.unit(seed.code, seed.name, "province", "tinh", None, UnitRole.PROVINCE,
                         vocab.TITLE_SET_KEYS.index(titles), province=number)
        org.provinces.append(ProvinceRow(seed.code, seed.name, root))
        self.departments(seed, shape, root, number)
        namer = _PlaceNamer(rng)
        for _, real in seed.communes:
            for name in real:
                namer.reserve(name)
        for name, _ in seed.districts:
            namer.reserve(name)
        old_by_district = self.districts(seed, shape, root, number, namer)
        # No random draw in successor(): the units of a province are the same with or without it.
        new_root = self.successor(seed, root, number)
        self.new_communes(seed, new_root, number, namer, old_by_district)
        org.provinces[-1].stop = len(org.units)

    def departments(
        self, seed: vocab.ProvinceSeed, shape: ProvinceShape, root: int, number: int
    ) -> None:
        rng, code = self.rng, seed.code
        total = _draw(rng, shape.departments)
        fixed = seed.fixed_departments[:total]
        fixed_names = {vocab.FIXED_DEPARTMENTS[s] for s in fixed}
        numbered = [n for n in vocab.NUMBERED_DEPARTMENTS if n not in fixed_names]
        plan = [(s, vocab.FIXED_DEPARTMENTS[s]) for s in fixed]
        plan += [(f"S{i + 1:02d}", numbered[i]) for i in range(total - len(fixed))]
        for suffix, name in plan:
            dept = self.unit(f"{code}-{suffix}", name, "department", "so-nganh", root,
                             UnitRole.DEPARTMENT, _title(name, "department"), province=number)
            names = vocab.DEPARTMENT_DIVISIONS.get(suffix, vocab.DEPARTMENT_DIVISIONS[""])
            for i, div in enumerate(names[: _draw(rng, shape.department_divisions)]):
                self.unit(f"{code}-{suffix}-P{i + 1:02d}", div, "division", "phong", dept,
                          UnitRole.DEPARTMENT_DIVISION, _title(div, "division"), province=number)
            for parent_suffix, body, body_name in vocab.CCHC_BODIES:
                if parent_suffix == suffix:
                    self.unit(f"{code}-{suffix}-{body}", body_name, "cchc_body",
                              "co-quan-chuyen-trach-tinh", dept, UnitRole.CCHC_BODY,
                              _title(body_name, "division"), province=number)

    def successor(self, seed: vocab.ProvinceSeed, root: int, number: int) -> int:
        """The province `seed` merged into on 1 July 2025, with its departments, divisions and
        CCHC bodies formed from the old ones (DEPARTMENTS_2025); the old ones end on 30 June.
        Returns the unit new communes belong to (the old root when the province did not merge)."""
        if seed.successor is None:
            return root
        units = self.org.units
        code, name = seed.successor
        titles = "city_province" if name.startswith("Thành phố") else "province"
        new_root = self.unit(code, name, "province", "tinh", None, UnitRole.NEW_PROVINCE,
                             vocab.TITLE_SET_KEYS.index(titles), province=number,
                             active_from=REFORM_DAY)
        units[root].active_to = LAST_DAY_BEFORE_REFORM
        units[root].successor = new_root
        self.org.events.append(EventRow(
            "merge", REFORM_DAY, _PROVINCE_BASIS,
            f"Dữ liệu mẫu: {seed.name} sáp nhập vào {name} (phần của {name} trước sắp xếp "
            "không có trong dữ liệu mẫu).", [(root, new_root)]))
        children: dict[int, list[int]] = {}
        for i in range(root + 1, new_root):
            parent = units[i].parent
            if parent is not None:
                children.setdefault(parent, []).append(i)
        departments = [i for i in children.get(root, []) if units[i].role == UnitRole.DEPARTMENT]
        groups: dict[tuple[str, str], list[int]] = {}
        for dept in departments:
            old_suffix = units[dept].code.removeprefix(f"{seed.code}-")
            key = vocab.DEPARTMENTS_2025.get(units[dept].name, (units[dept].name, old_suffix))
            groups.setdefault(key, []).append(dept)
        for (dept_name, suffix), olds in groups.items():
            dcode = f"{code}-{suffix}"
            dept = self.unit(dcode, dept_name, "department", "so-nganh", new_root,
                             UnitRole.NEW_DEPARTMENT, _title(dept_name, "department"),
                             province=number, active_from=REFORM_DAY)
            links: list[tuple[int, int | None]] = []
            divisions: dict[str, int] = {}
            for old in olds:
                links.append((old, dept))
                for child in children.get(old, []):
                    row = units[child]
                    if row.role == UnitRole.CCHC_BODY:
                        body = row.code.rsplit("-", 1)[1]
                        new = self.unit(f"{dcode}-{body}", row.name, "cchc_body", row.category,
                                        dept, UnitRole.NEW_CCHC_BODY, row.titles,
                                        province=number, active_from=REFORM_DAY)
                    elif row.name in divisions:
                        new = divisions[row.name]
                    else:
                        new = self.unit(f"{dcode}-P{len(divisions) + 1:02d}", row.name,
                                        "division", "phong", dept,
                                        UnitRole.NEW_DEPARTMENT_DIVISION, row.titles,
                                        province=number, active_from=REFORM_DAY)
                        divisions[row.name] = new
                    row.active_to = LAST_DAY_BEFORE_REFORM
                    row.successor = new
                    links.append((child, new))
                units[old].active_to = LAST_DAY_BEFORE_REFORM
                units[old].successor = dept
            names = ", ".join(units[old].name for old in olds)
            self.org.events.append(EventRow(
                "merge", REFORM_DAY, _PROVINCE_BASIS,
                f"Dữ liệu mẫu: {dept_name} {name.removeprefix('Tỉnh ')} được hình thành từ "
                f"{names} {seed.name.removeprefix('Tỉnh ')} (cùng các phòng, đơn vị trực thuộc).",
                links))
        return new_root

    def districts(
        self, seed: vocab.ProvinceSeed, shape: ProvinceShape, root: int, number: int,
        namer: _PlaceNamer,
    ) -> list[list[int]]:
        rng, code = self.rng, seed.code
        count = _draw(rng, shape.districts)
        plan: list[tuple[str, str | None]] = list(seed.districts[:count])
        while len(plan) < count:
            prefix = "Thành phố " if not plan else "Huyện "
            plan.append((prefix + namer.new(), None))
        commune_counts = [_draw(rng, shape.communes_per_district) for _ in plan]
        real_communes = dict(seed.communes)
        old_by_district: list[list[int]] = []
        commune_number = 0
        district_number = 0
        for (name, suffix), communes in zip(plan, commune_counts, strict=True):
            if suffix is None:
                district_number += 1
                suffix = f"H{district_number:02d}"
            is_city = name.startswith("Thành phố")
            dcode = f"{code}-{suffix}"
            district = self.unit(dcode, name, "district", "huyen", root, UnitRole.DISTRICT,
                                 _title(name, "city" if is_city else "district"), province=number,
                                 active_to=LAST_DAY_BEFORE_REFORM)
            self.org.units[district].district = district
            ended = [district]
            for i, div in enumerate(vocab.DISTRICT_DIVISIONS[: _draw(rng, shape.district_divisions)]):
                div = vocab.CITY_DIVISIONS.get(div, div) if is_city else div
                ended.append(self.unit(
                    f"{dcode}-P{i + 1:02d}", div, "division", "phong", district,
                    UnitRole.DISTRICT_DIVISION, _title(div, "division"), province=number,
                    active_to=LAST_DAY_BEFORE_REFORM, district=district))
            ended.append(self.unit(
                f"{dcode}-PNV", vocab.HOME_AFFAIRS_DIVISION, "cchc_body", "phong-noi-vu-huyen",
                district, UnitRole.DISTRICT_HOME_AFFAIRS, _title("Phòng", "division"),
                province=number, active_to=LAST_DAY_BEFORE_REFORM, district=district))
            real = list(real_communes.get(suffix, ()))
            olds = []
            for i in range(communes):
                if i < len(real):
                    cname = real[i]
                elif is_city:
                    cname = ("Phường " if i < max(1, communes * 3 // 4) else "Xã ") + namer.new()
                else:
                    cname = ("Thị trấn " if i == 0 else "Xã ") + namer.new()
                commune_number += 1
                kind = {"Phường": "ward", "Thị": "town"}.get(cname.split()[0], "commune")
                olds.append(self.unit(
                    f"{code}-X{commune_number:03d}", cname, "commune", "xa", district,
                    UnitRole.OLD_COMMUNE, vocab.TITLE_SET_KEYS.index(kind), province=number,
                    active_to=LAST_DAY_BEFORE_REFORM, district=district))
            old_by_district.append(olds)
            self.org.events.append(EventRow(
                "dissolve", REFORM_DAY, _DISSOLVE_BASIS,
                f"Dữ liệu mẫu: {name} và các phòng chuyên môn kết thúc hoạt động từ ngày "
                "01/7/2025 (bỏ cấp huyện).",
                [(unit, None) for unit in ended]))
        return old_by_district

    def new_communes(
        self, seed: vocab.ProvinceSeed, root: int, number: int, namer: _PlaceNamer,
        old_by_district: list[list[int]],
    ) -> None:
        rng, units = self.rng, self.org.units
        groups: list[list[int]] = []
        for olds in old_by_district:
            start = 0
            for size in _group_sizes(len(olds), rng):
                groups.append(olds[start:start + size])
                start += size
        new_names: set[str] = set()
        level = "thành phố" if seed.name.startswith("Thành phố") else "tỉnh"
        basis = _MERGE_BASIS.format(province=level, name=_place_part(seed.name))
        for i, group in enumerate(groups):
            wards = sum(units[u].name.startswith("Phường") for u in group)
            prefix = "Phường " if wards * 2 > len(group) else "Xã "
            place = _place_part(units[group[0]].name)
            if len(group) == 1 or rng.random() < 0.3 or place in new_names:
                place = namer.new()
            new_names.add(place)
            name = prefix + place
            is_ward = prefix == "Phường "
            district = units[group[0]].district
            new = self.unit(
                f"{seed.code}-XM{i + 1:02d}", name, "commune", "xa", root,
                UnitRole.NEW_COMMUNE, vocab.TITLE_SET_KEYS.index("new_ward" if is_ward else
                                                                 "new_commune"),
                province=number, active_from=REFORM_DAY, district=district)
            for u in group:
                units[u].successor = new
            for j, div in enumerate(vocab.NEW_COMMUNE_DIVISIONS):
                div = vocab.NEW_WARD_DIVISIONS.get(div, div) if is_ward else div
                self.unit(f"{seed.code}-XM{i + 1:02d}-P{j + 1:02d}", div, "division",
                          "phong", new, UnitRole.NEW_DIVISION, _title(div, "division"),
                          province=number, active_from=REFORM_DAY, district=district)
            predecessors = ", ".join(units[u].name for u in group)
            if len(group) == 1:
                note = f"Dữ liệu mẫu: {predecessors} đổi tên thành {name}."
            else:
                note = f"Dữ liệu mẫu: {name} được thành lập trên cơ sở sáp nhập {predecessors}."
            self.org.events.append(EventRow(
                "rename" if len(group) == 1 else "merge", REFORM_DAY, basis, note,
                [(u, new) for u in group]))


_DISSOLVE_BASIS = (
    "Luật Tổ chức chính quyền địa phương năm 2025; Nghị quyết số 202/2025/QH15 của Quốc hội "
    "(chính quyền địa phương hai cấp từ ngày 01/7/2025)"
)
_PROVINCE_BASIS = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính "
    "cấp tỉnh; sắp xếp các sở, ngành theo chủ trương tinh gọn tổ chức bộ máy năm 2025"
)
_MERGE_BASIS = (
    "Nghị quyết số 202/2025/QH15 của Quốc hội; Nghị quyết của Ủy ban Thường vụ Quốc hội và "
    "Nghị quyết của HĐND {province} {name} về sắp xếp đơn vị hành chính cấp xã năm 2025"
)


def _group_sizes(count: int, rng: np.random.Generator) -> list[int]:
    """Split a district's old communes into merger groups of 1..4, about three on average.

    Start even, then move single communes between groups so that sizes vary; a group left with
    one commune is a rename.
    """
    groups = max(-(-count // _MAX_MERGED), int(count / _COMMUNES_PER_MERGER + 0.5), 1)
    sizes = [count // groups + (1 if i < count % groups else 0) for i in range(groups)]
    for _ in range(groups):
        donor, receiver = (int(i) for i in rng.integers(0, groups, size=2))
        if donor != receiver and sizes[donor] > 1 and sizes[receiver] < _MAX_MERGED:
            sizes[donor] -= 1
            sizes[receiver] += 1
    return sizes


def generate_organisation(size: str | SizeSpec = "demo", seed: int = DEFAULT_SEED) -> Organisation:
    """The units and lineage of every province at `size`; the same seed gives the same result."""
    spec = size_spec(size)
    org = Organisation(spec, seed)
    seeds = (vocab.SEED_PROVINCES + vocab.OTHER_PROVINCES)[: spec.provinces]
    for number, province in enumerate(seeds):
        if number == 0:
            shape = spec.main
        elif province in vocab.SEED_PROVINCES:
            shape = spec.seeded
        else:
            shape = spec.others
        _Builder(org, np.random.default_rng([seed, 1, number])).province(province, shape)
    return org
