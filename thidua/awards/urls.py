"""URLs of the awards app."""

app_name = "awards"
urlpatterns: list = []  # filled as the app grows
