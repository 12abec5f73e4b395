from django.contrib.auth import views as auth_views
from django.urls import path

from omkijken.accounts import views

urlpatterns = [
    path("toegangslog/", views.access_log, name="access_log"),
    # One's own account and password
    path("account/", views.account_home, name="account_home"),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    # Password reset by e-mail (no login; the same answer whether or not the address is known)
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    # The accounts an organisation manages itself
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/uitnodigen/", views.account_invite, name="account_invite"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/uitnodigingen/<int:pk>/intrekken/", views.invitation_revoke, name="invitation_revoke"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
