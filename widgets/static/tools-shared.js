// What the tools (twitch diary, caffeine timeline, visit summary) share: rules, CSV, storage and
// charts. widgets/base.py joins it after common.js in front of each tool's own module. Every rule
// comes from Python as data (the `fields` and `messages` traits), and the functions below apply it
// exactly as widgets/tools.py does.

// common.js's h() flattens one level of children; the tools nest lists deeper, and skip empties.
const kids = (children) => children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false);
const H = (tag, attrs = {}, ...children) => h(tag, attrs, ...kids(children));
const fill = (el, ...children) => el.replaceChildren(...kids(children).map((c) => (c instanceof Node ? c : String(c))));
const add = (el, ...children) => el.append(...kids(children).map((c) => (c instanceof Node ? c : String(c))));
const NUMBER_RE = /^-?\d+(\.\d{1,2})?$/;
const SPACE = " \t\n\r\f\v\u00a0"; // what counts as blank around a value (tools.py: SPACE)
const strip = (text) => text.replace(new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g"), "");

/** Local time now as 'YYYY-MM-DDTHH:MM' (what a datetime-local input holds). */
function nowLocal(date = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

function asText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return String(value);
  return String(value);
}

function fillMessage(messages, kind, field) {
  const values = {
    label: field.label,
    min: field.min ?? "",
    max: field.max ?? "",
    max_length: field.max_length ?? "",
    choices: (field.choices || []).map((c) => c.label).join(", "),
  };
  return messages[kind].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function realDateTime(text) {
  const [y, mo, d, hh, mm] = text.match(/\d+/g).map(Number);
  if (y < 1 || hh > 23 || mm > 59 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(2000, mo - 1, 1));
  date.setUTCFullYear(y);
  date.setUTCDate(d);
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** One field: [clean value, null] or [null, message] — the same as check_field in tools.py. */
function checkField(field, raw, now, messages) {
  let text = strip(asText(raw).replace(/\r\n/g, "\n"));
  const kind = field.type;
  const say = (k) => [null, fillMessage(messages, k, field)];
  if (text === "") {
    if (field.required) return say("required");
    return [kind === "text" || kind === "choice" ? "" : null, null];
  }
  if (kind === "datetime") {
    text = text.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/, "$1T$2");
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) || !realDateTime(text)) return say("date");
    if (text < (field.earliest || "")) return say("early");
    if (text > now) return say("future");
    return [text, null];
  }
  if (kind === "day") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !realDateTime(`${text}T00:00`)) return say("day");
    return [text, null];
  }
  if (kind === "time") {
    const m = text.match(/^(\d{1,2}):(\d{2})$/);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return say("time");
    return [`${m[1].padStart(2, "0")}:${m[2]}`, null];
  }
  if (kind === "number") {
    text = text.replace(/^(-?\d+),(\d{1,2})$/, "$1.$2"); // a decimal comma: 2,5
    if (!NUMBER_RE.test(text)) return say("number");
    const value = Number(text) === 0 ? 0 : Number(text); // no -0
    if (field.integer && !Number.isInteger(value)) return say("integer");
    if (!(field.min <= value && value <= field.max)) return say(field.integer ? "integer" : "range");
    return [value, null];
  }
  if (kind === "choice") {
    const wanted = text.toLowerCase();
    const found = field.choices.find((c) => wanted === c.id || wanted === c.label.toLowerCase());
    return found ? [found.id, null] : say("choice");
  }
  if ([...text].length > field.max_length) return say("too_long");
  return [text, null];
}

/** {entry, errors} for one entry — the same as validate() in tools.py. */
function validateFields(fields, raw, now, messages) {
  const entry = {};
  const errors = {};
  for (const field of fields) {
    const [value, problem] = checkField(field, raw[field.name], now, messages);
    if (problem) errors[field.name] = problem;
    else entry[field.name] = value;
  }
  return { entry, errors };
}

// ----------------------------------------------------------------------------------- CSV

// A cell that starts like a formula could run in a spreadsheet (OWASP: CSV injection). Export
// writes it with a leading ' (and quoted); import takes that ' off again (tools.py: FORMULA_START).
// A cell that starts with ' gets one more, so a reader's own ' survives the round trip.
const FORMULA_START = ["=", "+", "-", "@", "\t", "\r", "'"];

