// uses: element, widgetSection, replaceContent, appendContent, sourceNote, plural, uid, traitValues, commit, STORAGE_PREFIX, savedData, notSavedMessage, checkField, validateFields, isRecord, readSavedList, checkSaved, changeSavedRecord, withoutItem, fieldRow, showError, controlFor, deleteAllControl, offerUndo, savedProblemNotes, drawPlot, caffeineLeft, hourOfDay, bedtimeHour, latestStopHour, chartDay, clockOf · provides: render
// Caffeine timeline: drinks over a day, caffeine left in the body, and what is left at bedtime.
// The formula is in caffeine.js (widgets/caffeine.py's twin); this file is the widget.

const CAFFEINE_KEY = `${STORAGE_PREFIX}caffeine`;
const CAFFEINE_VERSION = 1; // what is saved: {version, drinks: [{time, mg, name, day}], half_life, bedtime}

function render({ model, el }) {
  const tl = timelineState(model);
  tl.formStatus = element("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  const form = drinkForm(tl);
  const { halfLifeField, bedRow } = sleepSettings(tl);
  tl.list = element("div", { class: "cw-drinks" });
  tl.storageNote = element("div", { class: "cw-storage-note", role: "alert" });
  tl.summary = element("div", { class: "cw-result", role: "status", "aria-live": "polite" });
  tl.chart = element("div", { class: "cw-plot", role: "img", "aria-label": "Chart of caffeine in your body over the day. The same numbers are in the table below it." });
  tl.table = element("details", { class: "cw-table" });
  const sources = [...new Map(tl.menu.map((d) => [d.source.key, d.source])).values()];

  appendContent(el,
    widgetSection(tl.id, "caffeine-timeline", "Your caffeine timeline",
      element("p", { class: "cw-help" }, "Add what you drank today. The chart shows how much caffeine is still in your body through the day and night. Times before 04:00 count as after midnight. Each day starts empty at 04:00; earlier days are kept under “Earlier days”."),
      tl.storageNote,
      form,
      tl.formStatus,
      tl.list,
      halfLifeField,
      bedRow.wrap,
      tl.summary,
      tl.chart,
      tl.table,
      element("p", { class: "cw-source" }, "Amounts: ", sources.map((s, i) => [i ? ", " : "", sourceNote(s)?.lastChild ?? s.label])),
      element("p", { class: "cw-privacy" }, "Your drinks stay in this browser on this device. Nothing is sent anywhere."),
      deleteAllControl(tl.id, tl.formStatus, () => reloadTimeline(tl)),
    ),
  );
  showTimelineStorageNote(tl);
  updateTimeline(tl);
  // Another tab, or "Delete all" on this page, changed the saved drinks: show what is saved now.
  savedData.watch([CAFFEINE_KEY], () => {
    loadDrinks(tl);
    bedRow.input.value = tl.bedtime;
    tl.hl.value = tl.halfLife;
    showTimelineStorageNote(tl);
    updateTimeline(tl);
  }, tl.id);
}

/** The timeline's settings from Python, and what it shows: the saved drinks, half-life and bedtime. */
function timelineState(model) {
  const tl = {
    model,
    id: uid("caffeine"),
    ...traitValues(model, "menu", "fields", "messages"),
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
  const loaded = readSavedList(CAFFEINE_KEY, CAFFEINE_VERSION, "drinks", fields, messages);
  tl.loaded = loaded;
  const settings = isRecord(loaded.data) ? loaded.data : {};
  tl.today = chartDay(new Date(), guide.day_start);
  // Nothing saved: the drinks a notebook gave the widget, on first load only (not after "Delete all").
  if (loaded.raw === null || loaded.problem === "blocked") {
    tl.drinks = tl.startDrinks.splice(0).slice(0, maxDrinks).map((d) => ({ ...d, day: d.day || tl.today }));
    tl.earlier = [];
  } else {
    const todays = loaded.items.filter((d) => d.day === tl.today);
    tl.earlier = loaded.items.filter((d) => d.day !== tl.today);
    tl.drinks = todays.slice(0, maxDrinks);
    loaded.bad += Math.max(0, todays.length - maxDrinks);
  }
  if ("half_life" in settings) {
    const v = settings.half_life;
    if (typeof v === "number" && v >= range[0] && v <= range[1]) tl.halfLife = v;
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
  const result = changeSavedRecord(CAFFEINE_KEY, CAFFEINE_VERSION, "drinks", edit, tl.id);
  tl.saveProblem = result.ok ? null : notSavedMessage(result.problem, what, "The timeline on this page still shows it until you close the page.");
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
  replaceContent(tl.storageNote,
    tl.saveProblem ? element("p", {}, tl.saveProblem) : null,
    savedProblemNotes(tl.loaded, CAFFEINE_KEY, "caffeine-timeline-saved.json", {
      unreadable: "What this tool saved earlier could not be read (it may come from another version of this course or be damaged). It is kept in this browser as it is. When you add a drink, a copy of it is kept first.",
      item: ["saved value", "saved values"],
      left: "not used",
      blocked: "This browser does not let the page save anything, so your drinks go when you close the page.",
    }));
}

/** The form: a drink from the list (or another amount), its caffeine and the time. */
function drinkForm(tl) {
  const { id, menu, fields, messages, guide, byName, formStatus } = tl;
  const choice = element(
    "select",
    { id: `${id}-drink` },
    menu.map((d) => element("option", { value: d.id }, `${d.label} — about ${d.mg} mg`)),
    element("option", { value: "other" }, "Another drink (type the amount)"),
  );
  tl.choice = choice;
  const timeRow = fieldRow(id, byName.time, controlFor(byName.time));
  const mgRow = fieldRow(id, byName.mg, controlFor(byName.mg), "Filled in from the list. Change it if your drink says otherwise.");
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
    element("fieldset", {}, element("legend", {}, "Add a drink"),
      element("div", { class: "cw-field" }, element("label", { for: `${id}-drink` }, "Drink"), choice),
      mgRow.wrap, timeRow.wrap),
    element("button", { type: "submit", class: "cw-button" }, "Add drink"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const found = menu.find((d) => d.id === choice.value);
    const raw = { time: timeRow.input.value, mg: mgRow.input.value, name: "Another drink", day: chartDay(new Date(), guide.day_start) };
    const { entry, errors } = validateFields(fields, raw, "", messages);
    // The label follows the amount: a changed amount drops the menu's size, "(250 ml can)".
    if (found) entry.name = entry.mg === found.mg ? found.label : `${found.label.replace(/\s*\([^)]*\)$/, "")} (your amount)`;
    showError(timeRow, errors.time);
    showError(mgRow, errors.mg);
    if (errors.mg || errors.time) {
      formStatus.textContent = "Not added yet: please fix the field marked above.";
      (errors.mg ? mgRow : timeRow).input.focus();
      return;
    }
    if (tl.drinks.length >= tl.maxDrinks) {
      showError(mgRow, `The timeline holds at most ${tl.maxDrinks} drinks. Remove one first.`);
      return;
    }
    if (!saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks, entry] }), "Your drink")) tl.drinks.push(entry);
    formStatus.textContent = `Added: ${entry.name}, ${entry.mg} mg at ${entry.time}.`;
    updateTimeline(tl);
  });
  return form;
}

