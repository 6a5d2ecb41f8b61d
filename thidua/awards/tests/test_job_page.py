"""The page of a background document job (DocumentJob): its percent, refreshed every second by
htmx while it runs, and still once it is done."""

from thidua.awards.models import DocumentJob, JobStatus


def make_job(world, **fields):
    return DocumentJob.objects.create(kind="decision_papers", unit=world.units["P1"],
                                      label="Quyết định số 12/QĐ-UBND: bản PDF và bằng khen",
                                      created_by=world.users["alice_owner"], **fields)


def test_it_shows_the_percent_and_polls_while_running(world, login):
    job = make_job(world, status=JobStatus.RUNNING, total=8, done=3)
    page = login(world.users["alice_owner"]).get(f"/khen-thuong/cong-viec/{job.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<span id="job-percent">37%</span>' in html
    assert 'value="37"' in html and "Trang tự cập nhật mỗi giây." in html
    assert f'hx-get="/khen-thuong/cong-viec/{job.pk}/"' in html and 'hx-trigger="every 1s"' in html


def test_htmx_gets_the_fragment_with_the_new_percent(world, login):
    job = make_job(world, status=JobStatus.RUNNING, total=4, done=1)
    client = login(world.users["alice_owner"])
    job.done = 3
    job.save()
    fragment = client.get(f"/khen-thuong/cong-viec/{job.pk}/", HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="job"') and "<html" not in html
    assert '<span id="job-percent">75%</span>' in html and 'hx-trigger="every 1s"' in html


def test_a_finished_job_stops_polling(world, login):
    job = make_job(world, status=JobStatus.DONE, total=4, done=4, params={"decision_id": 1})
    html = login(world.users["alice_owner"]).get(f"/khen-thuong/cong-viec/{job.pk}/").content.decode()
    assert '<span id="job-percent">100%</span>' in html
    assert "every 1s" not in html and "Trang tự cập nhật" not in html
