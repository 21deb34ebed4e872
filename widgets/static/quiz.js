// uses: commit, completionSlip, element, followPython, hashString, inline, seededShuffle, widgetSection, widgetState · provides: render
// Quiz: single- and several-answer questions with feedback on every option, a running score,
// a retry for each question, an end summary that links to what to review, a completion slip to copy or
// print, and "Try again" for the whole quiz. Answers set from Python (`quiz.answers`) show as if the
// reader had given them.

function render({ model, el }) {
  const quiz = {
    ...widgetState(model, "quiz"),
    el,
    questions: model.get("questions"),
    score: element("p", { class: "cw-score", "aria-live": "polite" }),
    summary: element("div", { class: "cw-summary", role: "status" }),
  };
  const { id, say } = quiz;
  const root = widgetSection(id, "quiz", model.get("title"), element("p", { class: "cw-help" }, say("help")));
  quiz.blocks = quiz.questions.map((q, n) => questionBlock(quiz, q, n));
  const again = element("button", { type: "button", class: "cw-button cw-again" }, say("try_again"));
  again.addEventListener("click", () => reset(quiz));
  root.append(...quiz.blocks.map((b) => b.fieldset), quiz.score, quiz.summary, again);
  el.append(root);
  update(quiz);
  showAnswers(quiz, model.get("answers"));
  return followPython(model, { answers: (value) => showAnswers(quiz, value) });
}

/** One question: {q, options, fieldset, feedback, check}, its options in the quiz's order. */
function questionBlock(quiz, q, n) {
  const { model, say } = quiz;
  const type = q.kind === "single" ? "radio" : "checkbox";
  const name = `${quiz.id}-q${n}`;
  const order = model.get("shuffle") ? seededShuffle(q.options, hashString(`${model.get("quiz_id")}:${q.id}`)) : q.options;
  const options = order.map((option, i) => {
    const input = element("input", { type, name, id: `${name}-o${i}`, value: option.text });
    return { option, input, row: element("div", { class: "cw-option" }, input, element("label", { for: `${name}-o${i}` }, inline(option.text))) };
  });
  const feedback = element("div", { class: "cw-feedback", role: "status", tabindex: "-1" });
  const check = element("button", { type: "button", class: "cw-button cw-check" }, say("check_answer"));
  const fieldset = element(
    "fieldset",
    { class: "cw-question", "data-question": q.id, "data-objective": q.objective },
    element("legend", {}, say("question_number", { n: say.number(n + 1) }), inline(q.question)),
    element("p", { class: "cw-hint" }, say(q.kind === "single" ? "choose_one" : "choose_several")),
    options.map((o) => o.row),
    check,
    feedback,
  );
  const block = { q, options, fieldset, feedback, check };
  check.addEventListener("click", () => grade(quiz, block));
  return block;
}

/** What each option means for the reader's choice, in words (not only a colour or a symbol). */
function optionVerdict(say, picked, correct) {
  if (picked) return say(correct ? "picked_right" : "picked_wrong");
  return say(correct ? "missed_right" : "not_picked_wrong");
}

/** The reader pressed "Check answer": mark the question, move focus to the verdict, save the answer. */
function grade(quiz, block) {
  const { model, say } = quiz;
  const { q, options, feedback } = block;
  const chosen = options.filter((o) => o.input.checked);
  feedback.replaceChildren();
  if (chosen.length === 0) {
    feedback.append(element("p", { class: "cw-nudge" }, say("choose_first")));
    return;
  }
  const right = markQuestion(quiz, block);
  // The button that was pressed is now disabled: move focus to the feedback, so a keyboard or
  // screen-reader user lands on the verdict instead of the top of the page.
  feedback.focus();
  const answers = { ...model.get("answers"), [q.id]: chosen.map((o) => o.option.text) };
  const results = { ...model.get("results"), [q.id]: right };
  commit(model, { answers, results, score: Object.values(results).filter(Boolean).length });
  update(quiz);
}

