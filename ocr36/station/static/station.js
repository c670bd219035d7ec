// The document view of the ocr36 station: edits saved one by one, the page beside the text.
"use strict";
(function () {
  const root = document.getElementById("station");
  if (!root) return;
  const editUrl = root.dataset.edit;
  const csrf = root.dataset.csrf;
  let revision = parseInt(root.dataset.revision, 10);
  const blocks = Array.from(document.querySelectorAll(".block"));
  const status = document.getElementById("status");
  const conflict = document.getElementById("conflict");
  let current = null;
  let wordCursor = { block: -1, word: -1 };

  function say(text) { status.textContent = text; }

  function setRevision(value) {
    revision = value;
    document.getElementById("revision").textContent = String(value);
    const approve = document.getElementById("approve-revision");
    if (approve) approve.value = String(value);
  }

  function showConflict(body) {
    conflict.hidden = false;
    conflict.textContent = "";
    const head = document.createElement("p");
    head.textContent = body.error + ". Their changes (reload the page to work on them):";
    conflict.appendChild(head);
    const list = document.createElement("ul");
    for (const edit of body.edits || []) {
      const item = document.createElement("li");
      item.textContent = edit.user + " (" + edit.kind + ", " + edit.block.split("/").pop() +
        "): " + edit.before + " → " + edit.after;
      list.appendChild(item);
    }
    conflict.appendChild(list);
  }

  // One request at a time, each on the revision the one before left: two saves of this page
  // never race each other into a conflict of their own.
  let chain = Promise.resolve(true);
  function enqueue(work) {
    const run = chain.then(work, work);
    chain = run.catch(() => false);
    return run;
  }

  async function send(payload) {
    payload.revision = revision;
    const response = await fetch(editUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(payload),
    });
    let body = {};
    try { body = await response.json(); } catch (e) { body = { error: response.statusText }; }
    if (response.status === 409) { showConflict(body); say("Not saved: see above."); return false; }
    if (!response.ok) { say("Not saved: " + (body.error || response.status)); return false; }
    setRevision(body.revision);
    return true;
  }

  function post(payload) { return enqueue(() => send(payload)); }

  function textOf(block) { return block.querySelector(".text").innerText.replace(/\n$/, ""); }

  function saved(block, text) {
    block.dataset.saved = text;
    if (textOf(block) === text) block.classList.remove("dirty");
    block.classList.add("saved");
  }

  function save(block) {
    if (!block) return Promise.resolve(true);
    return enqueue(async () => {
      const text = textOf(block);
      if (text === block.dataset.saved) return true;
      const ok = await send({ action: "text", block: block.dataset.id, text: text });
      if (ok) { saved(block, text); say("Saved."); }
      return ok;
    });
  }

  function rectsOf(block) {
    const trace = block.dataset.trace;
    return trace ? Array.from(document.querySelectorAll('rect[data-block="' + trace + '"]')) : [];
  }

  function select(block, scrollPage) {
    if (current === block) return;
    if (current) {
      current.classList.remove("current");
      rectsOf(current).forEach((r) => r.classList.remove("sel"));
      save(current);
    }
    current = block;
    block.classList.add("current");
    const rects = rectsOf(block);
    rects.forEach((r) => r.classList.add("sel"));
    if (scrollPage && rects.length) rects[0].scrollIntoView({ block: "center" });
  }

  function focusText(block, start, end) {
    const text = block.querySelector(".text");
    text.focus();
    const node = text.firstChild;
    if (!node || start < 0) return;
    const range = document.createRange();
    range.setStart(node, Math.min(start, node.length));
    range.setEnd(node, Math.min(end, node.length));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function caretOffset(block) {
    const text = block.querySelector(".text");
    const selection = window.getSelection();
    if (!selection.rangeCount) return -1;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer)) return -1;
    const before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    return before.toString().length;
  }

  function nextUncertain() {
    for (let step = 0; step <= blocks.length; step++) {
      const index = (Math.max(wordCursor.block, 0) + step) % blocks.length;
      const words = JSON.parse(blocks[index].dataset.uncertain || "[]");
      const from = index === wordCursor.block ? wordCursor.word + 1 : 0;
      if (from < words.length) {
        wordCursor = { block: index, word: from };
        const block = blocks[index];
        select(block, true);
        const at = textOf(block).indexOf(words[from]);
        focusText(block, at, at + words[from].length);
        say("Uncertain word: " + words[from]);
        return;
      }
      if (step > 0 && index === wordCursor.block) break;
    }
    say("No uncertain word left.");
  }

  function move(by) {
    const index = current ? blocks.indexOf(current) : -1;
    const next = blocks[Math.min(Math.max(index + by, 0), blocks.length - 1)];
    select(next, true);
    focusText(next, -1, -1);
  }

  async function structural(payload, block) {
    if (!(await save(block))) return;
    if (await post(payload)) { say("Saved; reloading."); window.location.reload(); }
  }

  for (const block of blocks) {
    block.dataset.saved = textOf(block);
    const text = block.querySelector(".text");
    text.addEventListener("focus", () => select(block, true));
    text.addEventListener("input", () => { block.classList.add("dirty"); block.classList.remove("saved"); });
    text.addEventListener("blur", () => save(block));
    const split = block.querySelector("button.split");
    if (split) {
      split.addEventListener("mousedown", (event) => event.preventDefault());
      split.addEventListener("click", () => {
        const offset = caretOffset(block);
        if (offset <= 0) { say("Put the cursor where the new paragraph starts."); return; }
        structural({ action: "split", block: block.dataset.id, offset: offset }, block);
      });
    }
    const merge = block.querySelector("button.merge");
    if (merge) merge.addEventListener("click",
      () => structural({ action: "merge", block: block.dataset.id }, block));
    const image = block.querySelector("button.image");
    if (image) image.addEventListener("click", () => markImage(block, null));
    const draw = block.querySelector("button.draw");
    if (draw) draw.addEventListener("click", () => startDrawing(block));
    const kind = block.querySelector("select.kind");
    if (kind) kind.addEventListener("change",
      () => structural({ action: "kind", block: block.dataset.id, kind: kind.value }, block));
  }

  // A region marked as an image: the block's own lines, or a rectangle drawn on a page.
  const content = document.getElementById("image-content");
  let drawing = null;

  function markImage(block, region) {
    const payload = { action: "image", block: block.dataset.id,
                      content: content ? content.value : "drawing" };
    if (region) { payload.page = region.page; payload.box = region.box; }
    structural(payload, block);
  }

  function startDrawing(block) {
    select(block, false);
    drawing = { block: block, svg: null, start: null, rect: null };
    document.body.classList.add("drawing");
    say("Draw the image's region on the page: press, drag, release (Esc cancels).");
  }

  function stopDrawing() {
    if (drawing && drawing.rect) drawing.rect.remove();
    drawing = null;
    document.body.classList.remove("drawing");
  }

  function pagePoint(svg, event) {
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    return { x: Math.round((event.clientX - box.left) * view.width / box.width),
             y: Math.round((event.clientY - box.top) * view.height / box.height) };
  }

  function drawnBox(a, b) {
    return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(a.x - b.x), Math.abs(a.y - b.y)];
  }

  for (const svg of document.querySelectorAll(".spage svg")) {
    svg.addEventListener("mousedown", (event) => {
      if (!drawing) return;
      event.preventDefault();
      drawing.svg = svg;
      drawing.start = pagePoint(svg, event);
      drawing.rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      drawing.rect.setAttribute("class", "ov drawn");
      svg.appendChild(drawing.rect);
    });
    svg.addEventListener("mousemove", (event) => {
      if (!drawing || drawing.svg !== svg || !drawing.start) return;
      const box = drawnBox(drawing.start, pagePoint(svg, event));
      ["x", "y", "width", "height"].forEach((name, i) => drawing.rect.setAttribute(name, box[i]));
    });
    svg.addEventListener("mouseup", (event) => {
      if (!drawing || drawing.svg !== svg || !drawing.start) return;
      const box = drawnBox(drawing.start, pagePoint(svg, event));
      const page = parseInt(svg.closest("section.spage").id.replace("page-", ""), 10);
      const block = drawing.block;
      stopDrawing();
      markImage(block, { page: page, box: box });
    });
  }

  const undo = document.getElementById("undo");
  if (undo) undo.addEventListener("click", () => structural({ action: "undo", block: "" }, null));

  for (const rect of document.querySelectorAll("rect[data-block]")) {
    rect.addEventListener("click", () => {
      if (drawing) return;
      const block = blocks.find((b) => b.dataset.trace === rect.dataset.block);
      if (block) { select(block, false); block.scrollIntoView({ block: "center" }); focusText(block, -1, -1); }
    });
  }

  document.addEventListener("keydown", async (event) => {
    if (event.altKey && (event.key === "n" || event.code === "KeyN")) { event.preventDefault(); nextUncertain(); }
    else if (event.altKey && event.code === "KeyJ") { event.preventDefault(); move(1); }
    else if (event.altKey && event.code === "KeyK") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape" && drawing) { stopDrawing(); say("Drawing cancelled."); }
    else if (event.altKey && event.code === "KeyI" && current && current.querySelector("button.image")) {
      event.preventDefault(); markImage(current, null);
    } else if (event.altKey && event.code === "KeyD" && current && current.querySelector("button.draw")) {
      event.preventDefault(); startDrawing(current);
    }
    else if (event.ctrlKey && event.key === "Enter" && current) {
      event.preventDefault();
      if (await save(current)) { current.classList.add("saved"); move(1); }
    } else if (event.altKey && event.code === "KeyA") {
      event.preventDefault();
      const form = document.getElementById("approve-form");
      if (form && (!current || (await save(current)))) form.submit();
    }
  });

  const form = document.getElementById("approve-form");
  if (form) {
    form.addEventListener("submit", async (event) => {
      const dirty = blocks.filter((b) => textOf(b) !== b.dataset.saved);
      if (!dirty.length) return;
      event.preventDefault();
      for (const block of dirty) { if (!(await save(block))) return; }
      form.submit();
    });
  }
})();