/** Half-life and bedtime: {halfLifeField, bedRow}. */
function sleepSettings(tl) {
  const { id, range, byName, messages } = tl;
  const hl = element("input", { type: "range", id: `${id}-hl`, min: range[0], max: range[1], step: 0.5, value: tl.halfLife, "aria-describedby": `${id}-hl-note` });
  tl.hl = hl;
  tl.hlOut = element("output", { for: `${id}-hl`, id: `${id}-hl-out` });
  hl.addEventListener("input", () => {
    tl.halfLife = Number(hl.value);
    saveTimeline(tl, (r) => ({ ...r, half_life: tl.halfLife }), "Your half-life setting");
    updateTimeline(tl);
  });
  const bedField = { ...byName.time, name: "bedtime", label: "Bedtime" }; // its own id, not the drink time's
  const bedRow = fieldRow(id, bedField, controlFor(bedField));
  bedRow.input.value = tl.bedtime;
  bedRow.input.addEventListener("change", () => {
    const [value, problem] = checkField(bedField, bedRow.input.value, "", messages);
    showError(bedRow, problem);
    if (!problem) {
      tl.bedtime = value;
      saveTimeline(tl, (r) => ({ ...r, bedtime: tl.bedtime }), "Your bedtime");
      updateTimeline(tl);
    }
  });
  const halfLifeField = element("div", { class: "cw-field" },
    element("label", { for: `${id}-hl` }, "Half-life: hours your body takes to clear half the caffeine"), hl, " ", tl.hlOut,
    element("p", { class: "cw-hint", id: `${id}-hl-note` }, "Most adults: about 5 hours. It can be 1.5 to 9.5. It is longer in pregnancy and with the contraceptive pill, and shorter in people who smoke."));
  return { halfLifeField, bedRow };
}

