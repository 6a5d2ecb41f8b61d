"""WSGI entry point with the contest fast path in front of the product:
`gunicorn thidua.contests.wsgi:application` (see docs/contests.md, "The lean path")."""

from config.wsgi import application as django_application
from thidua.contests.fastpath import wrap

application = wrap(django_application)