function csvQuote(text) {
  if (FORMULA_START.includes(text[0])) text = `'${text}`;
  const needsQuotes = /[",\r\n;]/.test(text) || text !== strip(text) || text.startsWith("'");
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

function unformula(cell) {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.includes(cell[1]) ? cell.slice(1) : cell;
}

function toCSV(entries, fields) {
  const columns = fields.map((f) => f.name);
  const lines = ["\ufeff" + columns.join(",")];
  for (const entry of entries) lines.push(columns.map((c) => csvQuote(asText(entry[c]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** RFC 4180 records; throws on a quote that is never closed — as split_csv in tools.py. */
function splitCSV(text, sep = ",") {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error('A quote mark (") is opened but never closed.');
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Diary entries from CSV text — the same result as parse_csv in tools.py. */
function parseDiaryCSV(text, now, fields, messages, limits) {
  const out = { entries: [], rows: [], skipped: [], notes: [], error: null };
  const columns = fields.map((f) => f.name);
  if (text.startsWith("\ufeff")) text = text.slice(1);
  const first = text.split(/\r?\n|\r/, 1)[0];
  const sep = !first.includes(",") && first.includes(";") ? ";" : ",";
  let rows;
  try {
    rows = splitCSV(text, sep);
  } catch (err) {
    out.error = `The file is not a readable CSV file: ${err.message}`;
    return out;
  }
  if (!rows.length || rows[0].every((c) => strip(c) === "")) {
    out.error = `The file is empty. Its first row must name the columns: ${columns.join(", ")}.`;
    return out;
  }
  const header = rows[0].map((c) => strip(c).toLowerCase());
  const where = {};
  for (const [index, name] of header.entries()) {
    if (!columns.includes(name)) continue;
    if (name in where) {
      out.error = `The column “${name}” appears twice in the first row.`;
      return out;
    }
    where[name] = index;
  }
  const missing = fields.filter((f) => f.required && !(f.name in where)).map((f) => f.name);
  if (missing.length) {
    out.error = `The file has no column called “${missing[0]}”. Its first row must name the columns: ${columns.join(", ")}.`;
    return out;
  }
  const extra = header.flatMap((n, i) => (columns.includes(n) ? [] : [strip(rows[0][i]) || `column ${i + 1}`]));
  if (extra.length) out.notes.push(`Columns ignored: ${extra.join(", ")}.`);
  const absent = columns.filter((c) => !(c in where));
  if (absent.length) out.notes.push(`Columns not in the file, left empty: ${absent.join(", ")}.`);
  rows.slice(1).forEach((row, i) => {
    const number = i + 2;
    if (row.every((c) => strip(c) === "")) return out.skipped.push([number, "The row is empty."]);
    if (row.slice(header.length).some((c) => strip(c)))
      return out.skipped.push([number, `The row has ${row.length} values but the first row names ${header.length} columns.`]);
    if (out.entries.length >= limits.max_entries)
      return out.skipped.push([number, `The diary holds at most ${limits.max_entries} entries.`]);
    const raw = {};
    for (const [name, index] of Object.entries(where)) raw[name] = index < row.length ? unformula(row[index]) : "";
    const { entry, errors } = validateFields(fields, raw, now, messages);
    if (Object.keys(errors).length) out.skipped.push([number, Object.values(errors).join(" ")]);
    else {
      out.entries.push(entry);
      out.rows.push(number);
    }
  });
  return out;
}

// ------------------------------------------------------------------------------- storage
// Reading and changing what a tool saved, through savedData (storage.js). What is saved is never
// rewritten on load: an item that fails the rules stays exactly as it was, and is reported.

const FAR_FUTURE = "9999-12-31T23:59";
const isRecord = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The saved list `name` of a record {version, <name>: [...]}; version 0 was a bare list. null: unreadable. */
function savedList(data, version, name) {
  if (Array.isArray(data)) return data;
  if (isRecord(data) && data.version === version && Array.isArray(data[name])) return data[name];
  return null;
}

/** A saved item as the rules give it, or null. A value of the wrong type (a number saved as text,
 * an object) fails, so it is kept as it was rather than converted. */
function checkSaved(fields, item, messages) {
  if (!isRecord(item)) return null;
  const { entry, errors } = validateFields(fields, item, FAR_FUTURE, messages);
  if (Object.keys(errors).length) return null;
  const same = fields.every((f) => (f.name in item ? item[f.name] === entry[f.name] : entry[f.name] === null || entry[f.name] === ""));
  return same ? entry : null;
}

/** What a tool saved under `key`, read and never changed: {items, bad, problem, raw, data}. */
function readSavedList(key, version, name, fields, messages) {
  const { blocked, raw, data } = savedData.read(key);
  if (blocked) return { items: [], bad: 0, problem: "blocked", raw, data };
  if (raw === null) return { items: [], bad: 0, problem: null, raw, data };
  const list = savedList(data, version, name);
  if (list === null) return { items: [], bad: 0, problem: "unreadable", raw, data };
  const items = [];
  let bad = 0;
  for (const item of list) {
    const entry = checkSaved(fields, item, messages);
    if (entry) items.push(entry);
    else bad += 1;
  }
  return { items, bad, problem: bad ? "some" : null, raw, data };
}

/** The saved diary: {entries, bad, problem}, entries in time order. */
function loadDiary(key, version, fields, messages) {
  const saved = readSavedList(key, version, "entries", fields, messages);
  return { ...saved, entries: sortEntries(saved.items) };
}

/**
 * Change a tool's saved record {version, <name>: [...], ...} with edit(record) -> record, on what
 * is stored now. Items the tool cannot read stay in the list as they were. A saved value that
 * cannot be read at all is first kept as a copy; if the copy cannot be written, nothing changes.
 */
function changeSavedRecord(key, version, name, edit, from) {
  return savedData.changeReadable(key, (data) => savedList(data, version, name) !== null, ({ data }) => {
    const list = savedList(data, version, name);
    return edit({ ...(isRecord(data) ? data : {}), version, [name]: list || [] });
  }, from);
}

/** An edit that removes the first saved item that reads as `entry`. */
function withoutItem(name, entry, fields, messages) {
  return (record) => {
    const at = record[name].findIndex((item) => {
      const read = checkSaved(fields, item, messages);
      return read && entryKey(read, fields) === entryKey(entry, fields);
    });
    return at < 0 ? undefined : { ...record, [name]: record[name].filter((_, i) => i !== at) };
  };
}

/** A button that gives the reader back exactly what a tool saved, and any copies kept, as a JSON file. */
function downloadCopyButton(key, filename) {
  return H("button", { type: "button", class: "cw-button cw-secondary", onclick: () => {
    const copies = savedData.read(`${key}:unreadable`).data;
    const saved = { saved: savedData.read(key).raw, copies: Array.isArray(copies) ? copies : [] };
    download(filename, JSON.stringify(saved, null, 2), "application/json");
  } }, "Download what is saved");
}

function sortEntries(entries) {
  return entries.sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0));
}

function entryKey(entry, fields) {
  return JSON.stringify(fields.map((f) => asText(entry[f.name])));
}

/**
 * "Delete all my data", with a confirmation: every tool page has it. `onDone(ok)` runs after;
 * `status` (a live region) says what happened, including a failure.
 */
function deleteAllControl(id, status, onDone = () => {}) {
  const button = H("button", { type: "button", class: "cw-button cw-danger", "aria-expanded": "false" }, "Delete all my data");
  const yes = H("button", { type: "button", class: "cw-button cw-danger" }, "Yes, delete everything");
  const no = H("button", { type: "button", class: "cw-button cw-secondary" }, "Cancel");
  const box = H("div", { class: "cw-confirm", hidden: true, role: "group", "aria-labelledby": `${id}-confirm` },
    H("p", { id: `${id}-confirm` }, "Delete everything this course saved in this browser: your diary, drinks, ticked signs, checklist ticks, visit notes and search highlights? This cannot be undone."),
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
  return H("div", { class: "cw-delete-all" }, H("h4", { class: "cw-subtitle" }, "Start again"), button, box);
}

function download(filename, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = H("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// -------------------------------------------------------------------------------- charts

/**
 * plotly.js without the network, and only once a tool has something to draw: the book says where
 * its own copy is (<meta name="course-plotly">); with a live kernel the Python side sends the copy
 * inside the plotly package. Resolves to Plotly, or null.
 */
function loadPlotly(model) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__coursePlotly) {
    window.__coursePlotly = new Promise((resolve) => {
      const addScript = (src, done) => {
        const amd = window.define;
        window.define = undefined; // plotly.js would register with require.js instead of window
        const script = H("script", { src });
        script.onload = script.onerror = () => {
          window.define = amd;
          done();
          resolve(window.Plotly || null);
        };
        document.head.append(script);
      };
      const served = document.querySelector('meta[name="course-plotly"]');
      if (served) return addScript(served.content, () => {});
      const askKernel = () => {
        if (window.Plotly) return resolve(window.Plotly);
        const timer = setTimeout(() => resolve(window.Plotly || null), 30000);
        model.on("msg:custom", (msg) => {
          if (!msg || msg.type !== "plotly-js" || window.Plotly) return;
          const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
          addScript(url, () => clearTimeout(timer));
        });
        model.send({ type: "need-plotly" });
      };
      if (document.readyState === "complete") askKernel();
      else window.addEventListener("load", askKernel, { once: true });
    });
  }
  return window.__coursePlotly;
}

function plotColours() {
  const dark = document.documentElement.dataset.theme === "dark" ||
    (!document.documentElement.dataset.theme && document.body?.dataset.jpThemeLight === "false");
  return dark
    ? { text: "#e6edf3", grid: "#3d444d", line: "#7cb7ff", bar: "#7cb7ff", warn: "#ffc27a", bad: "#ff9b93", fill: "rgba(124,183,255,0.2)" }
    : { text: "#1f2328", grid: "#d0d7de", line: "#0b5cad", bar: "#0b5cad", warn: "#8a4b00", bad: "#b3261e", fill: "rgba(11,92,173,0.15)" };
}

/** Draw (and redraw in the reader's colours) a plotly chart; `build(colours)` -> {data, layout}. */
function drawPlot(model, el, build) {
  const config = { displaylogo: false, responsive: true, displayModeBar: false }; // no buttons inside the role="img" chart
  const draw = (Plotly) => {
    const c = plotColours();
    const { data, layout } = build(c);
    const axes = {};
    for (const k of Object.keys(layout)) {
      if (/^[xy]axis\d*$/.test(k)) axes[k] = { ...layout[k], gridcolor: c.grid, linecolor: c.grid, zerolinecolor: c.grid };
    }
    Plotly.react(el, data, { ...layout, ...axes, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: c.text } }, config);
  };
  return loadPlotly(model).then((Plotly) => {
    if (!Plotly) {
      fill(el, H("p", { class: "cw-help" }, "The chart could not load here. The table below has the same numbers."));
      return;
    }
    draw(Plotly);
    if (!el.__themeWatch) {
      el.__themeWatch = new MutationObserver(() => el.isConnected && el.__redraw());
      el.__themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    }
    el.__redraw = () => draw(Plotly);
  });
}

/** A labelled field with its message slot: {wrap, input, error}. */
function fieldRow(id, field, control, hint) {
  const errorId = `${id}-${field.name}-error`;
  const hintId = hint ? `${id}-${field.name}-hint` : null;
  control.id = `${id}-${field.name}`;
  control.name = field.name;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  if (field.required) control.setAttribute("aria-required", "true");
  const error = H("p", { class: "cw-error", id: errorId, role: "alert" });
  const wrap = H(
    "div",
    { class: "cw-field", "data-field": field.name },
    H("label", { for: control.id }, field.label, field.required ? "" : H("span", { class: "cw-optional" }, " (optional)")),
    hint ? H("p", { class: "cw-hint", id: hintId }, hint) : null,
    control,
    error,
  );
  return { wrap, input: control, error };
}

function showError(row, problem) {
  row.error.textContent = problem || "";
  if (problem) row.input.setAttribute("aria-invalid", "true");
  else row.input.removeAttribute("aria-invalid");
}

function controlFor(field, attrs = {}) {
  if (field.type === "choice") {
    return H("select", attrs, H("option", { value: "" }, "Choose…"), field.choices.map((c) => H("option", { value: c.id }, c.label)));
  }
  if (field.type === "text") return H("textarea", { rows: 3, ...attrs });
  if (field.type === "datetime") return H("input", { type: "datetime-local", ...attrs });
  if (field.type === "time") return H("input", { type: "time", ...attrs });
  if (field.type === "day") return H("input", { type: "date", ...attrs });
  return H("input", { type: "text", inputmode: field.integer ? "numeric" : "decimal", autocomplete: "off", ...attrs });
}

/** Say in `status` what was just removed, with an Undo button; undo() puts it back and returns
 * what to say then. Focus moves to Undo, since what had focus is gone, and to `after` once used. */
function offerUndo(status, text, undo, after) {
  const button = H("button", { type: "button", class: "cw-link-button cw-undo" }, "Undo");
  button.addEventListener("click", () => {
    status.textContent = undo();
    after().focus();
  });
  fill(status, text, " ", button);
  button.focus();
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

window.courseTools = Object.assign(window.courseTools || {}, {
  checkField, validateFields, toCSV, splitCSV, parseDiaryCSV, loadDiary, nowLocal,
});

