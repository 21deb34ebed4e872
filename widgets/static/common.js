// uses: nothing · provides: appendContent, commit, element, flatChildren, followPython, hashString, inline, pageLink, replaceContent, sayer, seededShuffle, sourceNote, traitValues, uid, widgetSection, widgetState
// What every course widget shares: elements built from course text (never parsed as HTML), ids, and its model.
// Python joins this file in front of each widget's own module, because a widget's module is loaded
// from a string and cannot import its neighbours.

/** Children as a flat list, without the empty ones (null, undefined, false): lists may nest. */
const flatChildren = (children) => children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false);
const asNode = (child) => (child instanceof Node ? child : document.createTextNode(String(child)));

/** Make an element: element("p", {class: "x"}, "text", child, [more], ...). Text is always text, never HTML. */
function element(tag, attrs = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) made.addEventListener(name.slice(2), value);
    else made.setAttribute(name, value === true ? "" : String(value));
  }
  made.append(...flatChildren(children).map(asNode));
  return made;
}

/** Put `children` in place of what `parent` holds (text as text). */
const replaceContent = (parent, ...children) => parent.replaceChildren(...flatChildren(children).map(asNode));
/** Add `children` after what `parent` holds (text as text). */
const appendContent = (parent, ...children) => parent.append(...flatChildren(children).map(asNode));

/** A widget's frame: a section named by its title, with the widget's class and data-widget name. */
function widgetSection(id, name, title, ...children) {
  return element(
    "section",
    { class: `cw cw-${name}`, "data-widget": name, "aria-labelledby": `${id}-title` },
    element("h3", { id: `${id}-title`, class: "cw-title" }, title),
    children,
  );
}

const SAFE_URL = /^(https?:\/\/|#|[a-z0-9-]+(\.html)?(#[a-z0-9-]+)?$)/i;

/** The course's small, safe Markdown: **bold**, *italic* and [text](url). Everything else is text. */
function inline(text) {
  const out = document.createDocumentFragment();
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of String(text).matchAll(pattern)) {
    out.append(text.slice(last, m.index));
    if (m[1] !== undefined) out.append(element("strong", {}, m[1]));
    else if (m[2] !== undefined) out.append(element("em", {}, m[2]));
    else if (SAFE_URL.test(m[4])) out.append(element("a", { href: pageLink(m[4]) }, m[3]));
    else out.append(m[3]);
    last = m.index + m[0].length;
  }
  out.append(String(text).slice(last));
  return out;
}

/** 'sleep#sleep-how-much' (a course page and label) -> a link that works from any chapter page. */
function pageLink(target) {
  if (/^(https?:|#)/.test(target) || target.includes(".html")) return target;
  const [page, label] = target.split("#");
  return `${page}.html${label ? "#" + label : ""}`;
}

/** A link to a source, shown as 'Source: NHS (2023)' (the words: common.yml's `source`). */
function sourceNote(source, say) {
  if (!source) return null;
  const label = source.url
    ? element("a", { href: source.url, rel: "noopener" }, source.label)
    : source.label;
  return element("span", { class: "cw-source" }, say("source"), " ", label);
}

/**
 * A widget's words, from the book's catalogue (the `words` trait; book/data/locales/<language>/):
 * `const say = sayer(model)`, then `say("add_drink")` or `say("left_at_bedtime", { mg: 120 })`.
 * `say.count("entries", n)` picks the plural form the language needs (entries_one, entries_other...);
 * `say.number`, `say.date` and `say.when` write numbers, dates and entered times in the book's language.
 * A name with no words is shown as ⟦name⟧ and logged, so a gap is seen and never hidden.
 */
function sayer(model) {
  const words = model.get("words") || {};
  const language = words.locale || document.documentElement.lang || "en";
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));
  const say = (key, values = {}) => {
    if (typeof words[key] !== "string") {
      console.error(`course widget: no words for "${key}" in the catalogue`);
      return `⟦${key}⟧`;
    }
    return fill(words[key], values);
  };
  const plurals = new Intl.PluralRules(language);
  say.count = (key, n, values = {}) => {
    const form = `${key}_${plurals.select(n)}`;
    return say(form in words ? form : `${key}_other`, { n: say.number(n), ...values });
  };
  say.number = (n, options) => new Intl.NumberFormat(language, options).format(n);
  say.date = (date, options) => new Intl.DateTimeFormat(language, options).format(date);
  // A moment the reader entered ('YYYY-MM-DDTHH:MM', local time), as the language writes a date and time.
  say.when = (text) => say.date(new Date(text), { dateStyle: "medium", timeStyle: "short" });
  say.locale = language;
  return say;
}

/**
 * What Python sets reaches the page: `handlers` maps a trait to what to do with its new value when a
 * live kernel changes it. Returns the cleanup for anywidget to call when the view goes.
 */
function followPython(model, handlers) {
  const pairs = Object.entries(handlers).map(([name, onChange]) => [`change:${name}`, () => onChange(model.get(name))]);
  for (const [event, callback] of pairs) model.on(event, callback);
  return () => pairs.forEach(([event, callback]) => model.off(event, callback));
}

/** What every widget's state starts with: its model, its words and a unique id for its elements. */
function widgetState(model, name) {
  return { model, say: sayer(model), id: uid(name) };
}

/** A small, stable hash, so a shuffled quiz keeps the same order every time the page loads. */
function hashString(text) {
  let hash = 2166136261;
  for (const ch of String(text)) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
  return hash;
}

function seededShuffle(items, seed) {
  const out = items.slice();
  let state = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 2246822507) >>> 0;
    state = Math.imul(state ^ (state >>> 13), 3266489909) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let widgetCount = 0;
/** A page-unique id prefix for labels and aria links. */
function uid(kind) {
  widgetCount += 1;
  return `cw-${kind}-${widgetCount}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Some traits of a widget's model, as one object: traitValues(model, "fields", "messages"). */
function traitValues(model, ...names) {
  return Object.fromEntries(names.map((name) => [name, model.get(name)]));
}

/** Save a trait: works with a live kernel and in the static book (where save_changes is a no-op). */
function commit(model, values) {
  for (const [name, value] of Object.entries(values)) model.set(name, value);
  model.save_changes();
}
