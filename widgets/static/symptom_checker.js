// uses: commit, element, fillNumbers, followPython, hasTicks, inline, notSavedMessage, savedData, savedTicks, sourceNote, traitValues, triage, widgetSection, widgetState · provides: render
// Symptom checker: the most urgent ticked sign decides what to do now. One warning sign is enough.
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

function readableDate(say, isoDate) {
  const when = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(when.getTime())) return say("unknown_date");
  return say.date(when, { day: "numeric", month: "long", year: "numeric" });
}

/** Saved ticks this checker knows, or null (storage.js: savedTicks). */
function readSavedTicks(ck) {
  const saved = savedTicks(savedData.read(ck.keys.symptoms).data);
  const ticked = saved ? saved.ticked.filter((t) => ck.known.has(t)) : [];
  return ticked.length ? { ticked, date: saved.date } : null;
}

const isFresh = (saved) => Boolean(saved && saved.date && daysSince(saved.date) <= STALE_DAYS);

function render({ model, el }) {
  const ck = {
    ...widgetState(model, "symptom-checker"),
    keys: savedData.use(model.get("storage")), // the ticks (symptoms) and the place (region)
    ...traitValues(model, "levels", "regions", "groups", "symptoms"),
    ticked: new Set(),
    tickedOn: null, // the date the current ticks were made
    saveProblem: null, // what the last failed save was, in words for the reader
    boxes: new Map(),
  };
  const { id, symptoms, ticked, say } = ck;
  ck.known = new Set(symptoms.map((s) => s.id));
  loadSavedTicks(ck);
  ck.regionChoice = regionChoice(ck);
  const groupEls = signGroups(ck);
  // Saved answers: when they were ticked, and a one-tap way to clear them.
  ck.savedNote = element("div", { class: "cw-saved", role: "status" });
  const clear = element("button", { type: "button", class: "cw-button cw-clear" }, say("clear_answers"));
  clear.addEventListener("click", () => {
    ticked.clear();
    ck.tickedOn = null;
    const cleared = savedData.change(ck.keys.symptoms, () => null, id);
    report(ck, cleared, say("clearing_not_saved"), say("clearing_may_return"));
    update(ck);
    if (cleared.ok) ck.savedNote.replaceChildren(element("p", {}, say("answers_cleared")));
  });
  // The result: shown only once something is ticked, kept in view next to the ticks.
  ck.resultRegion = element("div", { class: "cw-result-region", role: "status", "aria-live": "polite" });

  el.append(
    widgetSection(id, "symptom-checker", say("title"),
      element("p", { class: "cw-help cw-adults" }, say("for_adults")),
      element("p", { class: "cw-help" }, say("tick_every_sign")),
      ck.regionChoice,
      ck.savedNote,
      groupEls,
      clear,
      ck.resultRegion,
    ),
  );
  update(ck);
  // Python set `checker.ticked` or `checker.region` (a live kernel): show it, and save it as a reader's choice is.
  const stopFollowing = followPython(model, {
    ticked: (value) => ticksFromPython(ck, value),
    region: (value) => regionFromPython(ck, value),
  });
  // Another tab, or "Delete all", changed what is saved: show that.
  savedData.watch([ck.keys.symptoms, ck.keys.region], () => {
    loadSavedTicks(ck);
    update(ck);
  }, id);
  return stopFollowing;
}

/** What is saved now: the place, and the ticks (shown only if they are recent). */
function loadSavedTicks(ck) {
  ck.region = savedData.read(ck.keys.region).data ?? null;
  const saved = readSavedTicks(ck);
  ck.saved = saved;
  ck.fresh = isFresh(saved);
  ck.ticked.clear();
  if (ck.fresh) saved.ticked.forEach((t) => ck.ticked.add(t));
  ck.tickedOn = ck.fresh ? saved.date : null;
}

/** Where the reader is: the numbers to call follow this choice. */
function regionChoice(ck) {
  const { id } = ck;
  return element(
    "fieldset",
    { class: "cw-region" },
    element("legend", {}, ck.say("where_are_you")),
    Object.entries(ck.regions)
      .filter(([key]) => key !== "all")
      .map(([key, info]) => {
        const input = element("input", { type: "radio", name: `${id}-region`, id: `${id}-region-${key}`, value: key });
        input.checked = ck.region === key;
        input.addEventListener("change", () => chooseRegion(ck, key));
        return element("span", { class: "cw-option cw-inline" }, input, element("label", { for: `${id}-region-${key}` }, info.label));
      }),
  );
}

/** The signs, under plain headings. */
function signGroups(ck) {
  const { id, ticked } = ck;
  return Object.entries(ck.groups).map(([groupId, title]) => {
    const rows = ck.symptoms
      .filter((s) => s.group === groupId)
      .map((s) => {
        const input = element("input", { type: "checkbox", id: `${id}-${s.id}`, value: s.id, "data-level": s.level });
        input.checked = ticked.has(s.id);
        input.addEventListener("change", () => {
          if (input.checked) ticked.add(s.id);
          else ticked.delete(s.id);
          ck.tickedOn = today();
          saveTick(ck, s.id, input.checked);
          update(ck);
        });
        ck.boxes.set(s.id, input);
        return element("div", { class: "cw-option" }, input, element("label", { for: `${id}-${s.id}` }, inline(s.label)));
      });
    return rows.length ? element("fieldset", { "data-group": groupId }, element("legend", {}, title), rows) : null;
  });
}

