// uses: savedData, asText, validate · provides: isRecord, savedList, checkSaved, readSavedList, loadDiary, changeSavedRecord, withoutItem, sortEntries, entryKey
// Reading and changing the lists a tool saved, through savedData (storage.js). What is saved is never
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
  const { entry, errors } = validate(fields, item, FAR_FUTURE, messages);
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

function sortEntries(entries) {
  return entries.sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0));
}

function entryKey(entry, fields) {
  return JSON.stringify(fields.map((f) => asText(entry[f.name])));
}

