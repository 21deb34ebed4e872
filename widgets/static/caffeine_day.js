// uses: caffeineLeft, checkSaved, clockOf, drawPlot, element, isRecord, latestStopHour, replaceContent, validate · provides: drinksThePageAccepts, historyView, isTodaysItem, showCaffeineChart, showCaffeineSummary
// The caffeine timeline's day: which drinks are today's, today's total and advice, what goes past
// the limits, the chart and its table, and earlier days.

/** Today's drinks as the page's rules read them, or null if the value is not a list they all pass. */
function drinksThePageAccepts(tl, value) {
  if (!Array.isArray(value) || value.length > tl.maxDrinks) return null;
  const plain = (v) => v === null || v === undefined || typeof v === "string" || typeof v === "number";
  const drinks = value.map((drink) => {
    if (!isRecord(drink) || !Object.values(drink).every(plain)) return null;
    const { entry, errors } = validate(tl.fields, { ...drink, day: drink.day || tl.today }, "", tl.messages);
    return Object.keys(errors).length || entry.day !== tl.today ? null : entry;
  });
  return drinks.every(Boolean) ? drinks : null;
}

/** Whether a saved item is one of today's drinks (unreadable items are no day's). */
function isTodaysItem(tl) {
  return (item) => checkSaved(tl.fields, item, tl.messages)?.day === tl.today;
}


