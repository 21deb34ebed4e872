// uses: element, replaceContent, plural, savedData · provides: download, downloadCopyButton, savedProblemNotes, deleteAllControl, offerUndo
// The controls a tool gives a reader over their saved data: download it, delete all of it, undo a removal.

/** A button that gives the reader back exactly what a tool saved, and any copies kept, as a JSON file. */
function downloadCopyButton(key, filename) {
  return element("button", { type: "button", class: "cw-button cw-secondary", onclick: () => {
    const copies = savedData.read(`${key}:unreadable`).data;
    const saved = { saved: savedData.read(key).raw, copies: Array.isArray(copies) ? copies : [] };
    download(filename, JSON.stringify(saved, null, 2), "application/json");
  } }, "Download what is saved");
}

/**
 * What to tell a reader about what a tool saved and cannot use (read by readSavedList; `bad` may count
 * more), with a button to download it: it stays in this browser as it is. `say` holds the tool's own
 * words: {unreadable, item: [one, many], left: "not shown", blocked}.
 */
function savedProblemNotes(loaded, key, filename, say) {
  const n = loaded.bad;
  if (loaded.problem === "unreadable") return [element("p", {}, say.unreadable), downloadCopyButton(key, filename)];
  if (n) {
    return [
      element("p", {}, `${plural(n, ...say.item)} could not be read and ${n === 1 ? "is" : "are"} ${say.left}. ${n === 1 ? "It is" : "They are"} kept in this browser as ${n === 1 ? "it was" : "they were"}.`),
      downloadCopyButton(key, filename),
    ];
  }
  return loaded.problem === "blocked" ? [element("p", {}, say.blocked)] : [];
}

/**
 * "Delete all my data", with a confirmation: every tool page has it. `onDone(ok)` runs after;
 * `status` (a live region) says what happened, including a failure.
 */
function deleteAllControl(id, status, onDone = () => {}) {
  const button = element("button", { type: "button", class: "cw-button cw-danger", "aria-expanded": "false" }, "Delete all my data");
  const yes = element("button", { type: "button", class: "cw-button cw-danger" }, "Yes, delete everything");
  const no = element("button", { type: "button", class: "cw-button cw-secondary" }, "Cancel");
  const box = element("div", { class: "cw-confirm", hidden: true, role: "group", "aria-labelledby": `${id}-confirm` },
    element("p", { id: `${id}-confirm` }, "Delete everything this course saved in this browser: your diary, drinks, ticked signs, checklist ticks, visit notes and search highlights? This cannot be undone."),
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
    status.textContent = "Nothing was deleted.";
    close();
  });
  yes.addEventListener("click", () => {
    const ok = savedData.deleteAll();
    status.textContent = ok
      ? "All your data is deleted from this browser."
      : "This browser would not let the page delete your data (storage is blocked). To remove it, clear this site's data in your browser's settings.";
    close();
    onDone(ok);
  });
  return element("div", { class: "cw-delete-all" }, element("h4", { class: "cw-subtitle" }, "Start again"), button, box);
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
function offerUndo(status, text, undo, after) {
  const button = element("button", { type: "button", class: "cw-link-button cw-undo" }, "Undo");
  button.addEventListener("click", () => {
    status.textContent = undo();
    after().focus();
  });
  replaceContent(status, text, " ", button);
  button.focus();
}
