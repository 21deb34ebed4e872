// uses: appendContent, checkField, controlFor, deleteAllControl, element, fieldRow, fillNumbers, inline, isRecord, loadDiary, notSavedMessage, pageLink, replaceContent, savedData, savedTicks, showError, traitValues, widgetSection, widgetState · provides: render
// Doctor-visit summary: one printable page from the diary and the symptom checker's ticks.
// It only reads what this browser saved (and saves the notes typed here); nothing is sent.

// The questions a reader can choose, by their names in the catalogue (a choice is saved as its words).
const SUGGESTED = ["ask_cause", "ask_tests", "ask_medicines", "ask_come_back", "ask_ease"];

function render({ model, el }) {
  const visit = { ...widgetState(model, "visit-summary"), ...traitValues(model, "fields", "visit_fields", "messages", "symptoms", "levels"), saveProblem: null };
  const { say } = visit;
  // It reads the diary, the checker's ticks and place, and keeps the notes typed here (visit).
  visit.keys = savedData.use(model.get("storage"));
  const { id, symptoms, levels } = visit;
  visit.suggested = SUGGESTED.map((name) => say(name));
  visit.known = new Set(symptoms.map((s) => s.id));
  visit.byUrgency = Object.keys(levels).sort((a, b) => levels[b].rank - levels[a].rank);
  visit.fieldNamed = Object.fromEntries(visit.visit_fields.map((f) => [f.name, f]));
  loadAll(visit);
  const { rows, questionBoxes } = noteInputs(visit);
  visit.storageNote = element("div", { class: "cw-storage-note", role: "alert" });
  const status = element("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  visit.sheet = element("div", { class: "cw-visit-summary-sheet", "aria-labelledby": `${id}-sheet-title`, role: "region" });
  const printButton = element("button", { type: "button", class: "cw-button" }, say("print"));
  printButton.addEventListener("click", () => window.print());

  appendContent(el,
    widgetSection(id, "visit-summary", say("title"),
      element("p", { class: "cw-privacy" }, say("privacy")),
      element("div", { class: "cw-visit-summary-inputs" },
        element("fieldset", {}, element("legend", {}, say("add_to_summary")), rows.started.wrap, rows.medicines.wrap),
        element("fieldset", {}, element("legend", {}, say("questions_to_ask")), questionBoxes, rows.questions.wrap),
        printButton),
      visit.storageNote,
      visit.sheet,
      status,
      deleteAllControl(id, status, () => {
        loadAll(visit);
        draw(visit);
      }, say),
    ),
  );
  draw(visit);
  // The diary, the checker or these notes changed in another tab (or "Delete all"): show that.
  savedData.watch([visit.keys.diary, visit.keys.symptoms, visit.keys.region, visit.keys.visit], () => {
    loadAll(visit);
    draw(visit);
  }, id);
}

/** Read what the diary, the checker and this page saved; nothing read here is ever rewritten. */
function loadAll(visit) {
  visit.diary = loadDiary(visit.keys.diary, visit.model.get("storage").versions.diary, visit.fields, visit.messages);
  visit.entries = visit.diary.entries;
  const saved = savedTicks(savedData.read(visit.keys.symptoms).data);
  visit.ticks = { ticked: saved ? saved.ticked.filter((t) => visit.known.has(t)) : [], date: saved?.date ?? null };
  visit.region = savedData.read(visit.keys.region).data;
  const notes = savedData.read(visit.keys.visit);
  visit.notesReadable = notes.raw === null || isRecord(notes.data);
  visit.notes = isRecord(notes.data) ? notes.data : {};
}

/** Set one note on top of what is saved now (another tab may have changed the others). */
function saveNote(visit, name, value) {
  const result = savedData.changeReadable(visit.keys.visit, isRecord, ({ data }) => ({ ...(isRecord(data) ? data : {}), [name]: value }), visit.id);
  visit.saveProblem = result.ok ? null : notSavedMessage(result.problem, visit.say("note_not_saved"), visit.say("note_on_summary"), visit.say);
  if (result.ok) loadAll(visit);
  else visit.notes = { ...visit.notes, [name]: value };
  draw(visit);
}

// A saved note of the wrong type is not shown, and is kept as it was until the reader types a new one.
const noteValue = (visit, field) => (typeof visit.notes[field.name] === "string" && checkField(field, visit.notes[field.name], "", visit.messages)[0]) || "";
const unreadableNotes = (visit) => visit.visit_fields.filter((f) => f.name in visit.notes && visit.notes[f.name] !== "" && noteValue(visit, f) !== visit.notes[f.name]);
const asked = (visit) => (Array.isArray(visit.notes.asked) ? visit.notes.asked.filter((q) => visit.suggested.includes(q)) : []);

/** Notes typed here: medicines, chosen questions, own questions. {rows, questionBoxes}. */
function noteInputs(visit) {
  const { id, messages } = visit;
  const rows = {};
  for (const field of visit.visit_fields) {
    rows[field.name] = fieldRow(id, field, controlFor(field, { rows: 3 }, visit.say), undefined, visit.say);
    rows[field.name].input.addEventListener("input", () => {
      const [clean, problem] = checkField(field, rows[field.name].input.value, "", messages);
      showError(rows[field.name], problem);
      if (!problem) saveNote(visit, field.name, clean ?? ""); // a cleared date is saved as ""
    });
  }
  const questionBoxes = visit.suggested.map((q, i) => {
    const input = element("input", { type: "checkbox", id: `${id}-q${i}` });
    input.addEventListener("change", () => {
      const chosen = new Set(asked(visit));
      if (input.checked) chosen.add(q);
      else chosen.delete(q);
      saveNote(visit, "asked", visit.suggested.filter((s) => chosen.has(s)));
    });
    return element("div", { class: "cw-option" }, input, element("label", { for: `${id}-q${i}` }, q));
  });
  visit.showInputs = () => {
    for (const field of visit.visit_fields) {
      if (document.activeElement !== rows[field.name].input) rows[field.name].input.value = noteValue(visit, field);
    }
    const chosen = asked(visit);
    questionBoxes.forEach((box, i) => (box.querySelector("input").checked = chosen.includes(visit.suggested[i])));
  };
  return { rows, questionBoxes };
}

function showStorageNote(visit) {
  const { say } = visit;
  const lines = [];
  if (visit.saveProblem) lines.push(visit.saveProblem);
  if (!visit.notesReadable) lines.push(say("notes_unreadable"));
  for (const field of visit.notesReadable ? unreadableNotes(visit) : []) lines.push(say("note_unreadable", { label: field.label }));
  replaceContent(visit.storageNote, lines.map((line) => element("p", {}, line)));
}

const LONG_DATE = { day: "numeric", month: "long", year: "numeric" };
const longDate = (say, when) => say.date(new Date(`${when.slice(0, 10)}T12:00`), LONG_DATE);

/** A catalogue text with a {link} slot, and the link put in its place. */
const withLink = (text, link) => {
  const [before, after = ""] = text.split("{link}");
  return [before, link, after];
};

/** The summary sheet, section by section, from what is saved now. */
function draw(visit) {
  visit.showInputs();
  showStorageNote(visit);
  const { say, id, diary, entries } = visit;
  const items = [];
  const section = (title, ...body) => items.push(element("h5", {}, title), ...body);
  const started = noteValue(visit, visit.fieldNamed.started);
  const diaryDates = entries.length ? say("diary_dates", { first: longDate(say, entries[0].when), last: longDate(say, entries.at(-1).when) }) : "";
  if (started || entries.length) {
    section(say("when_it_started"), element("p", {}, started ? say("started_on", { date: longDate(say, started) }) : say("started_unknown"), " ", diaryDates));
  }
  const diaryLink = (words) => element("a", { href: pageLink("twitch-diary") }, words);
  if (!entries.length) {
    section(say("twitch_diary"), element("p", {}, withLink(say("diary_empty"), diaryLink(say("diary_add_link")))));
  } else diarySections(visit, section);
  signSections(visit, section, items);
  section(say("medicines"), element("p", { class: "cw-pre" }, noteValue(visit, visit.fieldNamed.medicines) || say("none_written")));
  const own = noteValue(visit, visit.fieldNamed.questions);
  const questions = [...asked(visit), ...own.split("\n").filter((q) => q.trim())];
  section(say("questions_to_ask"), questions.length ? element("ul", {}, questions.map((q) => element("li", {}, q))) : element("p", {}, say("none_chosen")));
  replaceContent(visit.sheet,
    element("h4", { id: `${id}-sheet-title` }, say("sheet_title")),
    element("p", { class: "cw-hint" }, say("made_on", { date: say.date(new Date(), LONG_DATE) })),
    diary.problem === "unreadable" ? element("p", { role: "alert" }, say("diary_unreadable")) : null,
    diary.bad ? element("p", { role: "alert" }, withLink(say.count("diary_bad", diary.bad), diaryLink(say("diary_link")))) : null,
    items,
  );
}

/** Where, how often, the latest episodes and possible triggers, from a diary with entries. */
function diarySections(visit, section) {
  const { say, entries, fields } = visit;
  const first = entries[0].when;
  const last = entries.at(-1).when;
  const spanDays = Math.max(1, Math.round((new Date(last.slice(0, 10)) - new Date(first.slice(0, 10))) / 864e5) + 1);
  const perWeek = Math.round((entries.length / spanDays) * 7 * 10) / 10;
  const areaCount = new Map();
  for (const e of entries) areaCount.set(e.area, (areaCount.get(e.area) || 0) + 1);
  const areaChoices = fields.find((f) => f.name === "area").choices;
  const areaLabel = (a) => areaChoices.find((c) => c.id === a)?.label ?? a;
  const durations = entries.map((e) => e.duration_min).sort((a, b) => a - b);
  const median = durations[Math.floor((durations.length - 1) / 2)];
  const areas = [...areaCount].sort((a, b) => b[1] - a[1]).map(([a, n]) => say("area_count", { area: areaLabel(a), n: say.number(n) }));
  section(say("where"), element("p", {}, say("areas", { areas: areas.join(say("area_separator")) })));
  section(say("how_often"), element("p", {}, say("how_often_text", {
    episodes: say.count("episodes", entries.length),
    days: say.count("days", spanDays),
    per_week: say.number(perWeek),
    minutes: say.count("minutes", median),
  })));
  // The episodes themselves, newest first: the last 20, and how many earlier ones the diary has.
  const recent = entries.slice(-20).reverse();
  const episode = (e) => say("episode_line", { when: say.when(e.when), area: areaLabel(e.area), minutes: say.number(e.duration_min) });
  section(say("episodes_title"), element("ul", { class: "cw-episodes" }, recent.map((e) => element("li", {}, episode(e)))),
    entries.length > recent.length ? element("p", {}, say.count("earlier_episodes", entries.length - recent.length)) : null);
  const patterns = [];
  const share = (test, has, name, values = {}) => {
    const withData = entries.filter(has);
    const n = withData.filter(test).length;
    if (withData.length && n) patterns.push(say(name, { n: say.number(n), total: say.number(withData.length), ...values }));
  };
  const { short_sleep_h: sleep, high_caffeine_mg: mg, high_stress: stress } = visit.model.get("patterns");
  share((e) => e.sleep_h < sleep, (e) => e.sleep_h !== null, "after_short_sleep", { hours: say.number(sleep) });
  share((e) => e.caffeine_mg > mg, (e) => e.caffeine_mg !== null, "on_caffeine_days", { mg: say.number(mg) });
  share((e) => e.stress >= stress, (e) => e.stress !== null, "on_stress_days", { stress: say.number(stress) });
  share((e) => e.exercise === "hard", (e) => e.exercise !== "", "on_hard_exercise_days");
  section(say("possible_triggers"), patterns.length
    ? [element("ul", {}, patterns.map((p) => element("li", {}, p))), element("p", { class: "cw-hint" }, say("not_proof"))]
    : element("p", {}, say("no_pattern")));
}

/** The signs ticked in the symptom checker, most urgent first, and what to do now if any is urgent. */
function signSections(visit, section, items) {
  const { say, symptoms, ticks, levels, byUrgency } = visit;
  const flagged = symptoms.filter((s) => ticks.ticked.includes(s.id));
  const sign = (s, level) => element("li", { "data-level": level }, say("sign_level", { sign: s.label, level: levels[level].short }));
  section(say("signs_ticked"), flagged.length
    ? [
        ticks.date ? element("p", {}, say("ticked_on", { date: longDate(say, ticks.date) })) : null,
        element("ul", {}, byUrgency.flatMap((level) => flagged.filter((s) => s.level === level).map((s) => sign(s, level)))),
      ]
    : element("p", {}, withLink(say("no_signs"), element("a", { href: pageLink("when-to-see-a-doctor#doctor-checker") }, say("checker_link")))));
  const highest = byUrgency.find((level) => flagged.some((s) => s.level === level));
  if (highest && highest !== "selfcare" && highest !== "doctor") {
    const numbers = (text) => fillNumbers(text, visit.region, visit.model.get("regions"));
    items.push(element("p", { class: "cw-urgent", "data-level": highest }, element("strong", {}, say("urgent_heading", { heading: numbers(levels[highest].heading) }), " "), inline(numbers(levels[highest].action))));
  }
}

export default { render };
