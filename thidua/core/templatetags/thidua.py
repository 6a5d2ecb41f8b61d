"""Template filters for Vietnamese dates and numbers."""

from decimal import Decimal

from django import template

from thidua.core.audit import HistoryRow, readable_history
from thidua.core.text import vn_date, vn_duration, vn_number

register = template.Library()


@register.filter
def ngay(value) -> str:  # noqa: ANN001
    """{{ d|ngay }} -> 'ngày 9 tháng 10 năm 2021'."""
    return vn_date(value)


@register.filter
def so(value, places=None) -> str:  # noqa: ANN001
    """{{ 2.50|so }} -> '2,5'; {{ 88.371|so:2 }} -> '88,37'; {{ 1490000|so }} -> '1.490.000'."""
    return vn_number(value, None if places in (None, "") else int(places))


@register.filter
def thoi_luong(value, unit: str = "") -> str:  # noqa: ANN001
    """{{ 134.1|thoi_luong }} -> '2 phút 14,1 giây' (seconds or a timedelta);
    {{ 134100|thoi_luong:"ms" }} for milliseconds."""
    if unit == "ms" and value not in (None, ""):
        return vn_duration(Decimal(str(value)) / 1000)
    return vn_duration(value)


@register.simple_tag
def lich_su(entries) -> list[HistoryRow]:  # noqa: ANN001
    """{% lich_su history as rows %}: audit entries as a person reads them (core.audit)."""
    return readable_history(entries)


@register.simple_tag(takes_context=True)
def query_without(context, key: str) -> str:  # noqa: ANN001
    """The current query string without `key`, ending with '&' when not empty."""
    params = context["request"].GET.copy()
    params.pop(key, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
