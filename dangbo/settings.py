"""Settings for dangbo, read from the environment (see docs/settings.md).

Defaults run on a fresh clone: SQLite in var/, DEBUG on only when asked for.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from dangbo.lib.env import SettingError, env_bool, env_int, env_list, env_str, local_secret_key, weak_secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DANGBO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# SECRET_KEY from the environment; without it, a random key kept in var/secret_key
# (created on first start, never in the repository), so that the `dangbo` command works
# on a fresh install without configuration.
SECRET_KEY = env_str("SECRET_KEY") or local_secret_key(VAR_DIR / "secret_key")
# Anyone who knows the key can sign sessions and password-reset links: outside
# development a short, default or example key stops start-up.
if not DEBUG and (_weakness := weak_secret(SECRET_KEY)):
    raise SettingError(f"SECRET_KEY: {_weakness}. Set a random key of 50 characters or more, "
                       "or unset SECRET_KEY to use the one kept in var/secret_key.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

_database_url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dangbo.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises plain ValueError/KeyError
    raise SettingError(f"DATABASE_URL={_database_url!r}: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # A 64 MB page cache (the default is 2 MB): imports insert into many indexes.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA mmap_size=1073741824;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the report's aggregates look costly to the planner (one subquery per
    # figure) and PostgreSQL spent 1.8 s compiling a query that runs in 0.2 s.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "huey.contrib.djhuey",
    "dangbo.core",
    "dangbo.accounts",
    "dangbo.organizations",
    "dangbo.members",
    "dangbo.reports",
    "dangbo.targets",
    "dangbo.ratings",
    "dangbo.cadres",
    "dangbo.training",
    "dangbo.inspections",
    "dangbo.development",
    "dangbo.leadership",
    "dangbo.news",
    "dangbo.citizens",
    "dangbo.mobilization",
    "dangbo.tallies",
    "dangbo.interchange",
    "dangbo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dangbo.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangbo.core.middleware.LanguageMiddleware",
    "dangbo.core.middleware.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Axes after authentication: it reads its result.
    "axes.middleware.AxesMiddleware",
    # Last: the site's error pages under DEBUG too (core.middleware).
    "dangbo.core.middleware.ErrorPagesMiddleware",
]
CSRF_FAILURE_VIEW = "dangbo.core.views.csrf_failure"

ROOT_URLCONF = "dangbo.urls"
WSGI_APPLICATION = "dangbo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dangbo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dangbo.core.context_processors.navigation_context",
            ],
            "builtins": ["dangbo.core.templatetags.vn"],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "dangbo.accounts.backends.AddressThrottleBackend",  # axes, and a lock per address
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Security of the deployment (issue 21; docs/security.md) -------------------------
# HTTPS (on by default when DEBUG is off): redirect to https, HSTS, cookies sent over
# https only. `make serve` runs on plain http on 127.0.0.1 with HTTPS=0. Behind a proxy
# that ends TLS, TLS_PROXY_HEADER names the header it sets (X-Forwarded-Proto).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading commits the domain and its subdomains to https in browsers for months:
# the deployer decides (SECURE_HSTS_PRELOAD=1); hence security.W021 is not a warning here.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
_tls_header = env_str("TLS_PROXY_HEADER")
if _tls_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _tls_header.upper().replace("-", "_"), "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by core.middleware.SecurityHeadersMiddleware: scripts and styles from our own
# static files only (no inline <script>, on…= handlers or style="…" in templates).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Failed-login throttling (django-axes): 5 failures lock the username from that address
# for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# Every failure logged (axes's AccessFailureLog): accounts.backends counts them per
# address, to stop one address trying a password against many accounts.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
DANGBO_LOGIN_FAILURES_PER_ADDRESS = env_int("DANGBO_LOGIN_FAILURES_PER_ADDRESS", 20)
# --- end of the security block -------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "dangbo" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["dangbo.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dangbo" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The comment rate limits count in the cache; with several server processes they need a
# cache the processes share: DANGBO_CACHE_DIR (a folder) gives one (`make serve` sets it).
_cache_dir = env_str("DANGBO_CACHE_DIR")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _cache_dir}
    if _cache_dir
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Background jobs (imports of workbooks): Huey, a small task queue. Without REDIS_URL its
# queue and the jobs' progress live in a SQLite file of their own beside the database
# (`dangbo run_huey` is the worker, which `make run` and `make serve` start); with it, in
# Redis, shared by many app servers. Never immediate (in the request) outside the tests.
_redis_url = env_str("REDIS_URL")
HUEY = {
    "name": "dangbo",
    "huey_class": "huey.RedisHuey" if _redis_url else "huey.SqliteHuey",
    **({"url": _redis_url} if _redis_url else {"filename": str(VAR_DIR / "jobs.sqlite3")}),
    "immediate": False,
    "results": False,
    "consumer": {"workers": 1, "worker_type": "thread"},
}
# A running import whose worker has not been heard of for this long was stopped (the
# worker killed or the machine restarted): it is marked failed, with nothing written.
DANGBO_IMPORT_STALE_SECONDS = env_int("DANGBO_IMPORT_STALE_SECONDS", 120)

# Uploaded workbooks: refuse anything larger before reading it (INTERCHANGE.md).
DANGBO_MAX_UPLOAD_BYTES = env_int("DANGBO_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# The memory reading one workbook may take, estimated before reading it
# (interchange/scan.py; a 100,000-member register needs about 0.5 GB, docs/security.md).
DANGBO_READ_MEMORY_MB = env_int("DANGBO_READ_MEMORY_MB", 1536)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# -- Many app servers (issue 19; docs/scaling.md) ------------------------------------------
# Several servers behind a load balancer share what is not in the database through Redis
# (REDIS_URL, e.g. redis://127.0.0.1:6379/0): the cache, hence the rate limits and the
# import progress, and a copy of the sessions in front of the database. Redis down: each
# process falls back to its own memory (core.cache) and /healthz says so. They also need
# one SECRET_KEY and one shared DANGBO_VAR_DIR (uploaded files) between them.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dangbo.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dangbo",
            # a dead Redis must not hold a request up: fail fast, fall back
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Reports may read from a streaming replica (core.replica): one that is down or more
# than DATABASE_REPLICA_MAX_LAG seconds behind is left aside, and the log says so.
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 30)
_replica_url = env_str("DATABASE_REPLICA_URL")
if _replica_url:
    try:
        DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    except Exception as exc:
        raise SettingError(f"DATABASE_REPLICA_URL={_replica_url!r}: {exc}") from None
    _replica_options = DATABASES["replica"].setdefault("OPTIONS", {})
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        _replica_options["options"] = "-c jit=off"
        _replica_options["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["dangbo.core.replica.ReplicaRouter"]
