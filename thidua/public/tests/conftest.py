import pytest


@pytest.fixture
def campaign(world):
    from thidua.public.testing import honour_world

    return honour_world(world)
