// uses: commit, element, followPython, inline, notSavedMessage, pageLink, savedData, sourceNote, widgetSection, widgetState · provides: render
// Trigger checklist: the reader ticks what applies; tips for exactly those ticks appear, most
// helpful first. Ticks are kept in this browser only (localStorage, keyed by checklist id).
// Ticks set from Python (`checklist.ticked`) are shown and saved as if the reader had ticked them.

function render({ model, el }) {
  const checklist = {
    ...widgetState(model, "trigger-checklist"),
    key: savedData.use(model.get("storage")).checklist + model.get("checklist_id"),
    items: model.get("items"),
    problem: element("p", { class: "cw-error", role: "alert" }),
    tips: element("div", { class: "cw-tips", role: "status", "aria-live": "polite" }),
  };
  const { id, items, say } = checklist;
  checklist.known = new Set(items.map((t) => t.id));
  const initial = savedIds(checklist);
  checklist.ticked = new Set(initial.length ? initial : model.get("ticked").filter((t) => checklist.known.has(t)));
  const boxes = (checklist.boxes = tickBoxes(checklist));
  const clear = element("button", { type: "button", class: "cw-button cw-clear" }, say("clear_ticks"));
  clear.addEventListener("click", () => {
    checklist.ticked.clear();
    for (const b of boxes) b.input.checked = false;
    saveTicks(checklist, (saved) => saved.filter((t) => !checklist.known.has(t)), say("clearing_ticks"));
    show(checklist);
    boxes[0]?.input.focus();
  });

  el.append(
    widgetSection(id, "trigger-checklist", model.get("title"),
      element(
        "fieldset",
        {},
        element("legend", {}, say("tick_what_is_true")),
        boxes.map((b) => b.row),
      ),
      clear,
      checklist.problem,
      element("p", { class: "cw-privacy" }, say("privacy")),
      checklist.tips,
    ),
  );
  show(checklist);
  // Ticked in another tab, or "Delete all": show what is saved now.
  savedData.watch([checklist.key], () => {
    showTicks(checklist, savedIds(checklist));
    show(checklist);
  }, id);
  return followPython(model, { ticked: (value) => tickedFromPython(checklist, value) });
}

/** Tick exactly the boxes of `ids` (ids this checklist has). */
function showTicks(checklist, ids) {
  checklist.ticked.clear();
  ids.forEach((t) => checklist.ticked.add(t));
  for (const b of checklist.boxes) b.input.checked = checklist.ticked.has(b.item.id);
}

/** What `ticked` holds now: the ticked ids, in the checklist's order (as the trait holds them). */
const tickedIds = (checklist) => checklist.items.filter((t) => checklist.ticked.has(t.id)).map((t) => t.id);

/**
 * `checklist.ticked = [ids]` set in Python: tick those boxes, show their tips and save them in this
 * browser, as a reader's ticks are. Unknown ids are ignored; a value with no id this checklist has
 * (other than []), or that is no list, leaves the ticks as they are. The page's own saves come back
 * here too: they match what is shown, so nothing happens.
 */
function tickedFromPython(checklist, value) {
  const list = Array.isArray(value) ? value : null;
  const ids = (list || []).filter((t) => checklist.known.has(t));
  const now = tickedIds(checklist);
  if (list && (list.length === 0 || ids.length) && !(ids.length === now.length && ids.every((t) => checklist.ticked.has(t)))) {
    showTicks(checklist, ids);
    saveTicks(checklist, (saved) => [...saved.filter((t) => !checklist.known.has(t)), ...tickedIds(checklist)], checklist.say("your_ticks"));
  } else if (list && list.length === now.length && list.every((t, i) => t === now[i])) {
    return; // what the page shows already
  }
  show(checklist); // sends back the ticks shown
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
  checklist.problem.textContent = result.ok ? "" : notSavedMessage(result.problem, what, checklist.say("tips_still_follow"), checklist.say);
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
      saveTicks(checklist, (saved) => (input.checked ? [...new Set([...saved, item.id])] : saved.filter((t) => t !== item.id)), checklist.say("your_tick"));
      show(checklist);
    });
    return { item, input, row: element("div", { class: "cw-option" }, input, element("label", { for: `${id}-${item.id}` }, inline(item.label))) };
  });
}

function show(checklist) {
  commit(checklist.model, { ticked: tickedIds(checklist) });
  showTips(checklist);
}

function showTips(checklist) {
  const { tips, say } = checklist;
  const chosen = checklist.items.filter((t) => checklist.ticked.has(t.id)); // items arrive most helpful first
  tips.replaceChildren();
  if (chosen.length === 0) {
    tips.append(element("p", {}, say("tick_for_tips")));
    return;
  }
  tips.append(
    element("h4", {}, say("tips_for_you", { n: say.number(chosen.length) })),
    element(
      "ol",
      {},
      chosen.map((t) =>
        element(
          "li",
          { "data-trigger": t.id },
          inline(t.tip),
          " ",
          element("a", { href: pageLink(t.link) }, say("read_more")),
          ". ",
          sourceNote(t.source, say),
        ),
      ),
    ),
  );
}

export default { render };
