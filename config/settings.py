"""Settings read from the environment; SQLite is the embedded default, DATABASE_URL switches."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
PRODUCTION = env_bool("PRODUCTION", False)
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 32
if PRODUCTION and env("SECRET_KEY") in {"", DEV_SECRET_KEY}:
    # Sessions, password-reset links and contest tokens are signed with it: never start on a known key.
    raise ImproperlyConfigured(
        "PRODUCTION=1 nhưng chưa đặt SECRET_KEY: hãy đặt biến môi trường SECRET_KEY (ít nhất 50 ký tự "
        "ngẫu nhiên, ví dụ: python -c \"import secrets; print(secrets.token_urlsafe(50))\").")
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite database and job queue live here by default

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "huey.contrib.djhuey",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "thidua.core",
    "thidua.accounts",
    "thidua.org",
    "thidua.campaigns",
    "thidua.results",
    "thidua.eligibility",
    "thidua.awards",
    "thidua.initiatives",
    "thidua.contests",
    "thidua.judging",
    "thidua.writing",
    "thidua.reports",
    "thidua.public",
    "thidua.api",
    "thidua.signing",
    "thidua.scoring",
    "thidua.notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thidua.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thidua.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "thidua.core.middleware.RequestLogMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.core.context_processors.navigation",
                "thidua.notices.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'thidua.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers proceed during a write; busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts: authentication, password policy, lockout, sessions, two-step login -------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes' lockout per username + address, then one per address across usernames (spraying)
    "thidua.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("FAST_PASSWORD_HASHER"):  # test suites only: argon2 is slow on purpose
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [  # Django's checks with Vietnamese messages
    {"NAME": "thidua.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "thidua.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "thidua.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "thidua.accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT", str(3 * 3600)))  # a reset link, seconds

AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))  # per username + address
# Failures from one address over all usernames; higher than the above so that an office behind one
# NAT address is not locked out by a few typos, low enough to stop trying a password on every account.
AXES_IP_FAILURE_LIMIT = int(env("AXES_IP_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"

# A session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request (AccountSecurityMiddleware)
# and in any case SESSION_COOKIE_AGE after login.
SESSION_IDLE_TIMEOUT_MINUTES = int(env("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(12 * 3600)))

OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Thi đua CCHC")  # the name shown in authenticator apps
API_TOKEN_TTL_DAYS = int(env("API_TOKEN_TTL_DAYS", "90"))  # an API token stops working after this

# --- single sign-on (OpenID Connect, mozilla-django-oidc): off unless OIDC_ENABLED=1 ------------
# A claim of the provider's identity is matched to an EXISTING account; accounts are never created.
OIDC_ENABLED = env_bool("OIDC_ENABLED")
OIDC_ISSUER = env("OIDC_ISSUER")  # the id_token's `iss` must equal it
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
OIDC_ACCOUNT_CLAIM = env("OIDC_ACCOUNT_CLAIM", "preferred_username")  # the claim naming the account
OIDC_ACCOUNT_FIELD = env("OIDC_ACCOUNT_FIELD", "username")  # matched against: username or email
# The provider's own second factor replaces the local TOTP step only if the provider is known to
# enforce one AND the id_token's amr/acr shows one was used for this login.
OIDC_IDP_ENFORCES_MFA = env_bool("OIDC_IDP_ENFORCES_MFA")
OIDC_MFA_AMR_VALUES = env_list("OIDC_MFA_AMR_VALUES", "mfa,otp,hwk,swk,sms")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = int(env("OIDC_TIMEOUT", "10"))  # seconds for each call to the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
if OIDC_ENABLED:
    from django.core.exceptions import ImproperlyConfigured

    _oidc_missing = [name for name in (
        "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT", "OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET") if not globals()[name]]
    if _oidc_missing:
        raise ImproperlyConfigured("OIDC_ENABLED=1 nhưng còn thiếu biến môi trường: "
                                   + ", ".join(_oidc_missing))
    if OIDC_ACCOUNT_FIELD not in {"username", "email"}:
        raise ImproperlyConfigured("OIDC_ACCOUNT_FIELD phải là username hoặc email.")
    AUTHENTICATION_BACKENDS.append("thidua.accounts.sso.SSOBackend")
# Right after django-otp's middleware: a session whose provider vouched for a second factor.
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
                  "thidua.accounts.sso.SSOSecondStepMiddleware")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "thidua" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise serves static files from the app itself: no CDN, no separate web server needed.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Static files come from the installed packages and apps; collectstatic is optional.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "config.security.csrf_failure"  # a Vietnamese page instead of Django's English one

# --- Content-Security-Policy (django-csp) and Permissions-Policy ------------------------------
# Scripts only from our own origin (static files): no inline script, no eval, no CDN. Inline
# styles stay allowed: pygal's SVG charts carry a <style> element, a few cells are indented with
# style="", and a style cannot run code.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
    # drf-spectacular's ReDoc page loads its script from a CDN with an inline start-up script.
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs/"],
}
# CSP_REPORT_ONLY=1 sends the same policy as Content-Security-Policy-Report-Only (a trial run).
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# No page uses these browser features: deny them to the page and to anything it might embed.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=()")

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "thidua@localhost")

REDIS_URL = env("REDIS_URL")
# The contest's autosave/submit answered in front of Django (thidua/contests/fastpath.py);
# CONTEST_FAST_PATH=0 sends them through Django's full request cycle like every other URL.
CONTEST_FAST_PATH = env_bool("CONTEST_FAST_PATH", True)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Eligibility: the columnar snapshot of the large fact tables (thidua.results.snapshot), kept
# only by installations with at least this many people (0: always).
FACTS_SNAPSHOT_DIR = env("FACTS_SNAPSHOT_DIR", str(DATA_DIR / "facts-snapshot"))
FACTS_SNAPSHOT_MIN_PEOPLE = int(env("FACTS_SNAPSHOT_MIN_PEOPLE", "200000"))

# Signed papers (thidua.signing; docs/documents.md). Keys never go into the database: a PKCS#12
# file per signer in SIGNING_KEY_DIR ("pkcs12"), or a PKCS#11 token/HSM ("pkcs11").
SIGNING_KEY_BACKEND = env("SIGNING_KEY_BACKEND", "pkcs12")  # (Django's SIGNING_BACKEND is for cookies)
SIGNING_KEY_DIR = env("SIGNING_KEY_DIR", str(DATA_DIR / "signing" / "keys"))
SIGNING_KEY_PASSPHRASE = env("SIGNING_KEY_PASSPHRASE")
SIGNING_PKCS11_MODULE = env("SIGNING_PKCS11_MODULE")
SIGNING_PKCS11_TOKEN = env("SIGNING_PKCS11_TOKEN")
SIGNING_PKCS11_PIN = env("SIGNING_PKCS11_PIN")
SIGNING_TRUST_ROOTS = env("SIGNING_TRUST_ROOTS", str(DATA_DIR / "signing" / "trust"))
SIGNING_TIMESTAMP_URL = env("SIGNING_TIMESTAMP_URL")  # set: PAdES B-T; empty: B-B
SIGNING_REVOCATION = env_bool("SIGNING_REVOCATION", False)  # fetch OCSP/CRL (off offline)
SIGNING_REQUIRE_SIGNED_UPLOADS = env_bool("SIGNING_REQUIRE_SIGNED_UPLOADS", False)

# Background jobs: huey on SQLite by default, Redis when REDIS_URL is set.
HUEY = {
    "name": "thidua",
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "results": True,
    "store_none": False,
    "utc": True,
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "huey.sqlite3")})
# An eligibility run "running" this long without a heartbeat from its worker is recovered
# (marked failed, so it can be started again): the worker was killed or lost.
ELIGIBILITY_RUN_TIMEOUT_MINUTES = int(env("ELIGIBILITY_RUN_TIMEOUT_MINUTES", "15"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "thidua.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "thidua.api.exceptions.exception_handler",  # Vietnamese messages
}
SPECTACULAR_SETTINGS = {
    "TITLE": "thidua API",
    "DESCRIPTION": "API mở của hệ thống thi đua cải cách hành chính",
    "VERSION": "1.0.0",
    # Several models have a field named "kind"; give each choice set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "thidua.org.models.UnitKind",
        "CampaignKindEnum": "thidua.campaigns.models.CampaignKind",
        "AwardFormKindEnum": "thidua.campaigns.models.AwardFormKind",
        "SubjectKindEnum": "thidua.awards.models.Kind",
        "QuestionKindEnum": "thidua.contests.models.QuestionKind",
        "ContestParticipantKindEnum": "thidua.contests.models.ParticipantKind",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "thidua.core.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Access lines are useful in production, noise in tests: REQUEST_LOG_LEVEL=WARNING there.
        "thidua.request": {"level": env("REQUEST_LOG_LEVEL", "INFO")},
    },
}
