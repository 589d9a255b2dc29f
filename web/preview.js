// Before the app arrives, a page 1 that `tanya site` prerendered notes the
// order answers are given in, and shows and hides the questions that depend
// on one answer alone, as the engine said it would: `#tanya-preview` holds
// its verdict for every answer (see `Flow::previews`), and this only looks it
// up. `cargo xtask dist` puts it at the top of the loader, so nothing here
// may throw: the app is imported after it. The app takes over from there,
// and then decides by itself.
try {
  const root = document.getElementById("tanya");
  const prerendered = () => !!root && root.hasAttribute("data-tanya-prerendered");
  // The order the respondent answers in: each question (and the roster
  // holding it) gets a rising `data-tanya-seq` on every input, and the app
  // takes the answers over in that order, so a rule an answer runs
  // (`resetValueIf`, a trigger) meets the others as it did here.
  let seq = 0;
  const stamp = (event) => {
    if (!prerendered() || !event.target.closest) return;
    seq += 1;
    for (let q = event.target.closest("[data-question]"); q; q = q.parentElement && q.parentElement.closest("[data-question]")) {
      if (!q.closest(".tanya-app")) q.setAttribute("data-tanya-seq", String(seq));
    }
  };
  if (prerendered()) {
    root.addEventListener("input", stamp);
    root.addEventListener("change", stamp);
  }
  const block = document.getElementById("tanya-preview");
  // Own keys only: a question called "constructor" is no rule.
  const table = block ? new Map(Object.entries(JSON.parse(block.textContent || "{}"))) : new Map();
  // The page's own markup: not the app's copy drawn hidden beside it while
  // it starts, nor what a roster's items hold (their names are not paths).
  const own = (e) => !e.closest(".tanya-app") && !(e.parentElement && e.parentElement.closest("[data-question]"));
  const apply = (question) => {
    const rule = table.get(question.getAttribute("data-question"));
    if (!rule || !rule.shown || !Array.isArray(rule.targets)) return;
    const picked = question.querySelector("input:checked, option:checked");
    const answer = !picked ? "" : picked.localName === "option" ? picked.getAttribute("data-value") || "" : picked.value;
    const shown = Object.prototype.hasOwnProperty.call(rule.shown, answer) ? rule.shown[answer] : null;
    if (!shown) return;
    rule.targets.forEach(([attribute, name], i) => {
      for (const target of root.querySelectorAll(`[${attribute === "data-panel" ? "data-panel" : "data-question"}]`)) {
        if (target.getAttribute(attribute) === name && own(target)) target.hidden = !shown[i];
      }
    });
  };
  if (table.size && prerendered()) {
    root.addEventListener("change", (event) => {
      const question = prerendered() && event.target.closest && event.target.closest("[data-question]");
      if (question && own(question)) apply(question);
    });
    // What was tapped before this ran.
    for (const question of root.querySelectorAll("[data-question]")) {
      if (own(question)) apply(question);
    }
  }
} catch (error) {
  // A table this cannot read: the page waits for the app, as without one.
  console.error("tanya: the page 1 preview is off:", error);
}
