// uses: element, widgetSection, replaceContent, appendContent, plural, uid, traitValues, commit, savedData, notSavedMessage, nowLocal, checkField, validateFields, toCSV, parseDiaryCSV, loadDiary, changeSavedRecord, withoutItem, sortEntries, entryKey, fieldRow, showError, controlFor, download, savedProblemNotes, deleteAllControl, offerUndo, drawPlot · provides: render
// Twitch diary: log episodes, keep them in this browser, export and import CSV, chart them.

const HINTS = {
  when: "When the twitching started.",
  duration_min: "Write 0.5 (or 0,5) for half a minute.",
  caffeine_mg: "A mug of coffee has about 100 mg.",
  stress: "0 is calm, 10 is the most stressed you can imagine.",
};

function render({ model, el }) {
  const diary = { model, id: uid("diary"), ...traitValues(model, "fields", "messages", "limits", "storage_key", "version") };
  diary.loaded = loadDiary(diary.storage_key, diary.version, diary.fields, diary.messages);
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
  diary.chart = element("div", { class: "cw-plot", role: "img", "aria-label": "Chart of twitch episodes per day, with sleep, caffeine and stress. The same numbers are in the table below it." });
  diary.table = element("details", { class: "cw-table" });
  diary.exportButton = exportButton(diary);
  const { fileRow, report } = importControls(diary);
  // Delete everything the course saved, after a confirmation.
  const deleteAll = deleteAllControl(id, diary.status, (ok) => {
    if (ok) diary.unsaved = [];
    replaceContent(report);
    reloadDiary(diary);
  });

  appendContent(el,
    widgetSection(id, "twitch-diary", "Your twitch diary",
      element("p", { class: "cw-privacy" }, "Your entries stay in this browser on this device. Nothing is sent anywhere."),
      diary.storageNote,
      form,
      diary.status,
      diary.count,
      diary.list,
      diary.chart,
      diary.table,
      element("h4", { class: "cw-subtitle" }, "Keep or move your diary"),
      diary.exportButton,
      fileRow.wrap,
      report,
      deleteAll,
    ),
  );
  commit(model, { entries: diary.entries });
  showEntries(diary);
  // Another tab, or "Delete all" on this page, changed the diary: show what is saved now.
  savedData.watch([diary.storage_key], (changed) => {
    if (changed === null) diary.unsaved = [];
    reloadDiary(diary);
  }, id);
}

/** What is saved, and what could not be saved, as the page shows it. */
function reloadDiary(diary) {
  diary.loaded = loadDiary(diary.storage_key, diary.version, diary.fields, diary.messages);
  diary.entries = sortEntries([...diary.loaded.entries, ...diary.unsaved]);
  showLoadProblems(diary);
  commit(diary.model, { entries: diary.entries });
  showEntries(diary);
}

/** Add entries to what is saved now (with any the browser would not save before). */
function saveNew(diary, added) {
  const edit = (r) => ({ ...r, entries: [...r.entries, ...diary.unsaved, ...added] });
  const result = changeSavedRecord(diary.storage_key, diary.version, "entries", edit, diary.id);
  diary.unsaved = result.ok ? [] : [...diary.unsaved, ...added];
  reloadDiary(diary);
  return result;
}

function showLoadProblems(diary) {
  replaceContent(diary.storageNote, savedProblemNotes(diary.loaded, diary.storage_key, "twitch-diary-saved.json", {
    unreadable: "Your saved diary could not be read (it may come from another version of this course or be damaged). It is kept in this browser as it is. When you add an entry, a copy of it is kept first, and a new diary starts.",
    item: ["saved entry", "saved entries"],
    left: "not shown",
    blocked: "This browser does not let the page save anything. Your entries will be lost when you close the page: download them as CSV to keep them.",
  }));
}

