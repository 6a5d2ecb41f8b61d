import pytest


@pytest.fixture
def campaign(world):
    from thidua.reports.testing import populate, review_campaign

    return populate(world, review_campaign(world))
