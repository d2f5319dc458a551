"""Logging in to a sending or reading server with a password beyond ASCII (smtplib and
imaplib alone fail on it): real servers (aiosmtpd, Dovecot) that check the password."""

from __future__ import annotations

from insidetrack.domain.settings import SmtpSettings
from insidetrack.integrations import smtp
from test_web_settings import smtp_server


def test_a_password_with_accents_logs_in_and_a_wrong_one_is_one_line():
    with smtp_server("pässwörd-ñ 密码") as (controller, _):
        server = SmtpSettings("127.0.0.1", controller.port, "none", "dana@example.com")
        assert smtp.check(server, "pässwörd-ñ 密码", timeout=10) == (
            f"smtp: ok, 127.0.0.1:{controller.port} (none), logged in as dana@example.com")
        said = smtp.check(server, "pässwörd", timeout=10)
        assert said == (f"smtp: cannot use 127.0.0.1:{controller.port} (none): the user name or "
                        "password was refused (535)")
        assert "\n" not in said


def test_a_reading_password_with_accents_logs_in_to_a_real_dovecot():
    import pytest

    from insidetrack.domain.settings import ImapSettings
    from insidetrack.integrations import imap
    from servers import CONFIG, dovecot, dovecot_missing

    if dovecot_missing():
        pytest.skip(str(dovecot_missing()))
    with dovecot(CONFIG.replace("password={password}", "password=pässwörd-ñ")) as port:
        server = ImapSettings("127.0.0.1", port, "none", "dana")
        assert imap.check(server, "pässwörd-ñ", timeout=10) == (
            f"imap: ok, 127.0.0.1:{port} (none), watching INBOX")
        assert imap.check(server, "pässwörd", timeout=10).startswith(
            f"imap: cannot read mail at 127.0.0.1:{port}:")