/** The form for one episode; "Add" checks every field with the rules Python gives. */
function entryForm(diary) {
  const { id, fields, messages, status } = diary;
  const rows = {};
  for (const field of fields) {
    rows[field.name] = fieldRow(id, field, controlFor(field), HINTS[field.name]);
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
    when.min = fields[0].earliest;
  };
  resetForm();
  const form = element(
    "form",
    { class: "cw-twitch-diary-form", novalidate: true },
    element("fieldset", {}, element("legend", {}, "Add an episode"), fields.map((f) => rows[f.name].wrap)),
    element("button", { type: "submit", class: "cw-button" }, "Add to my diary"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const raw = Object.fromEntries(fields.map((f) => [f.name, rows[f.name].input.value]));
    const { entry, errors } = validateFields(fields, raw, nowLocal(), messages);
    for (const field of fields) showError(rows[field.name], errors[field.name]);
    const wrong = fields.filter((f) => errors[f.name]);
    if (wrong.length) {
      status.textContent = `Not saved yet: please fix ${plural(wrong.length, "field", "fields")}.`;
      rows[wrong[0].name].input.focus();
      return;
    }
    const result = saveNew(diary, [entry]);
    resetForm();
    status.textContent = result.ok
      ? `Saved. Your diary has ${plural(diary.entries.length, "entry", "entries")}.`
      : notSavedMessage(result.problem, "Your entry", "It is shown here until you close the page: download your diary as CSV now to keep it.");
  });
  return form;
}

function exportButton(diary) {
  const button = element("button", { type: "button", class: "cw-button" }, "Download my diary (CSV)");
  button.addEventListener("click", () => {
    download(`twitch-diary-${nowLocal().slice(0, 10)}.csv`, toCSV(diary.entries, diary.fields));
    diary.status.textContent = `Downloaded ${plural(diary.entries.length, "entry", "entries")} as a CSV file.`;
  });
  return button;
}

/** Import a CSV file: {fileRow, report}. Entries are added to the diary's; nothing is replaced. */
function importControls(diary) {
  const { id, fields, messages, limits } = diary;
  const fileField = { name: "import", label: "Import a CSV file", required: false };
  const fileRow = fieldRow(id, fileField, element("input", { type: "file", accept: ".csv,text/csv,text/plain" }), "A file downloaded from this diary, or a spreadsheet saved as CSV (UTF-8) with the same column names. Entries are added to the ones you have.");
  const report = element("div", { class: "cw-import-report", role: "status", "aria-live": "polite" });
  fileRow.input.addEventListener("change", async () => {
    const file = fileRow.input.files[0];
    replaceContent(report);
    showError(fileRow, null);
    if (!file) return;
    const refuse = (why) => showError(fileRow, `${why} Nothing was imported, and your diary is unchanged.`);
    if (file.size > limits.max_bytes) {
      return refuse(`This file is ${(file.size / 1e6).toFixed(1)} MB. The diary can import files up to ${limits.max_bytes / 1e6} MB.`);
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse("This file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”.");
    }
    if (text.includes("\u0000")) return refuse("This file is not a text file.");
    const result = parseDiaryCSV(text, nowLocal(), fields, messages, limits);
    if (result.error) return refuse(result.error);
    appendContent(report, importReport(diary, file.name, result));
    fileRow.input.value = "";
  });
  return { fileRow, report };
}

