"""Realistic example values for every document (previews, tests and the benchmark), from the seeds."""

from __future__ import annotations

from datetime import date, time

from .achievement import AchievementReport, CriterionResult, PriorAward
from .certificate import Certificate
from .common import Awardee, Letterhead, Nominee
from .decision import AwardDecision
from .layout import Signature
from .minutes import CandidateVote, CouncilMember, CouncilMinutes
from .nominees import NomineeList
from .plan import CampaignPlan, Deadline, Duty, QuotaRow, StandardGroup
from .proposal import ProposalLetter
from .registration import RegisteredPerson, RegistrationForm

__all__ = [
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "person_name",
    "sample_achievement_report",
    "sample_certificates",
    "sample_decision",
    "sample_minutes",
    "sample_nominee_list",
    "sample_plan",
    "sample_proposal",
    "sample_registration",
]

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
CAMPAIGN = "phong trào thi đua cải cách hành chính hằng năm và giai đoạn 2021-2025"
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN_NAMES = ("Văn An", "Thị Lan", "Minh Tuấn", "Thị Hồng Nhung", "Quốc Bảo", "Thanh Hằng",
               "Hữu Phước", "Ngọc Ánh", "Công Thành", "Thị Mỹ Linh", "Đức Trí", "Kim Ngân")
UNITS = ("Sở Nội vụ", "Sở Tư pháp", "Sở Thông tin và Truyền thông", "Sở Tài chính",
         "Ủy ban nhân dân thành phố Rạch Giá", "Ủy ban nhân dân huyện Châu Thành",
         "Văn phòng Ủy ban nhân dân tỉnh", "Sở Kế hoạch và Đầu tư")


def person_name(i: int) -> str:
    """A deterministic Vietnamese full name for example number ``i``."""
    return f"{FAMILY_NAMES[i % len(FAMILY_NAMES)]} {GIVEN_NAMES[i * 7 % len(GIVEN_NAMES)]}"


def _honorific(i: int) -> str:
    return ("Bà " if "Thị" in person_name(i) else "Ông ") + person_name(i)


