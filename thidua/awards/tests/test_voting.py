"""Council voting rules: quorum, thresholds, recusal, written votes, the Art. 4.6 tie-break."""

from fractions import Fraction

from thidua.awards.voting import (
    ABSTAIN,
    APPROVE,
    REJECT,
    Candidate,
    Member,
    quorum_met,
    rank,
    recused,
    select,
    tally,
    threshold_for,
    women_collective,
)


def members(n, absent=(), written=()):
    return [Member(i, f"Thành viên {i}", unit_path=f"/P/D{i}/", present=i not in absent,
                   written=i in written) for i in range(1, n + 1)]


def test_quorum_is_two_thirds_of_all_members():
    assert quorum_met(9, 6)
    assert not quorum_met(9, 5)
    assert quorum_met(10, 8, Fraction(80, 100))
    assert not quorum_met(0, 0)


def test_the_flag_needs_eighty_percent_of_all_members():
    council = members(10, absent=(9, 10))
    flag = Candidate(1, "Xã A", "flag_province", "collective", "/P/X/")
    ballots = {i: APPROVE for i in range(1, 9)}  # 8 of 10 members
    result = tally(flag, council, ballots, threshold_for("flag_province"))
    assert result.passed and result.approve == 8 and result.abstain == 2
    ballots[8] = REJECT
    assert not tally(flag, council, ballots, threshold_for("flag_province")).passed


def test_provincial_emulation_fighter_needs_ninety_percent():
    assert threshold_for("title_chien_si_thi_dua_tinh").share == Fraction(9, 10)
    assert "98/2023" in threshold_for("title_chien_si_thi_dua_tinh").legal_basis


def test_other_forms_need_more_than_half():
    council = members(6)
    merit = Candidate(1, "Bà A", "merit_province_chairman", "individual", "/P/X/", person_id=5)
    three = {1: APPROVE, 2: APPROVE, 3: APPROVE, 4: REJECT, 5: ABSTAIN}
    assert not tally(merit, council, three, threshold_for(merit.form)).passed
    three[4] = APPROVE
    assert tally(merit, council, three, threshold_for(merit.form)).passed


def test_an_absent_member_votes_in_writing():
    council = members(5, absent=(4, 5), written=(5,))
    c = Candidate(1, "Xã A", "flag_province", "collective", "/P/X/")
    result = tally(c, council, {1: APPROVE, 2: APPROVE, 3: APPROVE, 4: APPROVE, 5: APPROVE},
                   threshold_for(c.form))
    assert result.approve == 4 and result.written == 1  # member 4 absent without a ballot
    assert result.passed  # 4/5 = 80 %


def test_a_member_from_the_nominated_unit_is_recused():
    council = [Member(1, "A", "/P/X1/"), Member(2, "B", "/P/D1/"), Member(3, "C", "/P/D2/")]
    candidate = Candidate(9, "Xã X1", "merit_province_chairman", "collective", "/P/X1/")
    assert recused(council[0], candidate)
    result = tally(candidate, council, {1: APPROVE, 2: APPROVE, 3: REJECT},
                   threshold_for(candidate.form))
    assert result.members == 2 and result.approve == 1 and result.recused == ("A",)
    assert not result.passed


def test_the_nominee_in_person_is_recused():
    member = Member(1, "A", "/P/D1/", person_id=42)
    assert recused(member, Candidate(9, "A", "title_lao_dong_tien_tien", "individual", "/P/X/", 42))


def test_ties_prefer_women_and_show_it():
    council = members(3)
    man = Candidate(1, "Ông B", "merit_province_chairman", "individual", "/P/X/", 1)
    woman = Candidate(2, "Bà A", "merit_province_chairman", "individual", "/P/Y/", 2, women=True)
    all_yes = {1: APPROVE, 2: APPROVE, 3: APPROVE}
    ordered = rank([tally(man, council, all_yes, threshold_for(man.form)),
                    tally(woman, council, all_yes, threshold_for(woman.form))])
    assert [t.candidate.name for t in ordered] == ["Bà A", "Ông B"]
    assert ordered[0].preferred and "152/2025" in ordered[0].note
    assert ordered[0].rank == 1 and ordered[1].rank == 2
    chosen = select(ordered, quota=1)
    assert [t.candidate.name for t in chosen.selected] == ["Bà A"] and not chosen.tie_at_cut


def test_a_tie_the_preference_cannot_break_is_reported():
    council = members(3)
    a = Candidate(1, "Ông A", "merit_province_chairman", "individual", "/P/X/", 1)
    b = Candidate(2, "Ông B", "merit_province_chairman", "individual", "/P/Y/", 2)
    yes = {1: APPROVE, 2: APPROVE, 3: APPROVE}
    chosen = select([tally(a, council, yes, threshold_for(a.form)),
                     tally(b, council, yes, threshold_for(b.form))], quota=1)
    assert len(chosen.tie_at_cut) == 2


def test_a_collective_is_preferred_with_seventy_percent_women():
    assert women_collective(7, 10)
    assert not women_collective(6, 10)
