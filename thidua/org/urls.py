"""URLs of the org app."""

app_name = "org"
urlpatterns: list = []  # filled as the app grows
