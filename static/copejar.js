// The little script there is. The app works without it; it only adds comfort.
"use strict";

// Sign-up: guess the time zone from the browser, so the person rarely has to pick one.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-guess-time-zone]");
  if (!select || select.dataset.touched) return;
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (zone && select.value === "UTC" && [...select.options].some((o) => o.value === zone)) {
    select.value = zone;
  }
});

// After a quick log lands, clear the optional fields so the next entry starts fresh.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt.closest && event.detail.elt.closest("form[data-clear-after-log]");
  if (form && event.detail.successful && !event.detail.xhr.getResponseHeader("HX-Retarget")) {
    form.reset();
    const details = form.querySelector("details");
    if (details) details.open = false;
  }
});

// "Show earlier days": move focus to the first newly loaded day, so keyboard and screen
// reader users land where the new content starts.
document.addEventListener("htmx:afterSettle", () => {
  const heading = document.querySelector("h3[data-just-loaded]");
  if (heading) {
    heading.removeAttribute("data-just-loaded");
    heading.focus();
  }
});
