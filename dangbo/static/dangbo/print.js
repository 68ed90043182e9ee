// Buttons marked data-print print the page (instead of inline onclick handlers, which
// the Content-Security-Policy forbids).
document.addEventListener("click", function (event) {
  const button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
