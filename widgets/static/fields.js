// uses: nothing · provides: strip, nowLocal, asText, message, checkField, validate
// The rules for a value a reader types or imports, with the same functions as widgets/fields.py. Every
// rule is data (book/data/fields.yml: the `fields` and `messages` traits; a number field has its pattern).

const SPACE = " \t\n\r\f\v\u00a0"; // what counts as blank around a value (fields.py: SPACE)
const strip = (text) => text.replace(new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g"), "");

/** Local time now as 'YYYY-MM-DDTHH:MM' (what a datetime-local input holds). */
function nowLocal(date = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

function asText(value) {
  return value === null || value === undefined ? "" : String(value);
}

/** The one message for a broken rule, its {slots} filled. */
function message(kind, field, messages) {
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

/** One field: [clean value, null] or [null, message] — the same as check_field in fields.py. */
function checkField(field, raw, now, messages) {
  let text = strip(asText(raw).replace(/\r\n/g, "\n"));
  const kind = field.type;
  const say = (k) => [null, message(k, field, messages)];
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
    if (!new RegExp(field.pattern).test(text)) return say("number");
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

/** {entry, errors} for one entry — the same as validate() in fields.py. */
function validate(fields, raw, now, messages) {
  const entry = {};
  const errors = {};
  for (const field of fields) {
    const [value, problem] = checkField(field, raw[field.name], now, messages);
    if (problem) errors[field.name] = problem;
    else entry[field.name] = value;
  }
  return { entry, errors };
}

