"""URLs of the accounts app."""

app_name = "accounts"
urlpatterns: list = []  # filled as the app grows
