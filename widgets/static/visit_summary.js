// uses: element, widgetSection, replaceContent, appendContent, inline, pageLink, plural, uid, traitValues, STORAGE_PREFIX, savedData, notSavedMessage, TICKS_KEY, REGION_KEY, savedTicks, fillNumbers, checkField, isRecord, loadDiary, fieldRow, showError, controlFor, deleteAllControl · provides: render
// Doctor-visit summary: one printable page from the diary and the symptom checker's ticks.
// It only reads what this browser saved (and saves the notes typed here); nothing is sent.

const VISIT_KEY = `${STORAGE_PREFIX}visit`; // the notes typed here: {medicines, questions, asked}
const SUGGESTED = [
  "What do you think is causing my twitches?",
  "Do I need any tests, such as a blood test?",
  "Could any of my medicines play a part?",
  "What changes should make me come back sooner?",
  "What can I do to ease the twitches?",
];

function render({ model, el }) {
  const visit = { model, id: uid("visit"), ...traitValues(model, "fields", "visit_fields", "messages", "symptoms", "levels", "storage_key"), saveProblem: null };
  const { id, symptoms, levels } = visit;
  visit.known = new Set(symptoms.map((s) => s.id));
  visit.byUrgency = Object.keys(levels).sort((a, b) => levels[b].rank - levels[a].rank);
  visit.fieldNamed = Object.fromEntries(visit.visit_fields.map((f) => [f.name, f]));
  loadAll(visit);
  const { rows, questionBoxes } = noteInputs(visit);
  visit.storageNote = element("div", { class: "cw-storage-note", role: "alert" });
  const status = element("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  visit.sheet = element("div", { class: "cw-visit-summary-sheet", "aria-labelledby": `${id}-sheet-title`, role: "region" });
  const printButton = element("button", { type: "button", class: "cw-button" }, "Print");
  printButton.addEventListener("click", () => window.print());

  appendContent(el,
    widgetSection(id, "visit-summary", "Your summary for the doctor",
      element("p", { class: "cw-privacy" }, "This summary is made here, in your browser, from what you saved on this device. Nothing leaves your device. Only you decide to print it or show it."),
      element("div", { class: "cw-visit-summary-inputs" },
        element("fieldset", {}, element("legend", {}, "Add to your summary"), rows.started.wrap, rows.medicines.wrap),
        element("fieldset", {}, element("legend", {}, "Questions to ask"), questionBoxes, rows.questions.wrap),
        printButton),
      visit.storageNote,
      visit.sheet,
      status,
      deleteAllControl(id, status, () => {
        loadAll(visit);
        draw(visit);
      }),
    ),
  );
  draw(visit);
  // The diary, the checker or these notes changed in another tab (or "Delete all"): show that.
  savedData.watch([visit.storage_key, TICKS_KEY, REGION_KEY, VISIT_KEY], () => {
    loadAll(visit);
    draw(visit);
  }, id);
}

/** Read what the diary, the checker and this page saved; nothing read here is ever rewritten. */
function loadAll(visit) {
  visit.diary = loadDiary(visit.storage_key, visit.model.get("version"), visit.fields, visit.messages);
  visit.entries = visit.diary.entries;
  const saved = savedTicks(savedData.read(TICKS_KEY).data);
  visit.ticks = { ticked: saved ? saved.ticked.filter((t) => visit.known.has(t)) : [], date: saved?.date ?? null };
  visit.region = savedData.read(REGION_KEY).data;
  const notes = savedData.read(VISIT_KEY);
  visit.notesReadable = notes.raw === null || isRecord(notes.data);
  visit.notes = isRecord(notes.data) ? notes.data : {};
}

/** Set one note on top of what is saved now (another tab may have changed the others). */
function saveNote(visit, name, value) {
  const result = savedData.changeReadable(VISIT_KEY, isRecord, ({ data }) => ({ ...(isRecord(data) ? data : {}), [name]: value }), visit.id);
  visit.saveProblem = result.ok ? null : notSavedMessage(result.problem, "Your note", "It is on the summary until you close the page: print it now to keep it.");
  if (result.ok) loadAll(visit);
  else visit.notes = { ...visit.notes, [name]: value };
  draw(visit);
}

// A saved note of the wrong type is not shown, and is kept as it was until the reader types a new one.
const noteValue = (visit, field) => (typeof visit.notes[field.name] === "string" && checkField(field, visit.notes[field.name], "", visit.messages)[0]) || "";
const unreadableNotes = (visit) => visit.visit_fields.filter((f) => f.name in visit.notes && visit.notes[f.name] !== "" && noteValue(visit, f) !== visit.notes[f.name]);
const asked = (visit) => (Array.isArray(visit.notes.asked) ? visit.notes.asked.filter((q) => SUGGESTED.includes(q)) : []);

/** Notes typed here: medicines, chosen questions, own questions. {rows, questionBoxes}. */
function noteInputs(visit) {
  const { id, messages } = visit;
  const rows = {};
  for (const field of visit.visit_fields) {
    rows[field.name] = fieldRow(id, field, controlFor(field, { rows: 3 }));
    rows[field.name].input.addEventListener("input", () => {
      const [clean, problem] = checkField(field, rows[field.name].input.value, "", messages);
      showError(rows[field.name], problem);
      if (!problem) saveNote(visit, field.name, clean ?? ""); // a cleared date is saved as ""
    });
  }
  const questionBoxes = SUGGESTED.map((q, i) => {
    const input = element("input", { type: "checkbox", id: `${id}-q${i}` });
    input.addEventListener("change", () => {
      const chosen = new Set(asked(visit));
      if (input.checked) chosen.add(q);
      else chosen.delete(q);
      saveNote(visit, "asked", SUGGESTED.filter((s) => chosen.has(s)));
    });
    return element("div", { class: "cw-option" }, input, element("label", { for: `${id}-q${i}` }, q));
  });
  visit.showInputs = () => {
    for (const field of visit.visit_fields) {
      if (document.activeElement !== rows[field.name].input) rows[field.name].input.value = noteValue(visit, field);
    }
    const chosen = asked(visit);
    questionBoxes.forEach((box, i) => (box.querySelector("input").checked = chosen.includes(SUGGESTED[i])));
  };
  return { rows, questionBoxes };
}

function showStorageNote(visit) {
  const lines = [];
  if (visit.saveProblem) lines.push(visit.saveProblem);
  if (!visit.notesReadable) lines.push("The notes saved on this page earlier could not be read. They are kept in this browser as they were.");
  for (const field of visit.notesReadable ? unreadableNotes(visit) : []) lines.push(`The saved “${field.label}” could not be read. It is kept as it was until you type a new one.`);
  replaceContent(visit.storageNote, lines.map((line) => element("p", {}, line)));
}

const longDate = (when) => new Date(`${when.slice(0, 10)}T12:00`).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

/** The summary sheet, section by section, from what is saved now. */
function draw(visit) {
  visit.showInputs();
  showStorageNote(visit);
  const { id, diary, entries } = visit;
  const items = [];
  const section = (title, ...body) => items.push(element("h5", {}, title), ...body);
  const started = noteValue(visit, visit.fieldNamed.started);
  const diaryDates = entries.length ? `First diary entry: ${longDate(entries[0].when)}. Last diary entry: ${longDate(entries.at(-1).when)}.` : "";
  if (started || entries.length) {
    section("When it started", element("p", {}, started ? `The twitching started on ${longDate(started)}. ` : "When the twitching started is not written down. ", diaryDates));
  }
  if (!entries.length) {
    section("Twitch diary", element("p", {}, "Your diary on this device is empty. ", element("a", { href: pageLink("twitch-diary") }, "Add entries in the twitch diary"), " and they will show here."));
  } else diarySections(visit, section);
  signSections(visit, section, items);
  section("Medicines and supplements", element("p", { class: "cw-pre" }, noteValue(visit, visit.fieldNamed.medicines) || "None written down."));
  const own = noteValue(visit, visit.fieldNamed.questions);
  const questions = [...asked(visit), ...own.split("\n").filter((q) => q.trim())];
  section("Questions to ask", questions.length ? element("ul", {}, questions.map((q) => element("li", {}, q))) : element("p", {}, "None chosen yet."));
  replaceContent(visit.sheet,
    element("h4", { id: `${id}-sheet-title` }, "Muscle twitches: summary for my doctor"),
    element("p", { class: "cw-hint" }, `Made on ${new Date().toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" })} from my own notes. It is not a diagnosis.`),
    diary.problem === "unreadable" ? element("p", { role: "alert" }, "The saved diary could not be read. Open the twitch diary page to see what happened.") : null,
    diary.bad ? element("p", { role: "alert" }, `${plural(diary.bad, "diary entry", "diary entries")} could not be read and ${diary.bad === 1 ? "is" : "are"} left out: open the `, element("a", { href: pageLink("twitch-diary") }, "twitch diary"), " to fix them.") : null,
    items,
  );
}

/** Where, how often, the latest episodes and possible triggers, from a diary with entries. */
function diarySections(visit, section) {
  const { entries, fields } = visit;
  const first = entries[0].when;
  const last = entries.at(-1).when;
  const spanDays = Math.max(1, Math.round((new Date(last.slice(0, 10)) - new Date(first.slice(0, 10))) / 864e5) + 1);
  const perWeek = Math.round((entries.length / spanDays) * 7 * 10) / 10;
  const areaCount = new Map();
  for (const e of entries) areaCount.set(e.area, (areaCount.get(e.area) || 0) + 1);
  const areaLabel = (a) => fields[1].choices.find((c) => c.id === a)?.label ?? a;
  const durations = entries.map((e) => e.duration_min).sort((a, b) => a - b);
  const median = durations[Math.floor((durations.length - 1) / 2)];
  section("Where", element("p", {}, [...areaCount].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${areaLabel(a)} (${n})`).join(", ") + "."));
  section("How often", element("p", {}, `${plural(entries.length, "episode", "episodes")} in ${plural(spanDays, "day", "days")}: about ${perWeek} a week. A typical episode lasted ${median} ${median === 1 ? "minute" : "minutes"}.`));
  // The episodes themselves, newest first: the last 20, and how many earlier ones the diary has.
  const recent = entries.slice(-20).reverse();
  section("Episodes", element("ul", { class: "cw-episodes" }, recent.map((e) => element("li", {}, `${e.when.replace("T", " ")} · ${areaLabel(e.area)} · ${e.duration_min} min`))),
    entries.length > recent.length ? element("p", {}, `And ${plural(entries.length - recent.length, "earlier episode", "earlier episodes")}, in the twitch diary.`) : null);
  const patterns = [];
  const share = (test, has, text) => {
    const withData = entries.filter(has);
    const n = withData.filter(test).length;
    if (withData.length && n) patterns.push(`${n} of ${withData.length} episodes ${text}.`);
  };
  share((e) => e.sleep_h < 7, (e) => e.sleep_h !== null, "came after less than 7 hours of sleep");
  share((e) => e.caffeine_mg > 400, (e) => e.caffeine_mg !== null, "were on days with more than 400 mg of caffeine");
  share((e) => e.stress >= 7, (e) => e.stress !== null, "were on days with stress of 7 or more out of 10");
  share((e) => e.exercise === "hard", (e) => e.exercise !== "", "were on days with hard exercise");
  section("Possible triggers", patterns.length
    ? [element("ul", {}, patterns.map((p) => element("li", {}, p))), element("p", { class: "cw-hint" }, "These are patterns in the diary, not proof of a cause.")]
    : element("p", {}, "The diary does not show a pattern with sleep, caffeine, stress or exercise yet."));
}

/** The signs ticked in the symptom checker, most urgent first, and what to do now if any is urgent. */
function signSections(visit, section, items) {
  const { symptoms, ticks, levels, byUrgency } = visit;
  const flagged = symptoms.filter((s) => ticks.ticked.includes(s.id));
  section("Signs ticked in the symptom checker", flagged.length
    ? [
        ticks.date ? element("p", {}, `Ticked on ${longDate(ticks.date)}.`) : null,
        element("ul", {}, byUrgency.flatMap((level) => flagged.filter((s) => s.level === level).map((s) => element("li", { "data-level": level }, `${s.label} (${levels[level].short})`)))),
      ]
    : element("p", {}, "No signs are ticked in the ", element("a", { href: pageLink("when-to-see-a-doctor#doctor-checker") }, "symptom checker"), " on this device."));
  const highest = byUrgency.find((level) => flagged.some((s) => s.level === level));
  if (highest && highest !== "selfcare" && highest !== "doctor") {
    const numbers = (text) => fillNumbers(text, visit.region, visit.model.get("regions"));
    items.push(element("p", { class: "cw-urgent", "data-level": highest }, element("strong", {}, numbers(levels[highest].heading), ". "), inline(numbers(levels[highest].action))));
  }
}

export default { render };
