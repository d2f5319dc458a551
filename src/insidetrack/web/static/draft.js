// Live lint for the draft editor: findings follow the text as it is typed.
(function () {
  "use strict";
  var text = document.getElementById("draft-text");
  var box = document.getElementById("findings");
  var copy = document.getElementById("copy");
  if (!text || !box) { return; }
  var kind = text.getAttribute("data-kind");
  var timer = null;

  function show(findings) {
    box.textContent = "";
    if (findings.length === 0) {
      var ok = document.createElement("p");
      ok.className = "finding ok";
      ok.textContent = "No problems found.";
      box.appendChild(ok);
      return;
    }
    findings.forEach(function (f) {
      var p = document.createElement("p");
      p.className = "finding " + f.severity;
      var severity = document.createElement("span");
      severity.className = "severity";
      severity.textContent = f.severity === "error" ? "Error" : "Warning";
      p.appendChild(severity);
      p.appendChild(document.createTextNode(", line " + f.line + ": " + f.message + " "));
      var code = document.createElement("code");
      code.textContent = f.rule;
      p.appendChild(code);
      box.appendChild(p);
    });
  }

  function check() {
    fetch("/api/lint", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text: text.value, kind: kind})
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { show(data.findings); } });
  }

  if (kind) {
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 250);
    });
  }
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(text.value).then(function () {
        copy.textContent = "Copied";
      });
    });
  }
}());
