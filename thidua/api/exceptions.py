"""API errors in Vietnamese: DRF's own messages are English (its Vietnamese catalogue is partial),
so each English message is replaced by the Vietnamese one for its error code; messages the
product already writes in Vietnamese pass unchanged. The shape of the answer stays DRF's."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    # the request as a whole
    "not_authenticated": "Bạn chưa đăng nhập: hãy gửi mã token API hoặc đăng nhập.",
    "authentication_failed": "Không xác thực được: mã token không đúng hoặc đã hết hạn.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Địa chỉ này không nhận phương thức {method}.",
    "not_acceptable": "Không trả lời được theo định dạng được yêu cầu.",
    "unsupported_media_type": "Định dạng dữ liệu gửi lên không được hỗ trợ.",
    "throttled": "Có quá nhiều yêu cầu; hãy thử lại sau.",
    "parse_error": "Dữ liệu gửi lên không đọc được.",
    "error": "Máy chủ gặp lỗi khi xử lý yêu cầu.",
    # one field
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "invalid": "Giá trị không hợp lệ.",
    "max_length": "Giá trị dài quá mức cho phép.",
    "min_length": "Giá trị ngắn hơn mức tối thiểu.",
    "max_value": "Giá trị lớn hơn mức cho phép.",
    "min_value": "Giá trị nhỏ hơn mức cho phép.",
    "max_digits": "Số có quá nhiều chữ số.",
    "max_decimal_places": "Số có quá nhiều chữ số thập phân.",
    "max_whole_digits": "Phần nguyên của số có quá nhiều chữ số.",
    "invalid_choice": "Giá trị không thuộc các lựa chọn cho phép.",
    "does_not_exist": "Đối tượng được chọn không tồn tại.",
    "incorrect_type": "Kiểu dữ liệu không đúng.",
    "not_a_list": "Cần một danh sách.",
    "empty": "Danh sách không được để trống.",
    "unique": "Giá trị này đã có.",
    "date": "Cần một ngày, không phải ngày giờ.",
    "datetime": "Cần ngày giờ, không chỉ ngày.",
    "no_name": "Không xác định được tên tệp.",
    "invalid_image": "Tệp gửi lên không phải là ảnh hợp lệ.",
}
FALLBACK = "Dữ liệu không hợp lệ."


def _vietnamese(detail: Any, method: str) -> Any:
    if isinstance(detail, dict):
        return {key: _vietnamese(value, method) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_vietnamese(value, method) for value in detail]
    if isinstance(detail, ErrorDetail) and str(detail).isascii():
        text = MESSAGES.get(str(detail.code), FALLBACK).format(method=method)
        return ErrorDetail(text, code=detail.code)
    return detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with every English message replaced by its Vietnamese one."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        request = context.get("request")
        method = getattr(request, "method", "") or ""
        response.data = _vietnamese(response.data, method)
    return response
