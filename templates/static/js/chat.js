// Group chat: the browser side of the delivery protocol (DESIGN.md, "Live discussion"). The database is the
// truth; the socket replays what this page lacks and then streams.
// - <section data-chat-socket="/ws/a/<slug>/groups/<id>/rooms/<id>/" data-room-id data-user-id
//   data-documents-url data-text-*="...">: the room's socket and every sentence shown, in the user's language.
// - [data-chat-messages]: the message list; [data-chat-status], [data-chat-error], [data-chat-online].
// - [data-chat-composer]: the composer, with [data-chat-body], [data-chat-attachment] and [data-chat-mention]
//   check boxes, [data-chat-submit] and [data-chat-cancel] (ends an edit).
// - [data-room-unread="<room id>"]: this room's unread count.
// Protocol: "hello" with the highest changed_seq held, first; messages are kept by seq, a higher changed_seq
// replaces a message (an edit or a deletion), anything already held is dropped. A sent message stays queued
// under its client_msg_id until acknowledged (or seen), and is re-sent after every reconnection: the server
// stores it once. The socket is live-socket.js's: it reconnects with backoff; it stops on 4401/4403 (access lost)
// and 4429.
// Message text is only ever set with textContent.
(function () {
  "use strict";

  var root = document.querySelector("[data-chat-socket]");
  if (!root || !window.JDP || !("WebSocket" in window)) {
    return;
  }
  var path = root.getAttribute("data-chat-socket");
  if (!JDP.isLocalPath(path)) {
    return;
  }

  var ACCESS_LOST_CODES = [4401, 4403];
  var REFUSED_CODES = [4429];
  var READ_DELAY_MS = 800;

  var me = Number(root.getAttribute("data-user-id"));
  var roomId = root.getAttribute("data-room-id");
  var documentsUrl = root.getAttribute("data-documents-url") || "";
  var list = root.querySelector("[data-chat-messages]");
  var statusLine = root.querySelector("[data-chat-status]");
  var errorLine = root.querySelector("[data-chat-error]");
  var onlineLine = document.querySelector("[data-chat-online]");
  var unreadBadge = document.querySelector('[data-room-unread="' + roomId + '"]');
  var composer = root.querySelector("[data-chat-composer]");
  var bodyField = composer && composer.querySelector("[data-chat-body]");
  var submitButton = composer && composer.querySelector("[data-chat-submit]");
  var cancelButton = composer && composer.querySelector("[data-chat-cancel]");

  var people = {}; // user id -> name, for mentions
  document.querySelectorAll("[data-chat-mention]").forEach(function (box) {
    people[box.value] = box.getAttribute("data-person-name") || "";
  });

  var held = {}; // seq -> {message, element}
  var lastChanged = 0; // the highest changed_seq held: what "hello" resumes from
  var queue = []; // unacknowledged sends, in order: {frame, element, sentOn, holdUntil}
  var live = null;
  var connection = 0; // increases with every socket: a queued send is sent once per connection
  var ready = false;
  var flushTimer = null;
  var readTimer = null;
  var lastReadSent = 0;
  var editing = null; // seq of the message being edited

  function text(name) {
    return root.getAttribute("data-text-" + name) || "";
  }

  function setStatus(value) {
    statusLine.textContent = value;
  }

  function showError(value) {
    errorLine.textContent = value;
    errorLine.hidden = !value;
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (byte) {
      return (byte + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // The socket -------------------------------------------------------------------------------------------------

  function connecting(retrying) {
    connection += 1;
    ready = false;
    setStatus(retrying ? text("reconnecting") : text("connecting"));
  }

  function dropped() {
    ready = false;
    setStatus(text("reconnecting"));
  }

  function stopped(code) {
    ready = false;
    var reason = ACCESS_LOST_CODES.indexOf(code) !== -1 ? text("access-lost") : text("refused");
    setStatus(reason);
    showError(reason);
    if (composer) {
      composer.querySelectorAll("textarea, input, button").forEach(function (control) {
        control.disabled = true;
      });
    }
  }

  function send(frame) {
    return live !== null && live.send(frame);
  }

  function handle(frame) {
    switch (frame.type) {
      case "messages":
        (Array.isArray(frame.messages) ? frame.messages : []).forEach(receive);
        markReadSoon();
        break;
      case "message":
        receive(frame.message);
        markReadSoon();
        break;
      case "ready":
        ready = true;
        live.healthy();
        setStatus(text("live"));
        showError("");
        showOnline(frame.online);
        showEmpty();
        flush();
        markReadSoon();
        break;
      case "ack":
        acknowledged(frame);
        break;
      case "error":
        refused(frame);
        break;
      case "presence":
        showOnline(frame.online);
        break;
      case "unread":
        showUnread(frame.count);
        break;
      default:
        break; // "pong", and whatever a newer server adds
    }
  }

  // Messages ---------------------------------------------------------------------------------------------------

  function receive(message) {
    if (!message || typeof message.seq !== "number") {
      return;
    }
    var changed = typeof message.changed_seq === "number" ? message.changed_seq : message.seq;
    lastChanged = Math.max(lastChanged, changed);
    var known = held[message.seq];
    if (known && known.changed >= changed) {
      return; // a duplicate, or older than what is shown
    }
    settle(message.client_msg_id); // our own message, stored: no need to send it again
    var element = render(message);
    var follow = nearBottom();
    if (known && known.message) {
      list.replaceChild(element, known.element);
    } else {
      if (known) {
        known.element.remove(); // the pending copy of an acknowledged message
      }
      list.insertBefore(element, nextElementAfter(message.seq));
    }
    held[message.seq] = { message: message, changed: changed, element: element };
    if (editing === message.seq && message.deleted) {
      endEdit();
    }
    showEmpty();
    if (follow) {
      list.scrollTop = list.scrollHeight;
    }
  }

  // The first shown message with a higher seq (pending messages, which have none, stay last).
  function nextElementAfter(seq) {
    var children = list.children;
    for (var index = 0; index < children.length; index += 1) {
      var other = Number(children[index].getAttribute("data-seq"));
      if (!children[index].hasAttribute("data-seq") || other > seq) {
        return children[index];
      }
    }
    return null;
  }

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function showEmpty() {
    var empty = list.querySelector("[data-chat-empty]");
    var hasMessages = list.querySelector("[data-seq], [data-pending]") !== null;
    if (hasMessages && empty) {
      empty.remove();
    } else if (!hasMessages && !empty && ready) {
      var item = element("li", "chat-empty muted", text("empty"));
      item.setAttribute("data-chat-empty", "");
      list.appendChild(item);
    }
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function render(message) {
    var author = message.author || {};
    var mine = Number(author.id) === me;
    var item = element("li", "chat-message");
    item.setAttribute("data-seq", String(message.seq));
    if (mine) {
      item.classList.add("chat-message--mine");
    }
    var mentions = Array.isArray(message.mentions) ? message.mentions : [];
    if (mentions.map(Number).indexOf(me) !== -1) {
      item.classList.add("chat-message--mentions-me");
    }

    var meta = element("p", "chat-message__meta");
    meta.appendChild(element("strong", "chat-message__author", String(author.name || "")));
    if (message.created_at) {
      var time = element("time", "chat-message__time", formatTime(message.created_at));
      time.setAttribute("datetime", String(message.created_at));
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
    }
    if (message.edited && !message.deleted) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("span", "chat-message__edited", text("edited")));
    }
    item.appendChild(meta);

    if (message.deleted) {
      item.classList.add("chat-message--deleted");
      item.appendChild(element("p", "chat-message__body muted", text("deleted")));
      return item;
    }
    if (message.body) {
      item.appendChild(element("p", "chat-message__body", String(message.body)));
    }
    var attachments = Array.isArray(message.attachments) ? message.attachments : [];
    if (attachments.length) {
      var files = element("p", "chat-message__attachments");
      files.appendChild(element("span", "muted", text("attachments") + " "));
      attachments.forEach(function (attachment, index) {
        var href = documentsUrl + encodeURIComponent(String(attachment.id)) + "/";
        var link = JDP.isLocalPath(href) ? element("a", "", String(attachment.title || "")) : element("span", "");
        if (link.tagName === "A") {
          link.setAttribute("href", href);
        }
        if (index) {
          files.appendChild(document.createTextNode(", "));
        }
        files.appendChild(link);
      });
      item.appendChild(files);
    }
    var names = mentions
      .map(function (id) {
        return Number(id) === me ? null : people[String(id)];
      })
      .filter(Boolean);
    if (names.length) {
      item.appendChild(element("p", "chat-message__mentions muted", text("mentions") + " @" + names.join(", @")));
    }
    if (mine && composer) {
      var actions = element("p", "chat-message__actions");
      var edit = element("button", "button--quiet button--small", text("edit"));
      edit.type = "button";
      edit.addEventListener("click", function () {
        startEdit(message.seq);
      });
      var remove = element("button", "button--quiet button--small", text("delete"));
      remove.type = "button";
      remove.addEventListener("click", function () {
        if (window.confirm(text("confirm-delete")) && !send({ type: "delete", seq: message.seq })) {
          showError(text("offline"));
        }
      });
      actions.appendChild(edit);
      actions.appendChild(remove);
      item.appendChild(actions);
    }
    return item;
  }

  function formatTime(value) {
    var date = new Date(value);
    if (isNaN(date.getTime())) {
      return "";
    }
    return date.toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "short",
      timeStyle: "short",
    });
  }

  function showOnline(names) {
    if (!onlineLine || !Array.isArray(names)) {
      return;
    }
    onlineLine.textContent = names.length ? names.map(String).join(", ") : text("nobody");
  }

  function showUnread(count) {
    if (!unreadBadge || typeof count !== "number") {
      return;
    }
    unreadBadge.textContent = String(count);
    unreadBadge.hidden = count <= 0;
  }

  // Read up to the newest change shown, once the page is being looked at.
  function markReadSoon() {
    window.clearTimeout(readTimer);
    readTimer = window.setTimeout(function () {
      if (ready && document.visibilityState === "visible" && lastChanged > lastReadSent) {
        if (send({ type: "read", seq: lastChanged })) {
          lastReadSent = lastChanged;
        }
      }
    }, READ_DELAY_MS);
  }

  // Sending ----------------------------------------------------------------------------------------------------

  function checked(selector) {
    return Array.prototype.filter
      .call(composer.querySelectorAll(selector), function (box) {
        return box.checked;
      })
      .map(function (box) {
        return Number(box.value);
      });
  }

  function submit(event) {
    event.preventDefault();
    var body = bodyField.value.trim();
    if (editing !== null) {
      if (body && send({ type: "edit", seq: editing, body: body })) {
        endEdit();
      } else if (body) {
        showError(text("offline"));
      }
      return;
    }
    var attachments = checked("[data-chat-attachment]");
    if (!body && !attachments.length) {
      return;
    }
    var frame = {
      type: "send",
      client_msg_id: newId(),
      body: body,
      attachments: attachments,
      mentions: checked("[data-chat-mention]"),
    };
    var item = element("li", "chat-message chat-message--mine chat-message--pending");
    item.setAttribute("data-pending", frame.client_msg_id);
    item.appendChild(element("p", "chat-message__meta muted", text("sending")));
    if (body) {
      item.appendChild(element("p", "chat-message__body", body));
    }
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    showEmpty();
    queue.push({ frame: frame, element: item, sentOn: 0, holdUntil: 0 });
    composer.reset();
    flush();
  }

  // Send every queued message not yet sent on this connection (after a reconnection: all of them again).
  function flush() {
    window.clearTimeout(flushTimer);
    flushTimer = null;
    if (!ready) {
      return;
    }
    var now = Date.now();
    var wait = 0;
    queue.forEach(function (entry) {
      if (entry.sentOn === connection) {
        return;
      }
      if (entry.holdUntil > now) {
        wait = Math.max(wait, entry.holdUntil - now);
        return;
      }
      if (send(entry.frame)) {
        entry.sentOn = connection;
      }
    });
    if (wait) {
      flushTimer = window.setTimeout(flush, wait);
    }
  }

  function entryFor(clientMsgId) {
    for (var index = 0; index < queue.length; index += 1) {
      if (queue[index].frame.client_msg_id === clientMsgId) {
        return queue[index];
      }
    }
    return null;
  }

  // The message is stored: leave the queue; its pending copy gives way to the stored one.
  function settle(clientMsgId) {
    var entry = clientMsgId ? entryFor(clientMsgId) : null;
    if (!entry) {
      return;
    }
    queue.splice(queue.indexOf(entry), 1);
    if (entry.element.parentNode) {
      entry.element.remove();
    }
  }

  function acknowledged(frame) {
    var entry = entryFor(frame.client_msg_id);
    if (!entry) {
      return;
    }
    if (typeof frame.seq === "number" && held[frame.seq]) {
      settle(frame.client_msg_id);
      return;
    }
    // Stored, but not received yet: stop re-sending; the message itself replaces the pending copy.
    queue.splice(queue.indexOf(entry), 1);
    entry.element.removeAttribute("data-pending");
    if (typeof frame.seq === "number") {
      entry.element.setAttribute("data-seq", String(frame.seq));
      held[frame.seq] = held[frame.seq] || { message: null, changed: -1, element: entry.element };
    }
  }

  function refused(frame) {
    var message = String(frame.message || "");
    var entry = frame.client_msg_id ? entryFor(frame.client_msg_id) : null;
    if (entry && typeof frame.retry_after === "number") {
      // Too fast: the same message (same id) goes again once the server allows it.
      entry.sentOn = 0;
      entry.holdUntil = Date.now() + frame.retry_after * 1000;
      flush();
      showError(message);
      return;
    }
    if (entry) {
      queue.splice(queue.indexOf(entry), 1);
      entry.element.classList.remove("chat-message--pending");
      entry.element.classList.add("chat-message--failed");
      entry.element.removeAttribute("data-pending");
      entry.element.firstChild.textContent = text("failed") + " " + message;
    }
    showError(message);
  }

  // Editing ----------------------------------------------------------------------------------------------------

  function startEdit(seq) {
    var known = held[seq];
    if (!known || !known.message) {
      return;
    }
    editing = seq;
    bodyField.value = known.message.body || "";
    submitButton.textContent = text("save");
    cancelButton.hidden = false;
    bodyField.focus();
  }

  function endEdit() {
    editing = null;
    bodyField.value = "";
    submitButton.textContent = text("send");
    cancelButton.hidden = true;
  }

  if (composer) {
    composer.addEventListener("submit", submit);
    cancelButton.addEventListener("click", endEdit);
    bodyField.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter starts a new line (an IME composing Chinese uses Enter too: leave it alone).
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        if (typeof composer.requestSubmit === "function") {
          event.preventDefault();
          composer.requestSubmit();
        } else {
          submit(event);
        }
      }
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      markReadSoon();
    }
  });

  live = JDP.liveSocket(
    path,
    {
      connecting: connecting,
      open: function () {
        send({ type: "hello", last_seq: lastChanged });
      },
      frame: handle,
      dropped: dropped,
      stopped: stopped,
    },
    {
      finalCodes: ACCESS_LOST_CODES.concat(REFUSED_CODES),
      firstDelayMs: 1000,
      maxDelayMs: 30000,
      pingEveryMs: 25000,
    }
  );
})();
