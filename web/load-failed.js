// Shown when the app's code cannot be fetched or started (no network and
// nothing cached, a server fault): a visible message with a retry, instead
// of "Memuat kuesioner…" forever. `cargo xtask dist` puts this at the top
// of the loader, which calls it from its catch. A form already on screen
// is left alone: an error after it mounted is not a failed load. A page 1
// prerendered by `tanya site` stays readable, with the message above it
// (choices or questions that waited for the app's order show as written).
const tanyaLoadFailed = (error) => {
  console.error("tanya: the form could not be loaded:", error);
  const root = document.getElementById("tanya");
  const prerendered = !!root && root.hasAttribute("data-tanya-prerendered");
  if (!root || (!root.querySelector(".tanya-loading") && !prerendered)) return;
  let configured = "";
  try {
    configured = JSON.parse(document.getElementById("tanya-config").textContent || "{}").lang || "";
  } catch (_) {
    // An unreadable config block: the URL and the browser decide.
  }
  // The respondent's own link first, as the app reads it.
  const asked = String(new URLSearchParams(location.search).get("lang") || configured || "");
  const english = asked ? asked.startsWith("en") : !(navigator.language || "id").startsWith("id");
  const words = english
    ? ["The questionnaire could not be loaded. Check your connection, then try again.", "Try again"]
    : ["Kuesioner tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.", "Coba lagi"];
  const box = document.createElement("div");
  box.className = "tanya-load-error";
  box.setAttribute("role", "alert");
  const text = document.createElement("p");
  text.textContent = words[0];
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "tanya-next tanya-reload";
  retry.textContent = words[1];
  retry.addEventListener("click", () => location.reload());
  box.append(text, retry);
  if (prerendered) {
    // What waited, unseen, for the app to draw its order shows as written.
    for (const waiting of root.querySelectorAll(".tanya-shuffled, .tanya-reordered")) {
      waiting.classList.remove("tanya-shuffled", "tanya-reordered");
    }
    root.prepend(box);
  } else root.replaceChildren(box);
};
