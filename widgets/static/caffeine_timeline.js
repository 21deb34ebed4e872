// uses: appendContent, bedtimeHour, caffeineLeft, changeSavedRecord, chartDay, checkField, commit, controlFor, deleteAllControl, drinksThePageAccepts, element, entryKey, fieldRow, followPython, historyView, hourOfDay, isHalfLife, isRecord, isTodaysItem, notSavedMessage, offerUndo, readSavedList, replaceContent, savedData, savedProblemNotes, showCaffeineChart, showCaffeineSummary, showError, sourceNote, traitValues, validate, widgetSection, widgetState, withoutItem · provides: render
// Caffeine timeline: drinks over a day, caffeine left in the body, and what is left at bedtime.
// The formula is in caffeine.js (widgets/caffeine.py's twin); this file is the widget.


function render({ model, el }) {
  const tl = timelineState(model);
  const { say } = tl;
  tl.formStatus = element("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  const form = drinkForm(tl);
  const halfLifeField = sleepSettings(tl);
  tl.list = element("div", { class: "cw-drinks" });
  tl.storageNote = element("div", { class: "cw-storage-note", role: "alert" });
  tl.summary = element("div", { class: "cw-result", role: "status", "aria-live": "polite" });
  tl.chart = element("div", { class: "cw-plot", role: "img", "aria-label": say("chart_label") });
  tl.table = element("details", { class: "cw-table" });
  const sources = [...new Map(tl.menu.map((d) => [d.source.key, d.source])).values()];

  appendContent(el,
    widgetSection(tl.id, "caffeine-timeline", say("title"),
      element("p", { class: "cw-help" }, say("intro_help")),
      tl.storageNote,
      form,
      tl.formStatus,
      tl.list,
      halfLifeField,
      tl.bedRow.wrap,
      tl.summary,
      tl.chart,
      tl.table,
      element("p", { class: "cw-source" }, say("amounts"), sources.map((s, i) => [i ? say("amounts_separator") : "", sourceNote(s, say)?.lastChild ?? s.label])),
      element("p", { class: "cw-privacy" }, say("privacy_note")),
      deleteAllControl(tl.id, tl.formStatus, () => reloadTimeline(tl), tl.say),
    ),
  );
  showTimelineStorageNote(tl);
  if (tl.fromNotebook?.length) {
    const added = tl.fromNotebook.splice(0);
    saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks, ...added] }), say("saving_drink_list"));
  }
  updateTimeline(tl);
  // Another tab, or "Delete all" on this page, changed the saved drinks: show what is saved now.
  savedData.watch([tl.key], () => {
    loadDrinks(tl);
    tl.bedRow.input.value = tl.bedtime;
    tl.hl.value = tl.halfLife;
    showTimelineStorageNote(tl);
    updateTimeline(tl);
  }, tl.id);
  // Python set a trait (a live kernel): the page shows it and keeps it, as it keeps the reader's own
  // changes. The page's own commit fires these too; each handler does nothing when the value is shown.
  return followPython(model, {
    drinks: (value) => drinksFromPython(tl, value),
    half_life: (value) => halfLifeFromPython(tl, value),
    bedtime: (value) => bedtimeFromPython(tl, value),
  });
}

/** The timeline's settings from Python, and what it shows: the saved drinks, half-life and bedtime. */
function timelineState(model) {
  const tl = {
    ...widgetState(model, "caffeine-timeline"),
    num: (n) => tl.say.number(n, { useGrouping: false, maximumFractionDigits: 2 }), // mg as "1000" or "333.33"
    ...traitValues(model, "menu", "fields", "messages"),
    // What is saved, under the caffeine key: {version, drinks: [{time, mg, name, day}], half_life, bedtime}.
    key: savedData.use(model.get("storage")).caffeine,
    version: model.get("storage").versions.caffeine,
    guide: model.get("guidance"),
    range: model.get("half_life_range"),
    maxDrinks: model.get("max_drinks"),
    drinks: [], // today's
    earlier: [], // other days, and drinks saved before the tool kept days
    halfLife: model.get("half_life"),
    bedtime: model.get("bedtime"),
    loaded: null,
    saveProblem: null,
    startDrinks: (model.get("drinks") || []).slice(),
  };
  tl.byName = Object.fromEntries(tl.fields.map((f) => [f.name, f]));
  tl.today = chartDay(new Date(), tl.guide.day_start);
  loadDrinks(tl);
  return tl;
}

