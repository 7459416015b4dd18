// Live notifications: a progressive enhancement; every page works without it (the counts are server-rendered).
// - [data-notifications-socket="/ws/a/<slug>/notifications/"]: the socket to open (same host, ws or wss).
// - [data-unread-count]: every such element shows the latest unread count.
// - [data-notification-list]: a new <li class="notification notification--unread"> is prepended to it.
// - A toast (<div class="toast" role="status">, class "toast--visible" while shown) announces each notification.
// The socket is live-socket.js's: it reconnects with backoff; it stops when the server refuses (4401 not signed
// in, 4403 no access, 4429 too many invalid messages), since retrying would only be refused again.
(function () {
  "use strict";

  var host = document.querySelector("[data-notifications-socket]");
  if (!host || !window.JDP || !("WebSocket" in window)) {
    return;
  }
  var path = host.getAttribute("data-notifications-socket");
  if (!JDP.isLocalPath(path)) {
    return;
  }

  var TOAST_MS = 6000;
  var toastTimer = null;

  var live = JDP.liveSocket(
    path,
    {
      open: function () {
        live.healthy();
      },
      frame: function (message) {
        if (message.type === "notification") {
          show(message);
        }
      },
    },
    { finalCodes: [4401, 4403, 4429], firstDelayMs: 1000, maxDelayMs: 60000, pingEveryMs: 30000 }
  );

  function show(message) {
    var notification = message.notification || {};
    var text = String(notification.text || "");
    document.querySelectorAll("[data-unread-count]").forEach(function (element) {
      element.textContent = String(message.unread_count);
    });
    var list = document.querySelector("[data-notification-list]");
    if (list) {
      list.insertBefore(listItem(text, notification.open_url || notification.url), list.firstChild);
    }
    toast(text);
  }

  function listItem(text, href) {
    var item = document.createElement("li");
    item.className = "notification notification--unread";
    var content;
    if (JDP.isLocalPath(href)) {
      content = document.createElement("a");
      content.setAttribute("href", href);
    } else {
      content = document.createElement("span");
    }
    content.textContent = text;
    item.appendChild(content);
    return item;
  }

  function toast(text) {
    var element = document.querySelector(".toast[data-live-toast]");
    if (!element) {
      element = document.createElement("div");
      element.className = "toast";
      element.setAttribute("role", "status");
      element.setAttribute("aria-live", "polite");
      element.setAttribute("data-live-toast", "");
      document.body.appendChild(element);
    }
    element.textContent = text;
    element.classList.add("toast--visible");
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () {
      element.classList.remove("toast--visible");
    }, TOAST_MS);
  }
})();
