"""Root URL map: each app owns its prefix."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("thidua.core.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("to-chuc/", include("thidua.org.urls")),
    path("phong-trao/", include("thidua.campaigns.urls")),
    # Eligibility is its own app; its pages keep the address officers already know.
    path("ket-qua/xet-chon/", include("thidua.eligibility.urls")),
    path("ket-qua/", include("thidua.results.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("sang-kien/", include("thidua.initiatives.urls")),
    path("cuoc-thi/", include("thidua.contests.urls")),
    path("cuoc-thi-viet/", include("thidua.writing.urls")),
    path("cham-thi/", include("thidua.judging.urls")),
    path("bao-cao/", include("thidua.reports.urls")),
    path("vinh-danh/", include("thidua.public.urls")),
    path("api/", include("thidua.api.urls")),
    path("ky-so/", include("thidua.signing.urls")),
    path("cham-diem-cchc/", include("thidua.scoring.urls")),
    path("thong-bao/", include("thidua.notices.urls")),
]

# Uploaded files are never served from MEDIA_URL, not even with DEBUG: each is read through a
# guarded view of its app (dossier papers, plan files, attachments, published story photos).
