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
    const kind = block.querySelector("select.kind");
    if (kind) kind.addEventListener("change",
      () => structural({ action: "kind", block: block.dataset.id, kind: kind.value }, block));
  }

  for (const rect of document.querySelectorAll("rect[data-block]")) {
    rect.addEventListener("click", () => {
      const block = blocks.find((b) => b.dataset.trace === rect.dataset.block);
      if (block) { select(block, false); block.scrollIntoView({ block: "center" }); focusText(block, -1, -1); }
    });
  }

  document.addEventListener("keydown", async (event) => {
    if (event.altKey && (event.key === "n" || event.code === "KeyN")) { event.preventDefault(); nextUncertain(); }
    else if (event.altKey && event.code === "KeyJ") { event.preventDefault(); move(1); }
    else if (event.altKey && event.code === "KeyK") { event.preventDefault(); move(-1); }
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
