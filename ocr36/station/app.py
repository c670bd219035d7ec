"""The station's web application (Flask) and its server (waitress).

Flask for the pages and waitress to serve them: both pure Python and long maintained,
synchronous like the SQLite store, nothing to compile and nothing else to install. Every
request but the log-in page needs a session; every change needs its CSRF token, the log-in
too; templates escape all text (OCR text included); the headers forbid inline scripts and
framing.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from waitress import serve as waitress_serve

from ocr36.review.assets import CSS as REVIEW_CSS
from ocr36.station import auth, pages
from ocr36.station.context import Station, store_path
from ocr36.station.queue import refresh
from ocr36.station.versions import recover

COOKIE = "ocr36_session"
LOGIN_COOKIE = "ocr36_login"
"""The log-in form's CSRF token, before there is a session."""
LOGIN_SECONDS = 3600
OPEN_PATHS = frozenset({"/login", "/static/station.css", "/assets/review.css"})
POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def create_app(folders: tuple[Path, ...], dtd: Path | None = None) -> Flask:
    """The application over the served folders (the store beside the first); approval checks
    the office's `dtd` too where one is given."""
    station = Station(tuple(f.resolve() for f in folders), store_path(folders), dtd)
    station.db()
    recover(station.folders)
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=2 * 1024 * 1024, TEMPLATES_AUTO_RELOAD=False)
    app.extensions["ocr36_station"] = station
    app.before_request(_authenticate)
    app.after_request(_headers)
    app.add_url_rule("/login", "login", _login, methods=["GET", "POST"])
    app.add_url_rule("/logout", "logout", _logout, methods=["POST"])
    app.add_url_rule("/assets/review.css", "review_css", _review_css)
    pages.register(app)
    threading.Thread(target=_estimate, args=(station,), daemon=True,
                     name="ocr36-station-estimates").start()
    return app


def station_of(app: Flask) -> Station:
    station: Station = app.extensions["ocr36_station"]
    return station


def _estimate(station: Station) -> None:
    """Fill the queue's estimates in the background (a new folder of 10,000 packages)."""
    refresh(station.db(), station.packages(fresh=True).values())


def _authenticate() -> ResponseReturnValue | None:
    station = station_of(current_app)
    g.user = auth.session_user(station.db(), request.cookies.get(COOKIE))
    if request.path in OPEN_PATHS:
        return None
    if g.user is None:
        if request.method == "GET":
            return redirect(url_for("login", next=request.full_path))
        return Response("log in first", status=401, mimetype="text/plain")
    if request.method not in ("GET", "HEAD"):
        sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token")
        if not auth.csrf_ok(g.user, sent):
            return Response("missing or wrong CSRF token: reload the page", status=403,
                            mimetype="text/plain")
    return None


def _headers(response: Response) -> Response:
    if "Content-Security-Policy" not in response.headers:
        response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


def _safe_next(target: str | None) -> str:
    """Only a path of this site (no '//host', no scheme) is followed after logging in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login() -> ResponseReturnValue:
    """The log-in form carries a token its page set in a cookie of its own (there is no session
    yet to keep it): a log-in posted from elsewhere lacks it and is refused."""
    station = station_of(current_app)
    if request.method == "GET":
        fresh = secrets.token_urlsafe(32)
        form = Response(render_template("login.html", error=None, csrf=fresh,
                                        next=request.args.get("next", "/")), mimetype="text/html")
        form.set_cookie(LOGIN_COOKIE, fresh, httponly=True, samesite="Strict",
                        secure=request.is_secure, max_age=LOGIN_SECONDS, path="/login")
        return form
    expected = request.cookies.get(LOGIN_COOKIE, "")
    sent = request.form.get("csrf_token", "")
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        return Response("missing or wrong CSRF token: reload the log-in page", status=403,
                        mimetype="text/plain")
    name = request.form.get("name", "")
    token = auth.log_in(station.db(), name, request.form.get("password", ""))
    if token is None:
        return render_template("login.html", error="Wrong name or password.", csrf=expected,
                               next=request.form.get("next", "/")), 401
    response = redirect(_safe_next(request.form.get("next")))
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict",
                        secure=request.is_secure, max_age=auth.SESSION_SECONDS, path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def _logout() -> ResponseReturnValue:
    token = request.cookies.get(COOKIE)
    if token:
        auth.log_out(station_of(current_app).db(), token)
    response = redirect(url_for("login"))
    response.delete_cookie(COOKIE, path="/")
    return response


def _review_css() -> ResponseReturnValue:
    return Response(REVIEW_CSS, mimetype="text/css")


def serve(folders: tuple[Path, ...], host: str, port: int, options: dict[str, Any]) -> None:
    """Serve the station until interrupted."""
    app = create_app(folders, options.get("dtd"))
    proxy: dict[str, Any] = {}
    if options.get("behind_proxy"):
        # the proxy on this machine says whether the operator came over HTTPS, and from where
        proxy = {"trusted_proxy": "127.0.0.1", "trusted_proxy_count": 1,
                 "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto",
                                           "x-forwarded-host"}}
    waitress_serve(app, host=host, port=port, threads=int(options.get("threads", 8)),
                   ident="ocr36", clear_untrusted_proxy_headers=True, **proxy)
