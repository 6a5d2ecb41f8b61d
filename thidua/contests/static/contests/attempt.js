// The attempt page: autosave every change, keep unsent answers across a reload, count down from
// the server's deadline, and submit idempotently (one client token, reused on every retry).
// Requests go out without cookies (credentials: "omit"): the signed attempt token is the credential.
(function () {
  "use strict";
  var root = document.getElementById("attempt");
  if (!root) return;
  var token = root.dataset.token;
  var storeKey = "thidua-attempt-" + root.dataset.attempt;
  var saveState = document.getElementById("save-state");
  var submitState = document.getElementById("submit-state");
  // Enter in a field must not send the form the browser's way: answers go out through fetch only.
  document.getElementById("paper").addEventListener("submit", function (event) { event.preventDefault(); });
  var state;
  try { state = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { state = {}; }
  state.pending = state.pending || {};
  if (!state.clientToken) {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    state.clientToken = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var lastSeq = state.seq || 0;
  function persist() { try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  function nextSeq() { lastSeq = Math.max(Date.now(), lastSeq + 1); state.seq = lastSeq; return lastSeq; }

  function chosen(qid) {
    var boxes = root.querySelectorAll('input[name="q' + qid + '"]');
    var out = [];
    boxes.forEach(function (b) { if (b.checked) out.push(Number(b.value)); });
    return out;
  }
  function allAnswers() {
    var out = {};
    root.querySelectorAll("fieldset.question").forEach(function (fs) {
      out[fs.dataset.question] = chosen(fs.dataset.question);
    });
    return out;
  }
  // Answers changed but not yet acknowledged by the server win over what the page was rendered with.
  Object.keys(state.pending).forEach(function (qid) {
    var wanted = state.pending[qid].choices;
    root.querySelectorAll('input[name="q' + qid + '"]').forEach(function (b) {
      b.checked = wanted.indexOf(Number(b.value)) >= 0;
    });
  });
  if (state.prediction !== undefined) {
    var pred = document.getElementById("prediction");
    if (pred && pred.value === "") pred.value = state.prediction;
  }
  persist();

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Attempt-Token": token },
      body: JSON.stringify(body)
    });
  }

  var flushing = false, flushTimer = null;
  function scheduleFlush(delay) {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(flush, delay);
  }
  function flush() {
    var qids = Object.keys(state.pending);
    if (flushing || qids.length === 0) return Promise.resolve();
    flushing = true;
    var sent = {}, answers = {}, seq = 0;
    qids.forEach(function (qid) {
      sent[qid] = state.pending[qid].seq;
      answers[qid] = state.pending[qid].choices;
      seq = Math.max(seq, state.pending[qid].seq);
    });
    saveState.textContent = "Đang lưu…";
    return post(root.dataset.saveUrl, { answers: answers, seq: seq }).then(function (r) {
      flushing = false;
      if (!r.ok) throw new Error(String(r.status));
      qids.forEach(function (qid) {
        if (state.pending[qid] && state.pending[qid].seq === sent[qid]) delete state.pending[qid];
      });
      persist();
      saveState.textContent = "Đã lưu lúc " + new Date().toLocaleTimeString("vi-VN");
      if (Object.keys(state.pending).length) scheduleFlush(200);
    }).catch(function () {
      flushing = false;
      saveState.textContent = "Chưa lưu được, sẽ thử lại…";
      scheduleFlush(2000);
    });
  }
  if (Object.keys(state.pending).length) scheduleFlush(50);

  root.addEventListener("change", function (ev) {
    var input = ev.target;
    if (input.id === "prediction") { state.prediction = input.value; persist(); return; }
    var fs = input.closest("fieldset.question");
    if (!fs) return;
    var qid = fs.dataset.question;
    state.pending[qid] = { choices: chosen(qid), seq: nextSeq() };
    persist();
    scheduleFlush(300);
  });

  var submitted = false;
  function submit(auto) {
    if (submitted) return;
    submitted = true;
    var button = document.getElementById("submit-attempt");
    button.disabled = true;
    var predInput = document.getElementById("prediction");
    var body = { t: state.clientToken, answers: allAnswers() };
    if (predInput && predInput.value !== "") body.prediction = parseInt(predInput.value, 10);
    submitState.textContent = auto ? "Hết giờ, đang nộp bài…" : "Đang nộp bài…";
    var tries = 0;
    function attempt() {
      tries += 1;
      post(root.dataset.submitUrl, body).then(function (r) {
        if (r.status === 429 || r.status >= 500) throw new Error(String(r.status));
        try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
        window.location.assign(root.dataset.resultUrl);
      }).catch(function () {
        // Same client token on every retry: the server stores the submission once.
        submitState.textContent = "Mạng chập chờn, đang gửi lại (lần " + (tries + 1) + ")…";
        setTimeout(attempt, Math.min(8000, 500 * Math.pow(2, tries)));
      });
    }
    attempt();
  }
  document.getElementById("submit-attempt").addEventListener("click", function () { submit(false); });

  var deadline = Date.now() + Number(root.dataset.remaining) * 1000;
  var timer = document.getElementById("timer");
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60), seconds = left % 60;  // "19 phút 5 giây", as the server writes
    timer.textContent = [minutes ? minutes + " phút" : "", seconds || !minutes ? seconds + " giây" : ""]
      .filter(Boolean).join(" ");
    if (left <= 0) { submit(true); return; }
    setTimeout(tick, 1000);
  }
  tick();
})();
