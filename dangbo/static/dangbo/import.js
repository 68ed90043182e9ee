// The import page's first progress bar: the bytes of the file sent so far, from the
// upload events htmx passes on. The second one (rows checked or imported) is polled
// from the server by the block's hx-trigger while the request runs (htmx marks the
// block, the form's hx-indicator, with the htmx-request class meanwhile).
document.addEventListener("htmx:xhr:progress", function (event) {
  const form = event.target.closest && event.target.closest("form[data-progress]");
  if (!form || !event.detail.lengthComputable) return;
  const bar = form.querySelector(".upload-progress");
  if (bar) {
    bar.max = event.detail.total;
    bar.value = event.detail.loaded;
  }
  const label = form.querySelector(".upload-label");
  if (label && event.detail.loaded >= event.detail.total) {
    label.textContent = label.dataset.sent;
  }
});