/** Show the verdict for the options that are checked and lock the question; true if it is right. */
function markQuestion(quiz, block) {
  const { say } = quiz;
  const { options, fieldset, feedback, check } = block;
  const right = options.every((o) => o.input.checked === Boolean(o.option.correct));
  fieldset.dataset.result = right ? "correct" : "wrong";
  const retry = element("button", { type: "button", class: "cw-button cw-retry" }, say("retry_question"));
  retry.addEventListener("click", () => retryQuestion(quiz, block));
  feedback.replaceChildren(
    element("p", { class: "cw-verdict" }, say(right ? "correct" : "not_quite")),
    element(
      "ul",
      { class: "cw-explain" },
      options.map((o) =>
        element(
          "li",
          { "data-correct": o.option.correct ? "true" : "false", "data-picked": o.input.checked ? "true" : "false" },
          element("strong", {}, optionVerdict(say, o.input.checked, Boolean(o.option.correct)), " "),
          inline(o.option.text),
          say("option_why"),
          inline(o.option.why),
        ),
      ),
    ),
    retry,
  );
  for (const o of options) o.input.disabled = true;
  check.disabled = true;
  return right;
}

// ---------------------------------------------------------------- answers set from Python
// `quiz.answers = {question id: [option texts]}` with a kernel: the page picks those options and
// marks them as if the reader had pressed "Check answer" (no focus moves), clears the checked
// questions the value leaves out, and sends back the answers, results and score it shows.
// The page's own saves come back here too: they match what is shown, so nothing happens.

/** The option texts of a checked question, or [] for one not checked yet. */
function shownAnswer(block) {
  if (!block.fieldset.dataset.result) return [];
  return block.options.filter((o) => o.input.checked).map((o) => o.option.text);
}

const sameTexts = (a, b) => Array.isArray(a) && a.length === b.length && b.every((t) => a.includes(t));

/** Whether `value` (anything Python sent) holds exactly `answers`. */
function sameAnswers(value, answers) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === Object.keys(answers).length && keys.every((k) => k in answers && sameTexts(value[k], answers[k]));
}

/** The option texts to pick for `given` (one question's entry), or null if it is no answer to it. */
function answerFor(block, given) {
  if (!Array.isArray(given)) return null;
  const known = new Set(block.options.map((o) => o.option.text));
  const texts = [...new Set(given.filter((t) => known.has(t)))];
  if (texts.length === 0 || (block.q.kind === "single" && texts.length > 1)) return null;
  return texts;
}

/**
 * Show answers set from Python. Unknown ids and texts are ignored; an entry that is no answer leaves
 * its question as it is; a value with no answer to any question (other than {}), or that is no
 * mapping, leaves the page as it is.
 */
function showAnswers(quiz, value) {
  const entries = value && typeof value === "object" && !Array.isArray(value) ? value : {};
  const given = (block) => (Object.hasOwn(entries, block.q.id) ? answerFor(block, entries[block.q.id]) : []);
  const usable = entries === value && (Object.keys(value).length === 0 || quiz.blocks.some((b) => given(b)?.length));
  let changed = false;
  for (const block of usable ? quiz.blocks : []) {
    const wanted = given(block);
    if (wanted === null || sameTexts(wanted, shownAnswer(block))) continue;
    clearQuestion(block);
    for (const o of block.options) o.input.checked = wanted.includes(o.option.text);
    if (wanted.length) markQuestion(quiz, block);
    changed = true;
  }
  const marked = quiz.blocks.filter((b) => b.fieldset.dataset.result);
  const answers = Object.fromEntries(marked.map((b) => [b.q.id, shownAnswer(b)]));
  if (!changed && sameAnswers(value, answers)) return;
  const results = Object.fromEntries(marked.map((b) => [b.q.id, b.fieldset.dataset.result === "correct"]));
  commit(quiz.model, { answers, results, score: Object.values(results).filter(Boolean).length });
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
  const { model, say, questions, score, summary } = quiz;
  const results = model.get("results");
  const answered = Object.keys(results).length;
  const right = Object.values(results).filter(Boolean).length;
  const counts = { right: say.number(right), total: say.number(questions.length) };
  score.textContent = say("score", { ...counts, answered: say.number(answered) });
  summary.replaceChildren();
  if (answered < questions.length) return;
  const missed = questions.filter((q) => !results[q.id]);
  summary.append(element("p", { class: "cw-total" }, say("total", counts)));
  if (missed.length === 0) {
    summary.append(element("p", {}, say("all_correct")));
  } else {
    summary.append(
      element("p", {}, say("to_review")),
      element("ul", {}, missed.map((q) => element("li", {}, element("a", { href: `#${q.review}` }, inline(q.question))))),
    );
  }
  summary.append(completionSlip(quiz, counts));
}

function reset(quiz) {
  for (const b of quiz.blocks) clearQuestion(b);
  commit(quiz.model, { answers: {}, results: {}, score: 0 });
  update(quiz);
  quiz.blocks[0]?.options[0]?.input.focus();
}

export default { render };
