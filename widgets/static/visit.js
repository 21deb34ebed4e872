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
  const id = uid("visit");
  const fields = model.get("fields");
  const visitFields = model.get("visit_fields");
  const messages = model.get("messages");
  const symptoms = model.get("symptoms");
  const levels = model.get("levels");
  const diaryKey = model.get("storage_key");
  const known = new Set(symptoms.map((s) => s.id));
  const byUrgency = Object.keys(levels).sort((a, b) => levels[b].rank - levels[a].rank);
  const fieldNamed = Object.fromEntries(visitFields.map((f) => [f.name, f]));
  let diary, entries, ticks, region, notes, notesReadable, saveProblem = null;

  /** Read what the diary, the checker and this page saved; nothing read here is ever rewritten. */
  function loadAll() {
    diary = loadDiary(diaryKey, model.get("version"), fields, messages);
    entries = diary.entries;
    const saved = savedTicks(savedData.read(TICKS_KEY).data);
    ticks = { ticked: saved ? saved.ticked.filter((t) => known.has(t)) : [], date: saved?.date ?? null };
    region = savedData.read(REGION_KEY).data;
    const visit = savedData.read(VISIT_KEY);
    notesReadable = visit.raw === null || isRecord(visit.data);
    notes = isRecord(visit.data) ? visit.data : {};
  }
  loadAll();

  /** Set one note on top of what is saved now (another tab may have changed the others). */
  function saveNote(name, value) {
    const result = savedData.changeReadable(VISIT_KEY, isRecord, ({ data }) => ({ ...(isRecord(data) ? data : {}), [name]: value }), id);
    saveProblem = result.ok ? null : notSavedMessage(result.problem, "Your note", "It is on the summary until you close the page: print it now to keep it.");
    if (result.ok) loadAll();
    else notes = { ...notes, [name]: value };
    draw();
  }

  // Notes typed here: medicines, chosen questions, own questions. A saved note of the wrong type
  // is not shown, and is kept as it was until the reader types a new one.
  const rows = {};
  for (const field of visitFields) {
    rows[field.name] = fieldRow(id, field, controlFor(field, { rows: 3 }));
    rows[field.name].input.addEventListener("input", () => {
      const [clean, problem] = checkField(field, rows[field.name].input.value, "", messages);
      showError(rows[field.name], problem);
      if (!problem) saveNote(field.name, clean ?? ""); // a cleared date is saved as ""
    });
  }
  const noteValue = (field) => (typeof notes[field.name] === "string" && checkField(field, notes[field.name], "", messages)[0]) || "";
  const unreadableNotes = () => visitFields.filter((f) => f.name in notes && notes[f.name] !== "" && noteValue(f) !== notes[f.name]);
  const asked = () => (Array.isArray(notes.asked) ? notes.asked.filter((q) => SUGGESTED.includes(q)) : []);
  const questionBoxes = SUGGESTED.map((q, i) => {
    const input = H("input", { type: "checkbox", id: `${id}-q${i}` });
    input.addEventListener("change", () => {
      const chosen = new Set(asked());
      if (input.checked) chosen.add(q);
      else chosen.delete(q);
      saveNote("asked", SUGGESTED.filter((s) => chosen.has(s)));
    });
    return H("div", { class: "cw-option" }, input, H("label", { for: `${id}-q${i}` }, q));
  });
  function showInputs() {
    for (const field of visitFields) {
      if (document.activeElement !== rows[field.name].input) rows[field.name].input.value = noteValue(field);
    }
    const chosen = asked();
    questionBoxes.forEach((box, i) => (box.querySelector("input").checked = chosen.includes(SUGGESTED[i])));
  }
  const storageNote = H("div", { class: "cw-storage-note", role: "alert" });
  const status = H("p", { class: "cw-status", role: "status", "aria-live": "polite" });

  const sheet = H("div", { class: "cw-visit-sheet", "aria-labelledby": `${id}-sheet-title`, role: "region" });
  const printButton = H("button", { type: "button", class: "cw-button" }, "Print");
  printButton.addEventListener("click", () => window.print());

  add(el, 
    H(
      "section",
      { class: "cw cw-visit", "data-widget": "visit-summary", "aria-labelledby": `${id}-title` },
      H("h3", { id: `${id}-title`, class: "cw-title" }, "Your summary for the doctor"),
      H("p", { class: "cw-privacy" }, "This summary is made here, in your browser, from what you saved on this device. Nothing leaves your device. Only you decide to print it or show it."),
      H("div", { class: "cw-visit-inputs" },
        H("fieldset", {}, H("legend", {}, "Add to your summary"), rows.started.wrap, rows.medicines.wrap),
        H("fieldset", {}, H("legend", {}, "Questions to ask"), questionBoxes, rows.questions.wrap),
        printButton),
      storageNote,
      sheet,
      status,
      deleteAllControl(id, status, () => {
        loadAll();
        draw();
      }),
    ),
  );
  draw();
  // The diary, the checker or these notes changed in another tab (or "Delete all"): show that.
  savedData.watch([diaryKey, TICKS_KEY, REGION_KEY, VISIT_KEY], () => {
    loadAll();
    draw();
  }, id);

  function showStorageNote() {
    const lines = [];
    if (saveProblem) lines.push(saveProblem);
    if (!notesReadable) lines.push("The notes saved on this page earlier could not be read. They are kept in this browser as they were.");
    for (const field of notesReadable ? unreadableNotes() : []) lines.push(`The saved “${field.label}” could not be read. It is kept as it was until you type a new one.`);
    fill(storageNote, lines.map((line) => H("p", {}, line)));
  }

  function draw() {
    showInputs();
    showStorageNote();
    const day = (when) => new Date(`${when.slice(0, 10)}T12:00`).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
    const items = [];
    const section = (title, ...body) => items.push(H("h5", {}, title), ...body);
    const started = noteValue(fieldNamed.started);
    const first = entries[0]?.when;
    const last = entries.at(-1)?.when;
    const diaryDates = entries.length ? `First diary entry: ${day(first)}. Last diary entry: ${day(last)}.` : "";
    if (started || entries.length) {
      section("When it started", H("p", {}, started ? `The twitching started on ${day(started)}. ` : "When the twitching started is not written down. ", diaryDates));
    }
    if (!entries.length) {
      section("Twitch diary", H("p", {}, "Your diary on this device is empty. ", H("a", { href: pageLink("twitch-diary") }, "Add entries in the twitch diary"), " and they will show here."));
    } else {
      const spanDays = Math.max(1, Math.round((new Date(last.slice(0, 10)) - new Date(first.slice(0, 10))) / 864e5) + 1);
      const perWeek = Math.round((entries.length / spanDays) * 7 * 10) / 10;
      const areaCount = new Map();
      for (const e of entries) areaCount.set(e.area, (areaCount.get(e.area) || 0) + 1);
      const areaLabel = (a) => fields[1].choices.find((c) => c.id === a)?.label ?? a;
      const durations = entries.map((e) => e.duration_min).sort((a, b) => a - b);
      const median = durations[Math.floor((durations.length - 1) / 2)];
      section("Where", H("p", {}, [...areaCount].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${areaLabel(a)} (${n})`).join(", ") + "."));
      section("How often", H("p", {}, `${plural(entries.length, "episode", "episodes")} in ${plural(spanDays, "day", "days")}: about ${perWeek} a week. A typical episode lasted ${median} ${median === 1 ? "minute" : "minutes"}.`));
      // The episodes themselves, newest first: the last 20, and how many earlier ones the diary has.
      const recent = entries.slice(-20).reverse();
      section("Episodes", H("ul", { class: "cw-episodes" }, recent.map((e) => H("li", {}, `${e.when.replace("T", " ")} · ${areaLabel(e.area)} · ${e.duration_min} min`))),
        entries.length > recent.length ? H("p", {}, `And ${plural(entries.length - recent.length, "earlier episode", "earlier episodes")}, in the twitch diary.`) : null);
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
        ? [H("ul", {}, patterns.map((p) => H("li", {}, p))), H("p", { class: "cw-hint" }, "These are patterns in the diary, not proof of a cause.")]
        : H("p", {}, "The diary does not show a pattern with sleep, caffeine, stress or exercise yet."));
    }
    const flagged = symptoms.filter((s) => ticks.ticked.includes(s.id));
    section("Signs ticked in the symptom checker", flagged.length
      ? [
          ticks.date ? H("p", {}, `Ticked on ${day(ticks.date)}.`) : null,
          H("ul", {}, byUrgency.flatMap((level) => flagged.filter((s) => s.level === level).map((s) => H("li", { "data-level": level }, `${s.label} (${levels[level].short})`)))),
        ]
      : H("p", {}, "No signs are ticked in the ", H("a", { href: pageLink("when-to-see-a-doctor#doctor-checker") }, "symptom checker"), " on this device."));
    const highest = byUrgency.find((level) => flagged.some((s) => s.level === level));
    if (highest && highest !== "selfcare" && highest !== "doctor") {
      const numbers = (text) => fillNumbers(text, region, model.get("regions"));
      items.push(H("p", { class: "cw-urgent", "data-level": highest }, H("strong", {}, numbers(levels[highest].heading), ". "), inline(numbers(levels[highest].action))));
    }
    section("Medicines and supplements", H("p", { class: "cw-pre" }, noteValue(fieldNamed.medicines) || "None written down."));
    const own = noteValue(fieldNamed.questions);
    const questions = [...asked(), ...own.split("\n").filter((q) => q.trim())];
    section("Questions to ask", questions.length ? H("ul", {}, questions.map((q) => H("li", {}, q))) : H("p", {}, "None chosen yet."));
    fill(sheet, 
      H("h4", { id: `${id}-sheet-title` }, "Muscle twitches: summary for my doctor"),
      H("p", { class: "cw-hint" }, `Made on ${new Date().toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" })} from my own notes. It is not a diagnosis.`),
      diary.problem === "unreadable" ? H("p", { role: "alert" }, "The saved diary could not be read. Open the twitch diary page to see what happened.") : null,
      diary.bad ? H("p", { role: "alert" }, `${plural(diary.bad, "diary entry", "diary entries")} could not be read and ${diary.bad === 1 ? "is" : "are"} left out: open the `, H("a", { href: pageLink("twitch-diary") }, "twitch diary"), " to fix them.") : null,
      items,
    );
  }
}

export default { render };
