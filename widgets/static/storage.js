// uses: nothing · provides: savedData, notSavedMessage, savedTicks, hasTicks
// The one place the course keeps a reader's data in this browser (localStorage), for every tool.
//
// - Every read and write is checked: a full or blocked storage is reported, never ignored.
// - A save never writes a stale copy of a whole list: `savedData.change(key, edit)` reads what is
//   stored now (another tab may have changed it), applies one edit (add this entry, remove that
//   one, set this field) and writes the result.
// - `savedData.watch` tells a tool when another tab (the browser's `storage` event) or another
//   tool on this page changed its data, so every open tab shows the same thing, and a tab that
//   missed "Delete all" cannot write old data back: it reloads instead.
// - Which keys are the course's is data (book/data/storage.yml, the widget's `storage` trait): a
//   widget calls `savedData.use(model.get("storage"))` before anything else.

const CHANGED_HERE = "course-storage-change"; // an event for the other tools on this page

const savedData = {
  prefix: null, // every key of the course's starts with it
  bookKeys: [], // what else the book keeps: search highlights, the theme's display choices

  /** Take the course's keys from the widget's `storage` trait: {prefix, keys, versions, book_keys}. */
  use(storage) {
    this.prefix = storage.prefix;
    this.bookKeys = storage.book_keys;
    return storage.keys;
  },

  /** {blocked, raw, data}: the stored text (null if none) and its JSON (undefined if not JSON). */
  read(key) {
    let raw;
    try {
      raw = window.localStorage.getItem(key);
    } catch {
      return { blocked: true, raw: null, data: undefined };
    }
    let data;
    try {
      data = raw === null ? undefined : JSON.parse(raw);
    } catch {
      data = undefined;
    }
    return { blocked: false, raw, data };
  },

  /**
   * Apply `edit(saved)` to what is stored under `key` now, and save the result.
   * `edit` gets {raw, data} as read() gives them and returns the new value to save, `null` to
   * remove the key, or `undefined` to leave it as it is. Returns {ok, value, problem}, where
   * problem is "blocked" (the browser refuses storage) or "full" (the write failed).
   */
  change(key, edit, from = null) {
    const saved = this.read(key);
    if (saved.blocked) return { ok: false, problem: "blocked" };
    const value = edit(saved);
    if (value === undefined) return { ok: true, value: saved.data };
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      return { ok: false, problem: "full" };
    }
    window.dispatchEvent(new CustomEvent(CHANGED_HERE, { detail: { key, from } }));
    return { ok: true, value: value === null ? undefined : value };
  },

  /**
   * As change(), for data with a known shape: a saved value that `readable(data)` rejects is
   * first kept as a copy (keepCopy), and `edit` then starts from nothing. If the copy cannot be
   * written, nothing changes and the result says so: nothing is lost without a copy.
   */
  changeReadable(key, readable, edit, from = null) {
    let copyFailed = false;
    const result = this.change(key, (saved) => {
      if (saved.raw === null || readable(saved.data)) return edit(saved);
      if (this.keepCopy(key, saved.raw, from)) return edit({ raw: null, data: undefined });
      copyFailed = true;
      return undefined;
    }, from);
    return copyFailed ? { ok: false, problem: "full" } : result;
  },

  /** Keep `raw` (a reader's saved text) as a copy under '<key>:unreadable'; true only if it was written. */
  keepCopy(key, raw, from = null) {
    const result = this.change(`${key}:unreadable`, ({ data }) => {
      const copies = Array.isArray(data) ? data : [];
      if (copies.some((c) => c && c.raw === raw)) return undefined; // kept already
      return [...copies, { kept: new Date().toISOString(), raw }].slice(-5);
    }, from);
    // result.value is what is stored now, whether this call wrote it or an earlier one did.
    return result.ok && (result.value || []).some((c) => c && c.raw === raw);
  },

  /** Call `callback(key)` when data under one of `keys` changes elsewhere (key null: everything went). */
  watch(keys, callback, from = null) {
    const mine = (key) => key === null || keys.includes(key);
    window.addEventListener("storage", (event) => {
      if (event.storageArea === window.localStorage && mine(event.key)) callback(event.key);
    });
    window.addEventListener(CHANGED_HERE, (event) => {
      if (event.detail.from !== from && mine(event.detail.key)) callback(event.detail.key);
    });
  },

  /** Remove everything the course and the book keep in this browser; true only if all of it is gone. */
  deleteAll() {
    const ours = (k) => k && ((this.prefix && k.startsWith(this.prefix)) || this.bookKeys.includes(k));
    const keys = () => Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
    try {
      keys().filter(ours).forEach((k) => window.localStorage.removeItem(k));
      window.dispatchEvent(new CustomEvent(CHANGED_HERE, { detail: { key: null, from: null } }));
      return !keys().some(ours);
    } catch {
      return false;
    }
  },
};

/**
 * What to tell a reader when a save failed, in plain words, with what to do. `what` and `rescue`
 * are the caller's words; `say` is the caller's sayer(model), whose words include storage.yml.
 */
function notSavedMessage(problem, what, rescue, say) {
  const why = say(problem === "blocked" ? "storage_blocked" : "storage_full");
  return say("storage_not_saved", { why, what, rescue });
}

/** Saved ticks {ticked: [ids], date: "YYYY-MM-DD" | null} (older pages kept a bare list), or null. */
function savedTicks(data) {
  const list = Array.isArray(data) ? data : Array.isArray(data?.ticked) ? data.ticked : null;
  if (!list) return null;
  return { ticked: list.filter((t) => typeof t === "string"), date: typeof data?.date === "string" ? data.date : null };
}

/** Whether saved data has the ticks' shape (the `readable` test for savedData.changeReadable). */
const hasTicks = (data) => savedTicks(data) !== null;
