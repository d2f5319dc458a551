"""Logging in to a sending server with a password beyond ASCII (smtplib alone fails on it
with a traceback): a real SMTP server (aiosmtpd) that checks the password."""

from __future__ import annotations

from insidetrack.domain.settings import SmtpSettings
from insidetrack.integrations import smtp
from test_web_settings import smtp_server


def test_a_password_with_accents_logs_in_and_a_wrong_one_is_one_line():
    with smtp_server("pässwörd ñ 密码") as (controller, _):
        server = SmtpSettings("127.0.0.1", controller.port, "none", "dana@example.com")
        assert smtp.check(server, "pässwörd ñ 密码", timeout=10) == (
            f"smtp: ok, 127.0.0.1:{controller.port} (none), logged in as dana@example.com")
        said = smtp.check(server, "pässwörd", timeout=10)
        assert said.startswith(f"smtp: cannot use 127.0.0.1:{controller.port} (none): (535")
        assert "\n" not in said
