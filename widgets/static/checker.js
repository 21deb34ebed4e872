// Symptom checker: the most urgent ticked item decides what to do now. One red flag is enough.

function render({ model, el }) {
  const id = uid("checker");
  const levels = model.get("levels");
  const symptoms = model.get("symptoms");
  // Ticks are kept in this browser only, so the doctor-visit summary can list them.
  const key = "fasciculation-course:symptoms";
  const known = new Set(symptoms.map((s) => s.id));
  const saved = store.read(key, []);
  const ticked = new Set(Array.isArray(saved) ? saved.filter((t) => known.has(t)) : []);
  let persist = ticked.size > 0;
  const order = ["emergency", "doctor", "selfcare"];
  const groupTitle = {
    emergency: "Signs of an emergency",
    doctor: "Signs to see a doctor about",
    selfcare: "Everyday twitches",
  };

  const result = h("div", { class: "cw-result", role: "status", "aria-live": "polite" });
  const groups = order.map((level) => {
    const rows = symptoms
      .filter((s) => s.level === level)
      .map((s) => {
        const input = h("input", { type: "checkbox", id: `${id}-${s.id}`, value: s.id });
        input.checked = ticked.has(s.id);
        input.addEventListener("change", () => {
          persist = true;
          if (input.checked) ticked.add(s.id);
          else ticked.delete(s.id);
          update();
        });
        return { input, row: h("div", { class: "cw-option" }, input, h("label", { for: `${id}-${s.id}` }, inline(s.label))) };
      });
    return { rows, el: h("fieldset", { "data-group": level }, h("legend", {}, groupTitle[level]), rows.map((r) => r.row)) };
  });
  const clear = h("button", { type: "button", class: "cw-button cw-clear" }, "Clear all");
  clear.addEventListener("click", () => {
    ticked.clear();
    for (const g of groups) for (const r of g.rows) r.input.checked = false;
    store.remove(key);
    persist = false;
    update();
  });

  el.append(
    h(
      "section",
      { class: "cw cw-checker", "data-widget": "symptom-checker", "aria-labelledby": `${id}-title` },
      h("h3", { id: `${id}-title`, class: "cw-title" }, "When to get help: check your signs"),
      h("p", { class: "cw-help" }, "Tick every sign you have now. The advice below changes as you tick. It is not a diagnosis."),
      groups.map((g) => g.el),
      clear,
      result,
    ),
  );
  update();

  function update() {
    const list = symptoms.filter((s) => ticked.has(s.id)).map((s) => s.id);
    const level = triage(list, symptoms, levels);
    const chosen = symptoms.filter((s) => ticked.has(s.id) && s.level === level);
    result.dataset.level = level;
    const parts = [
      h("h4", {}, levels[level].heading),
      h("p", {}, inline(levels[level].action)),
      chosen.length && level !== "selfcare"
        ? h("p", {}, "Because you ticked: ", chosen.map((s) => s.label).join("; "), ".")
        : null,
      level === "selfcare" && list.length === 0 ? h("p", {}, "You have not ticked any sign yet.") : null,
    ];
    result.replaceChildren(...parts.filter(Boolean));
    if (persist) store.write(key, list);
    commit(model, { ticked: list, level });
  }
}

export default { render };
