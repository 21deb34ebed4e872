// Caffeine timeline: drinks over a day, caffeine left in the body, and what is left at bedtime.
// The formula is widgets/caffeine.py's caffeine_left, repeated here; a test proves they agree.

/** Milligrams in the body at `hour`, for drinks given as [hour taken, mg] (caffeine.py: caffeine_left). */
function caffeineLeft(drinks, hour, halfLife, range = [1.5, 9.5]) {
  if (!(range[0] <= halfLife && halfLife <= range[1])) throw new Error(`half-life must be between ${range[0]} and ${range[1]} hours`);
  let total = 0;
  for (const [taken, mg] of drinks) if (taken <= hour) total += mg * 0.5 ** ((hour - taken) / halfLife);
  return total;
}

/** 'HH:MM' -> hours past the midnight that starts the chart's day (caffeine.py: hour_of_day). */
function hourOfDay(clock, dayStart) {
  const [hours, minutes] = clock.split(":").map(Number);
  const hour = hours + minutes / 60;
  return hour < dayStart ? hour + 24 : hour;
}

/** Bedtime as a real clock time after the last drink: the first time its clock reading comes round
 * at or after it (caffeine.py: bedtime_hour). A drink at 02:00 and bed at 06:00 is 4 hours later. */
function bedtimeHour(bedtime, drinkHours, dayStart) {
  let hour = hourOfDay(bedtime, dayStart);
  const last = Math.max(-Infinity, ...drinkHours);
  while (hour < last) hour += 24;
  return hour;
}

/** The latest time by which to have the last caffeine so that under `limit` mg is left at bedtime,
 * if every later drink were had then instead; null if not even at dayStart (caffeine.py: latest_stop_hour). */
function latestStopHour(drinks, bedHour, halfLife, limit, dayStart, step = 0.25, range = [1.5, 9.5]) {
  const last = Math.max(dayStart, ...drinks.map(([taken]) => taken));
  let best = null;
  for (let i = 0; i <= Math.floor((last - dayStart) / step); i++) {
    const stop = dayStart + i * step;
    const moved = drinks.map(([taken, mg]) => [Math.min(taken, stop), mg]);
    if (caffeineLeft(moved, bedHour, halfLife, range) >= limit) break;
    best = stop;
  }
  return best;
}

/** The chart's day a moment belongs to, as YYYY-MM-DD: the local date `dayStart` hours earlier,
 * so a drink at 01:30 belongs to the evening before. */
