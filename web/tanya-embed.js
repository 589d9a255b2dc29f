// Tanya for host pages. `cargo xtask dist` copies this file to
// dist/tanya-embed.js with the content-hashed names of the build filled in.
//
//   import { mount } from "https://survey.example.go.id/tanya-embed.js";
//   const form = mount(document.querySelector("#survey"), { survey: "/surveys/spi.json", lang: "en" });
//   form.unmount();
//
//   <script type="module" src="https://survey.example.go.id/tanya-embed.js"></script>
//   <tanya-survey src="/surveys/spi.json" lang="en" group="eksternal"></tanya-survey>
//
// Both render inside a shadow root with Tanya's own stylesheet, so the
// portal's CSS does not reach the form and the form's CSS does not reach
// the portal. Theme variables (--tanya-*) inherit into it.

import init, { mount as mountInto } from "./__GLUE__";

const here = new URL(".", import.meta.url);
const stylesheet = new URL("__CSS__", here).href;
const ready = init({ module_or_path: new URL("__WASM__", here) });

// Renders a form into `shadow` (a shadow root) next to Tanya's stylesheet;
// `cleanup` runs after unmounting.
function place(shadow, options, cleanup) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = stylesheet;
  const box = document.createElement("div");
  box.className = "tanya";
  shadow.append(link, box);
  let handle = null;
  let gone = false;
  const mounted = ready.then(() => {
    if (!gone) handle = mountInto(box, options);
  });
  return {
    ready: mounted,
    unmount() {
      if (gone) return;
      gone = true;
      if (handle) {
        handle.unmount();
        handle.free();
        handle = null;
      }
      link.remove();
      box.remove();
      cleanup();
    },
  };
}

/**
 * Renders a form into `element`, inside a shadow root of its own.
 * @param {HTMLElement} element where the form goes; its own content is kept.
 * @param {object} options {survey: object | same-origin URL, endpoint, lang, group, theme: {"--tanya-accent": "#..."}}
 * @returns {{unmount(): void, ready: Promise<void>}} `unmount()` removes the form
 *   and everything it added; it works before the form has finished loading.
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) {
    throw new TypeError("tanya mount(element, options): element must be an HTMLElement");
  }
  const host = document.createElement("div");
  host.className = "tanya-embed";
  element.append(host);
  return place(host.attachShadow({ mode: "open" }), options, () => host.remove());
}

/** `<tanya-survey src lang group endpoint>`: the form as an element. */
class TanyaSurvey extends HTMLElement {
  static get observedAttributes() {
    return ["src", "lang", "group", "endpoint"];
  }

  connectedCallback() {
    // Moved within the page (a framework reordering nodes): keep the form
    // and its unsaved answers.
    if (!this.form) this.render();
  }

  disconnectedCallback() {
    // Unmount only if the element is still out of the page once the
    // current task is done; a move disconnects and reconnects at once.
    queueMicrotask(() => {
      if (!this.isConnected && this.form) {
        this.form.unmount();
        this.form = null;
      }
    });
  }

  attributeChangedCallback() {
    if (this.form) this.render();
  }

  render() {
    this.form?.unmount();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const options = {};
    const src = this.getAttribute("src");
    if (src) options.survey = src;
    for (const key of ["lang", "group"]) {
      const value = this.getAttribute(key);
      if (value) options[key] = value;
    }
    const endpoint = this.getAttribute("endpoint");
    if (endpoint) options.endpoint = { url: endpoint };
    this.form = place(shadow, options, () => {});
  }
}

if (!customElements.get("tanya-survey")) {
  customElements.define("tanya-survey", TanyaSurvey);
}
