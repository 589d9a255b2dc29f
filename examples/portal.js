// The host page's own script: it resizes the iframe and mounts way 2.
import { mount } from "/tanya-embed.js";

// 1. iframe: messages come only from the form's origin; anything else is ignored.
const frame = document.getElementById("tanya-frame");
const log = document.getElementById("frame-log");
addEventListener("message", (event) => {
  if (event.origin !== location.origin || !event.data) return;
  if (event.data.type === "tanya:height") frame.style.height = `${event.data.height}px`;
  if (event.data.type === "tanya:submitted") log.textContent = `submitted: ${event.data.submission_id}`;
});

// 2. mount(element, options) and unmount().
const target = document.getElementById("js-form");
const options = { survey: "/surveys/layanan.json", lang: "en", theme: { "--tanya-accent": "#1d6b3a" } };
let form = mount(target, options);
const toggle = document.getElementById("toggle");
toggle.addEventListener("click", () => {
  if (form) {
    form.unmount();
    form = null;
    toggle.textContent = "Mount again";
  } else {
    form = mount(target, options);
    toggle.textContent = "Unmount";
  }
});
