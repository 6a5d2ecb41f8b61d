"""URLs of the contests app."""

app_name = "contests"
urlpatterns: list = []  # filled as the app grows
