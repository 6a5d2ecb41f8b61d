"""URLs of the reports app."""

app_name = "reports"
urlpatterns: list = []  # filled as the app grows
