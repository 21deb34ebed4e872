// Doctor-visit summary: one printable page from the diary and the symptom checker's ticks.
// It only reads what this browser saved (and saves the notes typed here); nothing is sent.

const SYMPTOMS_KEY = "fasciculation-course:symptoms";
const VISIT_KEY = "fasciculation-course:visit";
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
  const diary = loadDiary(model.get("storage_key"), model.get("version"), fields, messages, true);
  const entries = diary.entries;
  const known = new Set(symptoms.map((s) => s.id));
  const savedTicks = store.read(SYMPTOMS_KEY, []);
  const ticked = Array.isArray(savedTicks) ? savedTicks.filter((t) => known.has(t)) : [];

  // Notes typed here: medicines, chosen questions, own questions.
  const saved = store.read(VISIT_KEY, {});
  const notes = saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
  const rows = {};
  for (const field of visitFields) {
    rows[field.name] = fieldRow(id, field, controlFor(field, { rows: 3 }));
    const [value] = checkField(field, notes[field.name], "", messages);
    rows[field.name].input.value = value ?? "";
    rows[field.name].input.addEventListener("input", () => {
      const [clean, problem] = checkField(field, rows[field.name].input.value, "", messages);
      showError(rows[field.name], problem);
      if (!problem) {
        notes[field.name] = clean;
        saveNotes();
      }
    });
  }
  const chosen = new Set(Array.isArray(notes.asked) ? notes.asked.filter((q) => SUGGESTED.includes(q)) : []);
  const questionBoxes = SUGGESTED.map((q, i) => {
    const input = H("input", { type: "checkbox", id: `${id}-q${i}` });
    input.checked = chosen.has(q);
    input.addEventListener("change", () => {
      if (input.checked) chosen.add(q);
      else chosen.delete(q);
      notes.asked = SUGGESTED.filter((s) => chosen.has(s));
      saveNotes();
    });
    return H("div", { class: "cw-option" }, input, H("label", { for: `${id}-q${i}` }, q));
  });

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
        H("fieldset", {}, H("legend", {}, "Add to your summary"), visitFields.slice(0, 1).map((f) => rows[f.name].wrap)),
        H("fieldset", {}, H("legend", {}, "Questions to ask"), questionBoxes, visitFields.slice(1).map((f) => rows[f.name].wrap)),
        printButton),
      sheet,
    ),
  );
  draw();

  function saveNotes() {
    store.write(VISIT_KEY, notes);
    draw();
  }

  function draw() {
    const day = (when) => new Date(`${when.slice(0, 10)}T12:00`).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
    const items = [];
    const section = (title, ...body) => items.push(H("h5", {}, title), ...body);
    if (!entries.length) {
      section("Twitch diary", H("p", {}, "Your diary on this device is empty. ", H("a", { href: pageLink("twitch-diary") }, "Add entries in the twitch diary"), " and they will show here."));
    } else {
      const first = entries[0].when;
      const last = entries[entries.length - 1].when;
      const spanDays = Math.max(1, Math.round((new Date(last.slice(0, 10)) - new Date(first.slice(0, 10))) / 864e5) + 1);
      const perWeek = Math.round((entries.length / spanDays) * 7 * 10) / 10;
      const areaCount = new Map();
      for (const e of entries) areaCount.set(e.area, (areaCount.get(e.area) || 0) + 1);
      const areaLabel = (a) => fields[1].choices.find((c) => c.id === a)?.label ?? a;
      const durations = entries.map((e) => e.duration_min).sort((a, b) => a - b);
      const median = durations[Math.floor((durations.length - 1) / 2)];
      section("When it started", H("p", {}, `First entry: ${day(first)}. Last entry: ${day(last)}.`));
      section("Where", H("p", {}, [...areaCount].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${areaLabel(a)} (${n})`).join(", ") + "."));
      section("How often", H("p", {}, `${plural(entries.length, "episode", "episodes")} in ${plural(spanDays, "day", "days")}: about ${perWeek} a week. A typical episode lasted ${median} ${median === 1 ? "minute" : "minutes"}.`));
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
    const flagged = symptoms.filter((s) => ticked.includes(s.id));
    const order = ["emergency", "doctor", "selfcare"];
    section("Signs ticked in the symptom checker", flagged.length
      ? H("ul", {}, order.flatMap((level) => flagged.filter((s) => s.level === level).map((s) => H("li", { "data-level": level }, `${s.label} (${levels[level].heading})`))))
      : H("p", {}, "No signs are ticked in the ", H("a", { href: pageLink("when-to-see-a-doctor#doctor-checker") }, "symptom checker"), " on this device."));
    if (flagged.some((s) => s.level === "emergency")) {
      items.push(H("p", { class: "cw-urgent" }, inline(levels.emergency.action)));
    }
    section("Medicines and supplements", H("p", { class: "cw-pre" }, notes.medicines || "None written down."));
    const questions = [...SUGGESTED.filter((q) => chosen.has(q)), ...(notes.questions ? notes.questions.split("\n").filter((q) => q.trim()) : [])];
    section("Questions to ask", questions.length ? H("ul", {}, questions.map((q) => H("li", {}, q))) : H("p", {}, "None chosen yet."));
    fill(sheet, 
      H("h4", { id: `${id}-sheet-title` }, "Muscle twitches: summary for my doctor"),
      H("p", { class: "cw-hint" }, `Made on ${new Date().toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" })} from my own notes. It is not a diagnosis.`),
      diary.problem === "unreadable" ? H("p", { role: "alert" }, "The saved diary could not be read. Open the twitch diary page to see what happened.") : null,
      items,
    );
  }
}

export default { render };
