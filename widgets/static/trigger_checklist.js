// uses: element, widgetSection, inline, pageLink, sourceNote, uid, commit, STORAGE_PREFIX, savedData, notSavedMessage · provides: render
// Trigger checklist: the reader ticks what applies; tips for exactly those ticks appear, most
// helpful first. Ticks are kept in this browser only (localStorage, keyed by checklist id).

function render({ model, el }) {
  const checklist = {
    model,
    id: uid("checklist"),
    key: `${STORAGE_PREFIX}checklist:${model.get("checklist_id")}`,
    items: model.get("items"),
    problem: element("p", { class: "cw-error", role: "alert" }),
    tips: element("div", { class: "cw-tips", role: "status", "aria-live": "polite" }),
  };
  const { id, items } = checklist;
  checklist.known = new Set(items.map((t) => t.id));
  const initial = savedIds(checklist);
  checklist.ticked = new Set(initial.length ? initial : model.get("ticked").filter((t) => checklist.known.has(t)));
  const boxes = tickBoxes(checklist);
  const clear = element("button", { type: "button", class: "cw-button cw-clear" }, "Clear my ticks");
  clear.addEventListener("click", () => {
    checklist.ticked.clear();
    for (const b of boxes) b.input.checked = false;
    saveTicks(checklist, (saved) => saved.filter((t) => !checklist.known.has(t)), "Clearing your ticks");
    show(checklist);
    boxes[0]?.input.focus();
  });

  el.append(
    widgetSection(id, "trigger-checklist", model.get("title"),
      element(
        "fieldset",
        {},
        element("legend", {}, "Tick anything that is true for you at the moment."),
        boxes.map((b) => b.row),
      ),
      clear,
      checklist.problem,
      element("p", { class: "cw-privacy" }, "Your ticks stay in this browser on this device. Nothing is sent anywhere."),
      checklist.tips,
    ),
  );
  show(checklist);
  // Ticked in another tab, or "Delete all": show what is saved now.
  savedData.watch([checklist.key], () => {
    checklist.ticked.clear();
    savedIds(checklist).forEach((t) => checklist.ticked.add(t));
    for (const b of boxes) b.input.checked = checklist.ticked.has(b.item.id);
    show(checklist);
  }, id);
}

/** Saved ticks: a list of ids. Ids this checklist does not have stay saved, and are not shown. */
function savedIds(checklist) {
  const { data } = savedData.read(checklist.key);
  return Array.isArray(data) ? data.filter((t) => checklist.known.has(t)) : [];
}

/** Tick or untick one item on top of what is saved now; edit(list) -> list. */
function saveTicks(checklist, edit, what) {
  const result = savedData.changeReadable(checklist.key, Array.isArray, ({ data }) => {
    const saved = edit(Array.isArray(data) ? data : []);
    return saved.length ? saved : null;
  }, checklist.id);
  checklist.problem.textContent = result.ok ? "" : notSavedMessage(result.problem, what, "The tips on this page still follow your ticks.");
}

/** A checkbox for each item: [{item, input, row}]. */
function tickBoxes(checklist) {
  const { id, ticked } = checklist;
  return checklist.items.map((item) => {
    const input = element("input", { type: "checkbox", id: `${id}-${item.id}`, value: item.id });
    input.checked = ticked.has(item.id);
    input.addEventListener("change", () => {
      if (input.checked) ticked.add(item.id);
      else ticked.delete(item.id);
      saveTicks(checklist, (saved) => (input.checked ? [...new Set([...saved, item.id])] : saved.filter((t) => t !== item.id)), "Your tick");
      show(checklist);
    });
    return { item, input, row: element("div", { class: "cw-option" }, input, element("label", { for: `${id}-${item.id}` }, inline(item.label))) };
  });
}

function show(checklist) {
  commit(checklist.model, { ticked: checklist.items.filter((t) => checklist.ticked.has(t.id)).map((t) => t.id) });
  showTips(checklist);
}

function showTips(checklist) {
  const { tips } = checklist;
  const chosen = checklist.items.filter((t) => checklist.ticked.has(t.id)); // items arrive most helpful first
  tips.replaceChildren();
  if (chosen.length === 0) {
    tips.append(element("p", {}, "Tick a box to see tips for it."));
    return;
  }
  tips.append(
    element("h4", {}, `Tips for you (${chosen.length})`),
    element(
      "ol",
      {},
      chosen.map((t) =>
        element(
          "li",
          { "data-trigger": t.id },
          inline(t.tip),
          " ",
          element("a", { href: pageLink(t.link) }, "Read more"),
          ". ",
          sourceNote(t.source),
        ),
      ),
    ),
  );
}

export default { render };
