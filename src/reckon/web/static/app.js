// reckon: a little plain JavaScript, served locally. Progress bars poll their job; review keys decide.
(function () {
  "use strict";

  function pollJob(el) {
    var id = el.getAttribute("data-job");
    var fill = el.querySelector(".fill");
    var status = el.querySelector(".job-status");
    var words = {};  // kinds and states in the page's language, from the server (data-words)
    try { words = JSON.parse(el.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
    function word(key) { return words[key] || key; }
    function tick() {
      fetch("/api/jobs/" + id, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          var pct = job.percent || 0;
          fill.style.width = pct + "%";
          status.textContent = word(job.kind) + " #" + job.id + ": " + word(job.status) +
            (job.total ? " \u2014 " + job.done + " / " + job.total : "") + " " + (job.message || "");
          if (job.status === "done" || job.status === "failed") {
            var done = document.querySelector(".job-done");
            if (done && done.hidden) { window.location.reload(); }
            return;
          }
          setTimeout(tick, 500);
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    tick();
  }

  function reviewKeys() {
    var form = document.getElementById("decide");
    if (!form) { return; }
    document.addEventListener("keydown", function (ev) {
      if (ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA")) { return; }
      if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var button = form.querySelector('button[data-key="' + ev.key.toLowerCase() + '"]');
      if (button) { ev.preventDefault(); button.click(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var jobs = document.querySelectorAll(".job[data-job]");
    for (var i = 0; i < jobs.length; i++) {
      var st = jobs[i].querySelector(".job-status").textContent;
      if (!/: (done|failed)/.test(st)) { pollJob(jobs[i]); }
    }
    reviewKeys();
  });
})();
