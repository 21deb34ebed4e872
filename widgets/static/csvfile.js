// uses: strip, asText, validate · provides: toCsv, splitCsv, parseCsv
// The diary as a CSV file and back, the same as to_csv and parse_csv in widgets/csvfile.py, in the
// same words (catalogue csvfile.yml, through the widget's `say`).

// A cell that starts like a formula could run in a spreadsheet (OWASP: CSV injection). Export
// writes it with a leading ' (and quoted); import takes that ' off again (csvfile.py: FORMULA_START).
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

function toCsv(entries, fields) {
  const columns = fields.map((f) => f.name);
  const lines = ["\ufeff" + columns.join(",")];
  for (const entry of entries) lines.push(columns.map((c) => csvQuote(asText(entry[c]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** RFC 4180 records; throws on a quote that is never closed — as split_csv in csvfile.py. */
function splitCsv(text, sep = ",", say) {
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
  if (quoted) throw new Error(say("unclosed_quote"));
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Diary entries from CSV text — the same result as parse_csv in csvfile.py. */
function parseCsv(text, now, fields, messages, limits, say) {
  const out = { entries: [], rows: [], skipped: [], notes: [], error: null };
  const columns = fields.map((f) => f.name);
  if (text.startsWith("\ufeff")) text = text.slice(1);
  const first = text.split(/\r?\n|\r/, 1)[0];
  const sep = !first.includes(",") && first.includes(";") ? ";" : ",";
  let rows;
  try {
    rows = splitCsv(text, sep, say);
  } catch (err) {
    out.error = say("unreadable", { problem: err.message });
    return out;
  }
  if (!rows.length || rows[0].every((c) => strip(c) === "")) {
    out.error = say("empty", { columns: columns.join(", ") });
    return out;
  }
  const header = rows[0].map((c) => strip(c).toLowerCase());
  const where = {};
  for (const [index, name] of header.entries()) {
    if (!columns.includes(name)) continue;
    if (name in where) {
      out.error = say("twice", { name });
      return out;
    }
    where[name] = index;
  }
  const missing = fields.filter((f) => f.required && !(f.name in where)).map((f) => f.name);
  if (missing.length) {
    out.error = say("missing", { name: missing[0], columns: columns.join(", ") });
    return out;
  }
  const extra = header.flatMap((n, i) => (columns.includes(n) ? [] : [strip(rows[0][i]) || say("column", { number: i + 1 })]));
  if (extra.length) out.notes.push(say("ignored", { names: extra.join(", ") }));
  const absent = columns.filter((c) => !(c in where));
  if (absent.length) out.notes.push(say("absent", { names: absent.join(", ") }));
  rows.slice(1).forEach((row, i) => {
    const number = i + 2;
    if (row.every((c) => strip(c) === "")) return out.skipped.push([number, say("empty_row")]);
    if (row.slice(header.length).some((c) => strip(c)))
      return out.skipped.push([number, say("row_length", { values: row.length, columns: header.length })]);
    if (out.entries.length >= limits.max_entries)
      return out.skipped.push([number, say("full", { most: limits.max_entries })]);
    const raw = {};
    for (const [name, index] of Object.entries(where)) raw[name] = index < row.length ? unformula(row[index]) : "";
    const { entry, errors } = validate(fields, raw, now, messages);
    if (Object.keys(errors).length) out.skipped.push([number, Object.values(errors).join(" ")]);
    else {
      out.entries.push(entry);
      out.rows.push(number);
    }
  });
  return out;
}
