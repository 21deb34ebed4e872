// Symptom checker: the most urgent ticked sign decides what to do now. One warning sign is enough.
// Uses (common.js): h, inline, sourceNote, triage, fillNumbers, uid, commit; (storage.js): savedData,
// savedTicks, hasTicks, TICKS_KEY, REGION_KEY, notSavedMessage.
//
// What this browser keeps, and only here: the ticks with the date they were ticked (the
// doctor-visit summary lists them), and where the reader is (which numbers to call).

const STALE_DAYS = 7; // older ticks are not shown as current without asking

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function daysSince(isoDate) {
  const then = Date.parse(`${isoDate}T00:00:00`);
  return Number.isNaN(then) ? Infinity : Math.round((Date.parse(`${today()}T00:00:00`) - then) / 86400000);
}

function readableDate(isoDate) {
  const when = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(when.getTime())) return "an unknown date";
  const lang = document.documentElement.lang || undefined;
  return when.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
}

/** Saved ticks this checker knows, or null (storage.js: savedTicks, TICKS_KEY). */
function readSavedTicks(known) {
  const saved = savedTicks(savedData.read(TICKS_KEY).data);
  const ticked = saved ? saved.ticked.filter((t) => known.has(t)) : [];
  return ticked.length ? { ticked, date: saved.date } : null;
}

const isFresh = (saved) => Boolean(saved && saved.date && daysSince(saved.date) <= STALE_DAYS);

