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
  const refused = (event.detail.xhr.getResponseHeader("HX-Trigger") || "").includes("log-refused");
  if (form && event.detail.successful && !refused) {
    form.reset();
    const details = form.querySelector("details");
    if (details) details.open = false;
  }
});

// A form being sent waits for its answer: a second tap meanwhile is ignored, so a double tap
// sends it once (the server would make one record anyway, by the form's one-time key). A
// plain form waits for the next page; an htmx form is ready again once its answer arrives.
document.addEventListener(
  "submit",
  (event) => {
    if (event.target instanceof HTMLFormElement && event.target.dataset.sending) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

// Marked last, on the window, so a submit that something else cancelled (htmx sends its
// own request, a question the person said no to) never leaves the form waiting.
window.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  form.dataset.sending = "1";
  // A page that never answers (a lost signal) lets the person try again after a while.
  setTimeout(() => delete form.dataset.sending, 10000);
});

// htmx forms are waiting only while their request is really on its way.
document.addEventListener("htmx:beforeSend", (event) => {
  const form = event.detail.elt.closest && event.detail.elt.closest("form");
  if (form) form.dataset.sending = "1";
});
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt.closest && event.detail.elt.closest("form");
  if (form) delete form.dataset.sending;
});

// Back to a page the browser kept: its forms are ready again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-sending]")) delete form.dataset.sending;
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

// Riding out an urge: a gentle countdown, and a check-in that comes up about every two
// minutes. Without a script the page is plain forms, so the check-in is always on show.
function announce(text) {
  const status = document.getElementById("log-status");
  if (!status || !text) return;
  const message = document.createElement("p");
  message.className = "message message-info";
  message.textContent = text;
  status.replaceChildren(message);
}

function startSurfTimer() {
  const box = document.querySelector("[data-surf-timer]");
  if (!box || box.dataset.running) return;
  box.dataset.running = "1";
  const text = box.querySelector("[data-timer-text]");
  const bar = box.querySelector("[data-timer-progress]");
  const total = Number(box.dataset.total);
  const remaining = Number(box.dataset.remaining);
  // The page's own clock, not the device's time of day, so a wrong phone clock is harmless.
  const endsAt = performance.now() + remaining * 1000;
  let shown = "";
  const tick = () => {
    const left = Math.max(0, (endsAt - performance.now()) / 1000);
    if (bar) bar.value = total - left;
    let words = box.dataset.textDone;
    if (left >= 120) words = box.dataset.textMinutes.replace("{n}", Math.round(left / 60));
    else if (left >= 60) words = box.dataset.textMinute;
    else if (left > 0) words = box.dataset.textSeconds;
    if (words !== shown) {
      if (left <= 0 && remaining > 0) announce(words);
      text.textContent = words;
      shown = words;
    }
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
}

let checkInTimer = null;

function restCheckIn(event) {
  const section = document.querySelector("[data-check-in]");
  if (!section || section.dataset.wired) return;
  section.dataset.wired = "1";
  const rest = section.querySelector("[data-check-in-rest]");
  const form = section.querySelector("[data-check-in-form]");
  const now = section.querySelector("[data-check-in-now]");
  if (!rest || !form || !now) return;
  clearTimeout(checkInTimer);
  const show = (due) => {
    clearTimeout(checkInTimer);
    rest.hidden = true;
    form.hidden = false;
    section.classList.toggle("is-due", due);
    if (due) announce(section.dataset.dueText);
  };
  now.addEventListener("click", () => {
    show(false);
    form.querySelector("button").focus();
  });
  // A check-in the server could not take stays open, with its reason showing.
  if (section.querySelector(".message-error")) return;
  rest.hidden = false;
  form.hidden = true;
  checkInTimer = setTimeout(() => show(true), Number(section.dataset.checkEvery) * 1000);
  // After a check-in swapped in, the tapped button is gone: keep focus in the check-in.
  const swapped = event && event.type === "htmx:afterSettle";
  if (swapped && (!document.activeElement || document.activeElement === document.body)) {
    now.focus();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  startSurfTimer();
  restCheckIn();
});
document.addEventListener("htmx:afterSettle", restCheckIn);

// Content that replaced the control a person just used names where focus goes next
// (for example the "is in your jar now" line after a one-tap idea).
document.addEventListener("htmx:afterSettle", () => {
  const spot = document.querySelector("[data-focus-after-swap]");
  if (spot) {
    spot.removeAttribute("data-focus-after-swap");
    spot.focus();
  }
});

// A quick log's acknowledgement (or a problem with it) lands in the status line; bring it
// into view if the tap happened far from it (a phone scrolled down to the urge scale, say).
function revealStatus(event) {
  const target = event.detail.target;
  if (!target || target.id !== "log-status" || !target.textContent.trim()) return;
  const box = target.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) {
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
  }
}
document.addEventListener("htmx:oobAfterSwap", revealStatus);
document.addEventListener("htmx:afterSwap", revealStatus);

// An invitation link carries its code after "#", which browsers never send to the server,
// so it stays out of every access log. Keep it in this tab (not on the device) while the
// therapist logs in or signs up, then fill it in on the page that takes the code.
const INVITE_KEY = "copejar-invite-code";

function rememberedInvite() {
  try {
    return sessionStorage.getItem(INVITE_KEY);
  } catch (error) {
    return null;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  let hash = "";
  try {
    hash = decodeURIComponent(location.hash);
  } catch (error) {
    return; // not a code this page made
  }
  const found = /^#code=([A-Za-z0-9 -]{1,20})$/.exec(hash);
  if (found) {
    try {
      sessionStorage.setItem(INVITE_KEY, found[1]);
    } catch (error) {
      // Storage switched off: the code can still be filled in on this page.
    }
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  const field = document.querySelector("input[data-invite-code]");
  if (!field) return;
  const code = found ? found[1] : rememberedInvite();
  if (code && !field.value) field.value = code;
  try {
    sessionStorage.removeItem(INVITE_KEY);
  } catch (error) {
    // Nothing was kept.
  }
});

// Quick exit: leave for a neutral page at once, replacing this page in the tab's history so
// Back does not come straight back to it. The button, or Escape twice within a second.
// Without a script the button is an ordinary link to the same page.
function quickExit(event) {
  const link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  if (event) event.preventDefault();
  document.body.hidden = true;
  try {
    sessionStorage.clear();
  } catch (error) {
    // Nothing was kept.
  }
  window.location.replace(link.href);
}

document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("a[data-quick-exit]")) quickExit(event);
});

let lastEscape = -Infinity;
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || event.repeat) return;
  const now = performance.now();
  if (now - lastEscape < 1000) quickExit(event);
  lastEscape = now;
});
