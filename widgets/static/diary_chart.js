// uses: drawPlot, element, replaceContent · provides: diaryNumber, showDiaryChart
// The twitch diary's chart: episodes a day, with one label per date.

/** A number as the diary shows it (in the list and the table), or a dash for none. */
const diaryNumber = (say, value) => (value === null ? say("no_value") : say.number(value, { useGrouping: false }));

/** Per day: the number of episodes, mean sleep, most caffeine and mean stress. */
function diaryDays(entries) {
  const byDay = new Map();
  for (const e of entries) {
    const day = e.when.slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, { day, episodes: 0, sleep: [], caffeine: [], stress: [] });
    const d = byDay.get(day);
    d.episodes += 1;
    if (e.sleep_h !== null) d.sleep.push(e.sleep_h);
    if (e.caffeine_mg !== null) d.caffeine.push(e.caffeine_mg);
    if (e.stress !== null) d.stress.push(e.stress);
  }
  const mean = (xs) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
  return [...byDay.values()].map((d) => ({
    day: d.day, episodes: d.episodes, sleep: mean(d.sleep), caffeine: d.caffeine.length ? Math.max(...d.caffeine) : null, stress: mean(d.stress),
  }));
}

function showDiaryChart(diary) {
  const { chart, table, say } = diary;
  const perDay = diaryDays(diary.entries);
  chart.hidden = perDay.length === 0;
  table.hidden = perDay.length === 0;
  const cell = (v) => element("td", {}, diaryNumber(say, v));
  const columns = ["day", "episodes", "sleep_hours", "caffeine_mg", "stress_scale"];
  replaceContent(table,
    element("summary", {}, say("table_summary")),
    element("table", {}, element("thead", {}, element("tr", {}, columns.map((name) => element("th", { scope: "col" }, say(name))))),
      element("tbody", {}, perDay.map((d) => element("tr", {}, element("th", { scope: "row" }, d.day), cell(d.episodes), cell(d.sleep), cell(d.caffeine), cell(d.stress))))),
  );
  if (!perDay.length) return;
  const x = perDay.map((d) => d.day);
  // Whole days on the x axis (plotly would put two ticks a day, "02 Dec" twice) and whole
  // episodes on the y axis (never 0.5): at most about 6 ticks each.
  const dayCount = (Date.parse(x[x.length - 1]) - Date.parse(x[0])) / 864e5 + 1;
  const most = Math.max(...perDay.map((d) => d.episodes));
  // Dates as the book's language writes them (plotly's own month names are English).
  const dayLabel = (day) => say.date(new Date(`${day}T12:00`), { day: "2-digit", month: "short" });
  const step = Math.max(1, Math.ceil(dayCount / 6));
  const ticks = Array.from({ length: Math.ceil(dayCount / step) }, (_, i) => new Date(Date.parse(`${x[0]}T12:00`) + i * step * 864e5));
  const tickDays = ticks.map((t) => `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`);
  const panel = (name, y, axis, type, c) => ({
    type, x, y, name, xaxis: "x", yaxis: axis, connectgaps: true, text: x.map(dayLabel),
    marker: { color: type === "bar" ? c.bar : c.line }, line: { color: c.line }, mode: "lines+markers",
    hovertemplate: `%{text}: %{y}<extra>${name}</extra>`,
  });
  drawPlot(diary.model, chart, (c) => ({
    data: [
      panel(say("episodes"), perDay.map((d) => d.episodes), "y", "bar", c),
      panel(say("sleep_h"), perDay.map((d) => d.sleep), "y2", "scatter", c),
      panel(say("caffeine_mg"), perDay.map((d) => d.caffeine), "y3", "scatter", c),
      panel(say("stress"), perDay.map((d) => d.stress), "y4", "scatter", c),
    ],
    layout: {
      height: 460, margin: { l: 60, r: 12, t: 12, b: 40 }, showlegend: false,
      xaxis: { type: "date", anchor: "y4", tickmode: "array", tickvals: tickDays, ticktext: tickDays.map(dayLabel),
        range: [Date.parse(x[0]) - 432e5, Date.parse(x[x.length - 1]) + 432e5] },
      yaxis: { domain: [0.78, 1], title: { text: say("episodes") }, rangemode: "tozero", fixedrange: true, tickformat: "d", dtick: Math.max(1, Math.ceil(most / 4)) },
      yaxis2: { domain: [0.53, 0.73], title: { text: say("axis_sleep") }, range: [0, 12], fixedrange: true },
      yaxis3: { domain: [0.28, 0.48], title: { text: say("axis_caffeine") }, rangemode: "tozero", fixedrange: true },
      yaxis4: { domain: [0, 0.23], title: { text: say("stress") }, range: [0, 10.5], fixedrange: true },
    },
  }));
}
