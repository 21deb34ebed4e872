// uses: element · provides: completionSlip
// The quiz's completion slip: chapter, score and date, to copy or print and hand in.

const SLIP_STYLE_ID = "cw-slip-print-style";
const SLIP_CSS = `
.cw .cw-slip { border: 2px dashed var(--cw-border); border-radius: 0.4rem; padding: 0.75rem; margin: 1rem 0; }
.cw .cw-slip h4 { margin: 0 0 0.25rem; font-size: 1.1rem; }
.cw-slip dl, .cw-slip-print-copy dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0.5rem 0; }
.cw-slip dt, .cw-slip-print-copy dt { font-weight: 600; }
.cw-slip dd, .cw-slip-print-copy dd { margin: 0; }
.cw-slip-print-copy { display: none; }
@media print {
  html.cw-printing-slip body > *:not(.cw-slip-print-copy) { display: none !important; }
  html.cw-printing-slip .cw-slip-print-copy { display: block !important; color: #000; background: #fff;
    border: 2px solid #000; padding: 1rem 1.5rem; margin: 1rem; font: 12pt/1.6 system-ui, sans-serif; }
  html.cw-printing-slip .cw-slip-print-copy button,
  html.cw-printing-slip .cw-slip-print-copy [role="status"] { display: none !important; }
}`;

/** The title of the chapter the quiz is in: the page's first heading, in the book or a notebook. */
function chapterTitle(el, model) {
  const scope = el.closest(".jp-Notebook, .jp-NotebookPanel, article, main") || document;
  const heading = scope.querySelector("h1");
  const text = heading ? heading.textContent.replace(/[#¶]\s*$/, "").trim() : "";
  return text || model.get("quiz_id");
}

function slipDate(say, date = new Date()) {
  return say.date(date, { day: "numeric", month: "long", year: "numeric" });
}

/** The slip for `counts` ({right, total}, written as numbers): its lines, to copy or print. */
function completionSlip(quiz, counts) {
  const { el, model, say } = quiz;
  const lines = [
    ["chapter", say("slip_chapter"), chapterTitle(el, model)],
    ["quiz", say("slip_quiz"), model.get("quiz_id")],
    ["score", say("slip_score"), say("slip_score_value", counts)],
    ["date", say("slip_date"), slipDate(say)],
  ];
  const text = [say("slip_text_title"), ...lines.map(([, label, value]) => say("slip_line", { label, value }))].join("\n");
  const status = element("p", { class: "cw-slip-status", role: "status", "aria-live": "polite" });
  const details = element(
    "dl",
    { class: "cw-slip-text" },
    lines.flatMap(([field, label, value]) => [element("dt", {}, say("slip_label", { label })), element("dd", { "data-field": field }, value)]),
    element("dt", {}, say("slip_label", { label: say("slip_name") })),
    element("dd", { class: "cw-slip-blank" }, "________________________"),
  );
  const copy = element("button", { type: "button", class: "cw-button cw-slip-copy" }, say("copy"));
  const print = element("button", { type: "button", class: "cw-button cw-slip-print" }, say("print"));
  const slip = element(
    "div",
    { class: "cw-slip", "data-slip": "", role: "group", "aria-label": say("slip_title") },
    element("h4", {}, say("slip_title")),
    element("p", { class: "cw-hint" }, say("slip_hint")),
    details,
    copy,
    print,
    status,
  );
  slip.dataset.text = text;
  if (!document.getElementById(SLIP_STYLE_ID)) document.head.append(element("style", { id: SLIP_STYLE_ID }, SLIP_CSS));

  copy.addEventListener("click", () => copySlip(say, text, details, status));
  print.addEventListener("click", () => printSlip(say, details));
  return slip;
}

/** Copy the slip's text; without a clipboard, select it and say how to copy it. */
async function copySlip(say, text, details, status) {
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    status.textContent = say("copied");
  } catch {
    // No clipboard here (an old browser, or a page that is not secure): select the slip instead.
    const range = document.createRange();
    range.selectNodeContents(details);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    status.textContent = say(copied ? "copied" : "selected");
  }
}

/** Print the slip alone: a copy of it on an otherwise empty page. */
function printSlip(say, details) {
  const sheet = element("div", { class: "cw-slip-print-copy" }, element("h1", {}, say("slip_title")), details.cloneNode(true));
  document.body.append(sheet);
  document.documentElement.classList.add("cw-printing-slip");
  const done = () => {
    document.documentElement.classList.remove("cw-printing-slip");
    sheet.remove();
  };
  window.addEventListener("afterprint", done, { once: true });
  try {
    window.print();
  } finally {
    // Most browsers wait in print() until the dialog closes; afterprint is the backstop.
    setTimeout(done, 1000);
  }
}