function updateTimeline(tl) {
  const { guide, halfLife, bedtime, range } = tl;
  tl.drinks.sort((a, b) => hourOfDay(a.time, guide.day_start) - hourOfDay(b.time, guide.day_start));
  commit(tl.model, { drinks: tl.drinks.slice(), half_life: halfLife, bedtime });
  tl.hlOut.textContent = `${halfLife} hours`;
  showDrinkList(tl);
  const points = tl.drinks.map((d) => [hourOfDay(d.time, guide.day_start), d.mg]);
  const bedHour = bedtimeHour(bedtime, points.map(([h]) => h), guide.day_start);
  const day = { points, bedHour, atBed: caffeineLeft(points, bedHour, halfLife, range) };
  showCaffeineSummary(tl, day);
  showCaffeineChart(tl, day);
}

function showDrinkList(tl) {
  const { list, drinks } = tl;
  replaceContent(list,
    drinks.length
      ? element("ul", { class: "cw-drink-list", "aria-label": "Your drinks today" }, drinks.map((d, i) => {
          const remove = element("button", { type: "button", class: "cw-link-button" }, "Remove", element("span", { class: "cw-sr" }, ` ${d.name} at ${d.time}`));
          remove.addEventListener("click", () => {
            if (!saveTimeline(tl, withoutItem("drinks", d, tl.fields, tl.messages), "Removing the drink")) tl.drinks.splice(i, 1);
            tl.formStatus.textContent = `Removed: ${d.name} at ${d.time}.`;
            updateTimeline(tl);
            (list.querySelector("button") || tl.choice).focus();
          });
          return element("li", {}, element("strong", {}, d.time), ` ${d.name}: ${d.mg} mg `, remove);
        }))
      : element("p", { class: "cw-help" }, "No drinks added yet today. Your chart appears when you add your first drink."),
    drinks.length ? element("button", { type: "button", class: "cw-button cw-secondary", onclick: () => clearToday(tl) }, "Clear today's drinks") : null,
    historyView(tl.earlier),
  );
}

/** Remove today's drinks (a fresh start), with an Undo. Other days and unreadable items stay. */
function clearToday(tl) {
  const removed = tl.drinks.slice();
  const isToday = (item) => checkSaved(tl.fields, item, tl.messages)?.day === tl.today;
  if (!saveTimeline(tl, (r) => ({ ...r, drinks: r.drinks.filter((item) => !isToday(item)) }), "Clearing today's drinks")) tl.drinks = [];
  updateTimeline(tl);
  offerUndo(tl.formStatus, `Cleared today's ${plural(removed.length, "drink", "drinks")}.`, () => {
    if (!saveTimeline(tl, (r) => ({ ...r, drinks: [...r.drinks, ...removed] }), "Putting the drinks back")) tl.drinks.push(...removed);
    updateTimeline(tl);
    return `Put back ${plural(removed.length, "drink", "drinks")}.`;
  }, () => tl.choice);
}

