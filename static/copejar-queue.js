// Taps saved on this device while there was no signal, and sending them later. The page
// (copejar-offline.js) and the service worker (copejar-sw.js) both load this file.
"use strict";

self.copejarQueue = (() => {
  const DB = "copejar-offline";
  const STORE = "taps";
  // Sent with every saved tap: the account it was made in. The journal refuses a tap for
  // anyone but the person signed in now (see copejar/accounts/offline.py).
  const QUEUED_FOR = "X-Queued-For";
  // Fields the journal may refuse on a tap that waited, and that can go without losing the
  // tap: an urge's "pulling toward" skill or the urge a use answered (deleted on another
  // device meanwhile), or a time the server reads as still to come (a phone clock running
  // fast), which then becomes the time of sending.
  const CAN_GO = { urge: ["skill", "occurred_at"], usage: ["urge", "occurred_at"] };

  function request(work) {
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open(DB, 1);
      opening.onupgradeneeded = () => {
        opening.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      };
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const db = opening.result;
        const transaction = db.transaction(STORE, "readwrite");
        const asked = work(transaction.objectStore(STORE));
        // Closed at once, so clearing or upgrading the database never waits on this page.
        transaction.oncomplete = () => {
          db.close();
          resolve(asked && "result" in asked ? asked.result : undefined);
        };
        transaction.onerror = () => {
          db.close();
          reject(transaction.error);
        };
      };
    });
  }

  const all = () => request((store) => store.getAll()); // in the order of tapping
  const add = (tap) => request((store) => store.add(tap));
  const put = (tap) => request((store) => store.put(tap));
  const remove = (id) => request((store) => store.delete(id));
  const clear = () => request((store) => store.clear());

  async function keepOnly(account) {
    for (const tap of await all()) {
      if (tap.account !== account) await remove(tap.id);
    }
  }

  function refusedFields(trigger) {
    try {
      return (JSON.parse(trigger)["log-refused"] || {}).fields || [];
    } catch (error) {
      return [];
    }
  }

  async function post(tap, token) {
    return fetch(tap.url, {
      method: "POST",
      body: new URLSearchParams(tap.fields),
      headers: { "HX-Request": "true", "X-CSRFToken": token, [QUEUED_FOR]: tap.account },
      credentials: "same-origin",
      redirect: "manual",
      cache: "no-store",
    });
  }

  // Send the waiting taps, oldest first (all accounts' when `account` is null: each tap names
  // its own, and the journal takes only the signed-in person's). Stops at the first sign of
  // no network or no session, keeping the rest. Each tap carries the one-time key it was made
  // with, so a tap the server already has (its answer lost on the way) is not made twice.
  async function send({ account, token }) {
    const result = { sent: 0, acks: [], problem: null };
    for (const tap of await all()) {
      if (tap.state !== "waiting" || (account && tap.account !== account)) continue;
      const outcome = await sendOne(tap, token);
      if (outcome.problem) {
        result.problem = outcome.problem;
        break;
      }
      if (outcome.ack !== undefined) {
        result.sent += 1;
        result.acks.push(outcome.ack);
      }
    }
    return result;
  }

  async function sendOne(tap, token) {
    let response;
    try {
      response = await post(tap, token);
    } catch (error) {
      return { problem: "network" };
    }
    // Signed out meanwhile (sent to log in), or the session changed under the page.
    if (response.type === "opaqueredirect" || response.status === 403) return { problem: "sign-in" };
    if (response.status === 409) return {}; // another account's tap: it waits for them
    if (!response.ok) return { problem: "server" };
    const html = await response.text();
    const trigger = response.headers.get("HX-Trigger") || "";
    if (!trigger.includes("log-refused")) {
      await remove(tap.id);
      return { ack: html };
    }
    const fields = refusedFields(trigger);
    const canGo = CAN_GO[tap.kind] || [];
    if (!tap.trimmed && fields.length && fields.every((name) => canGo.includes(name))) {
      tap.fields = tap.fields.filter(([name]) => !fields.includes(name));
      tap.trimmed = fields;
      await put(tap);
      return sendOne(tap, token);
    }
    // The person decides (another skill, or let it go): never dropped without asking.
    tap.state = "asking";
    tap.reason = tap.kind === "usage" && fields.includes("skill") ? "skill-gone" : "refused";
    tap.refusedHtml = html;
    await put(tap);
    return {};
  }

  return { all, add, put, remove, clear, keepOnly, send };
})();
