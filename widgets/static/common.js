// Shared by every course widget. Python joins this file in front of each widget's own module,
// because a widget's module is loaded from a string and cannot import its neighbours.

/** Make an element: h("p", {class: "x"}, "text", child, ...). Text is always text, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SAFE_URL = /^(https?:\/\/|#|[a-z0-9-]+(\.html)?(#[a-z0-9-]+)?$)/i;

/** The course's small, safe Markdown: **bold**, *italic* and [text](url). Everything else is text. */
function inline(text) {
  const out = document.createDocumentFragment();
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of String(text).matchAll(pattern)) {
    out.append(text.slice(last, m.index));
    if (m[1] !== undefined) out.append(h("strong", {}, m[1]));
    else if (m[2] !== undefined) out.append(h("em", {}, m[2]));
    else if (SAFE_URL.test(m[4])) out.append(h("a", { href: pageLink(m[4]) }, m[3]));
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

/** A link to a source, shown as 'Source: NHS (2023)'. */
function sourceNote(source) {
  if (!source) return null;
  const label = source.url
    ? h("a", { href: source.url, rel: "noopener" }, source.label)
    : source.label;
  return h("span", { class: "cw-source" }, "Source: ", label);
}

/** The urgency rule, the same as widgets/rules.py: the most urgent ticked level wins. */
function triage(ticked, symptoms, levels) {
  const levelOf = new Map(symptoms.map((s) => [s.id, s.level]));
  let best = "selfcare";
  for (const id of ticked) {
    const level = levelOf.get(id);
    if (level === undefined) throw new Error(`unknown symptom id '${id}'`);
    if (levels[level].rank > levels[best].rank) best = level;
  }
  return best;
}

/** The numbers for a region in a level's text, the same as fill_numbers in widgets/rules.py. */
function fillNumbers(text, region, regions) {
  const chosen = (Object.hasOwn(regions, region) && regions[region]) || regions.all;
  return String(text).replace(/\{(emergency|urgent)\}/g, (_, slot) => chosen[slot]);
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

/** Save a trait: works with a live kernel and in the static book (where save_changes is a no-op). */
function commit(model, values) {
  for (const [name, value] of Object.entries(values)) model.set(name, value);
  model.save_changes();
}
