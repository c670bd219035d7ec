"""Accounts: users with a role, argon2 password hashes, sessions and their CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ocr36.errors import BadArguments
from ocr36.station.db import now, transaction

ROLES = ("operator", "reviewer", "admin")
"""Each role may do what the ones before it may: correct; approve; users and thresholds."""
SESSION_SECONDS = 12 * 3600
MIN_PASSWORD = 8

_HASHER = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str
    csrf: str
    """The CSRF token of the user's session, sent back with every change."""

    def may(self, role: str) -> bool:
        """Whether the user's role reaches `role` (an admin may approve, a reviewer correct)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def add_user(connection: sqlite3.Connection, name: str, role: str, password: str) -> None:
    """Add a user, or give an existing one a new role and password."""
    if role not in ROLES:
        raise BadArguments(f"role {role!r}: one of {', '.join(ROLES)}")
    if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise BadArguments(f"user name {name!r}: use letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD:
        raise BadArguments(f"the password of {name!r} is shorter than {MIN_PASSWORD} characters")
    digest = _HASHER.hash(password)
    with transaction(connection):
        connection.execute(
            "INSERT INTO users(name, role, hash, created) VALUES (?, ?, ?, ?) ON CONFLICT(name) "
            "DO UPDATE SET role = excluded.role, hash = excluded.hash", (name, role, digest, now()))
        connection.execute("DELETE FROM sessions WHERE user = ?", (name,))


def users(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(str(n), str(r)) for n, r in
            connection.execute("SELECT name, role FROM users ORDER BY name").fetchall()]


def log_in(connection: sqlite3.Connection, name: str, password: str) -> str | None:
    """A new session token for a right name and password, else None (the same time either
    way: an unknown name is checked against a dummy hash)."""
    row = connection.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
    digest = str(row[0]) if row else _DUMMY
    try:
        _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    token = secrets.token_urlsafe(32)
    with transaction(connection):
        connection.execute("DELETE FROM sessions WHERE created < ?", (now() - SESSION_SECONDS,))
        connection.execute("INSERT INTO sessions(token, user, csrf, created) VALUES (?, ?, ?, ?)",
                           (token, name, secrets.token_urlsafe(32), now()))
    return token


def session_user(connection: sqlite3.Connection, token: str | None) -> User | None:
    if not token:
        return None
    row = connection.execute(
        "SELECT u.name, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user "
        "WHERE s.token = ? AND s.created >= ?", (token, now() - SESSION_SECONDS)).fetchone()
    return User(str(row[0]), str(row[1]), str(row[2])) if row else None


def log_out(connection: sqlite3.Connection, token: str) -> None:
    with transaction(connection):
        connection.execute("DELETE FROM sessions WHERE token = ?", (token,))


def csrf_ok(user: User, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(user.csrf, str(sent))


_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))