/** Add what a file holds that the diary has not (up to its limit), and say what was added and skipped. */
function importReport(diary, fileName, result) {
  const { fields, limits, entries } = diary;
  const seen = new Set(entries.map((e) => entryKey(e, fields)));
  const added = [];
  const skipped = [...result.skipped];
  result.entries.forEach((entry, i) => {
    const k = entryKey(entry, fields);
    if (seen.has(k)) skipped.push([result.rows[i], "This entry is already in your diary."]);
    else if (entries.length + added.length >= limits.max_entries) skipped.push([result.rows[i], `The diary holds at most ${limits.max_entries} entries.`]);
    else {
      seen.add(k);
      added.push(entry);
    }
  });
  skipped.sort((a, b) => a[0] - b[0]);
  const saving = added.length ? saveNew(diary, added) : { ok: true };
  return [
    element("p", {}, `Imported ${plural(added.length, "entry", "entries")} from ${fileName}.`,
      saving.ok ? "" : " " + notSavedMessage(saving.problem, "The import", "The entries are shown here until you close the page: download your diary as CSV now to keep them.")),
    result.notes.map((n) => element("p", {}, n)),
    skipped.length
      ? [element("p", {}, `Skipped ${plural(skipped.length, "row", "rows")}:`), element("ul", { class: "cw-skipped" }, skipped.map(([row, why]) => element("li", {}, `Row ${row}: ${why}`)))]
      : null,
  ];
}

/** The list of entries (the 50 newest), each with Delete, then the chart. */
function showEntries(diary) {
  const { id, entries, count, list } = diary;
  count.textContent = entries.length ? `Your entries (${entries.length})` : "Your entries";
  const shown = entries.slice(-50).reverse();
  replaceContent(list,
    entries.length === 0
      ? element("p", { class: "cw-help" }, "No entries yet. Your chart appears when you add your first entry.")
      : element("ul", { class: "cw-entry-list", "aria-labelledby": `${id}-list-title` }, shown.map((entry) => entryItem(diary, entry))),
    entries.length > 50 ? element("p", { class: "cw-help" }, `Showing the 50 most recent of ${entries.length} entries.`) : null,
  );
  showDiaryChart(diary);
}

function entryItem(diary, entry) {
  const { fields } = diary;
  const when = entry.when.replace("T", " ");
  const area = fields[1].choices.find((c) => c.id === entry.area)?.label ?? entry.area;
  const remove = element("button", { type: "button", class: "cw-link-button" }, "Delete", element("span", { class: "cw-sr" }, ` entry of ${when}`));
  remove.addEventListener("click", () => deleteEntry(diary, entry));
  return element(
    "li",
    {},
    element("strong", {}, when),
    ` · ${area} · ${entry.duration_min} min`,
    entry.sleep_h !== null ? ` · slept ${entry.sleep_h} h` : "",
    entry.caffeine_mg !== null ? ` · ${entry.caffeine_mg} mg caffeine` : "",
    entry.stress !== null ? ` · stress ${entry.stress}` : "",
    entry.notes ? element("span", { class: "cw-note" }, ` · ${entry.notes}`) : "",
    " ",
    remove,
  );
}

/** Delete one entry (saved, or only shown because it could not be saved), with an Undo. */
function deleteEntry(diary, entry) {
  const { fields, messages, unsaved, status } = diary;
  const when = entry.when.replace("T", " ");
  const k = entryKey(entry, fields);
  const pending = unsaved.findIndex((e) => entryKey(e, fields) === k);
  const result = pending >= 0
    ? { ok: true }
    : changeSavedRecord(diary.storage_key, diary.version, "entries", withoutItem("entries", entry, fields, messages), diary.id);
  if (pending >= 0) unsaved.splice(pending, 1);
  reloadDiary(diary);
  const focusAfter = () => diary.list.querySelector("button") || diary.exportButton;
  if (!result.ok) {
    status.textContent = notSavedMessage(result.problem, "The deletion", "The entry is still in your diary.");
    focusAfter().focus();
    return;
  }
  offerUndo(status, `Deleted the entry of ${when}. Your diary has ${plural(diary.entries.length, "entry", "entries")}.`, () => {
    const back = saveNew(diary, [entry]);
    return back.ok
      ? `Put back the entry of ${when}.`
      : notSavedMessage(back.problem, "Putting the entry back", "It is shown here until you close the page: download your diary as CSV now to keep it.");
  }, focusAfter);
}

