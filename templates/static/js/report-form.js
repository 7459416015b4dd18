// The report form: as the user types the asserting party's name, suggest the plaintiffs other members already
// reported, so that the same party is not entered under a new spelling. Progressive enhancement: without it the
// field is a plain text input and the server still matches names.
// - <datalist id="..." data-suggest-url="/a/<slug>/reports/plaintiffs/"> is filled for the <input list="...">
//   with the names the URL answers for ?q=<typed text> ([{"id", "name"}], same origin only).
(function () {
  "use strict";

  var DELAY_MS = 250;
  var MIN_LENGTH = 2;

  function attach(list) {
    var input = document.querySelector('input[list="' + list.id + '"]');
    var url = new URL(list.getAttribute("data-suggest-url"), window.location.href);
    if (!input || url.origin !== window.location.origin) {
      return;
    }
    var timer = null;
    var controller = null;
    var asked = "";

    function show(items) {
      var options = items.map(function (item) {
        var option = document.createElement("option");
        option.value = item.name;
        return option;
      });
      list.replaceChildren.apply(list, options);
    }

    function suggest() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH || text === asked) {
        return;
      }
      asked = text;
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      url.searchParams.set("q", text);
      fetch(url.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(show)
        .catch(function () {
          // Aborted by a newer keystroke, or offline: the field keeps working without suggestions.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });
  }

  document.querySelectorAll("datalist[data-suggest-url]").forEach(attach);
})();
