"""URLs of the initiatives app."""

app_name = "initiatives"
urlpatterns: list = []  # filled as the app grows
