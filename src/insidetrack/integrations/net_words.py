"""Why a connection to a mail server failed, in a person's words (the libraries' texts are
for programmers: "[SSL: WRONG_VERSION_NUMBER]", "[Errno -2] Name or service not known")."""

from __future__ import annotations

import smtplib
import socket
import ssl


def why(exc: BaseException, port: int) -> str:
    """Return one short reason for a failed connection or login."""
    if isinstance(exc, ssl.SSLError) and "WRONG_VERSION_NUMBER" in str(exc):
        return (f"the server does not use SSL on port {port}: try starttls (usually port 587 "
                "for sending, 143 for reading) or none")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate cannot be trusted ({exc.verify_message})"
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc).upper():
        return "the server does not offer starttls: try ssl (usually port 465) or none"
    if isinstance(exc, socket.gaierror):
        return "no server has that name: check the spelling"
    if isinstance(exc, ConnectionRefusedError):
        return f"nothing answers on port {port}: check the port"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "the server did not answer in time: check the name and port"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"the user name or password was refused ({exc.smtp_code})"
    from imapclient.exceptions import LoginError

    if isinstance(exc, LoginError):
        return "the user name or password was refused"
    return str(exc)
