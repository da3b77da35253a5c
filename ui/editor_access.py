"""Who may save contributions: anyone holding the editor secret. Viewing never needs it.

The secret comes from the CDS_EDITOR_SECRET environment variable or `editor_secret` in Streamlit secrets; when
neither is set, editing is off. Guesses are compared in constant time so timing does not leak the secret.
"""

from __future__ import annotations

import hmac
import os

import streamlit as st

_UNLOCKED = "_editor_unlocked"


def editor_secret() -> str | None:
    secret = os.environ.get("CDS_EDITOR_SECRET")
    if not secret:
        try:
            secret = st.secrets.get("editor_secret")
        except Exception:  # no secrets.toml, or a malformed one: editing stays off and the page still works
            secret = None
    return secret or None


def secret_matches(guess: str, secret: str) -> bool:
    return hmac.compare_digest(guess.encode("utf-8"), secret.encode("utf-8"))


def unlocked() -> bool:
    return bool(st.session_state.get(_UNLOCKED))


def unlock(guess: str) -> bool:
    secret = editor_secret()
    ok = bool(secret) and secret_matches(guess, secret)
    st.session_state[_UNLOCKED] = ok
    return ok
