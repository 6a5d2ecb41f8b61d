"""huey tasks of the results part: keeping the national facts snapshot fresh."""

from huey.contrib.djhuey import db_task


@db_task(retries=1, retry_delay=30)
def rebuild_facts_snapshot() -> bool:
    """After an import or a publication: read the whole tree's facts of the years with results
    and store them (thidua.results.snapshot)."""
    from django.db.models import Max, Min

    from thidua.results.models import AnnualResult
    from thidua.results.snapshot import snapshot_rebuild

    span = AnnualResult.objects.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return False
    # A campaign run reads the year before its period too (rank improvement).
    return snapshot_rebuild(first=span["first"] - 1, last=span["last"])
