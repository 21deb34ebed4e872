// Quiz: single- and several-answer questions with feedback on every option, a running score,
// an end summary that links to what to review, and "Try again".

function render({ model, el }) {
  const id = uid("quiz");
  const questions = model.get("questions");
  const order = (q) =>
    model.get("shuffle") ? seededShuffle(q.options, hashString(`${model.get("quiz_id")}:${q.id}`)) : q.options;

  const score = h("p", { class: "cw-score", "aria-live": "polite" });
  const summary = h("div", { class: "cw-summary", role: "status" });
  const root = h(
    "section",
    { class: "cw cw-quiz", "data-widget": "quiz", "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title`, class: "cw-title" }, model.get("title")),
    h("p", { class: "cw-help" }, "Answer each question, then press “Check answer”. You can try again at the end."),
  );

  const blocks = questions.map((q, n) => {
    const type = q.kind === "single" ? "radio" : "checkbox";
    const name = `${id}-q${n}`;
    const options = order(q).map((option, i) => {
      const input = h("input", { type, name, id: `${name}-o${i}`, value: option.text });
      return { option, input, row: h("div", { class: "cw-option" }, input, h("label", { for: `${name}-o${i}` }, inline(option.text))) };
    });
    const feedback = h("div", { class: "cw-feedback", role: "status" });
    const check = h("button", { type: "button", class: "cw-button cw-check" }, "Check answer");
    const fieldset = h(
      "fieldset",
      { class: "cw-question", "data-question": q.id, "data-objective": q.objective },
      h("legend", {}, `${n + 1}. `, inline(q.question)),
      h("p", { class: "cw-hint" }, q.kind === "single" ? "Choose one answer." : "Choose every answer that is true."),
      options.map((o) => o.row),
      check,
      feedback,
    );
    check.addEventListener("click", () => grade(q, options, fieldset, feedback, check));
    return { q, options, fieldset, feedback, check };
  });

  const again = h("button", { type: "button", class: "cw-button cw-again" }, "Try again");
  again.addEventListener("click", reset);
  root.append(...blocks.map((b) => b.fieldset), score, summary, again);
  el.append(root);
  update();

  function grade(q, options, fieldset, feedback, check) {
    const chosen = options.filter((o) => o.input.checked);
    feedback.replaceChildren();
    if (chosen.length === 0) {
      feedback.append(h("p", { class: "cw-nudge" }, "Choose an answer first, then press “Check answer”."));
      return;
    }
    const right = options.every((o) => o.input.checked === Boolean(o.option.correct));
    fieldset.dataset.result = right ? "correct" : "wrong";
    feedback.append(
      h("p", { class: "cw-verdict" }, right ? "✓ Correct." : "✗ Not quite. Here is why each answer is right or wrong:"),
      h(
        "ul",
        { class: "cw-explain" },
        options.map((o) =>
          h(
            "li",
            { "data-correct": o.option.correct ? "true" : "false" },
            h("strong", {}, o.option.correct ? "Right: " : "Wrong: "),
            inline(o.option.text),
            o.input.checked ? h("span", { class: "cw-you" }, " (your choice)") : null,
            " — ",
            inline(o.option.why),
          ),
        ),
      ),
    );
    for (const o of options) o.input.disabled = true;
    check.disabled = true;
    const answers = { ...model.get("answers"), [q.id]: chosen.map((o) => o.option.text) };
    const results = { ...model.get("results"), [q.id]: right };
    commit(model, { answers, results, score: Object.values(results).filter(Boolean).length });
    update();
  }

  function update() {
    const results = model.get("results");
    const answered = Object.keys(results).length;
    const right = Object.values(results).filter(Boolean).length;
    score.textContent = `Score: ${right} of ${questions.length} right (${answered} answered).`;
    summary.replaceChildren();
    if (answered < questions.length) return;
    const missed = questions.filter((q) => !results[q.id]);
    summary.append(h("p", { class: "cw-total" }, `You got ${right} of ${questions.length}.`));
    if (missed.length === 0) {
      summary.append(h("p", {}, "Well done: you answered every question correctly."));
    } else {
      summary.append(
        h("p", {}, "To review:"),
        h("ul", {}, missed.map((q) => h("li", {}, h("a", { href: `#${q.review}` }, inline(q.question))))),
      );
    }
  }

  function reset() {
    for (const b of blocks) {
      for (const o of b.options) {
        o.input.checked = false;
        o.input.disabled = false;
      }
      b.check.disabled = false;
      b.feedback.replaceChildren();
      delete b.fieldset.dataset.result;
    }
    commit(model, { answers: {}, results: {}, score: 0 });
    update();
    blocks[0]?.options[0]?.input.focus();
  }
}

export default { render };
