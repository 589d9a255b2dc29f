// Shown when the app's code cannot be fetched or started (no network and
// nothing cached, a server fault): a visible message with a retry, instead
// of "Memuat kuesioner…" forever. `cargo xtask dist` puts this at the top
// of the loader, which calls it from its catch. A form already on screen
// is left alone: an error after it mounted is not a failed load.
const tanyaLoadFailed = (error) => {
  console.error("tanya: the form could not be loaded:", error);
  const root = document.getElementById("tanya");
  if (!root || !root.querySelector(".tanya-loading")) return;
  let configured = "";
  try {
    configured = JSON.parse(document.getElementById("tanya-config").textContent || "{}").lang || "";
  } catch (_) {
    // An unreadable config block: the URL and the browser decide.
  }
  const asked = String(configured || new URLSearchParams(location.search).get("lang") || "");
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
  root.replaceChildren(box);
};
