// Links to a PDF the server makes while the person waits (LibreOffice takes seconds): a link marked
// <a data-pdf> is fetched here instead of followed, and after one second a progress line says
// "Đang tạo tệp PDF… (n giây)" until the file arrives; the file is then saved under the server's
// name. When the server answers with a page instead of a file, its error message is shown beside
// the link, or, without one (a background job's page), that page is opened. Without JavaScript the
// link is a plain link. Loaded from a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  var SHOW_AFTER_MS = 1000;

  function filenameOf(response, link) {
    var header = response.headers.get("Content-Disposition") || "";
    var star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
    if (star) {
      try { return decodeURIComponent(star[1].trim()); } catch (e) { /* a malformed name: below */ }
    }
    var plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
    if (plain) { return plain[1].trim(); }
    if (link.getAttribute("download")) { return link.getAttribute("download"); }
    var path = new URL(response.url, window.location.href).pathname.split("/").filter(Boolean);
    return (path[path.length - 1] || "tai-lieu") + ".pdf";
  }

  function statusFor(link) {
    var next = link.nextElementSibling;
    if (next && next.classList.contains("pdf-progress")) { return next; }
    var box = document.createElement("span");
    box.className = "pdf-progress";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    link.insertAdjacentElement("afterend", box);
    return box;
  }

  function showWaiting(box, seconds) {
    box.classList.remove("msg-error");
    box.textContent = "";
    var bar = document.createElement("progress");
    bar.setAttribute("aria-label", "Đang tạo tệp PDF");
    box.appendChild(bar);
    box.appendChild(document.createTextNode(" Đang tạo tệp PDF… (" + seconds + " giây)"));
  }

  function showError(box, message) {
    box.textContent = message;
    box.classList.add("msg-error");
  }

  // The Vietnamese message of a page the server sent instead of the file.
  function messageOf(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var found = doc.querySelector(".messages .msg-error, .msg-error, .errorlist");
    if (found) { return found.textContent.trim(); }
    return "";
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pdf]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey || !window.fetch) { return; }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") { return; }  // one request at a time
    link.setAttribute("aria-busy", "true");
    var box = statusFor(link);
    box.textContent = "";
    box.classList.remove("msg-error");
    var started = Date.now();
    var timer = window.setInterval(function () {
      var waited = Date.now() - started;
      if (waited >= SHOW_AFTER_MS) { showWaiting(box, Math.floor(waited / 1000)); }
    }, 250);
    function done() {
      window.clearInterval(timer);
      link.removeAttribute("aria-busy");
    }
    fetch(link.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var attached = /attachment/i.test(response.headers.get("Content-Disposition") || "");
        if (response.ok && (attached || type.indexOf("application/pdf") === 0)) {
          return response.blob().then(function (blob) {
            done();
            box.textContent = "";
            save(blob, filenameOf(response, link));
          });
        }
        return response.text().then(function (html) {
          done();
          var message = messageOf(html);
          if (message) {
            showError(box, message);
          } else if (response.ok) {
            window.location.assign(response.url);  // e.g. the page of a background job
          } else {
            showError(box, "Không tạo được tệp PDF (máy chủ trả lời mã " + response.status +
                           "). Hãy thử lại hoặc tải bản Word.");
          }
        });
      })
      .catch(function () {
        done();
        showError(box, "Không kết nối được tới máy chủ để tải tệp PDF. Hãy thử lại.");
      });
  });
})();
