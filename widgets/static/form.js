// uses: element · provides: fieldRow, showError, controlFor
// A tool's form fields: a labelled control for each field, with its hint and its message slot.
// Words come from the widget's `say` (catalogue form.yml), passed last.

/** A labelled field with its message slot: {wrap, input, error}. */
function fieldRow(id, field, control, hint, say) {
  const errorId = `${id}-${field.name}-error`;
  const hintId = hint ? `${id}-${field.name}-hint` : null;
  control.id = `${id}-${field.name}`;
  control.name = field.name;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  if (field.required) control.setAttribute("aria-required", "true");
  const error = element("p", { class: "cw-error", id: errorId, role: "alert" });
  const optional = field.required ? "" : element("span", { class: "cw-optional" }, ` ${say("optional")}`);
  const wrap = element(
    "div",
    { class: "cw-field", "data-field": field.name },
    element("label", { for: control.id }, field.label, optional),
    hint ? element("p", { class: "cw-hint", id: hintId }, hint) : null,
    control,
    error,
  );
  return { wrap, input: control, error };
}

function showError(row, problem) {
  row.error.textContent = problem || "";
  if (problem) row.input.setAttribute("aria-invalid", "true");
  else row.input.removeAttribute("aria-invalid");
}

function controlFor(field, attrs = {}, say) {
  if (field.type === "choice") {
    const choose = element("option", { value: "" }, say("choose"));
    return element("select", attrs, choose, field.choices.map((c) => element("option", { value: c.id }, c.label)));
  }
  if (field.type === "text") return element("textarea", { rows: 3, ...attrs });
  if (field.type === "datetime") return element("input", { type: "datetime-local", ...attrs });
  if (field.type === "time") return element("input", { type: "time", ...attrs });
  if (field.type === "day") return element("input", { type: "date", ...attrs });
  return element("input", { type: "text", inputmode: field.integer ? "numeric" : "decimal", autocomplete: "off", ...attrs });
}
