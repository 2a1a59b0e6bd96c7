// Blixt on a participant's phone.
//
// The phone's pages are rendered by the server, and every action on them is a plain form that
// works without this script (server/src/phone_forms.rs). The script makes the page live and
// sturdy on a poor network, in a few kilobytes instead of the app's wasm:
//
// - The live channel (`/live/CODE`, server-sent events) says when this phone's view changed;
//   the page is then fetched again and only what differs is changed in place, so the text
//   being typed, the focus, open editors and the scroll position stay.
// - Forms are sent in the background and tried again when the answer was lost, with the same
//   ids, so the server applies each tap once. A refusal is shown by the page itself, in the
//   reader's language (`?refused=`).
// - The note box keeps its text in the phone's storage until the server has the note, and
//   sends it when the network is back.
// - The clock counts down between updates; at zero the phone vibrates.
//
// A group lead's page (`data-client="full"`) does the facilitator's steps for its group: there
// the app's wasm is loaded instead, and takes the page over.
(function () {
  "use strict";

  var page = document.querySelector("main");
  if (page && page.getAttribute("data-client") === "full") {
    loadApp();
    return;
  }
  // The mark the app's wasm sets when it has taken a page over: the page is live.
  document.body.setAttribute("data-hydrated", "true");
  if (!page) return;

  var texts = parseJson(page.getAttribute("data-texts")) || {};
  // The jam screen follows the jam; the join pages only send their form.
  var live = page.classList.contains("phone");
  var code = page.getAttribute("data-code");
  // How long to wait before each new try of a form whose answer never came: about seven
  // seconds in all, enough for a Wi-Fi hand-over or a server restart.
  var RETRY_WAITS_MS = [400, 900, 2000, 4000];
  var REOPEN_MS = 2000;
  var FETCH_TIMEOUT_MS = 10000;
  // Silence for this many heartbeat intervals means the connection is dead.
  var SILENT_BEATS = 2.5;

  // ---- The live channel -------------------------------------------------------------------

  var source = null;
  var channelVersion = null;
  var heartbeatMs = 5000;
  var heardAt = Date.now();
  var connection = "connecting";
  var gone = false;

  function openChannel() {
    if (source) source.close();
    channelVersion = null;
    heardAt = Date.now();
    source = new EventSource("/live/" + code);
    source.onmessage = function (event) {
      heardAt = Date.now();
      var message = parseJson(event.data);
      if (!message) return;
      if (message.full) {
        heartbeatMs = message.full.hb || heartbeatMs;
        channelVersion = message.full.v;
        setConnection("live");
        if (message.full.v !== shownVersion()) refreshSoon();
      } else if (message.patch) {
        if (channelVersion === null || message.patch.from !== channelVersion) {
          // A message went missing: start again from the whole view.
          openChannel();
          return;
        }
        channelVersion = message.patch.v;
        var patch = message.patch;
        var busy = fetching || queued !== null || scheduled;
        if (!busy && !patch.own && (!patch.room || inPlace(patch.room, patch.now))) caughtUp(patch.v);
        else refreshSoon();
      }
    };
    source.addEventListener("hb", function (event) {
      heardAt = Date.now();
      var beat = parseJson(event.data);
      if (beat && channelVersion !== null && beat.v !== channelVersion) openChannel();
    });
    source.addEventListener("gone", function () {
      gone = true;
      source.close();
      setConnection("gone");
    });
    source.onerror = function () {
      if (gone) return;
      setConnection("reconnecting");
      // The browser retries by itself unless the server answered with an error.
      if (source.readyState === EventSource.CLOSED) setTimeout(reopenIfDown, REOPEN_MS);
    };
  }

  function reopenIfDown() {
    if (!gone && (!source || source.readyState === EventSource.CLOSED)) openChannel();
  }

  // A connection that died without a word (a phone that slept, a Wi-Fi that dropped) is
  // noticed by its silence.
  function watchChannel() {
    setInterval(function () {
      if (!gone && Date.now() - heardAt > heartbeatMs * SILENT_BEATS) {
        setConnection("reconnecting");
        openChannel();
      }
    }, 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") reopenIfDown();
    });
  }

  // ---- Changes made in place ----------------------------------------------------------------

  // Two changes reach every phone in the room at once and change one small thing on each: the
  // clock (paused, resumed, more time) and, in the lobby, how many have joined. With 2,000
  // phones, fetching 2,000 pages for each of them would cost the server far more than the
  // change; they are made here instead, from the patch (`domain::patch`: "=" a new value,
  // "{" changed fields, "-" gone). Anything else, or anything unexpected, fetches the page.
  function inPlace(room, now) {
    var fields = room["{"];
    if (!fields) return false;
    for (var name in fields) {
      if (name !== "timer" && name !== "participant_count") return false;
    }
    var clock = page.querySelector("[data-testid=countdown]");
    var timer = null;
    var left = 0;
    if (fields.timer) {
      // Time that was up and is given again (more time, a pause) changes more than the clock:
      // the banner, a locked note box.
      var up = page.querySelector("[data-testid=time-up], [data-testid=writing-locked], .countdown.up");
      if (!clock || up) return false;
      timer = patched(parseJson(clock.getAttribute("data-timer")), fields.timer);
      left = timer && (timer.Running ? timer.Running.ends_at_ms - now : timer.Paused ? timer.Paused.left_ms : 0);
      // Time up is the page's to show (the banner, a locked note box).
      if (!(left > 0)) return false;
    }
    var count = fields.participant_count ? patched(null, fields.participant_count) : null;
    if (fields.participant_count && typeof count !== "number") return false;
    if (timer) setTimer(clock, timer, left);
    if (count !== null) {
      var joined = page.querySelector("[data-testid=people-joined]");
      if (joined) joined.textContent = count === 1 ? texts.people_one : texts.people_many.replace("{n}", count);
      page.setAttribute("data-people", String(count));
    }
    return true;
  }

  // `value` with `patch` applied; undefined for what is not made here (lists).
  function patched(value, patch) {
    if (patch === "-") return undefined;
    if (patch && "=" in patch) return patch["="];
    if (!patch || !patch["{"] || !value || typeof value !== "object") return undefined;
    var out = {};
    for (var key in value) out[key] = value[key];
    for (var field in patch["{"]) {
      var next = patched(value[field], patch["{"][field]);
      if (next === undefined) delete out[field];
      else out[field] = next;
    }
    return out;
  }

  function setTimer(clock, timer, left) {
    clock.setAttribute("data-timer", JSON.stringify(timer));
    clock.setAttribute("data-left-ms", String(left));
    clock.setAttribute("data-running", String(!!timer.Running));
    clock.classList.toggle("paused", !timer.Running);
    var state = clock.querySelector(".clock-state");
    if (!timer.Running && !state) {
      clock.appendChild(element("span", "clock-state", texts.paused));
    } else if (timer.Running && state) {
      state.parentNode.removeChild(state);
    }
    showTime(clock.querySelector(".clock"), left);
    startClock();
  }

  // A page the channel asks for is fetched at once in a small room; in a large one at a
  // random moment within up to 1.5 s, so that a new round does not bring every phone's
  // request to the server in the same instant.
  function refreshSoon() {
    var spread = Math.min(1500, (Number(page.getAttribute("data-people")) || 0) / 2);
    if (spread < 20) {
      refresh();
      return;
    }
    if (scheduled) return;
    scheduled = true;
    setTimeout(function () {
      scheduled = false;
      refresh();
    }, Math.random() * spread);
  }

  // Shown while the channel is down, so nobody mistakes a stale screen for a quiet room.
  var banner = null;
  function setConnection(state) {
    if (state === connection) return;
    connection = state;
    if (banner) banner.parentNode.removeChild(banner);
    banner = null;
    if (state !== "reconnecting" && state !== "gone") return;
    banner = element("div", "connection-banner", state === "gone" ? texts.jam_gone + " " : texts.reconnecting);
    banner.setAttribute("role", "status");
    if (state === "gone") {
      banner.className += " gone";
      banner.setAttribute("data-testid", "jam-gone");
      var home = element("a", "", texts.to_start);
      home.href = "/";
      banner.appendChild(home);
    }
    page.parentNode.insertBefore(banner, page);
  }

  // ---- The page, fetched again --------------------------------------------------------------

  function shownVersion() {
    return Number(page.getAttribute("data-version")) || 0;
  }

  // A fetch of the page on its way; one asked for meanwhile (with the refusal to show, or
  // ""); one waiting for its moment (`refreshSoon`, or a try again after a failure).
  var fetching = false;
  var queued = null;
  var scheduled = false;
  // The version of the newest page fetched: an older answer that arrives later is dropped.
  var fetchedVersion = shownVersion();

  // The jam moved on without changing what this phone shows: the page is that version's too.
  function caughtUp(version) {
    if (!fetching && queued === null && !scheduled && version > shownVersion()) {
      page.setAttribute("data-version", String(version));
    }
  }

  // Fetches this page again and shows what changed. One fetch at a time; what is asked for
  // meanwhile is fetched once after it. `refusal` (the server's, as JSON) is shown on it. A
  // fetch that fails (no answer, a server error, no page) is tried again after a pause that
  // grows, and the page is not taken as current meanwhile.
  var failures = 0;
  function refresh(refusal) {
    if (fetching) {
      queued = refusal || queued || "";
      return;
    }
    fetching = true;
    var done = function (shown) {
      fetching = false;
      failures = shown ? 0 : failures + 1;
      if (queued !== null) {
        var next = queued;
        queued = null;
        refresh(next);
      } else if (!shown) {
        scheduled = true;
        setTimeout(function () {
          scheduled = false;
          refresh(refusal);
        }, Math.min(15000, 1000 * Math.pow(2, failures - 1)));
      } else if (channelVersion !== null) {
        caughtUp(channelVersion);
      }
    };
    // The jam screen's address has nothing after its path but a refusal; a join page's keeps
    // its link's key.
    var query = new URLSearchParams(live ? "" : location.search);
    query.delete("refused");
    if (refusal) query.set("refused", refusal);
    var address = location.pathname + (String(query) ? "?" + query : "");
    // Only the page: not the data the app's wasm would take it over from (the server's
    // `routes::page_only`).
    load(address, { credentials: "same-origin", cache: "no-store", headers: { "X-Blixt-Page-Only": "1" } })
      .then(function (answer) {
        var response = answer.response;
        if (response.redirected && new URL(response.url).pathname !== location.pathname) {
          // No longer in the jam here (removed, or this browser drives it now).
          location.assign(response.url);
          return true;
        }
        return response.status < 500 && show(answer.text);
      })
      .then(done, function () {
        done(false);
      });
  }

  // Shows a fetched page; false when it was none.
  function show(html) {
    var next = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    if (!next) return false;
    if (next.getAttribute("data-client") === "full") {
      // This phone became its group's lead: the app's wasm takes over.
      location.reload();
      return true;
    }
    var version = Number(next.getAttribute("data-version"));
    // An answer overtaken by a newer one on the way: the newer one is shown.
    if (version && version < fetchedVersion) return true;
    if (version) fetchedVersion = version;
    morph(page, next);
    settle();
    return true;
  }

  // `fetch`, and the answer's text, given up after FETCH_TIMEOUT_MS: a request sent on a
  // connection that died in a Wi-Fi hand-over may otherwise hang for minutes. Resolves to
  // `{response, text}`.
  function load(url, options) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller && setTimeout(function () {
      controller.abort();
    }, FETCH_TIMEOUT_MS);
    if (controller) options.signal = controller.signal;
    var stop = function () {
      if (timer) clearTimeout(timer);
    };
    return fetch(url, options)
      .then(function (response) {
        return response.text().then(function (text) {
          return { response: response, text: text };
        });
      })
      .then(
        function (answer) {
          stop();
          return answer;
        },
        function (error) {
          stop();
          throw error;
        }
      );
  }

  // What the script adds to a page it has just been given.
  function settle() {
    showOnline();
    var composer = page.querySelector("form.composer");
    if (composer) settleComposer(composer);
    startClock();
  }

  // ---- Updating in place --------------------------------------------------------------------

  // Makes `from` (in the page) look like `to` (fetched), touching only what differs: nodes
  // that stay keep their state (focus, typed text, an open editor).
  function morph(from, to) {
    var i;
    for (i = from.attributes.length - 1; i >= 0; i--) {
      var name = from.attributes[i].name;
      // An editor the person opened stays open.
      var kept = name === "open" && from.nodeName === "DETAILS";
      if (!kept && !to.hasAttribute(name)) from.removeAttribute(name);
    }
    for (i = 0; i < to.attributes.length; i++) {
      var attribute = to.attributes[i];
      if (from.getAttribute(attribute.name) !== attribute.value) {
        from.setAttribute(attribute.name, attribute.value);
      }
    }
    morphChildren(from, to);
  }

  // Elements with an id (or a `data-key`) are matched by it, wherever they moved; others by
  // their place and kind.
  function keyOf(node) {
    return node.nodeType === 1 ? node.getAttribute("data-key") || node.id || null : null;
  }

  function sameKind(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName && keyOf(a) === keyOf(b);
  }

  // The first node from `node` on that is of the same kind as `like`.
  function firstOfKind(node, like) {
    for (; node; node = node.nextSibling) if (sameKind(node, like)) return node;
    return null;
  }

  // Removes the nodes from `cursor` up to `match` (which follows it) when none of them is
  // wanted further on or holds the focus, so that `match` need not be moved (moving a node
  // takes the focus and the keyboard from a box being typed in). Answers the new cursor.
  function clearUpTo(cursor, match, wanted) {
    var gone = [];
    for (var node = cursor; node && node !== match; node = node.nextSibling) {
      var key = keyOf(node);
      if ((key && wanted[key]) || node.contains(document.activeElement)) return cursor;
      gone.push(node);
    }
    for (var i = 0; i < gone.length; i++) gone[i].parentNode.removeChild(gone[i]);
    return match;
  }

  function morphChildren(from, to) {
    var keyed = {};
    var wanted = {};
    var node;
    for (node = from.firstChild; node; node = node.nextSibling) {
      var key = keyOf(node);
      if (key) keyed[key] = node;
    }
    for (node = to.firstChild; node; node = node.nextSibling) {
      if (keyOf(node)) wanted[keyOf(node)] = true;
    }
    var cursor = from.firstChild;
    var wanted = Array.prototype.slice.call(to.childNodes);
    for (var i = 0; i < wanted.length; i++) {
      var next = wanted[i];
      var nextKey = keyOf(next);
      var match = null;
      if (nextKey) {
        match = keyed[nextKey] && sameKind(keyed[nextKey], next) ? keyed[nextKey] : null;
        delete keyed[nextKey];
      } else if (next.nodeType === 1) {
        // Something new before it (a message above a form) must not cost the form its state.
        match = firstOfKind(cursor, next);
      } else if (cursor && sameKind(cursor, next)) {
        match = cursor;
      }
      if (!match) {
        from.insertBefore(document.importNode(next, true), cursor);
        continue;
      }
      if (nextKey) delete wanted[nextKey];
      if (match !== cursor) cursor = clearUpTo(cursor, match, wanted);
      if (match === cursor) cursor = cursor.nextSibling;
      else from.insertBefore(match, cursor);
      if (match.nodeType === 1) morph(match, next);
      else if (match.nodeValue !== next.nodeValue) match.nodeValue = next.nodeValue;
    }
    while (cursor) {
      node = cursor.nextSibling;
      from.removeChild(cursor);
      cursor = node;
    }
  }

  // ---- Forms ---------------------------------------------------------------------------------

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!page.contains(form) || form.method.toLowerCase() !== "post") return;
    // The note box has one button: it needs no word on which was tapped.
    if (form.classList.contains("composer")) {
      event.preventDefault();
      sendNote(form);
      return;
    }
    // A browser too old to say which button was tapped posts the form by itself.
    if (event.submitter === undefined) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    // Each tap is its own command (two taps, two dots); its tries share the id.
    if (data.has("form")) data.set("form", uuid());
    var editor = form.parentNode;
    if (editor && editor.nodeName === "DETAILS") editor.open = false;
    // Joining is sent once; a ballot takes quick taps (two taps, two dots).
    var button = live ? null : event.submitter;
    if (button) button.disabled = true;
    var sent = post(form.action, new URLSearchParams(data));
    sent.then(live ? answered : joined, failed).then(function () {
      if (button) button.disabled = false;
    });
  });

  // Sends a form, asking for the outcome (for a command the jam's version; for joining the
  // jam screen's address) or the refusal, rather than a page; tries again while no answer
  // comes or the server could not save. Resolves to `{ok}` or `{refused}` (JSON texts);
  // rejects when every try failed.
  function post(url, body) {
    var tries = 0;
    var attempt = function () {
      return load(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (answer) {
          if (answer.response.ok) return { ok: answer.text };
          if (answer.response.status >= 500) throw new Error("not saved");
          return { refused: answer.text };
        })
        .catch(function (error) {
          // Without a network there is no point in trying now: it goes when it is back.
          if (!navigator.onLine || tries >= RETRY_WAITS_MS.length) throw error;
          return wait(RETRY_WAITS_MS[tries++]).then(attempt);
        });
    };
    return attempt();
  }

  function answered(answer) {
    if (answer.refused !== undefined) refresh(answer.refused);
    else if (Number(answer.ok) > shownVersion()) refresh();
  }

  // In: on to the jam screen. Refused: the reason on this page, what was typed still in it.
  function joined(answer) {
    if (answer.refused !== undefined) refresh(answer.refused);
    else location.assign(parseJson(answer.ok));
  }

  // Nothing came back: said at the top of the screen until the next update.
  function failed() {
    var note = element("p", "error", texts.network);
    note.setAttribute("role", "alert");
    page.insertBefore(note, page.firstChild);
  }

  // ---- The note box --------------------------------------------------------------------------

  // A draft is `{text, id}`: `id` is set at the first try to send it and kept, so every later
  // try (after a reload too) is the same note. Kept per jam, round and problem in focus
  // (the box's `data-key`), as the app's wasm keeps it.
  function draftOf(form) {
    try {
      return parseJson(localStorage.getItem(form.getAttribute("data-key")));
    } catch (e) {
      return null;
    }
  }

  function keepDraft(form, draft) {
    try {
      var key = form.getAttribute("data-key");
      if (draft && draft.text) localStorage.setItem(key, JSON.stringify(draft));
      else localStorage.removeItem(key);
    } catch (e) {
      // Private mode or full storage: the draft stays in the box only.
    }
  }

  function boxOf(form) {
    return form.querySelector("textarea");
  }

  // Sending now ("now"), failed and waiting for the network ("later"), or neither (null). Kept
  // on the form, which stays the same element while its round and problem do.
  function setSending(form, state) {
    form.blixtSending = state;
    showSending(form);
  }

  function showSending(form) {
    var state = form.blixtSending || null;
    var button = form.querySelector("button[type=submit]");
    var box = boxOf(form);
    box.readOnly = state === "now";
    button.disabled = state === "now" || tooLong(form);
    button.textContent = state === "later" ? texts.send_again : texts.add_note;
    var status = form.querySelector(".composer-status");
    if (!status) return;
    var left = maxChars(form) - Array.from(box.value).length;
    if (state === "now") status.textContent = texts.sending;
    else if (state === "later") status.textContent = texts.not_sent;
    else if (left < 0) {
      status.textContent = "";
      status.appendChild(element("span", "error-text", texts.too_long));
    } else if (left < 40) status.textContent = texts.chars_left.replace("{n}", left);
    else status.textContent = "";
  }

  function maxChars(form) {
    return Number(boxOf(form).getAttribute("data-max")) || Infinity;
  }

  function tooLong(form) {
    return Array.from(boxOf(form).value).length > maxChars(form);
  }

  function sendNote(form) {
    var text = boxOf(form).value;
    if (!text.trim() || form.blixtSending === "now" || tooLong(form)) return;
    var kept = draftOf(form);
    var id = kept && kept.text === text && kept.id ? kept.id : uuid();
    keepDraft(form, { text: text, id: id });
    setSending(form, "now");
    var body = new URLSearchParams();
    body.set("id", id);
    body.set("note", text);
    post(form.action, body).then(
      function (answer) {
        if (answer.refused !== undefined) {
          // Kept to fix, as a new note.
          keepDraft(form, { text: text, id: null });
        } else {
          keepDraft(form, null);
          boxOf(form).value = "";
        }
        setSending(form, null);
        answered(answer);
      },
      function () {
        setSending(form, "later");
      }
    );
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.classList.contains("composer")) return;
    // Changed after a try: it is a new note, with an id of its own.
    keepDraft(form, { text: event.target.value, id: null });
    if (form.blixtSending === "later") form.blixtSending = null;
    showSending(form);
  });

  // A box as the page gives it: what was typed or kept comes back, and a note that had been
  // sent without an answer goes again.
  function settleComposer(form) {
    var box = boxOf(form);
    var kept = draftOf(form);
    if (box.value) {
      if (!kept || kept.text !== box.value) keepDraft(form, { text: box.value, id: null });
    } else if (kept && kept.text) {
      box.value = kept.text;
      if (kept.id && !form.blixtSending) {
        sendNote(form);
        return;
      }
    }
    showSending(form);
  }

  // ---- The network ---------------------------------------------------------------------------

  // "No connection" above the note box while the browser says so.
  function showOnline() {
    var note = page.querySelector("[data-testid=offline]");
    var composer = page.querySelector("form.composer");
    if (navigator.onLine || !composer) {
      if (note) note.parentNode.removeChild(note);
      return;
    }
    if (note) return;
    note = element("p", "offline-note", texts.offline);
    note.setAttribute("role", "status");
    note.setAttribute("data-testid", "offline");
    composer.parentNode.insertBefore(note, composer);
  }

  window.addEventListener("offline", showOnline);
  window.addEventListener("online", function () {
    showOnline();
    reopenIfDown();
    // What could not go, goes.
    var composer = page.querySelector("form.composer");
    if (composer && composer.blixtSending === "later") sendNote(composer);
  });

  // ---- The clock -----------------------------------------------------------------------------

  var ticking = null;
  var rangAt = 0;

  // Counts down from the time left when the page was made, as the server's clock had it.
  function startClock() {
    if (ticking) clearInterval(ticking);
    ticking = null;
    var clock = page.querySelector("[data-testid=countdown]");
    var left = clock ? Number(clock.getAttribute("data-left-ms")) : 0;
    if (!clock || clock.getAttribute("data-running") !== "true" || !(left > 0)) return;
    var face = clock.querySelector(".clock");
    var end = Date.now() + left;
    ticking = setInterval(function () {
      var ms = Math.max(0, end - Date.now());
      showTime(face, ms);
      if (ms > 0) return;
      clearInterval(ticking);
      ticking = null;
      // Once per time-up, however often the page comes back a moment early.
      if (Date.now() - rangAt > 5000 && navigator.vibrate) navigator.vibrate(400);
      rangAt = Date.now();
      // The page at time-up: the round's end said in words, writing locked if so set.
      setTimeout(refreshSoon, 300);
    }, 250);
  }

  // As the server writes it: minutes and seconds, rounded up.
  function showTime(face, ms) {
    var secs = Math.ceil(ms / 1000);
    face.textContent = Math.floor(secs / 60) + ":" + (secs % 60 < 10 ? "0" : "") + (secs % 60);
  }

  // ---- Small things --------------------------------------------------------------------------

  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function wait(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  // A random (version 4) UUID; `crypto.randomUUID` exists only on HTTPS pages, and a venue's
  // server may be reached over plain HTTP.
  function uuid() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // A lead's phone: the app, as the wasm's own loader starts it on other pages.
  function loadApp() {
    import("/pkg/blixt.js").then(function (app) {
      return app.default({ module_or_path: "/pkg/blixt.wasm" }).then(function () {
        app.hydrate();
      });
    });
  }

  if (live) {
    settle();
    openChannel();
    watchChannel();
  }
})();
