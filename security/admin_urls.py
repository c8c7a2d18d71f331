from django.urls import path

from security import views

urlpatterns = [
    path("two-factor/", views.two_factor, name="security_two_factor"),
    path("two-factor/verify/", views.two_factor_verify, name="security_two_factor_verify"),
    path("two-factor/remove/", views.two_factor_remove, name="security_two_factor_remove"),
]
