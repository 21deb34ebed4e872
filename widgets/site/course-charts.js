// Draws the course's charts with plotly.js (served by the book), in the page's light or dark colours.
(() => {
  function colours() {
    const dark = document.documentElement.dataset.theme === "dark";
    return dark
      ? { text: "#e6edf3", grid: "#3d444d", bg: "rgba(0,0,0,0)" }
      : { text: "#1f2328", grid: "#d0d7de", bg: "rgba(0,0,0,0)" };
  }

  function themed(layout) {
    const c = colours();
    const out = { ...layout, paper_bgcolor: c.bg, plot_bgcolor: c.bg, font: { ...(layout.font || {}), color: c.text } };
    if (out.annotations) out.annotations = out.annotations.map((a) => ({ ...a, font: { ...(a.font || {}), color: c.text } }));
    for (const key of Object.keys(out)) {
      if (/^[xy]axis\d*$/.test(key)) out[key] = { ...out[key], gridcolor: c.grid, linecolor: c.grid, zerolinecolor: c.grid };
    }
    return out;
  }

  // No mode bar: its buttons would be focusable controls inside the chart's role="img" box,
  // and a reader on a phone does not need zoom tools. Hover labels still work.
  const CONFIG = { displayModeBar: false, responsive: true };
  const charts = [];

  function draw(el, figure) {
    window.Plotly.react(el, figure.data, themed(figure.layout || {}), CONFIG);
  }

  function drawAll() {
    for (const el of document.querySelectorAll(".plotly-chart[data-figure]")) {
      const figure = JSON.parse(el.dataset.figure);
      charts.push({ el, figure });
      draw(el, figure);
    }
    // Redraw in the new colours when the reader switches between light and dark.
    new MutationObserver(() => charts.forEach((c) => draw(c.el, c.figure))).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
  }

  window.courseCharts = { themed, draw };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
