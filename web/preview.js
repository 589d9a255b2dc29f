// Before the app arrives, a page 1 that `tanya site` prerendered shows and
// hides the questions that depend on one answer alone, as the engine said
// it would: `#tanya-preview` holds its verdict for every answer (see
// `Flow::previews`), and this only looks it up. `cargo xtask dist` puts it at
// the top of the loader. The app takes over from there, and then decides
// by itself.
{
  const root = document.getElementById("tanya");
  const block = document.getElementById("tanya-preview");
  let table = null;
  try {
    table = block && JSON.parse(block.textContent || "{}");
  } catch (_) {
    // An unreadable table: the page waits for the app, as without one.
  }
  const prerendered = () => root.hasAttribute("data-tanya-prerendered");
  const apply = (question) => {
    const rule = table[question.getAttribute("data-question")];
    if (!rule) return;
    const picked = question.querySelector("input:checked, option:checked");
    const answer = !picked ? "" : picked.localName === "option" ? picked.getAttribute("data-value") || "" : picked.value;
    const shown = rule.shown[answer];
    if (!shown) return;
    rule.targets.forEach((selector, i) => {
      // Not the app's own copy, drawn hidden beside the page while it starts.
      for (const target of root.querySelectorAll(selector)) {
        if (!target.closest(".tanya-app")) target.hidden = !shown[i];
      }
    });
  };
  if (root && table && prerendered()) {
    root.addEventListener("change", (event) => {
      const question = prerendered() && event.target.closest && event.target.closest("[data-question]");
      if (question && !question.closest(".tanya-app")) apply(question);
    });
    // What was tapped before this ran.
    for (const question of root.querySelectorAll("[data-question]")) {
      if (!question.closest(".tanya-app")) apply(question);
    }
  }
}
