"""URLs of the core app."""

app_name = "core"
urlpatterns: list = []  # filled as the app grows
