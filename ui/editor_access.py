"""Who may save contributions: anyone holding the editor secret. Viewing never needs it.

The secret comes from the CDS_EDITOR_SECRET environment variable or `editor_secret` in Streamlit secrets; when
neither is set, editing is off.

- Guesses are compared as keyed hashes of equal length, in constant time, so timing leaks neither the secret nor
  its length.
- Guessing is throttled per browser session and per client address (in this server process): after
  FREE_ATTEMPTS failures a key must wait FIRST_LOCKOUT_SECONDS, doubling with each further failure up to
  MAX_LOCKOUT_SECONDS. A new session from the same address does not start afresh. Counts are kept per secret, so
  setting a new secret starts everyone afresh.
- Each refused attempt is logged on one line (address, session, count; never the guess).
- A session stays unlocked only for the secret it unlocked with: it keeps a keyed hash of that secret, and every
  check (each page run and each save) compares it with the secret configured now. A changed or removed secret
  locks every session again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass

import streamlit as st

FREE_ATTEMPTS = 5
FIRST_LOCKOUT_SECONDS = 30
MAX_LOCKOUT_SECONDS = 3600
FORGET_AFTER_SECONDS = 24 * 3600
MAX_TRACKED_KEYS = 10_000  # an attacker cycling sessions cannot grow the store without bound

_UNLOCKED = "_editor_unlocked"  # the keyed hash of the secret this session unlocked with
# Keys the hashes held in sessions and in the throttle; made at start, so nothing stored outlives the process.
_PROCESS_KEY = secrets.token_bytes(32)
log = logging.getLogger("cds.editor_access")


def editor_secret() -> str | None:
    secret = os.environ.get("CDS_EDITOR_SECRET")
    if not secret:
        try:
            secret = st.secrets.get("editor_secret")
        except Exception:  # no secrets.toml, or a malformed one: editing stays off and the page still works
            secret = None
    return secret or None


def _fingerprint(text: str) -> bytes:
    return hmac.new(_PROCESS_KEY, text.encode("utf-8"), hashlib.sha256).digest()


def secret_matches(guess: str, secret: str) -> bool:
    return hmac.compare_digest(_fingerprint(guess), _fingerprint(secret))


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class Throttle:
    """Failed attempts per key, shared by every session of this server process."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[tuple, _Failures] = {}

    def wait_seconds(self, keys: list[tuple]) -> int:
        """How long these keys must wait before the next attempt is even checked (0: now)."""
        now = self._clock()
        with self._lock:
            waits = [self._failures[key].locked_until - now for key in keys if key in self._failures]
        return max(0, int(max(waits, default=0) + 0.999))

    def failed(self, keys: list[tuple]) -> int:
        """Count a failure for each key; the highest count among them."""
        now = self._clock()
        with self._lock:
            self._forget_old(now)
            counts = []
            for key in keys:
                failures = self._failures.setdefault(key, _Failures())
                failures.count += 1
                failures.last = now
                if failures.count >= FREE_ATTEMPTS:
                    delay = FIRST_LOCKOUT_SECONDS * 2 ** (failures.count - FREE_ATTEMPTS)
                    failures.locked_until = now + min(delay, MAX_LOCKOUT_SECONDS)
                counts.append(failures.count)
        return max(counts)

    def succeeded(self, keys: list[tuple]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _forget_old(self, now: float) -> None:
        for key in [k for k, f in self._failures.items() if now - f.last > FORGET_AFTER_SECONDS]:
            del self._failures[key]
        while len(self._failures) >= MAX_TRACKED_KEYS:
            del self._failures[min(self._failures, key=lambda k: self._failures[k].last)]


_throttle = Throttle()


def client_address() -> str:
    """The visitor's address as the server sees it ("local" on this machine). Forwarded headers are not
    trusted: anyone can write them. Behind a reverse proxy every visitor shares the proxy's address."""
    try:
        address = st.context.ip_address
    except Exception:  # outside a running app (scripts)
        address = None
    return address if isinstance(address, str) and address else "local"


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "no-session"


def _keys(secret: str) -> list[tuple]:
    tag = _fingerprint(secret)[:8]
    return [("session", tag, _session_id()), ("client", tag, client_address())]


def unlocked() -> bool:
    """Whether this session may save now: it unlocked with the secret that is configured at this moment."""
    secret = editor_secret()
    held = st.session_state.get(_UNLOCKED)
    if not secret or not isinstance(held, bytes):
        return False
    return hmac.compare_digest(held, _fingerprint(secret))


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait_seconds: int = 0  # > 0: refused without checking, try again after this long


def unlock(guess: str) -> Attempt:
    secret = editor_secret()
    st.session_state.pop(_UNLOCKED, None)
    if not secret:
        return Attempt(False)
    keys = _keys(secret)
    wait = _throttle.wait_seconds(keys)
    if wait:
        log.warning("editor unlock refused without checking: throttled for %d s (client %s, session %s)",
                    wait, client_address(), _session_id()[:8])
        return Attempt(False, wait)
    if secret_matches(guess, secret):
        _throttle.succeeded(keys)
        st.session_state[_UNLOCKED] = _fingerprint(secret)
        return Attempt(True)
    count = _throttle.failed(keys)
    log.warning("editor unlock refused: wrong secret (client %s, session %s, %d failed attempts)",
                client_address(), _session_id()[:8], count)
    return Attempt(False, _throttle.wait_seconds(keys))
