// The main menu folds behind a "Menu" button on narrow screens. Without this script the
// menu simply shows, wrapped: the button stays hidden.
(function () {
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (!button || !menu) return;
  document.documentElement.classList.add("js-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  });
})();