/** Earlier days, newest first: how many drinks and how much caffeine. They do not count today. */
function historyView({ earlier, say, num }) {
  if (!earlier.length) return null;
  const byDay = new Map();
  for (const d of earlier) byDay.set(d.day || "", [...(byDay.get(d.day || "") || []), d]);
  const days = [...byDay.keys()].sort().reverse(); // undated ones ("") last
  const dayName = (day) => say.date(new Date(`${day}T12:00`), { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return element("details", { class: "cw-history" },
    element("summary", {}, say.count("earlier_days", days.length)),
    element("ul", {}, days.map((day) => {
      const list = byDay.get(day);
      return element("li", {}, element("strong", {}, day ? dayName(day) : say("undated_day")),
        say.count("day_total", list.length, { mg: num(Math.round(list.reduce((a, d) => a + d.mg, 0))) }));
    })),
    element("p", { class: "cw-hint" }, say("earlier_hint")));
}

/** Today's total, what is left at bedtime, what to change, and what goes past the experts' limits. */
function showCaffeineSummary(tl, { points, bedHour, atBed }) {
  const { drinks, guide, bedtime, summary, say, num } = tl;
  const total = drinks.reduce((a, d) => a + d.mg, 0);
  const biggest = drinks.reduce((a, d) => (d.mg > a.mg ? d : a), { mg: 0 });
  // Two or more drinks within an hour of each other count as one dose: two mugs in a row.
  const together = points.map(([h]) => points.filter(([other]) => other >= h && other - h <= guide.one_time_hours));
  const atOneTime = Math.max(0, ...together.filter((g) => g.length > 1).map((g) => g.reduce((a, [, m]) => a + m, 0)));
  const limits = { daily: num(guide.daily_mg), single: num(guide.single_dose_mg), pregnancy: num(guide.pregnancy_daily_mg), limit: num(guide.bedtime_mg) };
  const flags = [];
  if (total > guide.daily_mg) flags.push(say("over_daily", limits));
  if (biggest.mg > guide.single_dose_mg) flags.push(say("over_single_drink", { ...limits, drink: biggest.name, mg: num(biggest.mg) }));
  if (atOneTime > guide.single_dose_mg) flags.push(say("over_one_time", { ...limits, mg: num(Math.round(atOneTime)) }));
  if (atBed >= guide.bedtime_mg) flags.push(say("over_bedtime", limits));
  summary.dataset.level = flags.length ? "doctor" : "selfcare";
  replaceContent(summary,
    element("p", {}, element("strong", {}, say("today_total", { mg: num(Math.round(total)) })), say("at_bedtime", { bedtime, mg: num(Math.round(atBed)) })),
    drinks.length ? element("p", { class: "cw-advice" }, bedtimeAdvice(tl, points, bedHour, atBed, biggest)) : null,
    flags.length ? element("ul", { class: "cw-flags" }, flags.map((f) => element("li", {}, f))) : drinks.length ? element("p", {}, say("within_limits", limits)) : null,
    total > guide.pregnancy_daily_mg ? element("p", { class: "cw-pregnancy" }, say("over_pregnancy", limits)) : null,
  );
}

/** One line on what to change: the time by which to stop for under the bedtime limit. */
function bedtimeAdvice(tl, points, bedHour, atBed, biggest) {
  const { say, num } = tl;
  const limit = tl.guide.bedtime_mg;
  if (atBed < limit) return say("under_bedtime_limit", { limit: num(limit) });
  const stop = latestStopHour(points, bedHour, tl.halfLife, limit, tl.guide.day_start, 0.25, tl.range);
  const change = element("strong", {}, say("what_to_change"));
  if (stop === null) return [change, say("have_less", { limit: num(limit), drink: biggest.name, mg: num(biggest.mg) })];
  return [change, say("stop_by", { limit: num(limit), time: clockOf(stop) })];
}

/** The chart of the day (from the day's start to bedtime), and the same numbers as a table. */
function showCaffeineChart(tl, { points, bedHour, atBed }) {
  const { guide, halfLife, range, bedtime, chart, table, say, num } = tl;
  const start = guide.day_start;
  const span = Math.max(24, Math.ceil(bedHour - start) + 1); // the chart reaches bedtime, even after dawn
  const rightHalf = bedHour > start + span / 2;
  const hours = Array.from({ length: span * 4 + 1 }, (_, i) => start + i / 4);
  const mg = hours.map((t) => caffeineLeft(points, t, halfLife, range));
  const every2 = hours.filter((_, i) => i % 8 === 0);
  replaceContent(table,
    element("summary", {}, say("table_summary")),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", { scope: "col" }, say("table_time")), element("th", { scope: "col" }, say("table_mg")))),
      element("tbody", {}, every2.map((t) => element("tr", {}, element("th", { scope: "row" }, clockOf(t)), element("td", {}, num(Math.round(caffeineLeft(points, t, halfLife, range))))))),
      element("tfoot", {}, element("tr", {}, element("th", { scope: "row" }, say("table_bedtime", { bedtime })), element("td", {}, num(Math.round(atBed)))))),
  );
  // No drinks, no chart: plotly.js (about 400 kB) loads only once there is something to draw.
  chart.hidden = table.hidden = !tl.drinks.length;
  if (!tl.drinks.length) return;
  const ticks = Array.from({ length: Math.floor(span / 4) + 1 }, (_, i) => start + i * 4);
  const noTrace = "<extra></extra>"; // plotly: no trace name beside the hover text
  drawPlot(tl.model, chart, (c) => ({
    data: [
      { type: "scatter", mode: "lines", x: hours, y: mg, fill: "tozeroy", fillcolor: c.fill, line: { color: c.line, width: 3 }, name: say("chart_caffeine"),
        text: hours.map(clockOf), hovertemplate: say("chart_hover") + noTrace },
      { type: "scatter", mode: "markers", x: [bedHour], y: [atBed], marker: { color: c.warn, size: 10, symbol: "diamond" }, name: say("bedtime_label"),
        hovertemplate: say("chart_bedtime_hover", { bedtime }) + noTrace },
    ],
    layout: {
      height: 300, margin: { l: 50, r: 12, t: 24, b: 40 }, showlegend: false,
      xaxis: { range: [start, start + span], tickvals: ticks, ticktext: ticks.map(clockOf), fixedrange: true, title: { text: say("chart_x_title") } },
      yaxis: { rangemode: "tozero", title: { text: say("chart_y_title") }, fixedrange: true },
      shapes: [{ type: "line", x0: bedHour, x1: bedHour, yref: "paper", y0: 0, y1: 1, line: { color: c.warn, dash: "dot", width: 2 } }],
      annotations: [{ x: bedHour, y: 1, yref: "paper", text: say("chart_bedtime_note", { mg: num(Math.round(atBed)) }), showarrow: false, yanchor: "bottom", xanchor: rightHalf ? "right" : "left", font: { color: c.warn } }],
    },
  }));
}
