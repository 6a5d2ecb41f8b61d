"""Template filters for Vietnamese dates and numbers."""

from django import template

from thidua.core.text import vn_date

register = template.Library()


@register.filter
def ngay(value) -> str:  # noqa: ANN001
    """{{ d|ngay }} -> 'ngày 9 tháng 10 năm 2021'."""
    return vn_date(value)


@register.simple_tag(takes_context=True)
def query_without(context, key: str) -> str:  # noqa: ANN001
    """The current query string without `key`, ending with '&' when not empty."""
    params = context["request"].GET.copy()
    params.pop(key, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
