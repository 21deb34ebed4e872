// uses: element, replaceContent, savedData · provides: download, downloadCopyButton, savedProblemNotes, deleteAllControl, offerUndo
// The controls a tool gives a reader over their saved data: download it, delete all of it, undo a removal.
// Words come from the widget's `say` (catalogue data_controls.yml), passed last.

/** A button that gives the reader back exactly what a tool saved, and any copies kept, as a JSON file. */
function downloadCopyButton(key, filename, say) {
  return element("button", { type: "button", class: "cw-button cw-secondary", onclick: () => {
    const copies = savedData.read(`${key}:unreadable`).data;
    const saved = { saved: savedData.read(key).raw, copies: Array.isArray(copies) ? copies : [] };
    download(filename, JSON.stringify(saved, null, 2), "application/json");
  } }, say("download_saved"));
}

/**
 * What to tell a reader about what a tool saved and cannot use (read by readSavedList; `bad` may count
 * more), with a button to download it: it stays in this browser as it is. `names` are the tool's
 * catalogue names for it: {unreadable, some_bad (a count: <name>_one, <name>_other, with {n}), blocked}.
 */
function savedProblemNotes(loaded, key, filename, names, say) {
  const n = loaded.bad;
  if (loaded.problem === "unreadable") return [element("p", {}, say(names.unreadable)), downloadCopyButton(key, filename, say)];
  if (n) return [element("p", {}, say.count(names.some_bad, n)), downloadCopyButton(key, filename, say)];
  return loaded.problem === "blocked" ? [element("p", {}, say(names.blocked))] : [];
}

/**
 * "Delete all my data", with a confirmation: every tool page has it. `onDone(ok)` runs after;
 * `status` (a live region) says what happened, including a failure.
 */
function deleteAllControl(id, status, onDone = () => {}, say) {
  const button = element("button", { type: "button", class: "cw-button cw-danger", "aria-expanded": "false" }, say("delete_all"));
  const yes = element("button", { type: "button", class: "cw-button cw-danger" }, say("delete_all_yes"));
  const no = element("button", { type: "button", class: "cw-button cw-secondary" }, say("delete_all_no"));
  const box = element("div", { class: "cw-confirm", hidden: true, role: "group", "aria-labelledby": `${id}-confirm` },
    element("p", { id: `${id}-confirm` }, say("delete_all_question")),
    yes, no);
  const close = () => {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  };
  button.addEventListener("click", () => {
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    no.focus();
  });
  no.addEventListener("click", () => {
    status.textContent = say("delete_all_kept");
    close();
  });
  yes.addEventListener("click", () => {
    const ok = savedData.deleteAll();
    status.textContent = say(ok ? "delete_all_done" : "delete_all_failed");
    close();
    onDone(ok);
  });
  return element("div", { class: "cw-delete-all" }, element("h4", { class: "cw-subtitle" }, say("start_again")), button, box);
}

function download(filename, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = element("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Say in `status` what was just removed, with an Undo button; undo() puts it back and returns
 * what to say then. Focus moves to Undo, since what had focus is gone, and to `after` once used. */
function offerUndo(status, text, undo, after, say) {
  const button = element("button", { type: "button", class: "cw-link-button cw-undo" }, say("undo"));
  button.addEventListener("click", () => {
    status.textContent = undo();
    after().focus();
  });
  replaceContent(status, text, " ", button);
  button.focus();
}
