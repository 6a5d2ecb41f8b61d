"""The demo question bank of "Tìm hiểu CCHC": 40 questions, in the import file's columns.

Each row: code, question, kind ("Một đáp án" / "Nhiều đáp án"), options A–D, correct letters,
topic. Facts are those of the seeds and of docs (DOMAIN.md §7); the demo loads them through the
same Excel import a user would use.
"""

from __future__ import annotations

ONE, MANY = "Một đáp án", "Nhiều đáp án"

QUESTIONS: list[tuple[str, str, str, tuple[str, ...], str, str]] = [
    ("CCHC-01", "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 được ban hành "
     "bằng văn bản nào?", ONE, ("Nghị quyết số 30c/NQ-CP", "Nghị quyết số 76/NQ-CP",
                               "Quyết định số 876/QĐ-BNV", "Nghị định số 61/2018/NĐ-CP"), "B",
     "Chương trình CCHC"),
    ("CCHC-02", "Những nội dung nào thuộc Chương trình tổng thể CCHC nhà nước giai đoạn 2021–2030?", MANY,
     ("Cải cách thể chế", "Cải cách thủ tục hành chính", "Phát triển du lịch cộng đồng",
      "Cải cách tài chính công"), "A, B, D", "Chương trình CCHC"),
    ("CCHC-03", "PAR INDEX là tên viết tắt của chỉ số nào?", ONE,
     ("Chỉ số cải cách hành chính", "Chỉ số năng lực cạnh tranh cấp tỉnh",
      "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh", "Chỉ số hài lòng của người dân"), "A",
     "Chỉ số"),
    ("CCHC-04", "SIPAS đo lường điều gì?", ONE,
     ("Năng lực cạnh tranh của doanh nghiệp",
      "Sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
      "Mức độ chuyển đổi số của tỉnh", "Chất lượng đội ngũ công chức"), "B", "Chỉ số"),
    ("CCHC-05", "PAPI là chỉ số gì?", ONE,
     ("Chỉ số năng lực cạnh tranh cấp tỉnh", "Chỉ số cải cách hành chính",
      "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh", "Chỉ số phát triển con người"), "C", "Chỉ số"),
    ("CCHC-06", "PCI là chỉ số gì?", ONE,
     ("Chỉ số năng lực cạnh tranh cấp tỉnh", "Chỉ số giá tiêu dùng", "Chỉ số cải cách hành chính",
      "Chỉ số hài lòng về y tế công"), "A", "Chỉ số"),
    ("CCHC-07", "Đề án xác định Chỉ số cải cách hành chính giai đoạn 2022–2030 được phê duyệt tại văn bản "
     "nào?", ONE, ("Quyết định số 876/QĐ-BNV", "Nghị quyết số 76/NQ-CP", "Nghị định số 30/2020/NĐ-CP",
                   "Luật Thi đua, khen thưởng 2022"), "A", "Chỉ số"),
    ("CCHC-08", "Kết quả Chỉ số CCHC của các cơ quan, địa phương được đánh giá trên thang điểm tối đa "
     "bao nhiêu?", ONE, ("10 điểm", "50 điểm", "100 điểm", "1.000 điểm"), "C", "Chỉ số"),
    ("CCHC-09", "SIPAS khảo sát những yếu tố nào của việc phục vụ người dân?", MANY,
     ("Tiếp cận dịch vụ", "Thủ tục hành chính", "Công chức trực tiếp giải quyết công việc",
      "Giá đất tại địa phương"), "A, B, C", "Chỉ số"),
    ("CCHC-10", "Nghị định số 61/2018/NĐ-CP quy định về nội dung gì?", ONE,
     ("Công tác văn thư", "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành "
      "chính", "Kiểm soát thủ tục hành chính", "Đánh giá, xếp loại chất lượng cán bộ"), "B", "Một cửa"),
    ("CCHC-11", "Văn bản nào sửa đổi, bổ sung Nghị định 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên "
     "thông?", ONE, ("Nghị định số 107/2021/NĐ-CP", "Nghị định số 45/2020/NĐ-CP",
                     "Nghị định số 30/2020/NĐ-CP", "Nghị định số 63/2010/NĐ-CP"), "A", "Một cửa"),
    ("CCHC-12", "Ở cấp tỉnh, đơn vị tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính tập trung "
     "thường có tên là gì?", ONE, ("Trung tâm Phục vụ hành chính công", "Trung tâm Lưu trữ lịch sử",
                                   "Văn phòng Đoàn đại biểu Quốc hội", "Trung tâm Xúc tiến đầu tư"), "A",
     "Một cửa"),
    ("CCHC-13", "Địa chỉ Cổng Dịch vụ công quốc gia là gì?", ONE,
     ("dichvucong.gov.vn", "chinhphu.vn", "vanban.gov.vn", "baochinhphu.vn"), "A", "Chính phủ số"),
    ("CCHC-14", "Nghị định số 45/2020/NĐ-CP quy định về nội dung gì?", ONE,
     ("Thực hiện thủ tục hành chính trên môi trường điện tử", "Công tác văn thư",
      "Xử lý kỷ luật cán bộ", "Chế độ tiền lương"), "A", "Chính phủ số"),
    ("CCHC-15", "Nghị định số 42/2022/NĐ-CP quy định về nội dung gì?", ONE,
     ("Cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
      "Tổ chức các cơ quan chuyên môn thuộc UBND tỉnh", "Quản lý biên chế", "Khen thưởng đột xuất"),
     "A", "Chính phủ số"),
    ("CCHC-16", "Dịch vụ công trực tuyến toàn trình là gì?", ONE,
     ("Dịch vụ mà người dân chỉ nộp hồ sơ trực tuyến, phải đến nhận kết quả trực tiếp",
      "Dịch vụ bảo đảm cung cấp toàn bộ thông tin về thủ tục hành chính và việc thực hiện, giải quyết "
      "được thực hiện hoàn toàn trên môi trường mạng", "Dịch vụ chỉ cung cấp biểu mẫu để tải về",
      "Dịch vụ do doanh nghiệp bưu chính thực hiện thay"), "B", "Chính phủ số"),
    ("CCHC-17", "Đề án 06 của Chính phủ (Quyết định 06/QĐ-TTg năm 2022) về nội dung gì?", ONE,
     ("Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc "
      "gia", "Sắp xếp đơn vị hành chính cấp xã", "Tinh giản biên chế", "Cải cách tiền lương"),
     "A", "Chính phủ số"),
    ("CCHC-18", "Ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển có tên là gì?", ONE,
     ("VNeID", "VssID", "Zalo", "eTax Mobile"), "A", "Chính phủ số"),
    ("CCHC-19", "Nghị định số 63/2010/NĐ-CP quy định về nội dung gì?", ONE,
     ("Kiểm soát thủ tục hành chính", "Công tác văn thư", "Thi đua, khen thưởng",
      "Tuyển dụng công chức"), "A", "Thủ tục hành chính"),
    ("CCHC-20", "Ở cấp tỉnh, cơ quan nào giúp UBND tỉnh thực hiện công tác kiểm soát thủ tục hành chính?",
     ONE, ("Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Thanh tra tỉnh"),
     "A", "Thủ tục hành chính"),
    ("CCHC-21", "Theo Kế hoạch của Ban Dân tộc (mẫu 003), cơ quan thường trực chấm điểm CCHC của tỉnh là "
     "cơ quan nào?", ONE, ("Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư"),
     "A", "Tổ chức thực hiện"),
    ("CCHC-22", "Theo Kế hoạch 003, tỷ lệ cán bộ, công chức, người lao động của cơ quan phải tham gia cuộc "
     "thi tìm hiểu CCHC là bao nhiêu?", ONE, ("50%", "70%", "80%", "100%"), "D", "Tổ chức thực hiện"),
    ("CCHC-23", "Theo Kế hoạch 003, sáng kiến CCHC được tìm kiếm trên những lĩnh vực nào?", MANY,
     ("Cải cách thủ tục hành chính", "Cải cách chế độ công vụ",
      "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "Quốc phòng, an ninh"),
     "A, B, C", "Sáng kiến"),
    ("CCHC-24", "Nghị định số 30/2020/NĐ-CP quy định về nội dung gì?", ONE,
     ("Công tác văn thư", "Cơ chế một cửa", "Đánh giá cán bộ", "Tổ chức bộ máy"), "A", "Văn bản"),
    ("CCHC-25", "Theo Nghị định 30/2020/NĐ-CP, văn bản hành chính sử dụng phông chữ nào?", ONE,
     ("Arial", "Times New Roman, bộ mã Unicode", "VNI-Times", "Calibri"), "B", "Văn bản"),
    ("CCHC-26", "Theo Nghị định 30/2020/NĐ-CP, văn bản hành chính được trình bày trên khổ giấy nào?", ONE,
     ("A3", "A4", "A5", "Letter"), "B", "Văn bản"),
    ("CCHC-27", "Luật Thi đua, khen thưởng số 06/2022/QH15 có hiệu lực từ ngày nào?", ONE,
     ("01/7/2022", "01/01/2023", "01/01/2024", "01/7/2025"), "C", "Thi đua, khen thưởng"),
    ("CCHC-28", "Danh hiệu Chiến sĩ thi đua cơ sở xét cho cá nhân đạt Lao động tiên tiến và thêm điều kiện "
     "nào (Luật 06/2022/QH15)?", ONE,
     ("Có sáng kiến được công nhận hoặc hoàn thành xuất sắc nhiệm vụ", "Có 10 năm công tác",
      "Là đảng viên", "Được tập thể bầu với 50% phiếu"), "A", "Thi đua, khen thưởng"),
    ("CCHC-29", "Tập thể lao động tiên tiến cần tối thiểu bao nhiêu phần trăm thành viên đạt danh hiệu Lao "
     "động tiên tiến?", ONE, ("50%", "60%", "70%", "100%"), "C", "Thi đua, khen thưởng"),
    ("CCHC-30", "Hội đồng Thi đua – Khen thưởng xét danh hiệu Chiến sĩ thi đua cơ sở cần tỷ lệ phiếu đồng "
     "ý tối thiểu bao nhiêu trên tổng số thành viên?", ONE, ("50%", "70%", "80%", "90%"), "C",
     "Thi đua, khen thưởng"),
    ("CCHC-31", "Ai quyết định tặng Bằng khen của Chủ tịch UBND cấp tỉnh?", ONE,
     ("Chủ tịch UBND cấp tỉnh", "Giám đốc Sở Nội vụ", "Chủ tịch UBND cấp xã", "Bộ trưởng Bộ Nội vụ"),
     "A", "Thi đua, khen thưởng"),
    ("CCHC-32", "Theo Luật 06/2022/QH15, thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh có thẩm quyền tặng "
     "những hình thức nào?", MANY, ("Giấy khen", "Danh hiệu Lao động tiên tiến", "Cờ thi đua của tỉnh",
                                     "Danh hiệu Chiến sĩ thi đua cơ sở"), "A, B, D", "Thi đua, khen thưởng"),
    ("CCHC-33", "Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức hằng năm có mấy mức?", ONE,
     ("2 mức", "3 mức", "4 mức", "5 mức"), "C", "Công vụ"),
    ("CCHC-34", "Mức nào KHÔNG thuộc các mức xếp loại chất lượng công chức?", ONE,
     ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ vượt mức",
      "Không hoàn thành nhiệm vụ"), "C", "Công vụ"),
    ("CCHC-35", "Những nội dung nào thuộc cải cách chế độ công vụ?", MANY,
     ("Tuyển dụng công chức", "Đánh giá công chức", "Đào tạo, bồi dưỡng công chức",
      "Xây dựng cầu, đường giao thông"), "A, B, C", "Công vụ"),
    ("CCHC-36", "Từ ngày 01/7/2025, chính quyền địa phương được tổ chức theo mô hình mấy cấp?", ONE,
     ("Một cấp", "Hai cấp (tỉnh và xã)", "Ba cấp (tỉnh, huyện, xã)", "Bốn cấp"), "B", "Tổ chức bộ máy"),
    ("CCHC-37", "Sau sắp xếp năm 2025, cả nước có bao nhiêu tỉnh, thành phố trực thuộc Trung ương?", ONE,
     ("28", "34", "48", "63"), "B", "Tổ chức bộ máy"),
    ("CCHC-38", "Khi sắp xếp đơn vị hành chính năm 2025, cấp nào không còn được tổ chức?", ONE,
     ("Cấp tỉnh", "Cấp huyện", "Cấp xã", "Thôn, tổ dân phố"), "B", "Tổ chức bộ máy"),
    ("CCHC-39", "Chỉ số nào KHÔNG phải là chỉ số đánh giá mà Kế hoạch 003 nêu để cải thiện?", ONE,
     ("PAR INDEX", "PCI", "PAPI", "GDP bình quân đầu người"), "D", "Chỉ số"),
    ("CCHC-40", "Việc nào giúp người dân theo dõi tiến độ giải quyết hồ sơ thủ tục hành chính?", MANY,
     ("Tra cứu hồ sơ trên Cổng dịch vụ công", "Tin nhắn hoặc thư điện tử thông báo tình trạng hồ sơ",
      "Mã tra cứu trên giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Chờ cán bộ gọi điện sau khi hết hạn"),
     "A, B, C", "Một cửa"),
]


def bank_rows() -> list[list[str]]:
    """The rows of an import file (BANK_COLUMNS order: options A–F, then the answer, the topic)."""
    rows = []
    for code, text, kind, options, correct, topic in QUESTIONS:
        padded = [*options, *[""] * (6 - len(options))]
        rows.append([code, text, kind, *padded, correct, topic])
    return rows
