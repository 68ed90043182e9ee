// "Use this sentence": put the suggested text (with diacritics) into its box, for the
// writer to check, edit and send. The box then has diacritics, so the next suggestion
// request (HTMX, on input) comes back empty and the suggestion goes away.
(function () {
  "use strict";
  if (window.dangboDiacritics) return;  // the script tag comes with each suggesting field
  window.dangboDiacritics = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-suggestion]");
    if (!button) return;
    var box = document.getElementById(button.dataset.target);
    if (!box) return;
    box.value = button.dataset.suggestion;
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
    var holder = button.closest(".diacritics-suggestion");
    if (holder) holder.textContent = "";
  });
})();
