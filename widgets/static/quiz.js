// uses: element, widgetSection, inline, hashString, seededShuffle, uid, commit · provides: render
// Quiz: single- and several-answer questions with feedback on every option, a running score,
// a retry for each question, an end summary that links to what to review, a completion slip to copy or
// print, and "Try again" for the whole quiz.

function render({ model, el }) {
  const quiz = {
    model,
    el,
    id: uid("quiz"),
    questions: model.get("questions"),
    score: element("p", { class: "cw-score", "aria-live": "polite" }),
    summary: element("div", { class: "cw-summary", role: "status" }),
  };
  const { id } = quiz;
  const root = widgetSection(id, "quiz", model.get("title"),
    element("p", { class: "cw-help" }, "Answer each question, then press “Check answer”. You can try a question again, or the whole quiz at the end."),
  );
  quiz.blocks = quiz.questions.map((q, n) => questionBlock(quiz, q, n));
  const again = element("button", { type: "button", class: "cw-button cw-again" }, "Try again");
  again.addEventListener("click", () => reset(quiz));
  root.append(...quiz.blocks.map((b) => b.fieldset), quiz.score, quiz.summary, again);
  el.append(root);
  update(quiz);
}

/** One question: {q, options, fieldset, feedback, check}, its options in the quiz's order. */
function questionBlock(quiz, q, n) {
  const { model } = quiz;
  const type = q.kind === "single" ? "radio" : "checkbox";
  const name = `${quiz.id}-q${n}`;
  const order = model.get("shuffle") ? seededShuffle(q.options, hashString(`${model.get("quiz_id")}:${q.id}`)) : q.options;
  const options = order.map((option, i) => {
    const input = element("input", { type, name, id: `${name}-o${i}`, value: option.text });
    return { option, input, row: element("div", { class: "cw-option" }, input, element("label", { for: `${name}-o${i}` }, inline(option.text))) };
  });
  const feedback = element("div", { class: "cw-feedback", role: "status", tabindex: "-1" });
  const check = element("button", { type: "button", class: "cw-button cw-check" }, "Check answer");
  const fieldset = element(
    "fieldset",
    { class: "cw-question", "data-question": q.id, "data-objective": q.objective },
    element("legend", {}, `${n + 1}. `, inline(q.question)),
    element("p", { class: "cw-hint" }, q.kind === "single" ? "Choose one answer." : "Choose every answer that is true."),
    options.map((o) => o.row),
    check,
    feedback,
  );
  const block = { q, options, fieldset, feedback, check };
  check.addEventListener("click", () => grade(quiz, block));
  return block;
}

/** What each option means for the reader's choice, in words (not only a colour or a symbol). */
function optionVerdict(picked, correct) {
  if (picked) return correct ? "You picked this, and it is right." : "You picked this, but it is wrong.";
  return correct ? "You missed this right answer." : "You did not pick this, and it is wrong.";
}

function grade(quiz, block) {
  const { model } = quiz;
  const { q, options, fieldset, feedback, check } = block;
  const chosen = options.filter((o) => o.input.checked);
  feedback.replaceChildren();
  if (chosen.length === 0) {
    feedback.append(element("p", { class: "cw-nudge" }, "Choose an answer first, then press “Check answer”."));
    return;
  }
  const right = options.every((o) => o.input.checked === Boolean(o.option.correct));
  fieldset.dataset.result = right ? "correct" : "wrong";
  const retry = element("button", { type: "button", class: "cw-button cw-retry" }, "Try this question again");
  retry.addEventListener("click", () => retryQuestion(quiz, block));
  feedback.append(
    element("p", { class: "cw-verdict" }, right ? "✓ Correct." : "✗ Not quite. Here is why each answer is right or wrong:"),
    element(
      "ul",
      { class: "cw-explain" },
      options.map((o) =>
        element(
          "li",
          { "data-correct": o.option.correct ? "true" : "false", "data-picked": o.input.checked ? "true" : "false" },
          element("strong", {}, optionVerdict(o.input.checked, Boolean(o.option.correct)), " "),
          inline(o.option.text),
          " — ",
          inline(o.option.why),
        ),
      ),
    ),
    retry,
  );
  for (const o of options) o.input.disabled = true;
  check.disabled = true;
  // The button that was pressed is now disabled: move focus to the feedback, so a keyboard or
  // screen-reader user lands on the verdict instead of the top of the page.
  feedback.focus();
  const answers = { ...model.get("answers"), [q.id]: chosen.map((o) => o.option.text) };
  const results = { ...model.get("results"), [q.id]: right };
  commit(model, { answers, results, score: Object.values(results).filter(Boolean).length });
  update(quiz);
}

