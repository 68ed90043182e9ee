// A small rich-text editor: a contenteditable area with a toolbar (bold, italic,
// heading, list, link) that writes its HTML into the form's textarea. Without
// JavaScript the textarea is used as it is; the server sanitizes the HTML either way.
(function () {
  "use strict";
  var source = document.querySelector("textarea.news-body-source");
  if (!source || !document.execCommand) return;
  var labels = { bold: "B", italic: "I", h2: "H2", list: "• —", link: "🔗", para: "¶" };
  var titles = source.dataset;
  var box = document.createElement("div");
  box.className = "news-editor";
  var bar = document.createElement("div");
  bar.className = "bar";
  bar.setAttribute("role", "toolbar");
  var area = document.createElement("div");
  area.className = "area";
  area.contentEditable = "true";
  area.setAttribute("role", "textbox");
  area.setAttribute("aria-multiline", "true");
  area.setAttribute("aria-labelledby", source.id + "-label");
  area.innerHTML = source.value;
  var actions = {
    bold: function () { document.execCommand("bold"); },
    italic: function () { document.execCommand("italic"); },
    h2: function () { document.execCommand("formatBlock", false, "h2"); },
    para: function () { document.execCommand("formatBlock", false, "p"); },
    list: function () { document.execCommand("insertUnorderedList"); },
    link: function () {
      var url = window.prompt(titles.linkPrompt || "URL (https://…)");
      if (url && /^(https?:|mailto:)/i.test(url.trim())) document.execCommand("createLink", false, url.trim());
    }
  };
  Object.keys(actions).forEach(function (name) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = labels[name];
    b.dataset.action = name;
    b.title = titles[name + "Title"] || name;
    b.setAttribute("aria-label", b.title);
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection
    b.addEventListener("click", function () { area.focus(); actions[name](); sync(); });
    bar.appendChild(b);
  });
  function sync() { source.value = area.innerHTML; }
  document.execCommand("defaultParagraphSeparator", false, "p");
  area.addEventListener("input", sync);
  source.form.addEventListener("submit", sync);
  box.appendChild(bar);
  box.appendChild(area);
  source.parentNode.insertBefore(box, source);
  source.hidden = true;
  var label = document.querySelector("label[for='" + source.id + "']");
  if (label) label.id = source.id + "-label";
})();
