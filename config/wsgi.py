"""WSGI entry point for gunicorn.

The contest's autosave and submit POSTs (a national deadline peak) are answered by a lean path in
front of Django that calls the same handlers as the views (thidua/contests/fastpath.py); every
other request goes through Django unchanged.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from thidua.contests.fastpath import wrap  # noqa: E402 - needs the app registry ready

application = wrap(django_application)
