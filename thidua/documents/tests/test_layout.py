"""Layout builder edge cases."""

def test_a_subject_longer_than_word_allows_in_the_title_is_cut():
    from thidua.documents import OfficialDocument, Signature, build_docx

    subject = "Phát động phong trào thi đua " * 20
    doc = OfficialDocument(parent_body="UBND TỈNH", issuing_body="SỞ NỘI VỤ", number_symbol="Số: 1/KH-SNV",
                           place="Kiên Giang", issued_on=None, doc_type="KẾ HOẠCH", subject=subject,
                           body=[], signature=Signature.on_behalf_of("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "A"),
                           recipients=[])
    assert build_docx(doc)[:2] == b"PK"
