"""Schemathesis against our own OpenAPI schema: generated requests never cause a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def api_token(world):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=world.users["alice_owner"]).key


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=True)
def test_api_never_fails(case, api_token):
    # The bar: no generated request may cause a server error (5xx).
    case.call_and_validate(headers={"Authorization": f"Token {api_token}"},
                           checks=[not_a_server_error])
