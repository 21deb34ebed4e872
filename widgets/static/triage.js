// uses: nothing · provides: triage, fillNumbers
// The symptom checker's rule, the same as widgets/triage.py (tests/test_parity.py proves they agree).

/** The urgency rule, the same as widgets/triage.py: the most urgent ticked level wins. */
function triage(ticked, symptoms, levels) {
  const levelOf = new Map(symptoms.map((s) => [s.id, s.level]));
  let best = "selfcare";
  for (const id of ticked) {
    const level = levelOf.get(id);
    if (level === undefined) throw new Error(`unknown symptom id '${id}'`);
    if (levels[level].rank > levels[best].rank) best = level;
  }
  return best;
}

/** The numbers for a region in a level's text, the same as fill_numbers in widgets/triage.py. */
function fillNumbers(text, region, regions) {
  const chosen = (Object.hasOwn(regions, region) && regions[region]) || regions.all;
  return String(text).replace(/\{(emergency|urgent)\}/g, (_, slot) => chosen[slot]);
}
