"""The authority table the owner reads, by date, with base salaries and reward multiples."""


def test_it_shows_the_table_in_force_on_a_date(login, world):
    client = login(world.users["alice_owner"])
    after = client.get("/khen-thuong/tham-quyen/?ngay=2026-01-15").content.decode()
    assert "129/2025" in after and "<td>Chủ tịch Ủy ban nhân dân cấp huyện</td>" not in after
    assert "2.340.000" in after and "73/2024" in after and "152/2025" in after
    before = client.get("/khen-thuong/tham-quyen/?ngay=2023-05-01").content.decode()
    assert "<td>Chủ tịch Ủy ban nhân dân cấp huyện</td>" in before and "2003" in before
