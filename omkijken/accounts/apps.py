from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "omkijken.accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from omkijken.accounts.twofactor import start_session

        # Every login, also a test's force_login: stamp the session for the idle timeout and
        # remember whether a resident turned the second factor on (no query per request).
        user_logged_in.connect(start_session, dispatch_uid="omkijken-start-session")
