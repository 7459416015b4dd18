// Live notifications: a progressive enhancement; every page works without it (the counts are server-rendered).
// - [data-notifications-socket="/ws/a/<slug>/notifications/"]: the socket to open (same host, ws or wss).
// - [data-unread-count]: every such element shows the latest unread count.
// - [data-notification-list]: a new <li class="notification notification--unread"> is prepended to it.
// - A toast (<div class="toast" role="status">, class "toast--visible" while shown) announces each notification.
// Reconnects with exponential backoff and jitter; stops when the server refuses (4401 not signed in, 4403 no
// access, 4429 too many invalid messages), since retrying would only be refused again.
(function () {
  "use strict";

  var host = document.querySelector("[data-notifications-socket]");
  if (!host || !("WebSocket" in window)) {
    return;
  }
  var path = host.getAttribute("data-notifications-socket");
  if (!path || path.charAt(0) !== "/" || path.charAt(1) === "/") {
    return;
  }
  var url = (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path;

  var FINAL_CLOSE_CODES = [4401, 4403, 4429];
  var FIRST_DELAY_MS = 1000;
  var MAX_DELAY_MS = 60000;
  var PING_EVERY_MS = 30000; // keeps proxies from closing an idle socket
  var TOAST_MS = 6000;

  var socket = null;
  var attempt = 0;
  var retryTimer = null;
  var pingTimer = null;
  var toastTimer = null;
  var stopped = false;

  function connect() {
    retryTimer = null;
    var ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener("open", function () {
      attempt = 0;
      pingTimer = window.setInterval(function () {
        send({ type: "ping" });
      }, PING_EVERY_MS);
    });
    ws.addEventListener("message", function (event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (message && message.type === "notification") {
        show(message);
      }
    });
    ws.addEventListener("close", function (event) {
      dropped(ws, event.code);
    });
    // Browsers follow a failed connection with "close"; some runtimes only report "error".
    ws.addEventListener("error", function () {
      dropped(ws, null);
    });
  }

  function dropped(ws, code) {
    if (socket !== ws) {
      return; // already handled
    }
    socket = null;
    window.clearInterval(pingTimer);
    if (FINAL_CLOSE_CODES.indexOf(code) !== -1) {
      stopped = true;
      return;
    }
    ws.close();
    scheduleReconnect();
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function scheduleReconnect() {
    if (stopped || retryTimer !== null) {
      return;
    }
    // Between half and all of the exponential cap, at random: a restarted server is not hit by every tab at once.
    var cap = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, attempt));
    attempt += 1;
    retryTimer = window.setTimeout(connect, Math.round(cap / 2 + Math.random() * (cap / 2)));
  }

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
    if (isLocalPath(href)) {
      content = document.createElement("a");
      content.setAttribute("href", href);
    } else {
      content = document.createElement("span");
    }
    content.textContent = text;
    item.appendChild(content);
    return item;
  }

  // Only links inside this site: never "javascript:" or another origin.
  function isLocalPath(href) {
    return typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/" && href.charAt(1) !== "\\";
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

  // Back online, or back to a tab whose socket dropped: try now instead of waiting out the backoff.
  function reconnectNow() {
    if (stopped || socket !== null) {
      return;
    }
    window.clearTimeout(retryTimer);
    retryTimer = null;
    attempt = 0;
    connect();
  }
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      reconnectNow();
    }
  });

  connect();
})();
