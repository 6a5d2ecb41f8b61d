"""Runs through huey: a POST only queues the run (the worker runs it after the commit), a run
runs once, and the periodic task recovers runs a dead worker left "running"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from thidua.eligibility import jobs
from thidua.eligibility.models import EligibilityJob
from thidua.eligibility.tasks import recover_stale_runs
from thidua.results.tests.campaign import campaign_with_rules, register, seed_results


def test_a_post_queues_the_run_for_a_worker(world, login, settings,
                                            django_capture_on_commit_callbacks):
    settings.HUEY = {**settings.HUEY, "immediate": False}
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    client = login(world.users["alice_owner"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/ket-qua/xet-chon/{campaign.pk}/", {"hanh_dong": "xet"})
    job = EligibilityJob.objects.get()
    assert response.status_code == 303 and job.status == "queued" and len(callbacks) == 1
    waiting = client.get(response["Location"])
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    callbacks[0]()  # the huey task (immediate in tests) claims and runs it
    job.refresh_from_db()
    assert job.status == "done" and job.candidates.filter(selected=True).get().code == "P1-X3"
    jobs.job_run(job.pk)  # enqueued twice: the claim makes it run once
    assert job.candidates.count() == 3


def test_the_periodic_task_recovers_a_stale_run(world):
    campaign = campaign_with_rules(world)
    old = timezone.now() - timedelta(minutes=40)
    stuck = EligibilityJob.objects.create(campaign=campaign, phase=True, year=2023, key="k",
                                          params="p", status="running", started_at=old,
                                          heartbeat_at=old)
    queued = EligibilityJob.objects.create(campaign=campaign, phase=True, year=2023, key="k",
                                           params="p")
    EligibilityJob.objects.filter(pk=queued.pk).update(created_at=old)
    fresh = EligibilityJob.objects.create(campaign=campaign, phase=True, year=2023, key="k",
                                          params="p", status="running",
                                          started_at=timezone.now(), heartbeat_at=timezone.now())
    recover_stale_runs.call_local()
    stuck.refresh_from_db(), queued.refresh_from_db(), fresh.refresh_from_db()
    assert stuck.status == "failed" and "không còn báo tiến độ quá 15 phút" in stuck.message
    assert queued.status == "failed" and "chưa được tiến trình chạy nền nhận" in queued.message
    assert fresh.status == "running"


def test_the_timeout_is_a_setting(world, settings):
    settings.ELIGIBILITY_RUN_TIMEOUT_MINUTES = 60
    campaign = campaign_with_rules(world)
    old = timezone.now() - timedelta(minutes=40)
    job = EligibilityJob.objects.create(campaign=campaign, phase=True, year=2023, key="k",
                                        params="p", status="running", started_at=old,
                                        heartbeat_at=old)
    assert jobs.recover_stale() == 0
    job.refresh_from_db()
    assert job.status == "running"
