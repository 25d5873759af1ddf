// The hosted panelist page: opens the survey with the panelist key from this page's URL, then shows it page by page through
// the panelist API (X-Panelist-Key header), in the survey's language. Built on SurveyPage (RespondentPages/respondent.js):
// every text from the survey is put in the page with textContent, never as markup.
(function () {
  'use strict';

  var P = SurveyPage;
  var t = P.t;
  var el = P.el;
  var api = '/app/panelist/api/';
  var own = new URLSearchParams(window.location.search);
  var key = own.get('key') || '';
  // The hidden fields this page's link carries (hidden[source]=email…), passed on to the open call, where the session starts
  // with them; the other calls need none.
  var hidden = new URLSearchParams();
  own.forEach(function (value, name) { if (/^hidden\[[^\]]+\]$/.test(name)) hidden.append(name, value); });
  var token = null;
  var working = false;

  // The statuses that end the visit with one sentence (survey_complete and terminated end it as the survey says).
  var messages = {
    already_completed: 'already_completed',
    survey_closed: 'survey_closed',
    survey_paused: 'survey_paused',
    quota_full: 'quota_full',
    authentication_required: 'session_expired',
    dismissed: 'dismissed'
  };

  async function call(path, body) {
    var reply = await P.request('POST', api + path, { 'X-Panelist-Key': key }, body || {});
    if (reply.status === 401) return { failed: t('link_invalid') };
    if (reply.status !== 200 || !reply.json) return { failed: P.failure(reply.status) };
    return reply.json;
  }

  function renderQuestion(q, errors) {
    var j = q.json;
    // The language choice is the page's own question: its words are the page's, each language named in itself.
    var language = j.type === 'language';
    var fieldset = P.fieldset(j.id, j.type, language ? t('choose_language') : j.text, j.required);
    if (j.type === 'single_choice' || j.type === 'multiple_choice' || j.type === 'rating' || j.type === 'nps') {
      var items = j.scale ? range(j.scale) : j.answers.map(function (a) { return { value: String(a.id), text: a.text }; });
      fieldset.appendChild(P.choices(j.id, items, j.type === 'multiple_choice', !!j.scale));
    } else if (j.type === 'dropdown' || j.type === 'language') {
      var select = P.node('select', { name: j.type === 'language' ? 'language' : 'q_' + j.id, 'aria-labelledby': 'q' + j.id + '-text', 'aria-describedby': 'q' + j.id + '-error' });
      select.appendChild(P.node('option', { value: '' }, ''));
      j.answers.forEach(function (a) { select.appendChild(P.node('option', { value: String(a.id) }, language ? languageName(a.id) : a.text)); });
      fieldset.appendChild(select);
    } else {
      fieldset.appendChild(P.textArea(j.id));
    }
    // The server's messages are English; the page says the same in the respondent's language by the error's code.
    var own = (errors || []).filter(function (e) { return e.questionID === j.id || (j.type === 'language' && e.questionID === null); });
    var text = own.length === 0 ? '' : own.some(function (e) { return e.code === 'required'; }) ? t('required') : t('answer_invalid');
    fieldset.appendChild(P.errorLine(j.id, text));
    return fieldset;
  }

  function languageName(code) {
    try { return new Intl.DisplayNames([code], { type: 'language' }).of(code) || code; } catch (e) { return code; }
  }

  function range(scale) {
    var items = [];
    for (var v = scale.min; v <= scale.max; v++) items.push({ value: String(v), text: scale.labels[String(v)] || String(v) });
    return items;
  }

  function collect() {
    var answers = [];
    var language = null;
    el('questions').querySelectorAll('fieldset').forEach(function (fs) {
      var id = Number(fs.getAttribute('data-question-id'));
      var type = fs.getAttribute('data-type');
      if (type === 'language') { language = fs.querySelector('select').value || null; return; }
      if (type === 'single_choice' || type === 'multiple_choice') {
        var ids = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (i) { return Number(i.value); });
        if (ids.length) answers.push({ questionID: id, answerIDs: ids });
      } else if (type === 'rating' || type === 'nps') {
        var picked = fs.querySelector('input:checked');
        if (picked) answers.push({ questionID: id, value: Number(picked.value) });
      } else if (type === 'dropdown') {
        var value = fs.querySelector('select').value;
        if (value) answers.push({ questionID: id, answerIDs: [Number(value)] });
      } else {
        var text = fs.querySelector('textarea').value;
        if (text.trim()) answers.push({ questionID: id, text: text });
      }
    });
    return language ? { answers: answers, language: language } : { answers: answers };
  }

  function show(reply) {
    if (reply.failed) { P.showMessage(reply.failed); return; }
    P.useLanguage(reply.survey.language);
    P.showSurvey(reply.survey.title, reply.survey.language);
    token = reply.sessionToken;
    el('errors').textContent = '';
    if (reply.questions && token) { showPage(reply); return; }
    if (reply.status === 'survey_complete' || reply.status === 'terminated') {
      P.finish(reply.completion, reply.status === 'terminated');
      return;
    }
    // Coming back to a finished session: sent on where the survey says (the Take family's redirectUrl), else told so.
    var onward = reply.status === 'redirect' ? P.webUrl(reply.redirectUrl) : null;
    if (onward) { P.showMessage(t('redirecting')); window.location.assign(onward); return; }
    P.showMessage(t(messages[reply.status] || (reply.status === 'redirect' ? 'already_completed' : 'cannot_show')));
  }

  function showPage(reply) {
    var questions = el('questions');
    questions.replaceChildren();
    reply.questions.forEach(function (q) { questions.appendChild(renderQuestion(q, reply.validationErrors)); });
    var p = reply.progress;
    el('progress-wrap').hidden = false;
    el('progress').value = p.percentage;
    el('progress-label').removeAttribute('data-text');
    el('progress-label').textContent = t('progress', { page: p.page, count: p.pageCount });
    el('next').removeAttribute('data-text');
    el('next').textContent = p.isFinalPage ? t('submit') : t('next');
    P.showForm();
    if (reply.validationErrors && reply.validationErrors.length) {
      P.showErrors(reply.validationErrors.length);
      return;
    }
    var firstInput = questions.querySelector('input, select, textarea');
    if (firstInput) firstInput.focus();
  }

  async function submit(event) {
    event.preventDefault();
    if (working) return;
    working = true;
    P.busy(true);
    var body = collect();
    body.sessionToken = token;
    show(await call('submit-page', body));
    working = false;
  }

  async function dismiss() {
    if (working) return;
    working = true;
    show(await call('dismiss'));
    working = false;
  }

  document.addEventListener('DOMContentLoaded', async function () {
    // Until the survey says its language, the browser's: the loading and bad-link messages are in it.
    P.useLanguage(navigator.language);
    el('form').addEventListener('submit', submit);
    el('dismiss').addEventListener('click', dismiss);
    if (!key) { P.showMessage(t('link_incomplete')); return; }
    var language = (navigator.language || '').split('-')[0];
    show(await call('session' + (hidden.toString() ? '?' + hidden.toString() : ''), language ? { language: language } : {}));
  });
})();