/** Earlier days, newest first: how many drinks and how much caffeine. They do not count today. */
function historyView(earlier) {
  if (!earlier.length) return null;
  const byDay = new Map();
  for (const d of earlier) byDay.set(d.day || "", [...(byDay.get(d.day || "") || []), d]);
  const days = [...byDay.keys()].sort().reverse(); // undated ones ("") last
  const dayName = (day) => new Date(`${day}T12:00`).toLocaleDateString(document.documentElement.lang || undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return element("details", { class: "cw-history" },
    element("summary", {}, `Earlier days (${plural(days.length, "day", "days")})`),
    element("ul", {}, days.map((day) => {
      const list = byDay.get(day);
      return element("li", {}, element("strong", {}, day ? dayName(day) : "Saved before this tool kept dates"),
        `: ${plural(list.length, "drink", "drinks")}, ${Math.round(list.reduce((a, d) => a + d.mg, 0))} mg`);
    })),
    element("p", { class: "cw-hint" }, "Earlier days do not count towards today. “Delete all my data” below removes them."));
}

/** Today's total, what is left at bedtime, what to change, and what goes past the experts' limits. */
function showCaffeineSummary(tl, { points, bedHour, atBed }) {
  const { drinks, guide, bedtime, summary } = tl;
  const total = drinks.reduce((a, d) => a + d.mg, 0);
  const biggest = drinks.reduce((a, d) => (d.mg > a.mg ? d : a), { mg: 0 });
  // Two or more drinks within an hour of each other count as one dose: two mugs in a row.
  const together = points.map(([h]) => points.filter(([other]) => other >= h && other - h <= guide.one_time_hours));
  const atOneTime = Math.max(0, ...together.filter((g) => g.length > 1).map((g) => g.reduce((a, [, m]) => a + m, 0)));
  const flags = [];
  if (total > guide.daily_mg) flags.push(`Your drinks add up to more than ${guide.daily_mg} mg, the most a day that experts link to no harm in healthy adults.`);
  if (biggest.mg > guide.single_dose_mg) flags.push(`One drink (${biggest.name}, ${biggest.mg} mg) has more than ${guide.single_dose_mg} mg. Experts advise no more than ${guide.single_dose_mg} mg at one time.`);
  if (atOneTime > guide.single_dose_mg) flags.push(`Drinks you had within an hour of each other add up to ${Math.round(atOneTime)} mg. Experts advise no more than ${guide.single_dose_mg} mg at one time.`);
  if (atBed >= guide.bedtime_mg) flags.push(`About ${guide.bedtime_mg} mg or more near bedtime can make it harder to fall asleep and shorten your sleep.`);
  summary.dataset.level = flags.length ? "doctor" : "selfcare";
  replaceContent(summary,
    element("p", {}, element("strong", {}, `Today: ${Math.round(total)} mg of caffeine. `), `At bedtime (${bedtime}) about ${Math.round(atBed)} mg is still in your body.`),
    drinks.length ? element("p", { class: "cw-advice" }, bedtimeAdvice(tl, points, bedHour, atBed, biggest)) : null,
    flags.length ? element("ul", { class: "cw-flags" }, flags.map((f) => element("li", {}, f))) : drinks.length ? element("p", {}, `This is within the ${guide.daily_mg} mg a day and ${guide.single_dose_mg} mg at one time that experts give for healthy adults who are not pregnant.`) : null,
    total > guide.pregnancy_daily_mg ? element("p", { class: "cw-pregnancy" }, `If you are pregnant, experts advise no more than ${guide.pregnancy_daily_mg} mg a day. Your drinks add up to more than that.`) : null,
  );
}

/** One line on what to change: the time by which to stop for under the bedtime limit. */
function bedtimeAdvice(tl, points, bedHour, atBed, biggest) {
  const limit = tl.guide.bedtime_mg;
  if (atBed < limit) return `That is under the ${limit} mg near bedtime that can make sleep harder.`;
  const stop = latestStopHour(points, bedHour, tl.halfLife, limit, tl.guide.day_start, 0.25, tl.range);
  if (stop === null) return [element("strong", {}, "What to change: "), `even if you had all of it first thing in the morning, ${limit} mg or more would be left at bedtime. To sleep better, have less: for example, leave out your largest drink (${biggest.name}, ${biggest.mg} mg).`];
  return [element("strong", {}, "What to change: "), `to keep bedtime caffeine under ${limit} mg, have your last caffeine by ${clockOf(stop)}. Move later drinks to before then, or leave them out.`];
}

/** The chart of the day (from the day's start to bedtime), and the same numbers as a table. */
function showCaffeineChart(tl, { points, bedHour, atBed }) {
  const { guide, halfLife, range, bedtime, chart, table } = tl;
  const start = guide.day_start;
  const span = Math.max(24, Math.ceil(bedHour - start) + 1); // the chart reaches bedtime, even after dawn
  const rightHalf = bedHour > start + span / 2;
  const hours = Array.from({ length: span * 4 + 1 }, (_, i) => start + i / 4);
  const mg = hours.map((t) => caffeineLeft(points, t, halfLife, range));
  const every2 = hours.filter((_, i) => i % 8 === 0);
  replaceContent(table,
    element("summary", {}, "The chart as a table"),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Time"), element("th", { scope: "col" }, "Caffeine in your body (mg)"))),
      element("tbody", {}, every2.map((t) => element("tr", {}, element("th", { scope: "row" }, clockOf(t)), element("td", {}, String(Math.round(caffeineLeft(points, t, halfLife, range))))))),
      element("tfoot", {}, element("tr", {}, element("th", { scope: "row" }, `Bedtime ${bedtime}`), element("td", {}, String(Math.round(atBed)))))),
  );
  // No drinks, no chart: plotly.js (about 400 kB) loads only once there is something to draw.
  chart.hidden = table.hidden = !tl.drinks.length;
  if (!tl.drinks.length) return;
  const ticks = Array.from({ length: Math.floor(span / 4) + 1 }, (_, i) => start + i * 4);
  drawPlot(tl.model, chart, (c) => ({
    data: [
      { type: "scatter", mode: "lines", x: hours, y: mg, fill: "tozeroy", fillcolor: c.fill, line: { color: c.line, width: 3 }, name: "Caffeine",
        text: hours.map(clockOf), hovertemplate: "%{text}: %{y:.0f} mg<extra></extra>" },
      { type: "scatter", mode: "markers", x: [bedHour], y: [atBed], marker: { color: c.warn, size: 10, symbol: "diamond" }, name: "Bedtime",
        hovertemplate: `Bedtime ${bedtime}: %{y:.0f} mg<extra></extra>` },
    ],
    layout: {
      height: 300, margin: { l: 50, r: 12, t: 24, b: 40 }, showlegend: false,
      xaxis: { range: [start, start + span], tickvals: ticks, ticktext: ticks.map(clockOf), fixedrange: true, title: { text: "Time of day" } },
      yaxis: { rangemode: "tozero", title: { text: "mg in your body" }, fixedrange: true },
      shapes: [{ type: "line", x0: bedHour, x1: bedHour, yref: "paper", y0: 0, y1: 1, line: { color: c.warn, dash: "dot", width: 2 } }],
      annotations: [{ x: bedHour, y: 1, yref: "paper", text: `Bedtime: ${Math.round(atBed)} mg`, showarrow: false, yanchor: "bottom", xanchor: rightHalf ? "right" : "left", font: { color: c.warn } }],
    },
  }));
}

export default { render };
