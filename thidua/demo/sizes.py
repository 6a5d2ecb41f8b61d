"""Demo sizes: how many provinces, units and people each `--size` asks the generator for."""

from __future__ import annotations

from dataclasses import dataclass

Range = tuple[int, int]  # inclusive


@dataclass(frozen=True)
class ProvinceShape:
    """How big one province is; each count is drawn uniformly from its inclusive range."""

    departments: Range  # fixed ones (SNV, VP, …) included
    department_divisions: Range
    districts: Range
    district_divisions: Range  # besides the district's Phòng Nội vụ
    communes_per_district: Range  # before 1 July 2025


@dataclass(frozen=True)
class SizeSpec:
    name: str
    label: str  # Vietnamese, shown by the command
    provinces: int  # the four seed provinces, then others up to this number
    main: ProvinceShape  # Kiên Giang
    seeded: ProvinceShape  # Hà Giang, Đăk Nông, Ninh Thuận
    others: ProvinceShape
    people: int
    audit_rows: bool  # one audit entry per row (small sizes) or one summary entry


_COMPACT_TINY = ProvinceShape((2, 2), (1, 1), (1, 1), (1, 1), (3, 4))
_COMPACT = ProvinceShape((4, 4), (2, 3), (2, 2), (4, 5), (4, 5))
_NATIONAL = ProvinceShape((15, 20), (5, 7), (13, 27), (9, 12), (10, 18))

SIZES: dict[str, SizeSpec] = {
    spec.name: spec
    for spec in (
        SizeSpec(
            "tiny", "rất nhỏ (kiểm thử)", 4,
            main=ProvinceShape((6, 6), (1, 2), (3, 3), (2, 2), (4, 5)),
            seeded=_COMPACT_TINY, others=_COMPACT_TINY, people=500, audit_rows=True,
        ),
        SizeSpec(
            "demo", "trình diễn", 4,
            main=ProvinceShape((20, 20), (3, 4), (9, 9), (7, 8), (10, 12)),
            seeded=_COMPACT, others=_COMPACT, people=3_000, audit_rows=True,
        ),
        SizeSpec(
            "province", "cỡ một tỉnh (đo hiệu năng)", 4,
            main=ProvinceShape((20, 20), (5, 7), (12, 12), (10, 12), (22, 26)),
            seeded=_COMPACT, others=_COMPACT, people=50_000, audit_rows=False,
        ),
        SizeSpec(
            "national", "cỡ toàn quốc (đo hiệu năng)", 34,
            main=_NATIONAL, seeded=_NATIONAL, others=_NATIONAL, people=2_500_000,
            audit_rows=False,
        ),
    )
}


def size_spec(size: str | SizeSpec) -> SizeSpec:
    if isinstance(size, SizeSpec):
        return size
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"Kích thước không hợp lệ: {size!r} (chọn {', '.join(SIZES)})") from None