/** Clear one question, keep the others, and put focus on its first option. */
function clearQuestion(block) {
  for (const o of block.options) {
    o.input.checked = false;
    o.input.disabled = false;
  }
  block.check.disabled = false;
  block.feedback.replaceChildren();
  delete block.fieldset.dataset.result;
}

function retryQuestion(quiz, block) {
  const { model } = quiz;
  clearQuestion(block);
  const { [block.q.id]: _answer, ...answers } = model.get("answers");
  const { [block.q.id]: _result, ...results } = model.get("results");
  commit(model, { answers, results, score: Object.values(results).filter(Boolean).length });
  update(quiz);
  block.options[0]?.input.focus();
}

/** The running score; once every question is answered, the summary and the completion slip. */
function update(quiz) {
  const { model, questions, score, summary } = quiz;
  const results = model.get("results");
  const answered = Object.keys(results).length;
  const right = Object.values(results).filter(Boolean).length;
  score.textContent = `Score: ${right} of ${questions.length} right (${answered} answered).`;
  summary.replaceChildren();
  if (answered < questions.length) return;
  const missed = questions.filter((q) => !results[q.id]);
  summary.append(element("p", { class: "cw-total" }, `You got ${right} of ${questions.length}.`));
  if (missed.length === 0) {
    summary.append(element("p", {}, "Well done: you answered every question correctly."));
  } else {
    summary.append(
      element("p", {}, "To review:"),
      element("ul", {}, missed.map((q) => element("li", {}, element("a", { href: `#${q.review}` }, inline(q.question))))),
    );
  }
  summary.append(completionSlip(quiz.el, model, right, questions.length));
}

function reset(quiz) {
  for (const b of quiz.blocks) clearQuestion(b);
  commit(quiz.model, { answers: {}, results: {}, score: 0 });
  update(quiz);
  quiz.blocks[0]?.options[0]?.input.focus();
}

// ---------------------------------------------------------------- completion slip
// Shown when every question is answered: chapter, score and date, to copy or print and hand in.

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

function slipDate(date = new Date()) {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

function completionSlip(el, model, right, total) {
  const lines = [
    ["Chapter", chapterTitle(el, model)],
    ["Quiz", model.get("quiz_id")],
    ["Score", `${right} of ${total} right`],
    ["Date", slipDate()],
  ];
  const text = ["Completion slip: Muscle twitches course", ...lines.map(([k, v]) => `${k}: ${v}`)].join("\n");
  const status = element("p", { class: "cw-slip-status", role: "status", "aria-live": "polite" });
  const details = element(
    "dl",
    { class: "cw-slip-text" },
    lines.flatMap(([k, v]) => [element("dt", {}, `${k}:`), element("dd", { "data-field": k.toLowerCase() }, v)]),
    element("dt", {}, "Name:"),
    element("dd", { class: "cw-slip-blank" }, "________________________"),
  );
  const copy = element("button", { type: "button", class: "cw-button cw-slip-copy" }, "Copy");
  const print = element("button", { type: "button", class: "cw-button cw-slip-print" }, "Print");
  const slip = element(
    "div",
    { class: "cw-slip", "data-slip": "", role: "group", "aria-label": "Completion slip" },
    element("h4", {}, "Completion slip"),
    element("p", { class: "cw-hint" }, "To hand in your result, copy this slip or print it."),
    details,
    copy,
    print,
    status,
  );
  slip.dataset.text = text;
  if (!document.getElementById(SLIP_STYLE_ID)) document.head.append(element("style", { id: SLIP_STYLE_ID }, SLIP_CSS));

  copy.addEventListener("click", () => copySlip(text, details, status));
  print.addEventListener("click", () => printSlip(details));
  return slip;
}

/** Copy the slip's text; without a clipboard, select it and say how to copy it. */
async function copySlip(text, details, status) {
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    status.textContent = "Copied. You can paste it into an email or a message.";
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
    status.textContent = copied
      ? "Copied. You can paste it into an email or a message."
      : "The slip is selected. Press Ctrl and C (or ⌘ and C) to copy it.";
  }
}

/** Print the slip alone: a copy of it on an otherwise empty page. */
function printSlip(details) {
  const sheet = element("div", { class: "cw-slip-print-copy" }, element("h1", {}, "Completion slip"), details.cloneNode(true));
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

export default { render };
