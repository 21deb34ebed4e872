// uses: element, replaceContent, sayer · provides: loadPlotly, plotColours, drawPlot
// The tools' charts: plotly.js, loaded only once there is something to draw, in the reader's colours.

/**
 * plotly.js without the network, and only once a tool has something to draw: the book says where
 * its own copy is (<meta name="course-plotly">); with a live kernel the Python side sends the copy
 * inside the plotly package. Resolves to Plotly, or null.
 */
function loadPlotly(model) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__coursePlotly) {
    window.__coursePlotly = new Promise((resolve) => {
      const addScript = (src, done) => {
        const amd = window.define;
        window.define = undefined; // plotly.js would register with require.js instead of window
        const script = element("script", { src });
        script.onload = script.onerror = () => {
          window.define = amd;
          done();
          resolve(window.Plotly || null);
        };
        document.head.append(script);
      };
      const served = document.querySelector('meta[name="course-plotly"]');
      if (served) return addScript(served.content, () => {});
      const askKernel = () => {
        if (window.Plotly) return resolve(window.Plotly);
        const timer = setTimeout(() => resolve(window.Plotly || null), 30000);
        model.on("msg:custom", (msg) => {
          if (!msg || msg.type !== "plotly-js" || window.Plotly) return;
          const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
          addScript(url, () => clearTimeout(timer));
        });
        model.send({ type: "need-plotly" });
      };
      if (document.readyState === "complete") askKernel();
      else window.addEventListener("load", askKernel, { once: true });
    });
  }
  return window.__coursePlotly;
}

/** The chart colours for the page's light or dark mode, from the book's data (the `palette` trait:
 * {light: {...}, dark: {...}}, book/data/palette.yml). */
function plotColours(palette) {
  const dark = document.documentElement.dataset.theme === "dark" ||
    (!document.documentElement.dataset.theme && document.body?.dataset.jpThemeLight === "false");
  return (palette || {})[dark ? "dark" : "light"] || {};
}

/** Draw (and redraw in the reader's colours) a plotly chart; `build(colours)` -> {data, layout}. */
function drawPlot(model, el, build) {
  const config = { displaylogo: false, responsive: true, displayModeBar: false }; // no buttons inside the role="img" chart
  // Numbers on the axes as the book's language writes them: its decimal mark, then its thousands one.
  const parts = new Intl.NumberFormat(sayer(model).locale).formatToParts(12345.6);
  const separators = ["decimal", "group"].map((type) => parts.find((p) => p.type === type)?.value ?? "").join("");
  const draw = (Plotly) => {
    const c = plotColours(model.get("palette"));
    const { data, layout } = build(c);
    const axes = {};
    for (const k of Object.keys(layout)) {
      if (/^[xy]axis\d*$/.test(k)) axes[k] = { ...layout[k], gridcolor: c.grid, linecolor: c.grid, zerolinecolor: c.grid };
    }
    const look = { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: c.text }, separators };
    Plotly.react(el, data, { ...layout, ...axes, ...look }, config);
  };
  return loadPlotly(model).then((Plotly) => {
    if (!Plotly) {
      replaceContent(el, element("p", { class: "cw-help" }, sayer(model)("chart_not_loaded")));
      return;
    }
    draw(Plotly);
    if (!el.__themeWatch) {
      el.__themeWatch = new MutationObserver(() => el.isConnected && el.__redraw());
      el.__themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    }
    el.__redraw = () => draw(Plotly);
  });
}
