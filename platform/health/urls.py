from django.urls import path

from health import views

# Exempt from SECURE_SSL_REDIRECT (settings.SECURE_REDIRECT_EXEMPT) so a load balancer can probe over plain HTTP.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
