// Trigger checklist: the reader ticks what applies; tips for exactly those ticks appear, most
// helpful first. Ticks are kept in this browser only (localStorage, keyed by checklist id).

function render({ model, el }) {
  const id = uid("checklist");
  const key = `${STORAGE_PREFIX}checklist:${model.get("checklist_id")}`;
  const items = model.get("items");
  const known = new Set(items.map((t) => t.id));
  // Saved ticks: a list of ids. Ids this checklist does not have stay saved, and are not shown.
  const savedIds = () => {
    const { data } = savedData.read(key);
    return Array.isArray(data) ? data.filter((t) => known.has(t)) : [];
  };
  const initial = savedIds();
  const ticked = new Set(initial.length ? initial : model.get("ticked").filter((t) => known.has(t)));
  const problem = h("p", { class: "cw-error", role: "alert" });

  /** Tick or untick one item on top of what is saved now; edit(list) -> list. */
  function saveTicks(edit, what) {
    const result = savedData.changeReadable(key, Array.isArray, ({ data }) => {
      const list = edit(Array.isArray(data) ? data : []);
      return list.length ? list : null;
    }, id);
    problem.textContent = result.ok ? "" : notSavedMessage(result.problem, what, "The tips on this page still follow your ticks.");
  }

  const tips = h("div", { class: "cw-tips", role: "status", "aria-live": "polite" });
  const boxes = items.map((item) => {
    const input = h("input", { type: "checkbox", id: `${id}-${item.id}`, value: item.id });
    input.checked = ticked.has(item.id);
    input.addEventListener("change", () => {
      if (input.checked) ticked.add(item.id);
      else ticked.delete(item.id);
      saveTicks((list) => (input.checked ? [...new Set([...list, item.id])] : list.filter((t) => t !== item.id)), "Your tick");
      show();
    });
    return { item, input, row: h("div", { class: "cw-option" }, input, h("label", { for: `${id}-${item.id}` }, inline(item.label))) };
  });
  const clear = h("button", { type: "button", class: "cw-button cw-clear" }, "Clear my ticks");
  clear.addEventListener("click", () => {
    ticked.clear();
    for (const b of boxes) b.input.checked = false;
    saveTicks((list) => list.filter((t) => !known.has(t)), "Clearing your ticks");
    show();
    boxes[0]?.input.focus();
  });

  el.append(
    h(
      "section",
      { class: "cw cw-checklist", "data-widget": "trigger-checklist", "aria-labelledby": `${id}-title` },
      h("h3", { id: `${id}-title`, class: "cw-title" }, model.get("title")),
      h(
        "fieldset",
        {},
        h("legend", {}, "Tick anything that is true for you at the moment."),
        boxes.map((b) => b.row),
      ),
      clear,
      problem,
      h("p", { class: "cw-privacy" }, "Your ticks stay in this browser on this device. Nothing is sent anywhere."),
      tips,
    ),
  );
  show();
  // Ticked in another tab, or "Delete all": show what is saved now.
  savedData.watch([key], () => {
    ticked.clear();
    savedIds().forEach((t) => ticked.add(t));
    for (const b of boxes) b.input.checked = ticked.has(b.item.id);
    show();
  }, id);

  function show() {
    commit(model, { ticked: items.filter((t) => ticked.has(t.id)).map((t) => t.id) });
    showTips();
  }

  function showTips() {
    const chosen = items.filter((t) => ticked.has(t.id)); // items arrive most helpful first
    tips.replaceChildren();
    if (chosen.length === 0) {
      tips.append(h("p", {}, "Tick a box to see tips for it."));
      return;
    }
    tips.append(
      h("h4", {}, `Tips for you (${chosen.length})`),
      h(
        "ol",
        {},
        chosen.map((t) =>
          h(
            "li",
            { "data-trigger": t.id },
            inline(t.tip),
            " ",
            h("a", { href: pageLink(t.link) }, "Read more"),
            ". ",
            sourceNote(t.source),
          ),
        ),
      ),
    );
  }
}

export default { render };