function chartDay(date, dayStart) {
  const d = new Date(date.getTime() - dayStart * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function clockOf(hour) {
  const total = Math.round(hour * 60) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

window.courseTools = Object.assign(window.courseTools || {}, { caffeineLeft, hourOfDay, bedtimeHour, latestStopHour, chartDay });

const CAFFEINE_KEY = `${STORAGE_PREFIX}caffeine`;
const CAFFEINE_VERSION = 1; // what is saved: {version, drinks: [{time, mg, name, day}], half_life, bedtime}

function render({ model, el }) {
  const id = uid("caffeine");
  const menu = model.get("menu");
  const fields = model.get("fields");
  const messages = model.get("messages");
  const guide = model.get("guidance");
  const range = model.get("half_life_range");
  const maxDrinks = model.get("max_drinks");
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));

  // Saved drinks are checked with the same rules as typed ones. What fails is left out of the
  // timeline, reported, and kept in storage exactly as it was (storage.js, tools-shared.js).
  let drinks = []; // today's
  let earlier = []; // other days, and drinks saved before the tool kept days
  let today = chartDay(new Date(), guide.day_start);
  let halfLife = model.get("half_life");
  let bedtime = model.get("bedtime");
  let loaded = null;
  let saveProblem = null;
  const startDrinks = (model.get("drinks") || []).slice();
  const readableHalfLife = (v) => typeof v === "number" && v >= range[0] && v <= range[1];
  function loadSaved() {
    loaded = readSavedList(CAFFEINE_KEY, CAFFEINE_VERSION, "drinks", fields, messages);
    const settings = isRecord(loaded.data) ? loaded.data : {};
    today = chartDay(new Date(), guide.day_start);
    // Nothing saved: the drinks a notebook gave the widget, on first load only (not after "Delete all").
    if (loaded.raw === null || loaded.problem === "blocked") {
      drinks = startDrinks.splice(0).slice(0, maxDrinks).map((d) => ({ ...d, day: d.day || today }));
      earlier = [];
    } else {
      const todays = loaded.items.filter((d) => d.day === today);
      earlier = loaded.items.filter((d) => d.day !== today);
      drinks = todays.slice(0, maxDrinks);
      loaded.bad += Math.max(0, todays.length - maxDrinks);
    }
    if ("half_life" in settings) {
      if (readableHalfLife(settings.half_life)) halfLife = settings.half_life;
      else loaded.bad += 1;
    }
    if ("bedtime" in settings) {
      const [bed] = checkField(byName.time, settings.bedtime, "", messages);
      if (bed && bed === settings.bedtime) bedtime = bed;
      else loaded.bad += 1;
    }
  }
  loadSaved();

  /** Save one change on top of what is saved now; say so if the browser would not save it. */
  function save(edit, what) {
    const result = changeSavedRecord(CAFFEINE_KEY, CAFFEINE_VERSION, "drinks", edit, id);
    saveProblem = result.ok ? null : notSavedMessage(result.problem, what, "The timeline on this page still shows it until you close the page.");
    if (result.ok) loadSaved();
    showStorageNote();
    return result.ok;
  }

  // The form: a drink from the list (or another amount), its caffeine and the time.
  const choice = H(
    "select",
    { id: `${id}-drink` },
    menu.map((d) => H("option", { value: d.id }, `${d.label} — about ${d.mg} mg`)),
    H("option", { value: "other" }, "Another drink (type the amount)"),
  );
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
  const formStatus = H("p", { class: "cw-status", role: "status", "aria-live": "polite" });
  const form = H(
    "form",
    { novalidate: true },
    H("fieldset", {}, H("legend", {}, "Add a drink"),
      H("div", { class: "cw-field" }, H("label", { for: `${id}-drink` }, "Drink"), choice),
      mgRow.wrap, timeRow.wrap),
    H("button", { type: "submit", class: "cw-button" }, "Add drink"),
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
    if (drinks.length >= maxDrinks) {
      showError(mgRow, `The timeline holds at most ${maxDrinks} drinks. Remove one first.`);
      return;
    }
    if (!save((r) => ({ ...r, drinks: [...r.drinks, entry] }), "Your drink")) drinks.push(entry);
    formStatus.textContent = `Added: ${entry.name}, ${entry.mg} mg at ${entry.time}.`;
    update();
  });

  // Half-life and bedtime.
  const hl = H("input", { type: "range", id: `${id}-hl`, min: range[0], max: range[1], step: 0.5, value: halfLife, "aria-describedby": `${id}-hl-note` });
  const hlOut = H("output", { for: `${id}-hl`, id: `${id}-hl-out` });
  hl.addEventListener("input", () => {
    halfLife = Number(hl.value);
    save((r) => ({ ...r, half_life: halfLife }), "Your half-life setting");
    update();
  });
  const bedField = { ...byName.time, name: "bedtime", label: "Bedtime" }; // its own id, not the drink time's
  const bedRow = fieldRow(id, bedField, controlFor(bedField));
  bedRow.input.value = bedtime;
  bedRow.input.addEventListener("change", () => {
    const [value, problem] = checkField(bedField, bedRow.input.value, "", messages);
    showError(bedRow, problem);
    if (!problem) {
      bedtime = value;
      save((r) => ({ ...r, bedtime }), "Your bedtime");
      update();
    }
  });

  const list = H("div", { class: "cw-drinks" });
  const storageNote = H("div", { class: "cw-storage-note", role: "alert" });
  const summary = H("div", { class: "cw-result", role: "status", "aria-live": "polite" });
  const chart = H("div", { class: "cw-plot", role: "img", "aria-label": "Chart of caffeine in your body over the day. The same numbers are in the table below it." });
  const table = H("details", { class: "cw-table" });
  const sources = [...new Map(menu.map((d) => [d.source.key, d.source])).values()];

  add(el, 
    H(
      "section",
      { class: "cw cw-caffeine", "data-widget": "caffeine-timeline", "aria-labelledby": `${id}-title` },
      H("h3", { id: `${id}-title`, class: "cw-title" }, "Your caffeine timeline"),
      H("p", { class: "cw-help" }, "Add what you drank today. The chart shows how much caffeine is still in your body through the day and night. Times before 04:00 count as after midnight. Each day starts empty at 04:00; earlier days are kept under “Earlier days”."),
      storageNote,
      form,
      formStatus,
      list,
      H("div", { class: "cw-field" },
        H("label", { for: `${id}-hl` }, "Half-life: hours your body takes to clear half the caffeine"), hl, " ", hlOut,
        H("p", { class: "cw-hint", id: `${id}-hl-note` }, "Most adults: about 5 hours. It can be 1.5 to 9.5. It is longer in pregnancy and with the contraceptive pill, and shorter in people who smoke.")),
      bedRow.wrap,
      summary,
      chart,
      table,
      H("p", { class: "cw-source" }, "Amounts: ", sources.map((s, i) => [i ? ", " : "", sourceNote(s)?.lastChild ?? s.label])),
      H("p", { class: "cw-privacy" }, "Your drinks stay in this browser on this device. Nothing is sent anywhere."),
      deleteAllControl(id, formStatus, () => {
        loadSaved();
        showStorageNote();
        update();
      }),
    ),
  );
  showStorageNote();
  update();
  // Another tab, or "Delete all" on this page, changed the saved drinks: show what is saved now.
  savedData.watch([CAFFEINE_KEY], () => {
    loadSaved();
    bedRow.input.value = bedtime;
    hl.value = halfLife;
    showStorageNote();
    update();
  }, id);

  /** One line on what to change: the time by which to stop for under the bedtime limit. */
  function bedtimeAdvice(points, bedHour, atBed, biggest) {
    const limit = guide.bedtime_mg;
    if (atBed < limit) return `That is under the ${limit} mg near bedtime that can make sleep harder.`;
    const stop = latestStopHour(points, bedHour, halfLife, limit, guide.day_start, 0.25, range);
    if (stop === null) return [H("strong", {}, "What to change: "), `even if you had all of it first thing in the morning, ${limit} mg or more would be left at bedtime. To sleep better, have less: for example, leave out your largest drink (${biggest.name}, ${biggest.mg} mg).`];
    return [H("strong", {}, "What to change: "), `to keep bedtime caffeine under ${limit} mg, have your last caffeine by ${clockOf(stop)}. Move later drinks to before then, or leave them out.`];
  }

  function showStorageNote() {
    fill(storageNote);
    if (saveProblem) add(storageNote, H("p", {}, saveProblem));
    if (loaded.problem === "unreadable") {
      add(storageNote,
        H("p", {}, "What this tool saved earlier could not be read (it may come from another version of this course or be damaged). It is kept in this browser as it is. When you add a drink, a copy of it is kept first."),
        downloadCopyButton(CAFFEINE_KEY, "caffeine-timeline-saved.json"));
    } else if (loaded.bad) {
      add(storageNote,
        H("p", {}, `${plural(loaded.bad, "saved value", "saved values")} could not be read and ${loaded.bad === 1 ? "is" : "are"} not used. ${loaded.bad === 1 ? "It is" : "They are"} kept in this browser as ${loaded.bad === 1 ? "it was" : "they were"}.`),
        downloadCopyButton(CAFFEINE_KEY, "caffeine-timeline-saved.json"));
    } else if (loaded.problem === "blocked") {
      add(storageNote, H("p", {}, "This browser does not let the page save anything, so your drinks go when you close the page."));
    }
  }

  /** Remove today's drinks (a fresh start), with an Undo. Other days and unreadable items stay. */
  function clearToday() {
    const removed = drinks.slice();
    const isToday = (item) => checkSaved(fields, item, messages)?.day === today;
    if (!save((r) => ({ ...r, drinks: r.drinks.filter((item) => !isToday(item)) }), "Clearing today's drinks")) drinks = [];
    update();
    offerUndo(formStatus, `Cleared today's ${plural(removed.length, "drink", "drinks")}.`, () => {
      if (!save((r) => ({ ...r, drinks: [...r.drinks, ...removed] }), "Putting the drinks back")) drinks.push(...removed);
      update();
      return `Put back ${plural(removed.length, "drink", "drinks")}.`;
    }, () => choice);
  }

  /** Earlier days, newest first: how many drinks and how much caffeine. They do not count today. */
  function historyView() {
    if (!earlier.length) return null;
    const byDay = new Map();
    for (const d of earlier) byDay.set(d.day || "", [...(byDay.get(d.day || "") || []), d]);
    const days = [...byDay.keys()].sort().reverse(); // undated ones ("") last
    const dayName = (day) => new Date(`${day}T12:00`).toLocaleDateString(document.documentElement.lang || undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    return H("details", { class: "cw-history" },
      H("summary", {}, `Earlier days (${plural(days.length, "day", "days")})`),
      H("ul", {}, days.map((day) => {
        const list = byDay.get(day);
        return H("li", {}, H("strong", {}, day ? dayName(day) : "Saved before this tool kept dates"),
          `: ${plural(list.length, "drink", "drinks")}, ${Math.round(list.reduce((a, d) => a + d.mg, 0))} mg`);
      })),
      H("p", { class: "cw-hint" }, "Earlier days do not count towards today. “Delete all my data” below removes them."));
  }

  function update() {
    drinks.sort((a, b) => hourOfDay(a.time, guide.day_start) - hourOfDay(b.time, guide.day_start));
    commit(model, { drinks: drinks.slice(), half_life: halfLife, bedtime });
    hlOut.textContent = `${halfLife} hours`;

    fill(list, 
      drinks.length
        ? H("ul", { class: "cw-drink-list", "aria-label": "Your drinks today" }, drinks.map((d, i) => {
            const remove = H("button", { type: "button", class: "cw-link-button" }, "Remove", H("span", { class: "cw-sr" }, ` ${d.name} at ${d.time}`));
            remove.addEventListener("click", () => {
              if (!save(withoutItem("drinks", d, fields, messages), "Removing the drink")) drinks.splice(i, 1);
              formStatus.textContent = `Removed: ${d.name} at ${d.time}.`;
              update();
              (list.querySelector("button") || choice).focus();
            });
            return H("li", {}, H("strong", {}, d.time), ` ${d.name}: ${d.mg} mg `, remove);
          }))
        : H("p", { class: "cw-help" }, "No drinks added yet today. Your chart appears when you add your first drink."),
      drinks.length ? H("button", { type: "button", class: "cw-button cw-secondary", onclick: clearToday }, "Clear today's drinks") : null,
      historyView(),
    );

    const points = drinks.map((d) => [hourOfDay(d.time, guide.day_start), d.mg]);
    const bedHour = bedtimeHour(bedtime, points.map(([h]) => h), guide.day_start);
    const total = drinks.reduce((a, d) => a + d.mg, 0);
    const atBed = caffeineLeft(points, bedHour, halfLife, range);
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
    fill(summary, 
      H("p", {}, H("strong", {}, `Today: ${Math.round(total)} mg of caffeine. `), `At bedtime (${bedtime}) about ${Math.round(atBed)} mg is still in your body.`),
      drinks.length ? H("p", { class: "cw-advice" }, bedtimeAdvice(points, bedHour, atBed, biggest)) : null,
      flags.length ? H("ul", { class: "cw-flags" }, flags.map((f) => H("li", {}, f))) : drinks.length ? H("p", {}, `This is within the ${guide.daily_mg} mg a day and ${guide.single_dose_mg} mg at one time that experts give for healthy adults who are not pregnant.`) : null,
      total > guide.pregnancy_daily_mg ? H("p", { class: "cw-pregnancy" }, `If you are pregnant, experts advise no more than ${guide.pregnancy_daily_mg} mg a day. Your drinks add up to more than that.`) : null,
    );

    const start = guide.day_start;
    const span = Math.max(24, Math.ceil(bedHour - start) + 1); // the chart reaches bedtime, even after dawn
    const rightHalf = bedHour > start + span / 2;
    const hours = Array.from({ length: span * 4 + 1 }, (_, i) => start + i / 4);
    const mg = hours.map((t) => caffeineLeft(points, t, halfLife, range));
    const every2 = hours.filter((_, i) => i % 8 === 0);
    fill(table, 
      H("summary", {}, "The chart as a table"),
      H("table", {}, H("thead", {}, H("tr", {}, H("th", { scope: "col" }, "Time"), H("th", { scope: "col" }, "Caffeine in your body (mg)"))),
        H("tbody", {}, every2.map((t) => H("tr", {}, H("th", { scope: "row" }, clockOf(t)), H("td", {}, String(Math.round(caffeineLeft(points, t, halfLife, range))))))),
        H("tfoot", {}, H("tr", {}, H("th", { scope: "row" }, `Bedtime ${bedtime}`), H("td", {}, String(Math.round(atBed)))))),
    );
    // No drinks, no chart: plotly.js (about 400 kB) loads only once there is something to draw.
    chart.hidden = table.hidden = !drinks.length;
    if (!drinks.length) return;
    const ticks = Array.from({ length: Math.floor(span / 4) + 1 }, (_, i) => start + i * 4);
    drawPlot(model, chart, (c) => ({
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
}

export default { render };