/** Per day: the number of episodes, mean sleep, most caffeine and mean stress. */
function diaryDays(entries) {
  const byDay = new Map();
  for (const e of entries) {
    const day = e.when.slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, { day, episodes: 0, sleep: [], caffeine: [], stress: [] });
    const d = byDay.get(day);
    d.episodes += 1;
    if (e.sleep_h !== null) d.sleep.push(e.sleep_h);
    if (e.caffeine_mg !== null) d.caffeine.push(e.caffeine_mg);
    if (e.stress !== null) d.stress.push(e.stress);
  }
  const mean = (xs) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
  return [...byDay.values()].map((d) => ({
    day: d.day, episodes: d.episodes, sleep: mean(d.sleep), caffeine: d.caffeine.length ? Math.max(...d.caffeine) : null, stress: mean(d.stress),
  }));
}

function showDiaryChart(diary) {
  const { chart, table } = diary;
  const perDay = diaryDays(diary.entries);
  chart.hidden = perDay.length === 0;
  table.hidden = perDay.length === 0;
  const cell = (v) => element("td", {}, v === null ? "–" : String(v));
  replaceContent(table,
    element("summary", {}, "The chart as a table"),
    element("table", {}, element("thead", {}, element("tr", {}, ["Day", "Episodes", "Sleep (hours)", "Caffeine (mg)", "Stress (0-10)"].map((t) => element("th", { scope: "col" }, t)))),
      element("tbody", {}, perDay.map((d) => element("tr", {}, element("th", { scope: "row" }, d.day), cell(d.episodes), cell(d.sleep), cell(d.caffeine), cell(d.stress))))),
  );
  if (!perDay.length) return;
  const x = perDay.map((d) => d.day);
  // Whole days on the x axis (plotly would put two ticks a day, "02 Dec" twice) and whole
  // episodes on the y axis (never 0.5): at most about 6 ticks each.
  const dayCount = (Date.parse(x[x.length - 1]) - Date.parse(x[0])) / 864e5 + 1;
  const most = Math.max(...perDay.map((d) => d.episodes));
  const panel = (name, y, axis, type, c) => ({
    type, x, y, name, xaxis: "x", yaxis: axis, connectgaps: true,
    marker: { color: type === "bar" ? c.bar : c.line }, line: { color: c.line }, mode: "lines+markers",
    hovertemplate: `%{x}: %{y}<extra>${name}</extra>`,
  });
  drawPlot(diary.model, chart, (c) => ({
    data: [
      panel("Episodes", perDay.map((d) => d.episodes), "y", "bar", c),
      panel("Sleep (h)", perDay.map((d) => d.sleep), "y2", "scatter", c),
      panel("Caffeine (mg)", perDay.map((d) => d.caffeine), "y3", "scatter", c),
      panel("Stress", perDay.map((d) => d.stress), "y4", "scatter", c),
    ],
    layout: {
      height: 460, margin: { l: 60, r: 12, t: 12, b: 40 }, showlegend: false,
      xaxis: { type: "date", anchor: "y4", tickformat: "%d %b", tick0: x[0], dtick: 864e5 * Math.max(1, Math.ceil(dayCount / 6)),
        range: [Date.parse(x[0]) - 432e5, Date.parse(x[x.length - 1]) + 432e5] },
      yaxis: { domain: [0.78, 1], title: { text: "Episodes" }, rangemode: "tozero", fixedrange: true, tickformat: "d", dtick: Math.max(1, Math.ceil(most / 4)) },
      yaxis2: { domain: [0.53, 0.73], title: { text: "Sleep h" }, range: [0, 12], fixedrange: true },
      yaxis3: { domain: [0.28, 0.48], title: { text: "Caffeine" }, rangemode: "tozero", fixedrange: true },
      yaxis4: { domain: [0, 0.23], title: { text: "Stress" }, range: [0, 10.5], fixedrange: true },
    },
  }));
}

export default { render };