// Saved drinks are checked with the same rules as typed ones. What fails is left out of the
// timeline, reported, and kept in storage exactly as it was (storage.js, saved_lists.js).
function loadDrinks(tl) {
  const { fields, messages, guide, range, maxDrinks, byName } = tl;
  const loaded = readSavedList(tl.key, tl.version, "drinks", fields, messages);
  tl.loaded = loaded;
  const settings = isRecord(loaded.data) ? loaded.data : {};
  tl.today = chartDay(new Date(), guide.day_start);
  // Nothing saved: the drinks a notebook gave the widget, on first load only (not after "Delete all").
  if (loaded.raw === null || loaded.problem === "blocked") {
    tl.drinks = tl.startDrinks.splice(0).slice(0, maxDrinks).map((d) => ({ ...d, day: d.day || tl.today }));
    tl.fromNotebook = tl.drinks.slice(); // render saves them, as if the reader had added them
    tl.earlier = [];
  } else {
    const todays = loaded.items.filter((d) => d.day === tl.today);
    tl.earlier = loaded.items.filter((d) => d.day !== tl.today);
    tl.drinks = todays.slice(0, maxDrinks);
    loaded.bad += Math.max(0, todays.length - maxDrinks);
  }
  if ("half_life" in settings) {
    const v = settings.half_life;
    if (isHalfLife(v, range)) tl.halfLife = v;
    else loaded.bad += 1;
  }
  if ("bedtime" in settings) {
    const [bed] = checkField(byName.time, settings.bedtime, "", messages);
    if (bed && bed === settings.bedtime) tl.bedtime = bed;
    else loaded.bad += 1;
  }
}

/** Save one change on top of what is saved now; say so if the browser would not save it. */
function saveTimeline(tl, edit, what) {
  const result = changeSavedRecord(tl.key, tl.version, "drinks", edit, tl.id);
  tl.saveProblem = result.ok ? null : notSavedMessage(result.problem, what, tl.say("not_saved_rescue"), tl.say);
  if (result.ok) loadDrinks(tl);
  showTimelineStorageNote(tl);
  return result.ok;
}

/** What is saved now, after "Delete all". */
function reloadTimeline(tl) {
  loadDrinks(tl);
  showTimelineStorageNote(tl);
  updateTimeline(tl);
}

function showTimelineStorageNote(tl) {
  const { say } = tl;
  replaceContent(tl.storageNote,
    tl.saveProblem ? element("p", {}, tl.saveProblem) : null,
    savedProblemNotes(tl.loaded, tl.key, say("saved_file_name"),
      { unreadable: "saved_unreadable", some_bad: "saved_some_bad", blocked: "saving_blocked" }, say));
}