def sample_plan() -> CampaignPlan:
    """The Kiên Giang plan of seed 002, abridged but with all its parts."""
    return CampaignPlan(
        letterhead=Letterhead(issuing_body=PROVINCE, place="Kiên Giang",
                              number_symbol="39/KH-UBND", issued_on=date(2022, 2, 23)),
        subject="Phát động phong trào thi đua cải cách hành chính hằng năm\n"
                "và giai đoạn 2021-2025 trên địa bàn tỉnh Kiên Giang",
        legal_bases=[
            "Căn cứ Quyết định số 24/2018/QĐ-UBND ngày 28/12/2018 của Ủy ban nhân dân tỉnh "
            "Kiên Giang ban hành quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh;",
            "Thực hiện Kế hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân tỉnh về thực "
            "hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2025.",
        ],
        preamble="Ủy ban nhân dân tỉnh ban hành Kế hoạch phát động phong trào thi đua cải cách "
                 "hành chính hằng năm và giai đoạn 2021-2025 trên địa bàn tỉnh như sau:",
        purposes=[
            "Nhằm huy động tinh thần đoàn kết, chủ động, sáng tạo của đội ngũ cán bộ, công "
            "chức, viên chức, người lao động trong các cơ quan nhà nước thi đua đẩy mạnh công "
            "tác cải cách hành chính, xây dựng nền hành chính trong sạch, vững mạnh, thông "
            "suốt, hiện đại, hiệu lực, hiệu quả; góp phần nâng cao chỉ số năng lực cạnh tranh "
            "và chỉ số cải cách hành chính của tỉnh.",
            "Kịp thời phát hiện, biểu dương, khen thưởng những tập thể, cá nhân có thành tích "
            "xuất sắc trong công tác cải cách hành chính; nhân rộng điển hình tiên tiến, các mô "
            "hình mới, cách làm hay, sáng tạo, hiệu quả.",
        ],
        requirements=[
            "Phong trào thi đua phải được phát động rộng rãi, thường xuyên ở tất cả các cơ quan "
            "hành chính nhà nước các cấp, với phương châm thiết thực, hiệu quả, tránh phô "
            "trương hình thức.",
            "Việc bình xét thi đua, khen thưởng phải bảo đảm dân chủ, khách quan, đúng đối "
            "tượng, tiêu chuẩn, đúng thành tích và đúng quy trình theo quy định.",
        ],
        theme="Tăng cường ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính, đẩy "
              "mạnh thực hiện chuyển đổi số, góp phần thực hiện thắng lợi các mục tiêu phát "
              "triển kinh tế - xã hội của tỉnh giai đoạn 2021-2025.",
        contents=[
            "Tuyên truyền, quán triệt sâu rộng về ý nghĩa, tầm quan trọng của công tác cải cách "
            "hành chính; tập trung tuyên truyền thực hiện thủ tục hành chính trực tuyến.",
            "Thực hiện hiệu quả, chất lượng sáu (06) nhiệm vụ cải cách hành chính: cải cách thể "
            "chế; cải cách thủ tục hành chính; cải cách tổ chức bộ máy; cải cách chế độ công "
            "vụ; cải cách tài chính công; xây dựng Chính quyền điện tử, Chính quyền số.",
            "Thi đua nâng cao trách nhiệm lãnh đạo, chỉ đạo của người đứng đầu các cơ quan, đơn "
            "vị, địa phương trong triển khai nhiệm vụ cải cách hành chính.",
            "Thi đua đề xuất các giải pháp, sáng kiến, mô hình mới, hiệu quả trong thực hiện "
            "nhiệm vụ cải cách hành chính.",
        ],
        collective_participants="các sở, ban, ngành tỉnh; Ủy ban nhân dân các huyện, thành "
                                "phố; Ủy ban nhân dân các xã, phường, thị trấn.",
        individual_participants="cán bộ, công chức, viên chức trong các cơ quan, đơn vị nêu "
                                "tại điểm a khoản này.",
        period="Thời gian thi đua 05 năm: từ ngày 01/01/2021 đến ngày 31/12/2025",
        registration_deadline=date(2022, 3, 30),
        standards=[
            StandardGroup("Đối với tập thể", [
                "Cờ thi đua: kết quả cải cách hành chính hằng năm đạt loại tốt trở lên, trong "
                "đó có ít nhất 03 lần và năm cuối được xếp loại xuất sắc.",
                "Bằng khen: kết quả cải cách hành chính hằng năm đạt loại tốt trở lên, trong đó "
                "có ít nhất 03 lần được xếp loại xuất sắc.",
            ], note="Lưu ý: Ủy ban nhân dân cấp xã phải thuộc nhóm Ủy ban nhân dân cấp huyện "
                    "được bình xét Cờ thi đua."),
            StandardGroup("Đối với cá nhân", [
                "Hoàn thành tốt nhiệm vụ hằng năm; có thành tích xuất sắc trong thực hiện "
                "nhiệm vụ cải cách hành chính; thuộc cơ quan, đơn vị được xét tặng Cờ thi đua "
                "hoặc Bằng khen.",
            ]),
        ],
        quotas=[
            QuotaRow("Các sở, ban, ngành tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh", 2),
            QuotaRow("Ủy ban nhân dân các huyện, thành phố", "Cờ thi đua của Ủy ban nhân dân "
                     "tỉnh", 1),
            QuotaRow("Ủy ban nhân dân các xã, phường, thị trấn", "Cờ thi đua của Ủy ban nhân "
                     "dân tỉnh", 3),
            QuotaRow("Các sở, ban, ngành tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 3),
            QuotaRow("Ủy ban nhân dân các huyện, thành phố", "Bằng khen của Chủ tịch Ủy ban "
                     "nhân dân tỉnh", 2),
            QuotaRow("Ủy ban nhân dân các xã, phường, thị trấn", "Bằng khen của Chủ tịch Ủy "
                     "ban nhân dân tỉnh", 6),
        ],
        quota_note="Lưu ý: nếu có nhiều tập thể đạt tiêu chuẩn nhưng vượt quá số lượng quy định "
                   "thì xét chọn theo thứ hạng thành tích từ cao xuống thấp.",
        dossier=[
            "Tờ trình của cơ quan, đơn vị, địa phương;",
            "Biên bản họp Hội đồng Thi đua - Khen thưởng của cơ quan, đơn vị, địa phương;",
            "Báo cáo thành tích của tập thể và cá nhân theo mẫu quy định;",
            "Số lượng hồ sơ: 01 bộ bản chính.",
        ],
        deadlines=[
            Deadline("Đăng ký thi đua 05 năm và hằng năm", date(2022, 3, 30),
                     "Các cơ quan, đơn vị"),
            Deadline("Gửi hồ sơ đề nghị khen thưởng hằng năm",
                     "15 ngày kể từ ngày công nhận kết quả", "Các cơ quan, đơn vị"),
            Deadline("Sơ kết giữa giai đoạn", date(2023, 12, 15), "Sở Nội vụ"),
        ],
        reviews=["Tổ chức cùng với sơ kết, tổng kết công tác cải cách hành chính của tỉnh giai "
                 "đoạn 2021-2025."],
        duties=[
            Duty("Sở Nội vụ", [
                "Là cơ quan thường trực, chủ trì hướng dẫn các cơ quan, đơn vị, địa phương tổ "
                "chức thực hiện, đánh giá, tổng kết thi đua, khen thưởng.",
            ]),
            Duty("Các sở, ban, ngành tỉnh; Ủy ban nhân dân các huyện, thành phố", [
                "Căn cứ Kế hoạch này xây dựng kế hoạch phát động thi đua tại cơ quan, đơn vị, "
                "địa phương để triển khai và tổ chức thực hiện.",
            ]),
        ],
        signature=Signature.deputy("Chủ tịch", "Phó Chủ tịch", "Nguyễn Lưu Trung"),
        recipients=["Bộ Nội vụ", "TT. Tỉnh ủy", "TT. HĐND tỉnh", "CT và các PCT. UBND tỉnh",
                    "Các sở, ban, ngành cấp tỉnh", "UBND các huyện, thành phố", "Lưu: VT"],
    )


def sample_registration() -> RegistrationForm:
    """A department's registration on the form at the end of seed 002."""
    return RegistrationForm(
        letterhead=Letterhead(parent_body=PROVINCE, issuing_body="Sở Tư pháp",
                              place="Kiên Giang", number_symbol="/ĐK-STP", draft_year=2022),
        subject="Thi đua thực hiện nhiệm vụ CCHC hằng năm\nvà giai đoạn 2021-2025",
        intro="Thực hiện Kế hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân tỉnh, Sở Tư "
              "pháp đăng ký thi đua như sau:",
        unit_name="Sở Tư pháp tỉnh Kiên Giang",
        collective_targets=["Hoàn thành xuất sắc nhiệm vụ CCHC giai đoạn 2021 - 2025."],
        individual_target="Hoàn thành xuất sắc nhiệm vụ CCHC hằng năm và giai đoạn 2021 - 2025.",
        individuals=[
            RegisteredPerson(name=person_name(1), position="Phó Giám đốc Sở"),
            RegisteredPerson(name=person_name(2), position="Chuyên viên Văn phòng Sở"),
        ],
        signature=Signature(title="Giám đốc", name=person_name(3)),
    )


def _criteria(years: range, offset: int) -> list[CriterionResult]:
    scores = {y: f"{88.5 + (y - years.start + offset) % 5 * 1.75:.2f}".replace(".", ",")
              for y in years}
    return [
        CriterionResult("Chỉ số CCHC (PAR INDEX), điểm", scores),
        CriterionResult("Xếp loại kết quả CCHC", {
            y: "Xuất sắc" if (y + offset) % 3 else "Tốt" for y in years}),
        CriterionResult("Chỉ số hài lòng (SIPAS), %", {
            y: f"{91 + (y + offset) % 6},{(y * 7 + offset) % 10}" for y in years}),
        CriterionResult("Hồ sơ TTHC giải quyết đúng hạn, %", {
            y: f"{97 + (y + offset) % 3},{(y + offset) % 10}" for y in years}),
        CriterionResult("Xếp loại chất lượng cá nhân", {
            y: "Hoàn thành xuất sắc nhiệm vụ" if (y + offset) % 2 else
            "Hoàn thành tốt nhiệm vụ" for y in years}),
    ]


def sample_achievement_report(
    i: int = 0, *, on: date = date(2025, 12, 5), thematic: bool = True
) -> AchievementReport:
    """An individual's report for the 2021-2025 campaign, prefilled with yearly results."""
    unit = UNITS[i % len(UNITS)]
    name = person_name(i)
    return AchievementReport(
        letterhead=Letterhead(parent_body=PROVINCE, issuing_body=unit, place="Kiên Giang",
                              issued_on=on),
        nominee=_honorific(i),
        position=f"Chuyên viên Phòng Cải cách hành chính, {unit}",
        award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        campaign=CAMPAIGN,
        thematic=thematic,
        general_info=[
            ("Họ và tên", name),
            ("Giới tính", "Nữ" if "Thị" in name else "Nam"),
            ("Ngày, tháng, năm sinh", f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1975 + i % 20}"),
            ("Quê quán", "xã Vĩnh Hòa Hiệp, huyện Châu Thành, tỉnh Kiên Giang"),
            ("Chức vụ, đơn vị công tác", f"Chuyên viên Phòng Cải cách hành chính, {unit}"),
            ("Trình độ chuyên môn, lý luận chính trị", "Thạc sĩ Quản lý công; Trung cấp"),
        ],
        duties=[
            "Được phân công tham mưu công tác cải cách hành chính, kiểm soát thủ tục hành "
            "chính và theo dõi Chỉ số CCHC, Chỉ số SIPAS của đơn vị.",
        ],
        achievements=[
            "Trong giai đoạn 2021-2025, bản thân luôn chủ động tham mưu lãnh đạo đơn vị ban "
            "hành kế hoạch cải cách hành chính hằng năm, kế hoạch kiểm soát thủ tục hành chính, "
            "kế hoạch tuyên truyền và kế hoạch kiểm tra; theo dõi, đôn đốc các phòng chuyên môn "
            "thực hiện đúng tiến độ, chất lượng các nhiệm vụ được giao.",
            "Tham mưu rà soát, đơn giản hóa 27 thủ tục hành chính, cắt giảm trung bình 32% thời "
            "gian giải quyết; 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công "
            "trực tuyến toàn trình; tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.",
            "Tích cực tham gia Cuộc thi trực tuyến tìm hiểu về cải cách hành chính do tỉnh tổ "
            "chức và đạt giải Ba năm 2023; tham gia biên soạn tài liệu tuyên truyền về thủ tục "
            "hành chính trực tuyến cho người dân, doanh nghiệp.",
        ],
        results=_criteria(range(2021, 2026), i),
        measures=[
            "Xây dựng bộ công cụ theo dõi tiến độ nhiệm vụ CCHC trên phần mềm quản lý văn bản, "
            "cảnh báo sớm các nhiệm vụ chậm tiến độ.",
            "Phối hợp Trung tâm Phục vụ hành chính công hướng dẫn người dân nộp hồ sơ trực "
            "tuyến, thanh toán phí, lệ phí không dùng tiền mặt.",
            "Định kỳ hằng quý khảo sát mức độ hài lòng của người dân, tổ chức và đề xuất khắc "
            "phục kịp thời các hạn chế.",
        ],
        initiatives=[
            "Sáng kiến “Số hóa quy trình tiếp nhận và trả kết quả thủ tục hành chính” được Hội "
            "đồng sáng kiến cơ sở công nhận năm 2023.",
        ],
        prior_awards=[PriorAward(2022, "Giấy khen của Giám đốc Sở",
                                 "Quyết định số 215/QĐ-SNV ngày 20/12/2022")],
        head=Signature(title="Người báo cáo thành tích", name=name,
                       hint="(Ký, ghi rõ họ và tên)"),
        confirmer=Signature(title="Thủ trưởng đơn vị xác nhận", name=person_name(i + 5),
                            hint="(Ký, đóng dấu)"),
    )


def _nominees(count: int, start: int = 0) -> list[Nominee]:
    nominees = [Nominee(name=f"Phòng Cải cách hành chính, {UNITS[start % len(UNITS)]}",
                        kind="collective",
                        award_form="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                        summary="Kết quả CCHC xếp loại xuất sắc 03 năm liên tục")]
    for k in range(start + 1, start + count):
        nominees.append(Nominee(
            name=_honorific(k), kind="individual",
            position=f"Chuyên viên, {UNITS[k % len(UNITS)]}",
            award_form="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            summary="Hoàn thành xuất sắc nhiệm vụ CCHC; có sáng kiến được công nhận"))
    return nominees


def sample_proposal(i: int = 0, nominees: int = 4,
                    on: date | None = date(2025, 12, 8)) -> ProposalLetter:
    """A department's proposal letter to the provincial chairman."""
    unit = UNITS[i % len(UNITS)]
    return ProposalLetter(
        letterhead=Letterhead(parent_body=PROVINCE, issuing_body=unit, place="Kiên Giang",
                              number_symbol=f"{15 + i % 80}/TTr-SNV", issued_on=on,
                              draft_year=2025),
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập "
                "thể, cá nhân có thành tích xuất sắc trong phong trào thi đua cải cách hành "
                "chính giai đoạn 2021-2025",
        addressees=["Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang"],
        requester=unit,
        decider="Chủ tịch Ủy ban nhân dân tỉnh",
        achievement=f"có thành tích xuất sắc trong {CAMPAIGN}",
        legal_bases=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Kế hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân tỉnh về phát "
            "động phong trào thi đua cải cách hành chính hằng năm và giai đoạn 2021-2025.",
        ],
        background=[
            f"Trong giai đoạn 2021-2025, {unit} đã triển khai đồng bộ các nhiệm vụ cải cách hành "
            "chính; Chỉ số CCHC của đơn vị liên tục xếp loại xuất sắc, năm 2025 xếp hạng 2/20 "
            "sở, ban, ngành; tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 99,2%; chỉ "
            "số hài lòng của người dân, tổ chức đạt 95,6%.",
            "Phong trào thi đua được phát động sâu rộng đến 100% công chức, viên chức; có 12 "
            "sáng kiến, giải pháp về cải cách hành chính được Hội đồng sáng kiến cơ sở công "
            "nhận và áp dụng hiệu quả.",
        ],
        council_meeting=f"Biên bản họp Hội đồng Thi đua - Khen thưởng {unit} ngày 05/12/2025",
        nominees=_nominees(nominees, i),
        attachments=["Biên bản họp Hội đồng Thi đua - Khen thưởng;",
                     "Báo cáo thành tích của các tập thể, cá nhân;",
                     "Quyết định công nhận sáng kiến và minh chứng kèm theo."],
        signature=Signature(title="Giám đốc", name=person_name(i + 3)),
        recipients=["Như trên", "Sở Nội vụ (Ban TĐKT)", "Lưu: VT, VP"],
    )


def sample_minutes() -> CouncilMinutes:
    """The council's meeting with nine members, two absent (one voted in writing)."""
    members = [
        CouncilMember(name=person_name(10), position="Giám đốc Sở", role="Chủ tịch Hội đồng"),
        CouncilMember(name=person_name(11), position="Phó Giám đốc Sở",
                      role="Phó Chủ tịch Hội đồng"),
        *(CouncilMember(name=person_name(12 + k), position=f"Trưởng phòng {p}")
          for k, p in enumerate(("Tổ chức cán bộ", "Cải cách hành chính", "Công chức, viên "
                                 "chức", "Xây dựng chính quyền"))),
        CouncilMember(name=person_name(17), position="Chủ tịch Công đoàn cơ sở"),
        CouncilMember(name=person_name(18), position="Chánh Thanh tra Sở", present=False,
                      written_vote=True, absence_reason="đi công tác"),
        CouncilMember(name=person_name(19), position="Bí thư Chi đoàn", present=False,
                      absence_reason="nghỉ phép"),
    ]
    return CouncilMinutes(
        letterhead=Letterhead(parent_body=PROVINCE, issuing_body="Sở Nội vụ",
                              place="Kiên Giang", number_symbol="3/BB-HĐTĐKT",
                              issued_on=date(2025, 12, 5)),
        council="Hội đồng Thi đua - Khen thưởng Sở Nội vụ",
        purpose="xét đề nghị khen thưởng phong trào thi đua cải cách hành chính\n"
                "giai đoạn 2021-2025",
        held_on=date(2025, 12, 5), start=time(14, 0), end=time(16, 30),
        venue="Phòng họp số 1, Sở Nội vụ tỉnh Kiên Giang",
        chair=members[0],
        secretary=CouncilMember(name=person_name(20), position="Chuyên viên Văn phòng Sở",
                                role="Thư ký Hội đồng"),
        members=members,
        proceedings=[
            "Thường trực Hội đồng báo cáo tóm tắt thành tích của các tập thể, cá nhân được các "
            "phòng đề nghị; đối chiếu tiêu chuẩn tại Kế hoạch số 39/KH-UBND ngày 23/02/2022 của "
            "Ủy ban nhân dân tỉnh.",
            "Các thành viên Hội đồng thảo luận, thống nhất các tập thể, cá nhân đủ điều kiện, "
            "tiêu chuẩn đưa ra biểu quyết.",
        ],
        votes=[
            CandidateVote(nominee="Phòng Cải cách hành chính", award_form="Bằng khen của Chủ "
                          "tịch UBND tỉnh", approve=8, reject=0, required_percent=80),
            CandidateVote(nominee=_honorific(1), award_form="Bằng khen của Chủ tịch UBND tỉnh",
                          approve=7, reject=1, required_percent=80),
            CandidateVote(nominee=_honorific(2), award_form="Chiến sĩ thi đua cấp tỉnh",
                          approve=7, reject=0, abstain=1, required_percent=90),
        ],
        conclusion=[
            "Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho 01 "
            "tập thể và 01 cá nhân đạt tỷ lệ phiếu đồng ý theo quy định.",
        ],
    )


def sample_decision(awardees: int = 6) -> AwardDecision:
    """A provincial chairman's decision awarding certificates of merit with reward money."""
    people = [Awardee(name=f"Phòng Cải cách hành chính, {UNITS[0]}", kind="collective",
                      award_form="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", reward=3_510_000)]
    for k in range(1, awardees):
        people.append(Awardee(name=_honorific(k), position=f"Chuyên viên, {UNITS[k % 8]}",
                              award_form="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                              reward=1_170_000))
    return AwardDecision(
        letterhead=Letterhead(issuing_body=PROVINCE, place="Kiên Giang",
                              number_symbol="2815/QĐ-UBND", issued_on=date(2025, 12, 20)),
        subject="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        authority="Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang",
        legal_bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 512/TTr-SNV ngày 15 tháng 12 "
            "năm 2025.",
        ],
        achievement=f"đã có thành tích xuất sắc trong {CAMPAIGN}",
        awardees=people,
        payer="Sở Tài chính",
        executors=["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ",
                   "Giám đốc Sở Tài chính", "Thủ trưởng các cơ quan, đơn vị có liên quan"],
        signature=Signature.on_behalf_of("Ủy ban nhân dân", "Chủ tịch", person_name(30)),
        recipients=["Như Điều 3", "TT. Tỉnh ủy, TT. HĐND tỉnh", "Sở Nội vụ (Ban TĐKT)",
                    "Lưu: VT"],
    )


def sample_nominee_list() -> NomineeList:
    """A division's list of nominees, after the end of seed 003."""
    return NomineeList(
        letterhead=Letterhead(parent_body="Ban Dân tộc tỉnh", issuing_body="Phòng Chính sách",
                              place="Ninh Thuận", issued_on=date(2023, 11, 20)),
        subject="Có thành tích tiêu biểu, xuất sắc trong thực hiện phong trào thi đua “Mô "
                "hình, sáng kiến cải cách hành chính” và tham gia cuộc thi trực tuyến tìm hiểu "
                "cải cách hành chính giai đoạn 2021-2025",
        addressee="Hội đồng Thi đua - Khen thưởng Ban Dân tộc",
        nominees=[
            Nominee(name="Phòng Chính sách", kind="collective",
                    award_form="Giấy khen của Trưởng ban",
                    summary="Có 02 mô hình CCHC được Ban công nhận"),
            *(Nominee(name=_honorific(k), position="Chuyên viên Phòng Chính sách",
                      award_form="Giấy khen của Trưởng ban",
                      summary="Giải Nhì cuộc thi trực tuyến tìm hiểu CCHC năm 2023")
              for k in range(3)),
        ],
        signature=Signature(title="Trưởng phòng", name=person_name(40),
                            hint="(Ký, ghi rõ họ tên)"),
    )


def sample_certificates(count: int = 2) -> list[Certificate]:
    """Certificates for the first awardees of ``sample_decision``."""
    decision = sample_decision(max(count, 2))
    return [
        Certificate(
            authority=decision.authority,
            awardee_name=a.name.split(",")[0] if a.kind == "collective" else a.name,
            awardee_detail=a.position or (a.name.split(", ", 1)[1] if ", " in a.name else ""),
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua cải cách hành chính "
                        "giai đoạn 2021-2025",
            decision_number=decision.letterhead.number_symbol or "",
            decision_date=decision.letterhead.issued_on or date(2025, 12, 20),
            place="Kiên Giang",
            signer_name=person_name(30),
            register_no=f"{1000 + k}",
        )
        for k, a in enumerate(decision.awardees[:count])
    ]
