"""The login steps and the account's security page (Dutch paths, as the rest)."""

from django.urls import path

from omkijken.accounts import twofactor_views as views

urlpatterns = [
    path("inloggen/code/", views.verify, name="two_factor_verify"),
    path("inloggen/instellen/", views.enrol, name="two_factor_enrol"),
    path("inloggen/herstelcodes/", views.codes, name="two_factor_codes"),
    path("inloggen/bevestigen/", views.reauthenticate, name="reauthenticate"),
    path("account/beveiliging/", views.account_security, name="account_security"),
    path("account/beveiliging/herstelcodes/", views.account_recovery_codes, name="account_recovery_codes"),
    path("account/beveiliging/uitzetten/", views.account_second_factor_off, name="account_second_factor_off"),
]
