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

// Editing or deleting an entry in place replaces the very control that had focus. Keep
// keyboard and screen reader users where they were: into the form or question that opened,
// back to the entry after saving, or on to a neighbouring entry after a delete.
let focusAfterSwap = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const item = event.detail.target;
  focusAfterSwap =
    item.matches("#feed li") && item.contains(document.activeElement)
      ? { item, neighbour: item.nextElementSibling || item.previousElementSibling }
      : null;
});

function placeFocusAfterSwap(event) {
  if (!focusAfterSwap) return;
  const { item, neighbour } = focusAfterSwap;
  // New content is ready once it settles (htmx wires its links then); a deleted entry never
  // settles, so for that one afterRequest is the last word.
  if (event.type === "htmx:afterRequest" && item.isConnected) return;
  focusAfterSwap = null;
  if (document.activeElement && document.activeElement !== document.body) return;
  const place = item.isConnected ? item : neighbour;
  const spot =
    (place && place.querySelector("[data-focus-here], .entry-actions a")) ||
    document.getElementById("feed-heading");
  if (!spot) return;
  if (!spot.matches("a, button, input, select, textarea")) spot.tabIndex = -1;
  spot.focus();
}
document.addEventListener("htmx:afterRequest", placeFocusAfterSwap);
document.addEventListener("htmx:afterSettle", placeFocusAfterSwap);

// A print button only makes sense with a script behind it, so it starts hidden.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
