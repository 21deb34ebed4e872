// uses: appendContent, changeSavedRecord, checkField, checkSaved, commit, controlFor, deleteAllControl, diaryNumber, download, element, entryKey, fieldRow, followPython, loadDiary, notSavedMessage, nowLocal, offerUndo, parseCsv, replaceContent, savedData, savedProblemNotes, showDiaryChart, showError, sortEntries, toCsv, traitValues, validate, widgetSection, widgetState, withoutItem · provides: render
// Twitch diary: log episodes, keep them in this browser, export and import CSV, chart them.
// Its words are in the catalogue (twitch_diary.yml, and the shared files' own); Python can set its entries.

const SHOWN = 50; // the newest entries listed; the chart and the table have all of them

function render({ model, el }) {
  const diary = { ...widgetState(model, "twitch-diary"), ...traitValues(model, "words", "fields", "messages", "limits") };
  const { say } = diary;
  diary.key = savedData.use(model.get("storage")).diary; // what is saved there: {version, entries}
  diary.version = model.get("storage").versions.diary;
  diary.loaded = loadDiary(diary.key, diary.version, diary.fields, diary.messages);
  diary.unsaved = []; // entries the browser would not save: shown, exported, and saved with the next change
  diary.entries = diary.loaded.entries;
  const { id } = diary;
  diary.status = element("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  const form = entryForm(diary);
  // Storage problems found on load: tell the reader; what is saved stays as it is, and can be downloaded.
  diary.storageNote = element("div", { class: "cw-storage-note", role: "alert" });
  showLoadProblems(diary);
  diary.count = element("h4", { class: "cw-subtitle", id: `${id}-list-title` });
  diary.list = element("div", { class: "cw-entries" });
  diary.chart = element("div", { class: "cw-plot", role: "img", "aria-label": say("chart_label") });
  diary.table = element("details", { class: "cw-table" });
  diary.exportButton = exportButton(diary);
  const { fileRow, report } = importControls(diary);
  // Delete everything the course saved, after a confirmation.
  const deleteAll = deleteAllControl(id, diary.status, (ok) => {
    if (ok) diary.unsaved = [];
    replaceContent(report);
    reloadDiary(diary);
  }, say);

  appendContent(el,
    widgetSection(id, "twitch-diary", say("title"),
      element("p", { class: "cw-privacy" }, say("privacy")),
      diary.storageNote,
      form,
      diary.status,
      diary.count,
      diary.list,
      diary.chart,
      diary.table,
      element("h4", { class: "cw-subtitle" }, say("move_title")),
      diary.exportButton,
      fileRow.wrap,
      report,
      deleteAll,
    ),
  );
  commit(model, { entries: diary.entries });
  showEntries(diary);
  // Another tab, or "Delete all" on this page, changed the diary: show what is saved now.
  savedData.watch([diary.key], (changed) => {
    if (changed === null) diary.unsaved = [];
    reloadDiary(diary);
  }, id);
  // Python set `diary.entries` (a live kernel): show them, and keep them as this browser's diary.
  return followPython(model, { entries: (value) => takeEntries(diary, value) });
}

/** What is saved, and what could not be saved, as the page shows it. */
function reloadDiary(diary) {
  diary.loaded = loadDiary(diary.key, diary.version, diary.fields, diary.messages);
  diary.entries = sortEntries([...diary.loaded.entries, ...diary.unsaved]);
  showLoadProblems(diary);
  commit(diary.model, { entries: diary.entries });
  showEntries(diary);
}

/** Add entries to what is saved now (with any the browser would not save before). */
function saveNew(diary, added) {
  const edit = (r) => ({ ...r, entries: [...r.entries, ...diary.unsaved, ...added] });
  const result = changeSavedRecord(diary.key, diary.version, "entries", edit, diary.id);
  diary.unsaved = result.ok ? [] : [...diary.unsaved, ...added];
  reloadDiary(diary);
  return result;
}

function showLoadProblems(diary) {
  const names = { unreadable: "saved_unreadable", some_bad: "saved_some_bad", blocked: "saved_blocked" };
  replaceContent(diary.storageNote, savedProblemNotes(diary.loaded, diary.key, diary.say("saved_file"), names, diary.say));
}

/**
 * Python set the entries: the diary becomes exactly those the page's rules take, saved in this
 * browser as an import plus deletions would leave it (saved items it cannot read stay as they are).
 * The others are left out, and the status says how many. Anything else leaves the diary as it is.
 * The page's own commit fires this too: entries the same as shown change nothing.
 */
function takeEntries(diary, value) {
  const { fields, messages, say, status } = diary;
  const taken = Array.isArray(value) ? value.map((item) => checkSaved(fields, item, messages)).filter(Boolean) : [];
  const refused = Array.isArray(value) ? value.length - taken.length : 0;
  const keys = (entries) => entries.map((e) => entryKey(e, fields)).sort().join("\n");
  if (!Array.isArray(value) || (refused && !taken.length) || keys(taken) === keys(diary.entries)) {
    if (refused) status.textContent = taken.length ? say.count("refused", refused) : say("refused_all");
    if (!Array.isArray(value) || refused) commit(diary.model, { entries: diary.entries }); // tell Python what is shown
    return;
  }
  const readable = (item) => checkSaved(fields, item, messages) !== null;
  const edit = (record) => ({ ...record, entries: [...record.entries.filter((item) => !readable(item)), ...taken] });
  const result = changeSavedRecord(diary.key, diary.version, "entries", edit, diary.id);
  const saved = new Set(diary.loaded.entries.map((e) => entryKey(e, fields)));
  diary.unsaved = result.ok ? [] : taken.filter((e) => !saved.has(entryKey(e, fields)));
  reloadDiary(diary);
  status.textContent = [
    refused ? say.count("refused", refused) : "",
    result.ok ? "" : notSavedMessage(result.problem, say("python_not_saved"), say("import_shown_until_closed"), say),
  ].filter(Boolean).join(" ");
}

/** The form for one episode; "Add" checks every field with the rules Python gives. */
function entryForm(diary) {
  const { id, fields, messages, status, say, words } = diary;
  const hint = (name) => (typeof words[`hint_${name}`] === "string" ? say(`hint_${name}`) : undefined);
  const rows = {};
  for (const field of fields) {
    rows[field.name] = fieldRow(id, field, controlFor(field, {}, say), hint(field.name), say);
    // A fixed field loses its message at once; new messages wait for "Add" (a message appearing
    // on blur would move the button away from under the pointer).
    rows[field.name].input.addEventListener("change", () => {
      const [, problem] = checkField(field, rows[field.name].input.value, nowLocal(), messages);
      if (!problem) showError(rows[field.name], null);
    });
  }
  const when = rows.when.input;
  const resetForm = () => {
    for (const field of fields) rows[field.name].input.value = "";
    when.value = nowLocal();
    when.max = nowLocal();
    when.min = fields.find((f) => f.name === "when").earliest;
  };
  resetForm();
  const form = element(
    "form",
    { class: "cw-twitch-diary-form", novalidate: true },
    element("fieldset", {}, element("legend", {}, say("add_legend")), fields.map((f) => rows[f.name].wrap)),
    element("button", { type: "submit", class: "cw-button" }, say("add_button")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const raw = Object.fromEntries(fields.map((f) => [f.name, rows[f.name].input.value]));
    const { entry, errors } = validate(fields, raw, nowLocal(), messages);
    for (const field of fields) showError(rows[field.name], errors[field.name]);
    const wrong = fields.filter((f) => errors[f.name]);
    if (wrong.length) {
      status.textContent = say.count("fix_fields", wrong.length);
      rows[wrong[0].name].input.focus();
      return;
    }
    const result = saveNew(diary, [entry]);
    resetForm();
    status.textContent = result.ok
      ? say.count("saved", diary.entries.length)
      : notSavedMessage(result.problem, say("entry_not_saved"), say("shown_until_closed"), say);
  });
  return form;
}

function exportButton(diary) {
  const { say } = diary;
  const button = element("button", { type: "button", class: "cw-button" }, say("download_button"));
  button.addEventListener("click", () => {
    download(say("download_file", { date: nowLocal().slice(0, 10) }), toCsv(diary.entries, diary.fields));
    diary.status.textContent = say.count("downloaded", diary.entries.length);
  });
  return button;
}

/** Import a CSV file: {fileRow, report}. Entries are added to the diary's; nothing is replaced. */
function importControls(diary) {
  const { id, fields, messages, limits, say } = diary;
  const fileField = { name: "import", label: say("import_label"), required: false };
  const fileRow = fieldRow(id, fileField, element("input", { type: "file", accept: ".csv,text/csv,text/plain" }), say("import_hint"), say);
  const report = element("div", { class: "cw-import-report", role: "status", "aria-live": "polite" });
  fileRow.input.addEventListener("change", async () => {
    const file = fileRow.input.files[0];
    replaceContent(report);
    showError(fileRow, null);
    if (!file) return;
    const refuse = (why) => showError(fileRow, say("import_refused", { why }));
    if (file.size > limits.max_bytes) {
      const size = say.number(file.size / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      return refuse(say("file_too_big", { size, most: say.number(limits.max_bytes / 1e6) }));
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse(say("not_utf8"));
    }
    if (text.includes("\u0000")) return refuse(say("not_text"));
    const result = parseCsv(text, nowLocal(), fields, messages, limits, say);
    if (result.error) return refuse(result.error);
    appendContent(report, importReport(diary, file.name, result));
    fileRow.input.value = "";
  });
  return { fileRow, report };
}

/** Add what a file holds that the diary has not (up to its limit), and say what was added and skipped. */
function importReport(diary, fileName, result) {
  const { fields, limits, entries, say } = diary;
  const seen = new Set(entries.map((e) => entryKey(e, fields)));
  const added = [];
  const skipped = [...result.skipped];
  result.entries.forEach((entry, i) => {
    const k = entryKey(entry, fields);
    if (seen.has(k)) skipped.push([result.rows[i], say("already_in_diary")]);
    else if (entries.length + added.length >= limits.max_entries) skipped.push([result.rows[i], say("full", { most: limits.max_entries })]);
    else {
      seen.add(k);
      added.push(entry);
    }
  });
  skipped.sort((a, b) => a[0] - b[0]);
  const saving = added.length ? saveNew(diary, added) : { ok: true };
  return [
    element("p", {}, say.count("imported", added.length, { file: fileName }),
      saving.ok ? "" : " " + notSavedMessage(saving.problem, say("import_not_saved"), say("import_shown_until_closed"), say)),
    result.notes.map((n) => element("p", {}, n)),
    skipped.length
      ? [element("p", {}, say.count("skipped", skipped.length)), element("ul", { class: "cw-skipped" }, skipped.map(([row, why]) => element("li", {}, say("skipped_row", { row, why }))))]
      : null,
  ];
}

/** The list of entries (the SHOWN newest), each with Delete, then the chart. */
function showEntries(diary) {
  const { id, entries, count, list, say } = diary;
  const n = say.number(entries.length);
  count.textContent = entries.length ? say("entries_title_count", { n }) : say("entries_title");
  const shown = entries.slice(-SHOWN).reverse();
  replaceContent(list,
    entries.length === 0
      ? element("p", { class: "cw-help" }, say("no_entries"))
      : element("ul", { class: "cw-entry-list", "aria-labelledby": `${id}-list-title` }, shown.map((entry) => entryItem(diary, entry))),
    entries.length > SHOWN ? element("p", { class: "cw-help" }, say("showing_recent", { shown: say.number(SHOWN), n })) : null,
  );
  showDiaryChart(diary);
}

/** One entry in the list: when, where, how long and the rest, with a button to delete it. */
function entryItem(diary, entry) {
  const { fields, say } = diary;
  const when = diary.say.when(entry.when);
  const area = fields.find((f) => f.name === "area").choices.find((c) => c.id === entry.area)?.label ?? entry.area;
  const remove = element("button", { type: "button", class: "cw-link-button" }, say("delete"), element("span", { class: "cw-sr" }, ` ${say("delete_which", { when })}`));
  remove.addEventListener("click", () => deleteEntry(diary, entry));
  const part = (value, name, slot) => (value !== null ? say("separator") + say(name, { [slot]: diaryNumber(say, value) }) : "");
  return element(
    "li",
    {},
    element("strong", {}, when),
    say("separator") + area + part(entry.duration_min, "entry_minutes", "minutes"),
    part(entry.sleep_h, "entry_sleep", "hours"),
    part(entry.caffeine_mg, "entry_caffeine", "mg"),
    part(entry.stress, "entry_stress", "stress"),
    entry.notes ? element("span", { class: "cw-note" }, say("separator") + entry.notes) : "",
    " ",
    remove,
  );
}

/** Delete one entry (saved, or only shown because it could not be saved), with an Undo. */
function deleteEntry(diary, entry) {
  const { fields, messages, unsaved, status, say } = diary;
  const when = diary.say.when(entry.when);
  const k = entryKey(entry, fields);
  const pending = unsaved.findIndex((e) => entryKey(e, fields) === k);
  const result = pending >= 0
    ? { ok: true }
    : changeSavedRecord(diary.key, diary.version, "entries", withoutItem("entries", entry, fields, messages), diary.id);
  if (pending >= 0) unsaved.splice(pending, 1);
  reloadDiary(diary);
  const focusAfter = () => diary.list.querySelector("button") || diary.exportButton;
  if (!result.ok) {
    status.textContent = notSavedMessage(result.problem, say("deletion_not_saved"), say("deletion_kept"), say);
    focusAfter().focus();
    return;
  }
  offerUndo(status, say.count("deleted", diary.entries.length, { when }), () => {
    const back = saveNew(diary, [entry]);
    return back.ok
      ? say("put_back", { when })
      : notSavedMessage(back.problem, say("put_back_not_saved"), say("shown_until_closed"), say);
  }, focusAfter, say);
}

export default { render };
