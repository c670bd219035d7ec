"""The style sheet and script inlined into every review page (no server, no network)."""

from __future__ import annotations

CSS = """
:root { --heading: #b35900; --paragraph: #1f5fbf; --pnum: #7a1fa2; --claim: #0a7d3b;
  --abstract: #00838f; --bib: #6d4c41; --band: #d32f2f; --image: #c2185b; --low: #ff9800;
  --other: #757575; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #222; background: #f4f4f2; }
header { z-index: 5; background: #263238; color: #fff;
  padding: 6px 14px; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
header h1 { font-size: 17px; margin: 0; }
header .meta { opacity: .8; font-size: 12px; }
header label { font-size: 12px; white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 3px;
  border: 2px solid currentColor; vertical-align: -1px; }
.layout { display: flex; align-items: flex-start; }
nav { position: sticky; top: 0; width: 290px; flex: none; max-height: 100vh;
  overflow: auto; padding: 8px 12px; background: #fff; border-right: 1px solid #ddd; }
nav h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #555;
  margin: 14px 0 4px; }
nav ol, nav ul { margin: 0; padding-left: 18px; }
nav li { margin: 2px 0; }
nav table { border-collapse: collapse; font-size: 12px; width: 100%; }
nav td, nav th { padding: 1px 4px; text-align: right; }
nav td:first-child, nav th:first-child { text-align: left; }
.warn { color: #b71c1c; }
.corrections { font-size: 12px; margin: 0 0 4px; }
.corrections .rule { font-family: monospace; color: #555; }
main { flex: 1; min-width: 0; padding: 10px 16px; }
section.page { background: #fff; border: 1px solid #ddd; margin: 0 0 18px; padding: 8px 12px; }
section.page h2 { font-size: 16px; margin: 2px 0; }
.facts { font-size: 12px; color: #555; margin: 0 0 4px; }
.info { position: sticky; top: 0; z-index: 2; font-size: 12px; min-height: 1.5em;
  margin: 2px 0 6px; padding: 2px 6px;
  background: #fffde7; border-left: 3px solid #fbc02d; }
.page-row { display: flex; gap: 14px; align-items: flex-start; }
figure.sheet { position: relative; margin: 0; flex: 0 0 56%; max-width: 760px;
  border: 1px solid #bbb; background: #fafafa; }
figure.sheet img { display: block; width: 100%; height: 100%; }
figure.sheet svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.ov { fill-opacity: .07; stroke-width: 1.6; vector-effect: non-scaling-stroke; cursor: pointer; }
.ov.heading { stroke: var(--heading); fill: var(--heading); }
.ov.paragraph { stroke: var(--paragraph); fill: var(--paragraph); }
.ov.claim { stroke: var(--claim); fill: var(--claim); }
.ov.abstract { stroke: var(--abstract); fill: var(--abstract); }
.ov.pnum { stroke: var(--pnum); fill: var(--pnum); fill-opacity: .18; }
.ov.bib { stroke: var(--bib); fill: var(--bib); stroke-dasharray: 4 2; }
.ov.other { stroke: var(--other); fill: var(--other); stroke-dasharray: 2 2; }
.ov.band { stroke: var(--band); fill: var(--band); fill-opacity: .15; stroke-dasharray: 5 3; }
.ov.image { stroke: var(--image); fill: var(--image); fill-opacity: .05; stroke-width: 2.2; }
.ov.word { fill-opacity: .22; stroke-width: 1; }
.ov.low { stroke: var(--low); fill: var(--low); fill-opacity: .3; stroke-width: 1; }
.ov.sel { stroke-width: 4; fill-opacity: .25; stroke: #ffd600; }
.region { fill: none; stroke: #90a4ae; stroke-width: 1; stroke-dasharray: 1 3;
  vector-effect: non-scaling-stroke; pointer-events: none; }
.order { font: bold 64px sans-serif; fill: #37474f; paint-order: stroke; stroke: #fff;
  stroke-width: 6px; pointer-events: none; }
.label { font: 48px sans-serif; fill: var(--image); paint-order: stroke; stroke: #fff;
  stroke-width: 6px; pointer-events: none; }
.content { flex: 1; min-width: 0; max-height: 1100px; overflow: auto; }
.entry { border-left: 4px solid #ccc; padding: 3px 8px; margin: 0 0 6px; cursor: pointer;
  border-radius: 2px; }
.entry:hover { background: #f1f8ff; }
.entry.heading { border-color: var(--heading); font-weight: 600; }
.entry.paragraph { border-color: var(--paragraph); }
.entry.claim { border-color: var(--claim); }
.entry.abstract { border-color: var(--abstract); }
.entry.sel { background: #fff8c4; outline: 2px solid #ffd600; }
.entry .tag { font: 600 12px monospace; color: #555; margin-right: 6px; }
.entry .more { color: #777; font-style: italic; }
.empty { color: #777; font-style: italic; }
body.hide-text .ov.heading, body.hide-text .ov.paragraph, body.hide-text .ov.claim,
body.hide-text .ov.abstract, body.hide-text .ov.bib, body.hide-text .ov.other,
body.hide-numbers .ov.pnum, body.hide-bands .ov.band, body.hide-images .ov.image,
body.hide-images .label, body.hide-order .order, body.hide-order .region,
body.hide-low .ov.low { display: none; }
table.docs { border-collapse: collapse; background: #fff; width: 100%; }
table.docs th, table.docs td { border-bottom: 1px solid #e0e0e0; padding: 4px 8px;
  text-align: left; }
table.docs th { background: #eceff1; cursor: pointer; user-select: none; position: sticky;
  top: 0; }
table.docs td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #ffebee; }
.stage { background: #fff; border: 1px solid #ddd; margin: 0 0 18px; padding: 8px 14px; }
.stage h2 { font-size: 17px; margin: 4px 0; }
.stage p.caption { max-width: 70em; }
.stage img.shot { max-width: 100%; border: 1px solid #bbb; }
pre.xml { background: #263238; color: #eceff1; padding: 10px; overflow: auto; max-height: 600px;
  font-size: 12px; }
.words { font-size: 13px; line-height: 1.9; }
.words span { padding: 1px 3px; border-radius: 3px; margin-right: 2px; }
"""