/** The form: a drink from the list (or another amount), its caffeine and the time. */
function drinkForm(tl) {
  const { id, menu, fields, messages, guide, byName, formStatus, say } = tl;
  const choice = element(
    "select",
    { id: `${id}-drink` },
    menu.map((d) => element("option", { value: d.id }, say("drink_option", { drink: d.label, mg: d.mg }))),
    element("option", { value: "other" }, say("other_drink_option")),
  );
  tl.choice = choice;
  const timeRow = fieldRow(id, byName.time, controlFor(byName.time, {}, say), undefined, say);
  const mgRow = fieldRow(id, byName.mg, controlFor(byName.mg, {}, say), say("mg_hint"), say);
  const now = new Date();
  timeRow.input.value = `${String(now.getHours()).padStart(2, "0")}:00`;
  mgRow.input.value = String(menu[0].mg);
  choice.addEventListener("change", () => {
    const found = menu.find((d) => d.id === choice.value);
    mgRow.input.value = found ? String(found.mg) : "";
    showError(mgRow, null);
    if (!found) mgRow.input.focus();
  });
  for (const [row, field] of [[timeRow, byName.time], [mgRow, byName.mg]]) {
    row.input.addEventListener("change", () => {
      if (!checkField(field, row.input.value, "", messages)[1]) showError(row, null); // new messages wait for "Add"
    });
  }
  const form = element(
    "form",
    { novalidate: true },
    element("fieldset", {}, element("legend", {}, say("add_a_drink")),
      element("div", { class: "cw-field" }, element("label", { for: `${id}-drink` }, say("drink_label")), choice),
      mgRow.wrap, timeRow.wrap),
    element("button", { type: "submit", class: "cw-button" }, say("add_drink")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const found = menu.find((d) => d.id === choice.value);
    const raw = { time: timeRow.input.value, mg: mgRow.input.value, name: say("another_drink"), day: chartDay(new Date(), guide.day_start) };
    const { entry, errors } = validate(fields, raw, "", messages);
    // The label follows the amount: a changed amount drops the menu's size, "(250 ml can)".
    if (found) entry.name = entry.mg === found.mg ? found.label : say("your_amount", { drink: found.label.replace(/\s*\([^)]*\)$/, "") });
    showError(timeRow, errors.time);
    showError(mgRow, errors.mg);
    if (errors.mg || errors.time) {
      formStatus.textContent = say("not_added");
      (errors.mg ? mgRow : timeRow).input.focus();
      return;
    }
    if (tl.drinks.length >= tl.maxDrinks) {
      showError(mgRow, say("too_many_drinks", { max: tl.maxDrinks }));
      return;
    }
    if (!saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks, entry] }), say("saving_drink"))) tl.drinks.push(entry);
    formStatus.textContent = say("drink_added", { drink: entry.name, mg: tl.num(entry.mg), time: entry.time });
    updateTimeline(tl);
  });
  return form;
}

/** Half-life and bedtime: the half-life field (tl.hl, tl.hlOut) and the bedtime row (tl.bedRow). */
function sleepSettings(tl) {
  const { id, range, byName, messages, say } = tl;
  const hl = element("input", { type: "range", id: `${id}-hl`, min: range[0], max: range[1], step: 0.5, value: tl.halfLife, "aria-describedby": `${id}-hl-note` });
  tl.hl = hl;
  tl.hlOut = element("output", { for: `${id}-hl`, id: `${id}-hl-out` });
  hl.addEventListener("input", () => setHalfLife(tl, Number(hl.value)));
  tl.bedField = { ...byName.time, name: "bedtime", label: say("bedtime_label") }; // its own id, not the drink time's
  const bedRow = fieldRow(id, tl.bedField, controlFor(tl.bedField, {}, tl.say), undefined, tl.say);
  tl.bedRow = bedRow;
  bedRow.input.value = tl.bedtime;
  bedRow.input.addEventListener("change", () => {
    const [value, problem] = checkField(tl.bedField, bedRow.input.value, "", messages);
    showError(bedRow, problem);
    if (!problem) setBedtime(tl, value);
  });
  return element("div", { class: "cw-field" },
    element("label", { for: `${id}-hl` }, say("half_life_label")), hl, " ", tl.hlOut,
    element("p", { class: "cw-hint", id: `${id}-hl-note` }, say("half_life_hint", { low: tl.num(range[0]), high: tl.num(range[1]) })));
}

/** A new half-life (the slider, or Python): kept, saved and shown. */
function setHalfLife(tl, halfLife) {
  tl.halfLife = halfLife;
  saveTimeline(tl, (r) => ({ ...r, half_life: halfLife }), tl.say("saving_half_life"));
  updateTimeline(tl);
}

/** A new bedtime, already checked (the reader's, or Python's): kept, saved and shown. */
function setBedtime(tl, bedtime) {
  tl.bedtime = bedtime;
  saveTimeline(tl, (r) => ({ ...r, bedtime }), tl.say("saving_bedtime"));
  updateTimeline(tl);
}

/** Python set `half_life`: the slider follows, if the value is a half-life the page accepts. */
function halfLifeFromPython(tl, value) {
  if (value === tl.halfLife) return;
  if (!isHalfLife(value, tl.range)) return tellPythonWhatIsShown(tl);
  tl.hl.value = String(value);
  setHalfLife(tl, value);
}

