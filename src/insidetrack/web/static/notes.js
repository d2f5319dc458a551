// Live preview of the sentence each interview note fills. Without it the form still works:
// the server fits the notes the same way and says what it changed or refused.
(function () {
  "use strict";
  var form = document.querySelector("form[data-determiners]");
  if (!form) { return; }
  var determiners = form.getAttribute("data-determiners").split(" ");

  // Drop a first word that doubles the frame's word before the blank ("your their ...").
  function fitted(frame, note) {
    var words = note.trim().split(/\s+/);
    var before = frame.split("___")[0].trim().split(/\s+/).pop().toLowerCase();
    var first = (words[0] || "").toLowerCase();
    var doubled = first === before ||
      (determiners.indexOf(before) >= 0 && determiners.indexOf(first) >= 0);
    return (words.length > 1 && doubled) ? words.slice(1).join(" ") : words.join(" ");
  }

  function update(field) {
    var out = field.parentNode.querySelector("output.preview");
    var note = field.value.split("\n")[0].trim();
    out.textContent = note ? fitted(field.getAttribute("data-frame"), note) : "";
    if (note) {
      out.textContent = field.getAttribute("data-frame").replace("___", out.textContent);
    }
  }

  form.querySelectorAll("[data-frame]").forEach(function (field) {
    field.addEventListener("input", function () { update(field); });
    update(field);
  });
}());