SCRIPT = """
(function () {
  'use strict';
  var selected = [];
  function clearSelection() {
    selected.forEach(function (el) { el.classList.remove('sel'); });
    selected = [];
  }
  function mark(el) { el.classList.add('sel'); selected.push(el); }
  function showInfo(page, text) {
    var info = page && page.querySelector('.info');
    if (info && text) { info.textContent = text; }
  }
  function selectBlock(id) {
    clearSelection();
    document.querySelectorAll('[data-block="' + id + '"]').forEach(function (el) {
      if (!el.matches('a')) { mark(el); }
    });
  }
  function boxOf(id, page) {
    var scope = page || document;
    return scope.querySelector('svg .ov[data-block="' + id + '"]') ||
      document.querySelector('svg .ov[data-block="' + id + '"]');
  }
  function showEntry(page, id) {
    var entry = page && page.querySelector('.entry[data-block="' + id + '"]');
    if (!entry) { return; }
    var panel = entry.parentElement;
    panel.scrollTop += entry.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
  }
  function goToBlock(id, page) {
    selectBlock(id);
    var box = boxOf(id, page);
    if (box) {
      box.scrollIntoView({block: 'center', inline: 'nearest'});
      showInfo(box.closest('.page'), box.getAttribute('data-info'));
      showEntry(box.closest('.page'), id);
    }
    return box;
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var link = target.closest('a[data-block]');
    if (link) {
      event.preventDefault();
      goToBlock(link.getAttribute('data-block'), null);
      return;
    }
    var entry = target.closest('.entry');
    if (entry) {
      goToBlock(entry.getAttribute('data-block'), entry.closest('.page'));
      return;
    }
    var box = target.closest('.ov');
    if (box) {
      var page = box.closest('.page');
      showInfo(page, box.getAttribute('data-info'));
      var id = box.getAttribute('data-block');
      if (id) {
        selectBlock(id);
        showEntry(page, id);
      } else {
        clearSelection();
        mark(box);
      }
    }
  });
  document.querySelectorAll('input[data-layer]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-layer'), !box.checked);
    });
  });
  var table = document.querySelector('table.docs');
  if (table) {
    var body = table.tBodies[0];
    var filter = document.getElementById('filter');
    var status = document.getElementById('status-filter');
    var apply = function () {
      var words = (filter ? filter.value : '').toLowerCase();
      var wanted = status ? status.value : '';
      Array.prototype.forEach.call(body.rows, function (row) {
        var show = row.textContent.toLowerCase().indexOf(words) >= 0 &&
          (!wanted || row.getAttribute('data-status') === wanted);
        row.hidden = !show;
      });
    };
    if (filter) { filter.addEventListener('input', apply); }
    if (status) { status.addEventListener('change', apply); }
    table.querySelectorAll('th').forEach(function (th, column) {
      th.addEventListener('click', function () {
        var ascending = th.getAttribute('data-order') !== 'asc';
        table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-order'); });
        th.setAttribute('data-order', ascending ? 'asc' : 'desc');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-value') || a.cells[column].textContent;
          var y = b.cells[column].getAttribute('data-value') || b.cells[column].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
}());
"""
