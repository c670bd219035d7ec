"""The station's pages: the queue, the document view and its edits, approval, the files of a
review, and the office's settings (users, threshold)."""

from __future__ import annotations

from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue

from ocr36.errors import Ocr36Error
from ocr36.model import IllustrationKind
from ocr36.station import auth
from ocr36.station.blocks import parse
from ocr36.station.claims import numbering_gaps
from ocr36.station.context import Station
from ocr36.station.db import edits_of, pending_files, set_setting, threshold
from ocr36.station.documents import Package, review_file, walkthrough_file
from ocr36.station.editing import (
    Change,
    Conflict,
    EditRefused,
    EditRequest,
    apply,
    changed_on_disk,
    draft,
    image_change,
    kind_change,
    merge_change,
    split_change,
    text_change,
)
from ocr36.station.images import Region, block_region, cut, image_png, next_image_file
from ocr36.station.queue import entries, routed
from ocr36.station.undo import undo_change, undoable
from ocr36.station.versions import approve
from ocr36.station.view import document_view

QUEUE_ROWS = 500
"""Rows of the queue shown at once (the most doubtful first)."""


def register(app: Flask) -> None:
    app.add_url_rule("/", "queue", _queue)
    app.add_url_rule("/doc/<path:ref>", "document", _document)
    app.add_url_rule("/edit/<path:ref>", "edit", _edit, methods=["POST"])
    app.add_url_rule("/approve/<path:ref>", "approve", _approve, methods=["POST"])
    app.add_url_rule("/page/<path:ref>/<name>", "page_image", _review_file)
    app.add_url_rule("/review/<path:ref>/<name>", "review", _review_file)
    app.add_url_rule("/image/<path:ref>/<name>", "image_file", _image_file)
    app.add_url_rule("/walkthrough/<int:number>/<name>", "walkthrough", _walkthrough)
    app.add_url_rule("/admin", "admin", _admin, methods=["GET", "POST"])


def _station() -> Station:
    station: Station = current_app.extensions["ocr36_station"]
    return station


def _package(ref: str) -> Package:
    package = _station().package(ref)
    if package is None:
        abort(404)
    return package


def _queue() -> ResponseReturnValue:
    station = _station()
    found = entries(station.db(), station.packages())
    to_verify = routed(station.db(), found)
    show = request.args.get("show", "routed")
    listed = to_verify if show == "routed" else found
    walkthroughs = [n for n in range(len(station.folders))
                    if walkthrough_file(station.folders, n, "index.html")]
    return render_template("queue.html", entries=listed[:QUEUE_ROWS], total=len(listed),
                           walkthroughs=walkthroughs,
                           routed=len(to_verify), all=len(found), show=show,
                           threshold=threshold(station.db()), user=g.user)


