from thidua.core.text import fold, person_sort_key, vn_date, vn_sort_key


def test_fold_ignores_diacritics_and_case():
    assert fold("Hà Giang") == "ha giang"
    assert fold("ĐĂK NÔNG") == "dak nong"
    assert fold("  Nguyễn   Thị  Lan ") == "nguyen thi lan"


def test_vietnamese_alphabet_order():
    words = ["Đông", "Dung", "Ân", "An", "Ăn", "Bình", "Ơn", "Ông", "Oanh", "Ưng", "Uyên"]
    ordered = sorted(words, key=vn_sort_key)
    assert ordered == ["An", "Ăn", "Ân", "Bình", "Dung", "Đông", "Oanh", "Ông", "Ơn", "Uyên", "Ưng"]


def test_tones_order_after_letters():
    # Letters decide first; tones only break ties: ma, mà, mả, mã, má, mạ
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "mai"]
    assert sorted(words, key=vn_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


def test_people_sort_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Thị Đào"]
    assert sorted(names, key=person_sort_key) == [
        "Lê Văn An", "Nguyễn Thị An", "Trần Văn Bình", "Phạm Thị Đào"]


def test_sort_keys_are_collation_proof_digits():
    assert vn_sort_key("Đắk Lắk").isdigit()


def test_official_date_text():
    from datetime import date

    assert vn_date(date(2021, 10, 9)) == "ngày 9 tháng 10 năm 2021"


def test_full_name_in_vietnamese_order():
    from thidua.accounts.models import User

    assert User(first_name="Lan", last_name="Nguyễn Thị").get_full_name() == "Nguyễn Thị Lan"
