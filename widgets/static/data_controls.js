// uses: element, replaceContent, sayer, savedData · provides: download, downloadCopyButton, savedProblemNotes, deleteAllControl, offerUndo
// The controls a tool gives a reader over their saved data: download it, delete all of it, undo a removal.
// Words come from the widget's `say` (catalogue data_controls.yml), passed last.

// Until every tool passes its `say`: the words of data_controls.yml, for a call without it.
const DATA_CONTROLS_ENGLISH = {
  download_saved: "Download what is saved",
  undo: "Undo",
  start_again: "Start again",
  delete_all: "Delete all my data",
  delete_all_question: "Delete everything this course saved in this browser: your diary, drinks, ticked signs, checklist ticks, visit notes and search highlights? This cannot be undone.",
  delete_all_yes: "Yes, delete everything",
  delete_all_no: "Cancel",
  delete_all_kept: "Nothing was deleted.",
  delete_all_done: "All your data is deleted from this browser.",
  delete_all_failed: "This browser would not let the page delete your data (storage is blocked). To remove it, clear this site's data in your browser's settings.",
};
const controlWords = (say, more = {}) => say || sayer({ get: () => ({ ...DATA_CONTROLS_ENGLISH, ...more }) });

/** A button that gives the reader back exactly what a tool saved, and any copies kept, as a JSON file. */
function downloadCopyButton(key, filename, say) {
  return element("button", { type: "button", class: "cw-button cw-secondary", onclick: () => {
    const copies = savedData.read(`${key}:unreadable`).data;
    const saved = { saved: savedData.read(key).raw, copies: Array.isArray(copies) ? copies : [] };
    download(filename, JSON.stringify(saved, null, 2), "application/json");
  } }, controlWords(say)("download_saved"));
}

/**
 * What to tell a reader about what a tool saved and cannot use (read by readSavedList; `bad` may count
 * more), with a button to download it: it stays in this browser as it is. `names` are the tool's
 * catalogue names for it: {unreadable, some_bad (a count: <name>_one, <name>_other, with {n}), blocked}.
 * Called without `say`, `names` holds the words themselves: {unreadable, item: [one, many], left, blocked}.
 */
function savedProblemNotes(loaded, key, filename, names, say) {
  if (!say) return savedProblemNotes(loaded, key, filename, { unreadable: "unreadable", some_bad: "some_bad", blocked: "blocked" }, legacyNoteWords(names));
  const n = loaded.bad;
  if (loaded.problem === "unreadable") return [element("p", {}, say(names.unreadable)), downloadCopyButton(key, filename, say)];
  if (n) return [element("p", {}, say.count(names.some_bad, n)), downloadCopyButton(key, filename, say)];
  return loaded.problem === "blocked" ? [element("p", {}, say(names.blocked))] : [];
}

/** The words of a call without `say` ({unreadable, item: [one, many], left, blocked}), as a `say`. */
function legacyNoteWords({ unreadable, item: [one, many], left, blocked }) {
  return controlWords(null, {
    unreadable,
    blocked,
    some_bad_one: `{n} ${one} could not be read and is ${left}. It is kept in this browser as it was.`,
    some_bad_other: `{n} ${many} could not be read and are ${left}. They are kept in this browser as they were.`,
  });
}

/**
 * "Delete all my data", with a confirmation: every tool page has it. `onDone(ok)` runs after;
 * `status` (a live region) says what happened, including a failure.
 */
function deleteAllControl(id, status, onDone = () => {}, say) {
  say = controlWords(say);
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
  const button = element("button", { type: "button", class: "cw-link-button cw-undo" }, controlWords(say)("undo"));
  button.addEventListener("click", () => {
    status.textContent = undo();
    after().focus();
  });
  replaceContent(status, text, " ", button);
  button.focus();
}