/** The reader (or Python) chose where they are: save it, and show that place's numbers. */
function chooseRegion(ck, key) {
  ck.region = key;
  report(ck, savedData.change(ck.keys.region, () => key, ck.id), ck.say("place_not_saved"), ck.say("place_still_followed"));
  update(ck);
}

/** The ticked sign ids, in the checker's order: what the page shows, and sends back. */
const shownTicks = (ck) => ck.symptoms.filter((s) => ck.ticked.has(s.id)).map((s) => s.id);

/**
 * Python set `checker.ticked`: tick those boxes, show their result and save them with today's date,
 * as a reader's ticks are. Unknown ids are left out; a value that is not a list of ids, or names no
 * sign this checker knows, changes nothing and Python is sent back what the page shows. The page's
 * own commit (update) fires this too: the same ticks as shown change nothing.
 */
function ticksFromPython(ck, value) {
  const wanted = Array.isArray(value) ? [...new Set(value.filter((t) => ck.known.has(t)))] : [];
  if (!Array.isArray(value) || (value.length && !wanted.length)) {
    commit(ck.model, { ticked: shownTicks(ck) });
    return;
  }
  if (wanted.length === ck.ticked.size && wanted.every((t) => ck.ticked.has(t))) return;
  ck.ticked.clear();
  wanted.forEach((t) => ck.ticked.add(t));
  ck.tickedOn = wanted.length ? today() : null;
  const saved = savedData.changeReadable(ck.keys.symptoms, hasTicks, () => (wanted.length ? { ticked: wanted, date: ck.tickedOn } : null), ck.id);
  report(ck, saved);
  if (saved.ok) {
    ck.saved = readSavedTicks(ck); // what is saved now replaces any older ticks the note offered
    ck.fresh = isFresh(ck.saved);
  }
  update(ck);
}

/** Python set `checker.region`: choose that place (or "all" numbers); an unknown place changes nothing. */
function regionFromPython(ck, value) {
  const shown = ck.region || "all";
  if (value === shown) return;
  if (typeof value === "string" && Object.hasOwn(ck.regions, value)) chooseRegion(ck, value);
  else commit(ck.model, { region: shown });
}

function showSavedNote(ck) {
  const { say, saved, ticked, savedNote } = ck;
  if (ck.saveProblem) {
    savedNote.replaceChildren(element("p", { class: "cw-error" }, ck.saveProblem));
  } else if (ticked.size && ck.tickedOn) {
    savedNote.replaceChildren(element("p", {}, say("saved_on", { date: readableDate(say, ck.tickedOn) })));
  } else if (saved && !ck.fresh && !ticked.size) {
    const restore = element("button", { type: "button", class: "cw-button" }, say("show_again"));
    restore.addEventListener("click", () => {
      saved.ticked.forEach((t) => ticked.add(t));
      ck.tickedOn = saved.date;
      update(ck);
    });
    const when = saved.date ? say("on_date", { date: readableDate(say, saved.date) }) : say("some_time_ago");
    savedNote.replaceChildren(
      element("p", {}, say.count("stale_ticks", saved.ticked.length, { when, days: say.number(STALE_DAYS) })),
      restore,
    );
  } else savedNote.replaceChildren();
}

/** Save one tick or untick on top of what is saved now (another tab may have ticked more). */
function saveTick(ck, sign, on) {
  const edit = ({ data }) => {
    const stored = savedTicks(data);
    const kept = new Set(isFresh(stored) ? stored.ticked : []); // older ticks are replaced, not merged
    if (on) kept.add(sign);
    else kept.delete(sign);
    return kept.size ? { ticked: [...kept], date: today() } : null;
  };
  report(ck, savedData.changeReadable(ck.keys.symptoms, hasTicks, edit, ck.id));
}

/** A failed save is said until the next save works. */
function report(ck, saved, what = ck.say("ticks_not_saved"), rescue = ck.say("ticks_still_shown")) {
  ck.saveProblem = saved.ok ? null : notSavedMessage(saved.problem, what, rescue, ck.say);
}

function update(ck) {
  const { ticked, symptoms } = ck;
  for (const [sid, box] of ck.boxes) box.checked = ticked.has(sid);
  for (const input of ck.regionChoice.querySelectorAll("input")) input.checked = input.value === ck.region;
  const list = shownTicks(ck);
  const level = list.length ? triage(list, symptoms, ck.levels) : "";
  ck.resultRegion.replaceChildren(level ? resultView(ck, level) : "");
  showSavedNote(ck);
  commit(ck.model, { ticked: list, level, region: ck.region || "all" });
}

function resultView(ck, level) {
  const info = ck.levels[level];
  const numbers = (text) => fillNumbers(text, ck.region, ck.regions);
  const chosen = ck.symptoms.filter((s) => ck.ticked.has(s.id) && s.level === level);
  const why = element(
    "details",
    { class: "cw-why" },
    element("summary", {}, ck.say.count("why_advice", chosen.length)),
    element("ul", {}, chosen.map((s) => element("li", {}, inline(s.label), " ", sourceNote(s.source, ck.say)))),
  );
  return element(
    "div",
    { class: "cw-result", "data-level": level, "data-colour": info.colour },
    element("h4", {}, numbers(info.heading)),
    element("p", {}, inline(numbers(info.action))),
    why,
  );
}

export default { render };
