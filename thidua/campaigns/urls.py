"""URLs of the campaigns app."""

app_name = "campaigns"
urlpatterns: list = []  # filled as the app grows