/** Python set `bedtime`: the bedtime field follows, if the page's rules accept the time. */
function bedtimeFromPython(tl, value) {
  if (value === tl.bedtime) return;
  if (typeof value !== "string") return tellPythonWhatIsShown(tl);
  const [bedtime, problem] = checkField(tl.bedField, value, "", tl.messages);
  if (problem) return tellPythonWhatIsShown(tl);
  if (bedtime === tl.bedtime) return;
  tl.bedRow.input.value = bedtime;
  showError(tl.bedRow, null);
  setBedtime(tl, bedtime);
}

/**
 * Python set `drinks`: they become today's drinks, in the list, the summary, the chart and what is
 * saved (other days' drinks, and saved items the tool cannot read, stay). A drink without a day is
 * today's. A list the page's rules refuse (too long, a drink that fails, another day's drink, not a
 * list of records) is ignored.
 */
function drinksFromPython(tl, value) {
  const drinks = drinksThePageAccepts(tl, value);
  const shown = (list) => JSON.stringify(list.map((d) => entryKey(d, tl.fields)).sort());
  if (!drinks) return tellPythonWhatIsShown(tl);
  if (shown(drinks) === shown(tl.drinks)) return;
  const isToday = isTodaysItem(tl);
  if (!saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks.filter((item) => !isToday(item)), ...drinks] }), tl.say("saving_drink_list"))) tl.drinks = drinks;
  updateTimeline(tl);
}

/** A value from Python the page refused: Python gets back what the page shows (it stays as it was). */
function tellPythonWhatIsShown(tl) {
  commit(tl.model, { drinks: tl.drinks.slice(), half_life: tl.halfLife, bedtime: tl.bedtime });
}

function updateTimeline(tl) {
  const { guide, halfLife, bedtime, range } = tl;
  tl.drinks.sort((a, b) => hourOfDay(a.time, guide.day_start) - hourOfDay(b.time, guide.day_start));
  commit(tl.model, { drinks: tl.drinks.slice(), half_life: halfLife, bedtime });
  tl.hlOut.textContent = tl.say.count("half_life_hours", halfLife);
  showDrinkList(tl);
  const points = tl.drinks.map((d) => [hourOfDay(d.time, guide.day_start), d.mg]);
  const bedHour = bedtimeHour(bedtime, points.map(([h]) => h), guide.day_start);
  const day = { points, bedHour, atBed: caffeineLeft(points, bedHour, halfLife, range) };
  showCaffeineSummary(tl, day);
  showCaffeineChart(tl, day);
}

function showDrinkList(tl) {
  const { list, drinks, say, num } = tl;
  replaceContent(list,
    drinks.length
      ? element("ul", { class: "cw-drink-list", "aria-label": say("drinks_today_label") }, drinks.map((d, i) => {
          const which = { drink: d.name, time: d.time };
          const remove = element("button", { type: "button", class: "cw-link-button" }, say("remove"), element("span", { class: "cw-sr" }, say("remove_which", which)));
          remove.addEventListener("click", () => {
            if (!saveTimeline(tl, withoutItem("drinks", d, tl.fields, tl.messages), say("saving_removal"))) tl.drinks.splice(i, 1);
            tl.formStatus.textContent = say("drink_removed", which);
            updateTimeline(tl);
            (list.querySelector("button") || tl.choice).focus();
          });
          return element("li", {}, element("strong", {}, d.time), say("drink_item", { drink: d.name, mg: num(d.mg) }), remove);
        }))
      : element("p", { class: "cw-help" }, say("no_drinks")),
    drinks.length ? element("button", { type: "button", class: "cw-button cw-secondary", onclick: () => clearToday(tl) }, say("clear_today")) : null,
    historyView(tl),
  );
}

/** Remove today's drinks (a fresh start), with an Undo. Other days and unreadable items stay. */
function clearToday(tl) {
  const { say } = tl;
  const removed = tl.drinks.slice();
  const isToday = isTodaysItem(tl);
  if (!saveTimeline(tl, (r) => ({ ...r, drinks: r.drinks.filter((item) => !isToday(item)) }), say("saving_clearing"))) tl.drinks = [];
  updateTimeline(tl);
  offerUndo(tl.formStatus, say.count("cleared_today", removed.length), () => {
    if (!saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks, ...removed] }), say("saving_putting_back"))) tl.drinks.push(...removed);
    updateTimeline(tl);
    return say.count("put_back", removed.length);
  }, () => tl.choice, say);
}

export default { render };
