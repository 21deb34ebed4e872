// Twitch diary: log episodes, keep them in this browser, export and import CSV, chart them.

const HINTS = {
  when: "When the twitching started.",
  duration_min: "Write 0.5 (or 0,5) for half a minute.",
  caffeine_mg: "A mug of coffee has about 100 mg.",
  stress: "0 is calm, 10 is the most stressed you can imagine.",
};

function renderDiary({ model, el }) {
  const id = uid("diary");
  const fields = model.get("fields");
  const messages = model.get("messages");
  const limits = model.get("limits");
  const key = model.get("storage_key");
  const version = model.get("version");
  let loaded = loadDiary(key, version, fields, messages);
  let unsaved = []; // entries the browser would not save: shown, exported, and saved with the next change
  let entries = loaded.entries;

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

  const status = H("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  const form = H(
    "form",
    { class: "cw-diary-form", novalidate: true },
    H("fieldset", {}, H("legend", {}, "Add an episode"), fields.map((f) => rows[f.name].wrap)),
    H("button", { type: "submit", class: "cw-button" }, "Add to my diary"),
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
    const result = saveNew([entry]);
    resetForm();
    status.textContent = result.ok
      ? `Saved. Your diary has ${plural(entries.length, "entry", "entries")}.`
      : notSavedMessage(result.problem, "Your entry", "It is shown here until you close the page: download your diary as CSV now to keep it.");
  });

  // Storage problems found on load: tell the reader; what is saved stays as it is, and can be downloaded.
  const storageNote = H("div", { class: "cw-storage-note", role: "alert" });
  function showLoadProblems() {
    fill(storageNote);
    if (loaded.problem === "unreadable") {
      add(storageNote,
        H("p", {}, "Your saved diary could not be read (it may come from another version of this course or be damaged). It is kept in this browser as it is. When you add an entry, a copy of it is kept first, and a new diary starts."),
        downloadCopyButton(key, "twitch-diary-saved.json"),
      );
    } else if (loaded.problem === "some") {
      add(storageNote,
        H("p", {}, `${plural(loaded.bad, "saved entry", "saved entries")} could not be read and ${loaded.bad === 1 ? "is" : "are"} not shown. ${loaded.bad === 1 ? "It is" : "They are"} kept in this browser as ${loaded.bad === 1 ? "it was" : "they were"}.`),
        downloadCopyButton(key, "twitch-diary-saved.json"),
      );
    } else if (loaded.problem === "blocked") {
      add(storageNote, H("p", {}, "This browser does not let the page save anything. Your entries will be lost when you close the page: download them as CSV to keep them."));
    }
  }
  showLoadProblems();

  const count = H("h4", { class: "cw-subtitle", id: `${id}-list-title` });
  const list = H("div", { class: "cw-entries" });
  const chart = H("div", { class: "cw-plot", role: "img", "aria-label": "Chart of twitch episodes per day, with sleep, caffeine and stress. The same numbers are in the table below it." });
  const table = H("details", { class: "cw-table" });

  // Export and import.
  const exportButton = H("button", { type: "button", class: "cw-button" }, "Download my diary (CSV)");
  exportButton.addEventListener("click", () => {
    download(`twitch-diary-${nowLocal().slice(0, 10)}.csv`, toCSV(entries, fields));
    status.textContent = `Downloaded ${plural(entries.length, "entry", "entries")} as a CSV file.`;
  });
  const fileField = { name: "import", label: "Import a CSV file", required: false };
  const fileRow = fieldRow(id, fileField, H("input", { type: "file", accept: ".csv,text/csv,text/plain" }), "A file downloaded from this diary, or a spreadsheet saved as CSV (UTF-8) with the same column names. Entries are added to the ones you have.");
  const report = H("div", { class: "cw-import-report", role: "status", "aria-live": "polite" });
  fileRow.input.addEventListener("change", async () => {
    const file = fileRow.input.files[0];
    fill(report);
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
    const saving = added.length ? saveNew(added) : { ok: true };
    add(report,
      H("p", {}, `Imported ${plural(added.length, "entry", "entries")} from ${file.name}.`,
        saving.ok ? "" : " " + notSavedMessage(saving.problem, "The import", "The entries are shown here until you close the page: download your diary as CSV now to keep them.")),
      result.notes.map((n) => H("p", {}, n)),
      skipped.length
        ? [H("p", {}, `Skipped ${plural(skipped.length, "row", "rows")}:`), H("ul", { class: "cw-skipped" }, skipped.map(([row, why]) => H("li", {}, `Row ${row}: ${why}`)))]
        : null,
    );
    fileRow.input.value = "";
  });

  // Delete everything the course saved, after a confirmation.
  const deleteAll = deleteAllControl(id, status, (ok) => {
    if (ok) unsaved = [];
    fill(report);
    reload();
  });

  add(el, 
    H(
      "section",
      { class: "cw cw-diary", "data-widget": "twitch-diary", "aria-labelledby": `${id}-title` },
      H("h3", { id: `${id}-title`, class: "cw-title" }, "Your twitch diary"),
      H("p", { class: "cw-privacy" }, "Your entries stay in this browser on this device. Nothing is sent anywhere."),
      storageNote,
      form,
      status,
      count,
      list,
      chart,
      table,
      H("h4", { class: "cw-subtitle" }, "Keep or move your diary"),
      exportButton,
      fileRow.wrap,
      report,
      deleteAll,
    ),
  );
  commit(model, { entries });
  update();
  // Another tab, or "Delete all" on this page, changed the diary: show what is saved now.
  savedData.watch([key], (changed) => {
    if (changed === null) unsaved = [];
    reload();
  }, id);

  /** What is saved, and what could not be saved, as the page shows it. */
  function reload() {
    loaded = loadDiary(key, version, fields, messages);
    entries = sortEntries([...loaded.entries, ...unsaved]);
    showLoadProblems();
    commit(model, { entries });
    update();
  }

  /** Add entries to what is saved now (with any the browser would not save before). */
  function saveNew(added) {
    const result = changeSavedRecord(key, version, "entries", (r) => ({ ...r, entries: [...r.entries, ...unsaved, ...added] }), id);
    unsaved = result.ok ? [] : [...unsaved, ...added];
    reload();
    return result;
  }

  function update() {
    count.textContent = entries.length ? `Your entries (${entries.length})` : "Your entries";
    const shown = entries.slice(-50).reverse();
    fill(list, 
      entries.length === 0
        ? H("p", { class: "cw-help" }, "No entries yet. Your chart appears when you add your first entry.")
        : H(
            "ul",
            { class: "cw-entry-list", "aria-labelledby": `${id}-list-title` },
            shown.map((entry) => {
              const area = fields[1].choices.find((c) => c.id === entry.area)?.label ?? entry.area;
              const remove = H("button", { type: "button", class: "cw-link-button" }, "Delete", H("span", { class: "cw-sr" }, ` entry of ${entry.when.replace("T", " ")}`));
              remove.addEventListener("click", () => {
                const k = entryKey(entry, fields);
                const pending = unsaved.findIndex((e) => entryKey(e, fields) === k);
                const result = pending >= 0
                  ? { ok: true }
                  : changeSavedRecord(key, version, "entries", withoutItem("entries", entry, fields, messages), id);
                if (pending >= 0) unsaved.splice(pending, 1);
                reload();
                const focusAfter = () => list.querySelector("button") || exportButton;
                if (!result.ok) {
                  status.textContent = notSavedMessage(result.problem, "The deletion", "The entry is still in your diary.");
                  focusAfter().focus();
                  return;
                }
                offerUndo(status, `Deleted the entry of ${entry.when.replace("T", " ")}. Your diary has ${plural(entries.length, "entry", "entries")}.`, () => {
                  const back = saveNew([entry]);
                  return back.ok
                    ? `Put back the entry of ${entry.when.replace("T", " ")}.`
                    : notSavedMessage(back.problem, "Putting the entry back", "It is shown here until you close the page: download your diary as CSV now to keep it.");
                }, focusAfter);
              });
              return H(
                "li",
                {},
                H("strong", {}, entry.when.replace("T", " ")),
                ` · ${area} · ${entry.duration_min} min`,
                entry.sleep_h !== null ? ` · slept ${entry.sleep_h} h` : "",
                entry.caffeine_mg !== null ? ` · ${entry.caffeine_mg} mg caffeine` : "",
                entry.stress !== null ? ` · stress ${entry.stress}` : "",
                entry.notes ? H("span", { class: "cw-note" }, ` · ${entry.notes}`) : "",
                " ",
                remove,
              );
            }),
          ),
      entries.length > 50 ? H("p", { class: "cw-help" }, `Showing the 50 most recent of ${entries.length} entries.`) : null,
    );
    drawDiaryChart();
  }

  function days() {
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

  function drawDiaryChart() {
    const perDay = days();
    chart.hidden = perDay.length === 0;
    table.hidden = perDay.length === 0;
    const cell = (v) => H("td", {}, v === null ? "–" : String(v));
    fill(table, 
      H("summary", {}, "The chart as a table"),
      H("table", {}, H("thead", {}, H("tr", {}, ["Day", "Episodes", "Sleep (hours)", "Caffeine (mg)", "Stress (0-10)"].map((t) => H("th", { scope: "col" }, t)))),
        H("tbody", {}, perDay.map((d) => H("tr", {}, H("th", { scope: "row" }, d.day), cell(d.episodes), cell(d.sleep), cell(d.caffeine), cell(d.stress))))),
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
    drawPlot(model, chart, (c) => ({
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
}

export default { render: renderDiary };
