// Renders the course's widgets in the published book, with no kernel and no server.
//
// The build saves each widget's state (its data and its browser module) in the page. This
// script is the small part of a widget manager the course needs: for each widget view it
// builds a model from the saved state and calls the widget module's render({model, el}), the
// same call anywidget makes with a live kernel. Only anywidget models are used by the course.
(() => {
  const STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const modules = new Map();
  const styles = new Set();

  function makeModel(state) {
    const listeners = new Map();
    const emit = (name, value) => (listeners.get(name) || []).forEach((cb) => cb(value));
    return {
      get: (name) => state[name],
      set(name, value) {
        if (JSON.stringify(state[name]) === JSON.stringify(value)) return; // as a kernel's model: no change, no event
        state[name] = value;
        emit(`change:${name}`, value);
        emit("change", value);
      },
      on(name, cb) {
        for (const n of name.split(" ")) listeners.set(n, [...(listeners.get(n) || []), cb]);
      },
      off(name, cb) {
        for (const n of (name || "").split(" ")) {
          if (!cb) listeners.delete(n);
          else listeners.set(n, (listeners.get(n) || []).filter((f) => f !== cb));
        }
      },
      save_changes() {}, // no kernel: the state lives in the page
      send() {},
      widget_manager: { get_model: async () => undefined },
    };
  }

  // The build serves each widget's module as a file and saves its address in `_esm`. Module code
  // itself in `_esm` (a page the build did not rewrite) still runs, through a blob: URL, except
  // where a strict Content-Security-Policy forbids that.
  function loadModule(esm) {
    if (!modules.has(esm)) {
      const isAddress = /^(\.\.?\/|\/|https?:)/.test(esm) && !esm.includes("\n");
      const url = isAddress
        ? new URL(esm, document.baseURI).href
        : URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules.set(esm, import(/* webpackIgnore: true */ url));
    }
    return modules.get(esm);
  }

  function addStyle(css) {
    if (!css || styles.has(css)) return;
    styles.add(css);
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }

  async function renderView(script, models) {
    const host = document.createElement("div");
    host.className = "cw-host";
    script.after(host);
    const { model_id } = JSON.parse(script.textContent);
    const entry = models[model_id];
    // What to say if it cannot be drawn: the course's words, from any of the page's widgets.
    const words = (entry || Object.values(models).find((m) => m.state?.words))?.state?.words || {};
    if (!entry || entry.model_name !== "AnyModel") {
      host.textContent = words.widget_unavailable || "";
      return;
    }
    try {
      addStyle(entry.state._css);
      const mod = await loadModule(entry.state._esm);
      let widget = mod.default ?? mod;
      if (typeof widget === "function") widget = await widget();
      const model = makeModel({ ...entry.state });
      await widget.initialize?.({ model });
      await widget.render({ model, el: host });
    } catch (error) {
      host.textContent = words.widget_failed || "";
      console.error("course widget failed to render", error);
    }
  }

  // One widget per task, so that a slow phone can answer the reader between two widgets.
  const nextTask = () =>
    globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));

  async function renderAll() {
    const stateScript = document.querySelector(STATE);
    if (!stateScript) return;
    const models = JSON.parse(stateScript.textContent).state || {};
    for (const script of document.querySelectorAll(VIEW)) {
      await renderView(script, models);
      await nextTask();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})();
