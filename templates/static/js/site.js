// Small progressive enhancements; every page works without them.
// - <form data-confirm="Question?">: ask before submitting (destructive actions).
// - Any POST form: a second submit while the first is under way is ignored (double clicks do not write twice).
// - Opening one header menu (<details class="menu">) closes the others; Escape closes them.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if ((form.getAttribute("method") || "").toLowerCase() === "post") {
      if (form.getAttribute("aria-busy") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("aria-busy", "true");
    }
  });

  // A page restored from the back/forward cache must accept submits again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[aria-busy]").forEach(function (form) {
      form.removeAttribute("aria-busy");
    });
  });

  var menus = function () {
    return document.querySelectorAll("details.menu");
  };

  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("menu") || !opened.open) {
      return;
    }
    menus().forEach(function (menu) {
      if (menu !== opened) {
        menu.open = false;
      }
    });
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    menus().forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });
})();
