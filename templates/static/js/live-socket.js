// The reconnecting websocket that live-notifications.js and chat.js share (loaded before them, from base.html).
// JDP.liveSocket(path, handlers, options) opens ws:// or wss:// to this host at `path` and:
// - calls handlers.connecting(retrying) before each attempt and handlers.open() once connected;
// - hands every JSON object it receives to handlers.frame(frame) (anything else is ignored);
// - sends {"type": "ping"} every options.pingEveryMs, so that proxies do not close an idle socket;
// - on a loss, calls handlers.dropped() and reconnects with exponential backoff and jitter (options.firstDelayMs
//   doubling up to options.maxDelayMs), at once when the browser is back online or the tab visible again;
// - on a close code in options.finalCodes (the server would only refuse again), calls handlers.stopped(code) and
//   stops for good.
// It returns {send(frame): true if sent, healthy(): the next loss starts the backoff from its first delay}.
// JDP.isLocalPath(href): a link inside this site (never "javascript:" or another origin).
(function () {
  "use strict";

  var JDP = (window.JDP = window.JDP || {});

  JDP.isLocalPath = function (href) {
    return typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/" && href.charAt(1) !== "\\";
  };

  JDP.liveSocket = function (path, handlers, options) {
    var url = (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path;
    var socket = null;
    var attempt = 0;
    var retryTimer = null;
    var pingTimer = null;
    var stopped = false;

    function call(name) {
      if (typeof handlers[name] === "function") {
        handlers[name].apply(null, Array.prototype.slice.call(arguments, 1));
      }
    }

    function connect() {
      retryTimer = null;
      call("connecting", attempt > 0);
      var ws = new WebSocket(url);
      socket = ws;
      ws.addEventListener("open", function () {
        pingTimer = window.setInterval(function () {
          send({ type: "ping" });
        }, options.pingEveryMs);
        call("open");
      });
      ws.addEventListener("message", function (event) {
        var frame;
        try {
          frame = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (frame && typeof frame === "object") {
          call("frame", frame);
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
      if (options.finalCodes.indexOf(code) !== -1) {
        stopped = true;
        call("stopped", code);
        return;
      }
      ws.close();
      call("dropped");
      scheduleReconnect();
    }

    function scheduleReconnect() {
      if (stopped || retryTimer !== null) {
        return;
      }
      // Between half and all of the exponential cap, at random: a restarted server is not hit by every tab at once.
      var cap = Math.min(options.maxDelayMs, options.firstDelayMs * Math.pow(2, attempt));
      attempt += 1;
      retryTimer = window.setTimeout(connect, Math.round(cap / 2 + Math.random() * (cap / 2)));
    }

    function send(frame) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(frame));
        return true;
      }
      return false;
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
    return {
      send: send,
      healthy: function () {
        attempt = 0;
      },
    };
  };
})();
