// On a home screen and without a signal: starts the service worker, saves the journal's taps
// on this phone when they cannot be sent, shows them until they are, sends them when the
// network returns, and clears what the phone kept when the person logs out.
// Without a script none of this happens, and every page works as it always did.
"use strict";

(() => {
  const meta = document.querySelector('meta[name="copejar-offline"]');
  if (!meta || !self.copejarQueue) return;
  const queue = self.copejarQueue;
  const state = meta.content; // "guest", "keep" (this device may keep pages) or "shared"
  const account = meta.dataset.account;
  const SYNC_TAG = "copejar-taps";
  const INSTALL_OFFERED = "copejar-install-offered";

  // --- words, from the page (translated there) ----------------------------------------------

  function say(id, values = {}) {
    const words = document.getElementById("offline-words");
    const found = words && words.content.querySelector(`[data-word="${id}"]`);
    const text = found ? found.textContent.trim() : "";
    return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  }

  function message(text, level = "info") {
    const line = document.createElement("p");
    line.className = `message message-${level}`;
    line.textContent = text;
    return line;
  }

  function showStatus(...lines) {
    const status = document.getElementById("log-status");
    if (status) status.replaceChildren(...lines);
  }

  function csrfToken() {
    // The cookie holds the current token even after a log-in changed it under this page.
    const name = "csrftoken=";
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(name));
    if (cookie) return decodeURIComponent(cookie.slice(name.length));
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  // --- the service worker ------------------------------------------------------------------

  const workers = "serviceWorker" in navigator ? navigator.serviceWorker : null;

  async function worker() {
    if (!workers) return null;
    const registration = await workers.ready;
    return registration.active;
  }

  if (workers) {
    workers.register(meta.dataset.worker, { scope: "/" }).catch(() => {
      // No offline copy here (a private window, say): pages work as usual.
    });
    worker().then((active) => active && active.postMessage({ type: "hello", state, account }));
    workers.addEventListener("message", (event) => {
      if (event.data && event.data.type === "sent") reportSent(event.data);
    });
  }

  // --- the journal: a tap that cannot be sent is saved on this phone -----------------------

  const quickForm = (element) => {
    const form = element && element.closest && element.closest("form[data-clear-after-log]");
    return form && form.querySelector('input[name="once"]') ? form : null;
  };
  const tapping = new WeakMap(); // htmx's request config -> the tap it carries

  function describe(form, fields) {
    const picked = new Map(fields);
    if (picked.has("intensity")) {
      return { kind: "urge", label: say("urge", { n: picked.get("intensity") }) };
    }
    const chip = [...form.querySelectorAll('button[name="skill"]')].find(
      (button) => button.value === picked.get("skill"),
    );
    return { kind: "usage", label: chip ? chip.textContent.trim() : "" };
  }

  function freshKeys() {
    for (const input of document.querySelectorAll('form[data-clear-after-log] input[name="once"]')) {
      input.value = crypto.randomUUID();
    }
  }

  document.addEventListener("htmx:configRequest", (event) => {
    const form = quickForm(event.detail.elt);
    if (!form || event.detail.verb !== "post" || !account) return;
    const tappedAt = new Date().toISOString();
    const fields = [...event.detail.formData.entries()]
      .filter(([name, value]) => name !== "csrfmiddlewaretoken" && typeof value === "string")
      .map(([name, value]) => (name === "occurred_at" && !value ? [name, tappedAt] : [name, value]));
    if (!fields.some(([name]) => name === "occurred_at")) fields.push(["occurred_at", tappedAt]);
    const tap = { ...describe(form, fields), url: event.detail.path, fields, tappedAt };
    if (!navigator.onLine) {
      event.preventDefault(); // no network at all: straight onto the phone
      save(form, tap);
      return;
    }
    tapping.set(event.detail, tap);
    // A weak signal can hold a request for minutes; after this long the tap is saved instead
    // (with its one-time key, so if it did get through, sending it again changes nothing).
    if (!event.detail.timeout) event.detail.timeout = 15000;
  });

  for (const failure of ["htmx:sendError", "htmx:timeout"]) {
    document.addEventListener(failure, (event) => {
      const tap = tapping.get(event.detail.requestConfig);
      const form = quickForm(event.detail.elt);
      if (tap && form) {
        save(form, tap);
      } else if (document.getElementById("log-status")) {
        showStatus(message(say("no-signal")));
      }
    });
  }

  async function save(form, tap) {
    await queue.add({ ...tap, account, state: "waiting" });
    // The next tap gets its own key; this one keeps the key it was sent (or meant) with.
    freshKeys();
    form.reset();
    const details = form.querySelector("details");
    if (details) details.open = false;
    showStatus(message(say("queued", { name: tap.label })));
    await draw();
    const registration = workers && (await workers.ready);
    if (registration && registration.sync) {
      registration.sync.register(SYNC_TAG).catch(() => {});
    }
  }

  // --- what is waiting, shown in the journal -------------------------------------------------

  function when(iso) {
    const moment = new Date(iso);
    const lang = document.documentElement.lang || undefined;
    const today = new Date().toDateString() === moment.toDateString();
    // A 24-hour clock, as every time the server writes ("14:05", never "2:05 PM").
    const clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    const options = today ? clock : { weekday: "short", day: "numeric", month: "short", ...clock };
    const time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = moment.toLocaleString(lang, options);
    return time;
  }

  function button(text, quiet, onClick) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = quiet ? "button button-quiet" : "button";
    control.textContent = text;
    control.addEventListener("click", onClick);
    return control;
  }

  function refusedReason(tap) {
    const parsed = new DOMParser().parseFromString(tap.refusedHtml || "", "text/html");
    return [...parsed.querySelectorAll(".message")].map((line) => line.textContent.trim()).join(" ");
  }

  function asking(tap, item) {
    const question = document.createElement("p");
    const actions = document.createElement("p");
    actions.className = "actions";
    if (tap.reason === "skill-gone") {
      question.textContent = say("skill-gone", { name: tap.label });
      const chips = [...document.querySelectorAll('form[data-clear-after-log] button[name="skill"]')];
      if (chips.length) {
        const label = document.createElement("label");
        const select = document.createElement("select");
        select.id = `offline-tap-${tap.id}-skill`;
        label.htmlFor = select.id;
        label.textContent = say("log-as");
        for (const chip of chips) select.add(new Option(chip.textContent.trim(), chip.value));
        actions.append(label, " ", select, " ");
        actions.append(
          button(say("log-as-button"), false, async () => {
            tap.fields = tap.fields.map(([name, value]) => [
              name,
              name === "skill" ? select.value : value,
            ]);
            tap.label = select.selectedOptions[0].textContent;
            await retry(tap);
          }),
          " ",
        );
      }
    } else {
      question.textContent = say("refused", { reason: refusedReason(tap) });
      actions.append(button(say("try-again"), false, () => retry(tap)), " ");
    }
    actions.append(
      button(say("let-go"), true, async () => {
        await queue.remove(tap.id);
        showStatus(message(say("let-go-done")));
        await draw();
      }),
    );
    item.append(question, actions);
  }

  async function retry(tap) {
    tap.state = "waiting";
    delete tap.reason;
    delete tap.refusedHtml;
    delete tap.trimmed;
    await queue.put(tap);
    await draw();
    send();
  }

  async function mine() {
    try {
      return (await queue.all()).filter((tap) => tap.account === account);
    } catch (error) {
      return []; // storage switched off: nothing was saved
    }
  }

  async function draw() {
    const section = document.getElementById("offline-queue");
    if (!section) return;
    const taps = await mine();
    const list = document.getElementById("offline-queue-list");
    list.replaceChildren(
      ...taps.map((tap) => {
        const item = document.createElement("li");
        const what = document.createElement("strong");
        what.textContent = tap.label;
        item.append(what, " · ", when(tap.tappedAt));
        if (tap.state === "asking") {
          asking(tap, item);
        } else {
          const note = document.createElement("span");
          note.className = "muted";
          note.textContent = ` · ${say("waiting")}`;
          item.append(note);
        }
        return item;
      }),
    );
    section.hidden = taps.length === 0;
  }

  // --- sending, when the network returns ---------------------------------------------------

  async function send() {
    if (state === "guest" || !account || !navigator.onLine) return;
    const waiting = (await mine()).filter((tap) => tap.state === "waiting");
    if (!waiting.length) return;
    const token = csrfToken();
    const active = await Promise.race([
      worker(),
      new Promise((resolve) => setTimeout(() => resolve(null), 3000)),
    ]);
    if (active && workers.controller) {
      active.postMessage({ type: "send", account, token });
    } else {
      reportSent(await queue.send({ account, token }));
    }
  }

  function acknowledgements(acks) {
    const lines = [];
    for (const html of acks) {
      const parsed = new DOMParser().parseFromString(html, "text/html");
      for (const line of parsed.querySelectorAll("p.message")) {
        lines.push(document.importNode(line, true));
      }
    }
    return lines;
  }

  async function reportSent({ sent, acks, problem }) {
    await draw();
    const signIn = document.querySelector("[data-offline-sign-in]");
    if (signIn) signIn.hidden = problem !== "sign-in";
    if (!sent) return;
    const summary = sent === 1 ? say("sent-one") : say("sent-many", { n: sent });
    showStatus(message(summary, "success"), ...acknowledgements(acks || []));
    const feed = document.getElementById("feed");
    if (feed && self.htmx) {
      self.htmx.ajax("GET", meta.dataset.journal, { target: "#feed", select: "#feed", swap: "outerHTML" });
    }
  }

  window.addEventListener("online", send);

  // --- log-out, and a session that ended -----------------------------------------------------

  async function forgetAll() {
    try {
      for (const name of await caches.keys()) {
        if (name.startsWith("copejar-pages-")) await caches.delete(name);
      }
      await queue.clear();
    } catch (error) {
      // Nothing was kept.
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.getAttribute("action") !== meta.dataset.logout || form.dataset.cleared) return;
    event.preventDefault();
    let waiting = await mine();
    if (waiting.length && navigator.onLine) {
      await queue.send({ account, token: csrfToken() });
      waiting = await mine();
    }
    if (waiting.length) {
      const question =
        waiting.length === 1 ? say("logout-one") : say("logout-many", { n: waiting.length });
      if (!window.confirm(question)) return;
    }
    await forgetAll();
    form.dataset.cleared = "1";
    form.submit();
  });

  // --- install: offered gently, once, on the journal ----------------------------------------

  let installEvent = null;

  function offerInstall() {
    const offer = document.getElementById("install-offer");
    if (!offer || !installEvent || state !== "keep") return;
    try {
      if (localStorage.getItem(INSTALL_OFFERED)) return;
      localStorage.setItem(INSTALL_OFFERED, "1"); // shown once, answered or not
    } catch (error) {
      return; // nowhere to remember it: better never than every visit
    }
    offer.hidden = false;
    offer.querySelector("[data-install-yes]").addEventListener("click", async () => {
      offer.hidden = true;
      installEvent.prompt();
      installEvent = null;
    });
    offer.querySelector("[data-install-no]").addEventListener("click", () => {
      offer.hidden = true;
    });
  }

  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // no browser banner on top: the journal makes its own offer, once
    installEvent = event;
    offerInstall();
  });
  window.addEventListener("appinstalled", () => {
    const offer = document.getElementById("install-offer");
    if (offer) offer.hidden = true;
  });

  // --- on every page ---------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", async () => {
    // A page opened from the phone's copy carries the keys it had when it was kept; they may
    // have been used since, so each quick form starts with a key of its own.
    freshKeys();
    if (document.querySelector("[data-offline-page]")) {
      // Kept for anyone using this device: account links would only mislead here.
      const nav = document.querySelector(".site-header nav");
      if (nav) nav.hidden = true;
      return;
    }
    if (state === "guest") {
      // Online, a signed-out page is news; offline it may be the phone's copy of a public page.
      if (!navigator.onLine) return;
      let waiting = [];
      try {
        waiting = await queue.all();
      } catch (error) {
        // storage switched off
      }
      if (waiting.length && document.getElementById("log-status")) {
        document.getElementById("log-status").append(message(say("waiting-for-sign-in")));
      }
      return;
    }
    await draw();
    offerInstall();
    send();
  });
})();
