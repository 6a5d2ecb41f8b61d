"""The award-form catalogue, as dated versions of the law (DOMAIN.md §7).

Codes are the ``catalogue`` values of the seed plans plus the emulation titles of the 2022 Law.
Three periods: the 2003 Law with Decree 91/2017; Law 06/2022/QH15 with Decree 98/2023 (from
1/1/2024); Decree 152/2025 and, after districts were abolished, Decree 129/2025 (from 1/7/2025).
Reward multiples are recorded where DOMAIN.md §7 states them (Decree 152/2025 Art. 49-54) and
left empty elsewhere rather than guessed.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

LAW_2003 = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013); Nghị định 91/2017/NĐ-CP"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP"
LAW_2025 = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP; Nghị định 129/2025/NĐ-CP"
REWARD_2025 = "Nghị định 152/2025/NĐ-CP, Điều 49-54"
P1 = (date(2017, 9, 15), date(2023, 12, 31), LAW_2003)
P2 = (date(2024, 1, 1), date(2025, 6, 30), LAW_2022)
P3 = (date(2025, 7, 1), None, LAW_2025)
NO_MONEY = "Mức tiền thưởng của thời kỳ này chưa được nhập vào danh mục."

# code, name, kind, subject, authority level, versions: (period, authority, collective ×, individual ×, note)
CATALOGUE = [
    ("flag_government", "Cờ thi đua của Chính phủ", "flag", "collective", "central", [
        (P1, "Thủ tướng Chính phủ", None, None, NO_MONEY),
        (P2, "Thủ tướng Chính phủ", None, None, NO_MONEY),
        (P3, "Thủ tướng Chính phủ", None, None, NO_MONEY),
    ]),
    ("flag_province", "Cờ thi đua của Ủy ban nhân dân tỉnh", "flag", "collective", "province", [
        (P1, "Ủy ban nhân dân tỉnh", None, None, NO_MONEY),
        (P2, "Ủy ban nhân dân tỉnh", None, None, NO_MONEY),
        (P3, "Ủy ban nhân dân tỉnh", Decimal("8"), None, ""),
    ]),
    ("merit_prime_minister", "Bằng khen của Thủ tướng Chính phủ", "merit", "both", "central", [
        (P1, "Thủ tướng Chính phủ", None, None, NO_MONEY),
        (P2, "Thủ tướng Chính phủ", None, None, NO_MONEY),
        (P3, "Thủ tướng Chính phủ", None, None, NO_MONEY),
    ]),
    ("merit_province_chairman", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "merit", "both",
     "province", [
        (P1, "Chủ tịch Ủy ban nhân dân tỉnh", None, None, NO_MONEY),
        (P2, "Chủ tịch Ủy ban nhân dân tỉnh", None, None,
         "Cá nhân (Điều 74.1.d): hai lần liên tục Chiến sĩ thi đua cơ sở, hoặc từ 2 năm liên tục "
         "Hoàn thành xuất sắc nhiệm vụ, có 2 sáng kiến được áp dụng trong thời gian đó. " + NO_MONEY),
        (P3, "Chủ tịch Ủy ban nhân dân tỉnh", Decimal("3"), None,
         "Mức thưởng cá nhân chưa được nhập vào danh mục."),
    ]),
    ("giay_khen_department", "Giấy khen của Giám đốc sở, Thủ trưởng ban, ngành tỉnh", "giay_khen",
     "both", "department", [
        (P1, "Giám đốc sở, Thủ trưởng ban, ngành tỉnh", None, None, NO_MONEY),
        (P2, "Giám đốc sở, Thủ trưởng ban, ngành tỉnh", None, None, NO_MONEY),
        (P3, "Giám đốc sở, Thủ trưởng ban, ngành tỉnh", Decimal("0.6"), None,
         "Mức thưởng cá nhân chưa được nhập vào danh mục."),
    ]),
    ("giay_khen_unit_head", "Giấy khen của Thủ trưởng cơ quan, đơn vị, địa phương", "giay_khen",
     "both", "unit_head", [
        (P1, "Thủ trưởng cơ quan, đơn vị", None, None, NO_MONEY),
        (P2, "Thủ trưởng cơ quan, đơn vị", None, None, NO_MONEY),
        (P3, "Thủ trưởng cơ quan, đơn vị", Decimal("0.6"), None,
         "Mức thưởng cá nhân chưa được nhập vào danh mục."),
    ]),
    ("giay_khen_district", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện", "giay_khen", "both",
     "district", [
        (P1, "Chủ tịch Ủy ban nhân dân cấp huyện", None, None, NO_MONEY),
        (P2, "Chủ tịch Ủy ban nhân dân cấp huyện", None, None,
         "Cấp huyện kết thúc hoạt động từ 01/7/2025 (Nghị quyết 202/2025/QH15); thẩm quyền chuyển "
         "cho Chủ tịch Ủy ban nhân dân cấp xã. " + NO_MONEY),
    ]),
    ("giay_khen_commune", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "giay_khen", "both",
     "commune", [
        (P1, "Chủ tịch Ủy ban nhân dân cấp xã", None, None, NO_MONEY),
        (P2, "Chủ tịch Ủy ban nhân dân cấp xã", None, None, NO_MONEY),
        (P3, "Chủ tịch Ủy ban nhân dân cấp xã", Decimal("0.6"), None,
         "Từ 01/7/2025 Chủ tịch Ủy ban nhân dân cấp xã thực hiện thẩm quyền khen thưởng của cấp "
         "huyện trước đây (Nghị định 129/2025/NĐ-CP, Điều 59). Mức thưởng cá nhân chưa được nhập."),
    ]),
    ("higher_level_proposal", "Đề nghị cấp trên khen thưởng", "proposal", "both", "higher", [
        (P1, "Cấp trên có thẩm quyền", None, None, "Không phải một hình thức khen thưởng riêng."),
        (P2, "Cấp trên có thẩm quyền", None, None, "Không phải một hình thức khen thưởng riêng."),
        (P3, "Cấp trên có thẩm quyền", None, None, "Không phải một hình thức khen thưởng riêng."),
    ]),
    ("title_lao_dong_tien_tien", "Danh hiệu Lao động tiên tiến", "title", "individual", "unit_head", [
        (P1, "Thủ trưởng cơ quan, đơn vị", None, None, NO_MONEY),
        (P2, "Thủ trưởng cơ quan, đơn vị", None, None, NO_MONEY),
        (P3, "Thủ trưởng cơ quan, đơn vị; Giám đốc sở; Chủ tịch Ủy ban nhân dân cấp xã", None,
         Decimal("0.3"), ""),
    ]),
    ("title_chien_si_thi_dua_co_so", "Danh hiệu Chiến sĩ thi đua cơ sở", "title", "individual",
     "unit_head", [
        (P1, "Thủ trưởng cơ quan, đơn vị", None, None,
         "Tỷ lệ không quá 15% số Lao động tiên tiến. " + NO_MONEY),
        (P2, "Thủ trưởng cơ quan, đơn vị", None, None,
         "Lao động tiên tiến và Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận; bỏ "
         "giới hạn 15%. " + NO_MONEY),
        (P3, "Giám đốc sở; Chủ tịch Ủy ban nhân dân cấp xã", None, Decimal("1"),
         "Lao động tiên tiến và Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận."),
    ]),
    ("title_chien_si_thi_dua_tinh", "Danh hiệu Chiến sĩ thi đua cấp tỉnh", "title", "individual",
     "province", [
        (P1, "Ủy ban nhân dân tỉnh", None, None, NO_MONEY),
        (P2, "Ủy ban nhân dân tỉnh", None, None,
         "3 năm liên tục Chiến sĩ thi đua cơ sở và có sáng kiến có hiệu quả trong phạm vi tỉnh. "
         + NO_MONEY),
        (P3, "Ủy ban nhân dân tỉnh", None, Decimal("3"),
         "3 năm liên tục Chiến sĩ thi đua cơ sở và có sáng kiến có hiệu quả trong phạm vi tỉnh."),
    ]),
    ("title_tap_the_lao_dong_tien_tien", "Danh hiệu Tập thể lao động tiên tiến", "title",
     "collective", "unit_head", [
        (P1, "Thủ trưởng cơ quan, đơn vị", None, None, NO_MONEY),
        (P2, "Thủ trưởng cơ quan, đơn vị", None, None,
         "Từ 70% thành viên Lao động tiên tiến, không có ai bị kỷ luật từ khiển trách trở lên. "
         + NO_MONEY),
        (P3, "Giám đốc sở; Chủ tịch Ủy ban nhân dân cấp xã", Decimal("0.8"), None,
         "Từ 70% thành viên Lao động tiên tiến, không có ai bị kỷ luật từ khiển trách trở lên."),
    ]),
    ("title_tap_the_lao_dong_xuat_sac", "Danh hiệu Tập thể lao động xuất sắc", "title",
     "collective", "province", [
        (P1, "Ủy ban nhân dân tỉnh", None, None, NO_MONEY),
        (P2, "Ủy ban nhân dân tỉnh", None, None,
         "100% hoàn thành nhiệm vụ, từ 70% Lao động tiên tiến, có ít nhất một Chiến sĩ thi đua cơ "
         "sở. " + NO_MONEY),
        (P3, "Ủy ban nhân dân tỉnh", Decimal("1.5"), None,
         "100% hoàn thành nhiệm vụ, từ 70% Lao động tiên tiến, có ít nhất một Chiến sĩ thi đua cơ "
         "sở."),
    ]),
]


def load(apps, schema_editor):
    AwardFormType = apps.get_model("campaigns", "AwardFormType")
    AwardFormVersion = apps.get_model("campaigns", "AwardFormVersion")
    for position, (code, name, kind, subject, level, versions) in enumerate(CATALOGUE, start=1):
        entry, _ = AwardFormType.objects.update_or_create(code=code, defaults={
            "name": name, "kind": kind, "subject": subject, "authority_level": level,
            "position": position})
        for (valid_from, valid_to, law), authority, collective, individual, note in versions:
            reference = law
            if code == "merit_province_chairman" and law != LAW_2003:
                reference = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74; " + law.split("; ", 1)[1]
            AwardFormVersion.objects.update_or_create(
                award_form=entry, valid_from=valid_from, defaults={
                    "valid_to": valid_to, "name": name, "authority": authority,
                    "legal_reference": reference,
                    "reward_multiple_collective": collective,
                    "reward_multiple_individual": individual,
                    "reward_reference": REWARD_2025 if valid_from == P3[0] else "",
                    "note": note,
                })


def unload(apps, schema_editor):
    apps.get_model("campaigns", "AwardFormType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
