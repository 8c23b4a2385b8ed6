"""TOTP second factor (RFC 6238, through pyotp) with one-time recovery codes.

Why: a password phished or taken from an arrested colleague's notebook is not enough to log in as an
admin or editor where the workspace requires a second factor (``[web] require_totp = true`` in
reckon.toml). Enrolment is done by an admin with ``reckon users totp NAME``, which prints the secret (as an
otpauth:// URI for the app) and ten recovery codes, once. A code is accepted for its 30-second step and one
step either side, and never twice (the last step used is kept). Recovery codes are 50-bit random strings
kept as SHA-256 digests, each good once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
from sqlalchemy.orm import Session

from reckon.store import web as store
from reckon.store.audit import audit
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.web import WebUser, user_named

RECOVERY_CODES = 10
ISSUER = "reckon"


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace("-", "").encode()).hexdigest()


def enrol(url: str, name: str, *, actor: str | None = None) -> dict:
    """A new TOTP secret and recovery codes for ``name`` (replacing any earlier ones); shown once."""
    secret = pyotp.random_base32()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    with session_scope(url) as s:
        user = user_named(s, name)
        user.totp_secret = secret
        user.totp_last_step = None
        store.replace_recovery_codes(s, user.id, [_digest(c) for c in codes])
        audit(s, "user.totp", actor=actor, target_type="web_user", target_ids=[user.id])
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)
    return {"secret": secret, "uri": uri, "recovery_codes": [f"{c[:5]}-{c[5:]}" for c in codes]}


def remove(url: str, name: str, *, actor: str | None = None) -> None:
    with session_scope(url) as s:
        user = user_named(s, name)
        user.totp_secret = None
        store.replace_recovery_codes(s, user.id, [])
        audit(s, "user.totp_removed", actor=actor, target_type="web_user", target_ids=[user.id])


def check(s: Session, user: WebUser, code: str) -> bool:
    """Is ``code`` this user's current TOTP code (not used before) or one of their unused recovery codes?"""
    code = code.strip().replace(" ", "")
    if code.isdigit() and len(code) == 6 and user.totp_secret:
        totp = pyotp.TOTP(user.totp_secret)
        now = int(time.time())
        for offset in (0, -1, 1):
            step = now // totp.interval + offset
            if hmac.compare_digest(totp.generate_otp(step), code):
                if user.totp_last_step is not None and step <= user.totp_last_step:
                    return False  # replayed
                user.totp_last_step = step
                return True
        return False
    row = store.unused_recovery_code(s, user.id, _digest(code))
    if row is None:
        return False
    row.used_at = utcnow()
    audit(s, "login.recovery_code", actor=f"web:{user.name}", target_type="web_user", target_ids=[user.id])
    return True