function render({ model, el }) {
  const id = uid("checker");
  const levels = model.get("levels");
  const regions = model.get("regions");
  const groups = model.get("groups");
  const symptoms = model.get("symptoms");
  const known = new Set(symptoms.map((s) => s.id));

  const ticked = new Set();
  let tickedOn = null; // the date the current ticks were made
  let saveProblem = null; // what the last failed save was, in words for the reader
  let region, saved, fresh;
  /** What is saved now: the place, and the ticks (shown only if they are recent). */
  function loadSaved() {
    region = savedData.read(REGION_KEY).data ?? null;
    saved = readSavedTicks(known);
    fresh = isFresh(saved);
    ticked.clear();
    if (fresh) saved.ticked.forEach((t) => ticked.add(t));
    tickedOn = fresh ? saved.date : null;
  }
  loadSaved();

  const numbers = (text) => fillNumbers(text, region, regions);

  // Where the reader is: the numbers to call follow this choice.
  const regionChoice = h(
    "fieldset",
    { class: "cw-region" },
    h("legend", {}, "Where are you? The numbers to call follow your choice."),
    Object.entries(regions)
      .filter(([key]) => key !== "all")
      .map(([key, info]) => {
        const input = h("input", { type: "radio", name: `${id}-region`, id: `${id}-region-${key}`, value: key });
        input.checked = region === key;
        input.addEventListener("change", () => {
          region = key;
          report(savedData.change(REGION_KEY, () => key, id), "Your choice of place", "The numbers on this page still follow it.");
          update();
        });
        return h("span", { class: "cw-option cw-inline" }, input, h("label", { for: `${id}-region-${key}` }, info.label));
      }),
  );

  // The signs, under plain headings.
  const boxes = new Map();
  const groupEls = Object.entries(groups).map(([groupId, title]) => {
    const rows = symptoms
      .filter((s) => s.group === groupId)
      .map((s) => {
        const input = h("input", { type: "checkbox", id: `${id}-${s.id}`, value: s.id, "data-level": s.level });
        input.checked = ticked.has(s.id);
        input.addEventListener("change", () => {
          if (input.checked) ticked.add(s.id);
          else ticked.delete(s.id);
          tickedOn = today();
          saveTick(s.id, input.checked);
          update();
        });
        boxes.set(s.id, input);
        return h("div", { class: "cw-option" }, input, h("label", { for: `${id}-${s.id}` }, inline(s.label)));
      });
    return rows.length ? h("fieldset", { "data-group": groupId }, h("legend", {}, title), rows) : null;
  });

  // Saved answers: when they were ticked, and a one-tap way to clear them.
  const savedNote = h("div", { class: "cw-saved", role: "status" });
  const clear = h("button", { type: "button", class: "cw-button cw-clear" }, "Clear my answers");
  clear.addEventListener("click", () => {
    ticked.clear();
    tickedOn = null;
    const cleared = savedData.change(TICKS_KEY, () => null, id);
    report(cleared, "Clearing your answers", "The ticks are cleared on this page, but may come back when you open it again.");
    update();
    if (cleared.ok) savedNote.replaceChildren(h("p", {}, "Your answers are cleared."));
  });

  function showSavedNote() {
    if (saveProblem) {
      savedNote.replaceChildren(h("p", { class: "cw-error" }, saveProblem));
    } else if (ticked.size && tickedOn) {
      savedNote.replaceChildren(h("p", {}, `These ticks were saved on ${readableDate(tickedOn)}. Untick any sign you no longer have.`));
    } else if (saved && !fresh && !ticked.size) {
      const restore = h("button", { type: "button", class: "cw-button" }, "Show them again");
      restore.addEventListener("click", () => {
        saved.ticked.forEach((t) => ticked.add(t));
        tickedOn = saved.date;
        update();
      });
      const when = saved.date ? `on ${readableDate(saved.date)}` : "some time ago";
      const count = `${saved.ticked.length} sign${saved.ticked.length === 1 ? "" : "s"}`;
      savedNote.replaceChildren(
        h("p", {}, `You ticked ${count} ${when}. That is more than ${STALE_DAYS} days ago, so they are not shown. Tick what you have now.`),
        restore,
      );
    } else savedNote.replaceChildren();
  }

  // The result: shown only once something is ticked, kept in view next to the ticks.
  const resultRegion = h("div", { class: "cw-result-region", role: "status", "aria-live": "polite" });

  el.append(
    h(
      "section",
      { class: "cw cw-checker", "data-widget": "symptom-checker", "aria-labelledby": `${id}-title` },
      h("h3", { id: `${id}-title`, class: "cw-title" }, "When to get help: check your signs"),
      h("p", { class: "cw-help cw-adults" },
        "This checker is for adults (16 and over). A child with twitching should see a GP (family doctor); ",
        "the \u201ccall now\u201d signs apply to children too."),
      h("p", { class: "cw-help" }, "Tick every sign you have now. One sign is enough to change the advice. It is not a diagnosis."),
      regionChoice,
      savedNote,
      groupEls,
      clear,
      resultRegion,
    ),
  );
  model.on("change:ticked", () => {
    const wanted = (model.get("ticked") || []).filter((t) => known.has(t));
    if (wanted.length === ticked.size && wanted.every((t) => ticked.has(t))) return;
    ticked.clear();
    wanted.forEach((t) => ticked.add(t));
    tickedOn = today();
    report(savedData.changeReadable(TICKS_KEY, hasTicks, () => ({ ticked: wanted, date: tickedOn }), id));
    update();
  });
  update();
  // Another tab, or "Delete all", changed what is saved: show that.
  savedData.watch([TICKS_KEY, REGION_KEY], () => {
    loadSaved();
    update();
  }, id);

  /** Save one tick or untick on top of what is saved now (another tab may have ticked more). */
  function saveTick(sign, on) {
    const edit = ({ data }) => {
      const stored = savedTicks(data);
      const kept = new Set(isFresh(stored) ? stored.ticked : []); // older ticks are replaced, not merged
      if (on) kept.add(sign);
      else kept.delete(sign);
      return kept.size ? { ticked: [...kept], date: today() } : null;
    };
    report(savedData.changeReadable(TICKS_KEY, hasTicks, edit, id));
  }

  /** A failed save is said until the next save works. */
  function report(saved, what = "Your ticks", rescue = "The advice on this page still follows what you ticked.") {
    saveProblem = saved.ok ? null : notSavedMessage(saved.problem, what, rescue);
  }

  function update() {
    for (const [sid, box] of boxes) box.checked = ticked.has(sid);
    for (const input of regionChoice.querySelectorAll("input")) input.checked = input.value === region;
    const list = symptoms.filter((s) => ticked.has(s.id)).map((s) => s.id);
    const level = list.length ? triage(list, symptoms, levels) : "";
    resultRegion.replaceChildren(level ? result(level) : "");
    showSavedNote();
    commit(model, { ticked: list, level, region: region || "all" });
  }

  function result(level) {
    const info = levels[level];
    const chosen = symptoms.filter((s) => ticked.has(s.id) && s.level === level);
    const why = h(
      "details",
      { class: "cw-why" },
      h("summary", {}, `Why this advice? (${chosen.length} sign${chosen.length === 1 ? "" : "s"})`),
      h("ul", {}, chosen.map((s) => h("li", {}, inline(s.label), " ", sourceNote(s.source)))),
    );
    return h(
      "div",
      { class: "cw-result", "data-level": level, "data-colour": info.colour },
      h("h4", {}, numbers(info.heading)),
      h("p", {}, inline(numbers(info.action))),
      why,
    );
  }
}

export default { render };