def _document(ref: str, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    package = _package(ref)
    station = _station()
    current = draft(station.db(), package)
    if error is None and current.revision and changed_on_disk(station.db(), package):
        error = ("The package was written again since these corrections began (a new "
                 "conversion?): approving replaces it with the corrected text shown here; its "
                 "current version is kept in the history.")
    image = url_for("page_image", ref=ref, name="IMAGE").replace("IMAGE", "{}")
    view = document_view(package, current.xml, image)
    gaps = [gap.message() for gap in numbering_gaps(parse(current.xml))]
    undo = undoable(station.db(), package)
    edits = edits_of(station.db(), package.key)[-20:]
    versions = sorted(p.name for p in package.history.glob("v*")) if package.history.is_dir() \
        else []
    return render_template("document.html", package=package, view=view, ref=ref,
                           revision=current.revision, edits=edits, versions=versions,
                           error=error, user=g.user, gaps=gaps, undo=undo,
                           approved=request.args.get("approved")), status


def _change(body: dict[str, Any]) -> Change:
    action, block = body.get("action"), str(body.get("block", ""))
    if action == "text" and isinstance(body.get("text"), str):
        return text_change(block, body["text"])
    if action == "split" and isinstance(body.get("offset"), int):
        return split_change(block, body["offset"])
    if action == "merge":
        return merge_change(block)
    if action == "kind" and isinstance(body.get("kind"), str):
        return kind_change(block, body["kind"])
    raise EditRefused(f"not an edit: {action!r}")


def _image(package: Package, body: dict[str, Any]) -> tuple[Change, dict[str, bytes]]:
    """The change that makes a block an image, and the image: the region the operator drew
    (`page`, `box`: left, top, width, height in pixels of the page) or the block's own."""
    current = draft(_station().db(), package)
    view = document_view(package, current.xml, "{}")
    block, box = str(body.get("block", "")), body.get("box")
    if isinstance(box, list) and len(box) == 4 and all(isinstance(v, int) for v in box) \
            and isinstance(body.get("page"), int):
        region: Region | None = Region(body["page"], (box[0], box[1], box[2], box[3]))
    else:
        region = block_region(view, block)
    if region is None:
        raise EditRefused("the block has no region on a page: draw one on the page image")
    try:
        kind = IllustrationKind(str(body.get("content", IllustrationKind.DRAWING.value)))
        piece = cut(package, view, region, next_image_file(parse(current.xml), package.path),
                    kind)
    except ValueError as error:  # RegionRefused, or not a kind of image
        raise EditRefused(str(error)) from error
    return image_change(block, piece), {piece.file: piece.tiff}


def _edit(ref: str) -> ResponseReturnValue:
    package = _package(ref)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("revision"), int):
        return jsonify(error="a JSON body with the revision is expected"), 400
    block = str(body.get("block", ""))
    try:
        files: dict[str, bytes] = {}
        if body.get("action") == "image":
            change, files = _image(package, body)
        elif body.get("action") == "undo":
            undone, change = undo_change(_station().db(), package)
            block = undone.block
        else:
            change = _change(body)
        revision = apply(_station().db(), package, EditRequest(g.user.name, body["revision"],
                                                               block), change, files)
    except Conflict as conflict:
        return jsonify(error=f"not saved: {conflict}", revision=conflict.revision,
                       edits=[{"user": e.user, "block": e.block, "kind": e.kind,
                               "before": e.before, "after": e.after}
                              for e in conflict.edits]), 409
    except EditRefused as refused:
        return jsonify(error=str(refused)), 422
    return jsonify(revision=revision)


def _approve(ref: str) -> ResponseReturnValue:
    package = _package(ref)
    user: auth.User = g.user
    if not user.may("reviewer"):
        return _document(ref, "Only a reviewer or an admin approves.", 403)
    try:
        revision = int(request.form.get("revision", "-1"))
        done = approve(_station().db(), package, user.name, revision, _station().dtd)
    except ValueError:
        abort(400)
    except Conflict as conflict:
        names = ", ".join(sorted({e.user for e in conflict.edits}))
        return _document(ref, f"Not approved: {names} changed the document since you opened it."
                              " Check their changes below, then approve again.", 409)
    except Ocr36Error as error:
        return _document(ref, f"Not approved: {error.message}", 422)
    return redirect(url_for("document", ref=ref, approved=done.version))


def _review_file(ref: str, name: str) -> ResponseReturnValue:
    package = _package(ref)
    path = review_file(package, name)
    if path is None:
        abort(404)
    return _inline_allowed(send_file(path, max_age=3600 if name.endswith(".png") else 0))


def _image_file(ref: str, name: str) -> ResponseReturnValue:
    """An image of the document (one marked and not approved yet too), as a PNG."""
    package = _package(ref)
    png = image_png(package, name, pending_files(_station().db(), package.key))
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "no-cache"})


def _walkthrough(number: int, name: str) -> ResponseReturnValue:
    path = walkthrough_file(_station().folders, number, name)
    if path is None:
        abort(404)
    return _inline_allowed(send_file(path, max_age=0))


def _inline_allowed(response: Response) -> Response:
    """The review and walkthrough pages are written to open from files, with their style and
    script inline: allowed for them alone."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
    return response


def _admin() -> ResponseReturnValue:
    user: auth.User = g.user
    if not user.may("admin"):
        abort(403)
    db = _station().db()
    message = None
    if request.method == "POST":
        try:
            if "threshold" in request.form:
                value = float(request.form["threshold"])
                if not 0 <= value <= 100:
                    raise ValueError(value)
                set_setting(db, "threshold", str(value))
                message = f"Threshold set to {value:g}."
            else:
                auth.add_user(db, request.form.get("name", ""), request.form.get("role", ""),
                              request.form.get("password", ""))
                message = f"User {request.form.get('name')} saved."
        except ValueError:
            message = "The threshold is a number from 0 to 100."
        except Ocr36Error as error:
            message = error.message
    return render_template("admin.html", users=auth.users(db), threshold=threshold(db),
                           roles=auth.ROLES, message=message, user=user)
