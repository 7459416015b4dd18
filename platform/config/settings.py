"""Settings: one module, everything that varies comes from the environment (see DESIGN.md)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PLATFORM_DIR = BASE_DIR / "platform"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set unless DEBUG=1.")
    SECRET_KEY = "insecure-development-key-used-only-when-DEBUG-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search fields (unused columns on SQLite)
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "channels",
    "django_tasks_db",
    # platform/
    "accounts",
    "tenancy",
    "audit",
    "notifications",
    "api",
    "web",
    "demo",
    # sharing/: the domain
    "sharing.plaintiffs",
    "sharing.campaigns",
    "sharing.reports",
    "sharing.defense",
    "sharing.chat",
    "sharing.deadlines",
    "sharing.watchlists",
    "sharing.counsel",
    "sharing.costs",
    "sharing.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "web.uploads.SentFileNamesMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every GET answer that has none, and 304 Not Modified for a matching If-None-Match: API clients
    # and partners polling a list save the transfer (the answer is still computed; it is scoped per caller).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, because it is sync only: under ASGI Django runs every async-capable middleware below the last
    # sync-only one in async mode, and each of their request and response hooks then costs a hop to a thread.
    # With a sync-only middleware last the whole chain runs in one thread (tests/project/test_middleware.py).
    "accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file under var/ (the embedded default).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the ASGI server and a task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# DB_POOL_SIZE (PostgreSQL): each process keeps up to that many connections open in psycopg's pool, handed to
# whichever thread needs one (Django's advice under ASGI, where persistent connections pile up in changing
# threads). Without it, a busy chat opens a connection for every database call; with it, the sockets' database
# threads each keep one (realtime.database_threads), so the pool must be larger than their number (6).
# No ping before each use (that is a round trip per call): a connection that died in the pool fails one call
# and is then discarded.
DB_POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "0"))
if DB_POOL_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_SIZE,
        "timeout": 10,
        "check": None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Channel layer: Redis when REDIS_URL is set (several ASGI processes), in-memory otherwise (one process).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # CHANNEL_LAYER_BACKEND=channels_redis.core.RedisChannelLayer runs the stock layer (the chat benchmark
            # compares the two: realtime/channel_layer.py says which figures keep the custom one).
            "BACKEND": os.environ.get("CHANNEL_LAYER_BACKEND", "realtime.channel_layer.FewerTripsRedisChannelLayer"),
            "CONFIG": {
                # redis-py 8 cuts every read at 5 s by default, which kills the layer's idle 5 s blocking pop (and
                # with it every quiet websocket): read timeouts must outlast the pop (channels_redis issue 422).
                "hosts": [{"address": url, "socket_timeout": 15} for url in env_list("REDIS_URL")],
                "prefix": os.environ.get("REDIS_PREFIX", "jdp"),
                # Messages waiting per process (all its sockets' and its rooms' events share one queue): past
                # this, channels_redis drops them. 100 (the default) is a quarter second of a busy server's wakes.
                "capacity": 1000,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"pool_class": "config.redis_pool.ProcessConnectionPool"},
        }
    }
    # Sessions read from Redis, written through to the database: a signed-in request costs no session query.
    # Only with Redis: a per-process cache would keep a signed-out session alive in the other processes.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: immediate by default; TASK_BACKEND=database uses django-tasks-db and its db_worker.
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }.get(TASK_BACKEND, TASK_BACKEND),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# django-guardian: no anonymous user object, no implicit widening of access.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
GUARDIAN_AUTO_PREFETCH = False

# django-axes: lock an e-mail + IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "8"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Internationalization: English and Simplified Chinese, complete.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: served by the platform itself (whitenoise), never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "templates" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Group documents: outside the static and web roots, no URL; served only by the permission-checked view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")},
    },
}
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 25 * 1024 * 1024))
# Schedule A reports of one plaintiff law firm in one forum form a campaign when filed within this many days.
CAMPAIGN_LAW_FIRM_WINDOW_DAYS = int(os.environ.get("CAMPAIGN_LAW_FIRM_WINDOW_DAYS", "180"))
# The counsel directory shows a firm's ratings and review texts once this many distinct companies reviewed it;
# never fewer than 5 (a smaller crowd would let members guess who wrote what).
COUNSEL_REVIEW_THRESHOLD = max(5, int(os.environ.get("COUNSEL_REVIEW_THRESHOLD", "5")))

# E-mail: console by default, SMTP when EMAIL_HOST is set (Django 6.1 mailers).
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {
        "default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Joint Defense Platform <noreply@localhost>")

# Security headers and cookies. Secure cookies and HSTS whenever DEBUG is off.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health probes stay reachable over plain HTTP, so a load balancer can check a process directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", True) else None
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# REST API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_keys.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.ApiKeyRateThrottle", "api.throttles.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_key": os.environ.get("API_KEY_RATE", "600/min"),
        "user": os.environ.get("API_USER_RATE", "1200/min"),
        # Per client IP, on the anonymous sign-up endpoint: slows invitation-token guessing.
        "invitation_accept": os.environ.get("INVITATION_ACCEPT_RATE", "20/hour"),
    },
    # Which X-Forwarded-For hop is the client for per-IP rate limits: the one our own proxy appended.
    "NUM_PROXIES": 1 if SECURE_PROXY_SSL_HEADER else 0,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Joint Defense Platform API",
    "DESCRIPTION": "Member and partner API. Every path under `/api/v1/a/{slug}/` is scoped to one association.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.blank_means_absent"],
    # The domains of api.schema.DOMAINS, in the order the docs page lists them.
    "TAGS": [
        {
            "name": "association",
            "description": _("The association: its profile, memberships, roles, invitations, audit trail."),
        },
        {"name": "account", "description": _("You: your profile and language.")},
        {"name": "company", "description": _("Your company: its profile and its people.")},
        {
            "name": "reports",
            "description": _("Published, anonymized lawsuit reports; your company's own reports; plaintiffs."),
        },
        {"name": "moderation", "description": _("Moderators' queues: reports, plaintiffs, reviews.")},
        {
            "name": "campaigns",
            "description": _("Members facing the same plaintiff, patent or law firm: counts, never companies."),
        },
        {"name": "watchlists", "description": _("Watches on plaintiffs, patents, law firms and courts.")},
        {"name": "deadlines", "description": _("Response deadlines, their counting steps and the calendar feed.")},
        {"name": "groups", "description": _("Joint defense groups: participants, agreement, shared reports.")},
        {"name": "documents", "description": _("A group's documents and their versions.")},
        {"name": "chat", "description": _("A group's rooms and messages.")},
        {
            "name": "counsel",
            "description": _("The counsel directory, recommendations, reviews, a group's engagements."),
        },
        {"name": "costs", "description": _("Cost sharing in a group: versions, expenses, invoices, statements.")},
        {"name": "notifications", "description": _("Your notifications.")},
        {"name": "partners", "description": _("Partner organizations and their API keys.")},
        {"name": "webhooks", "description": _("Signed webhook subscriptions and their delivery log.")},
    ],
    # The schema and the docs page are public, as API users expect: they describe every operation, never data.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Tags and operation ids come from the path after this prefix ("memberships", "company", ...).
    "SCHEMA_PATH_PREFIX": r"/api/v1(?:/a/\{slug\})?",
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": LANGUAGES,
        "KindEnum": "accounts.models.InvitationKind",
        "ReportKindEnum": "sharing.reports.choices.ReportKind",
        "ReportStatusEnum": "sharing.reports.choices.ReportStatus",
        "VersionStatusEnum": "sharing.reports.choices.VersionStatus",
        "AmountBandEnum": "sharing.reports.choices.AmountBand",
        "GroupStatusEnum": "sharing.defense.models.GroupStatus",
        "ParticipantRoleEnum": "sharing.defense.models.ParticipantRole",
        "ParticipantStatusEnum": "sharing.defense.models.ParticipantStatus",
        "InvitedRoleEnum": "sharing.defense.services.COMPANY_ROLES",
        "ServiceMethodEnum": "sharing.deadlines.engine.ServiceMethod",
        "ForumEnum": "sharing.reports.forums.FORUM_CHOICES",
        "IndustryEnum": "tenancy.models.Industry",
        "RightTypeEnum": "sharing.reports.choices.RightType",
    },
}

# Response deadlines: reminders this many days before each due date (0: on the day); a company may set its own.
DEADLINE_REMINDER_OFFSETS = tuple(int(day) for day in env_list("DEADLINE_REMINDER_OFFSETS", "7,3,1,0"))

# Webhooks (sharing.webhooks, docs/WEBHOOKS.md): https targets only unless WEBHOOKS_ALLOW_HTTP (on with DEBUG);
# targets resolving to loopback, private, link-local or reserved addresses are refused unless
# WEBHOOKS_ALLOW_PRIVATE_TARGETS (for tests and local development only, never in production).
WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP", DEBUG)
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS")
WEBHOOKS_TIMEOUT = 10  # seconds to connect and to wait for each read of the answer

# Invitations and API keys.
INVITATION_TTL_DAYS = int(os.environ.get("INVITATION_TTL_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.channels.server": {"level": "WARNING"}},
}
