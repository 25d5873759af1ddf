// The hosted panelist page: opens the survey with the panelist key from this page's URL, then shows it page by page through
// the panelist API (X-Panelist-Key header). Every text from the survey is put in the page with textContent, never as markup.
(function () {
  'use strict';

  var api = '/app/panelist/api/';
  var key = new URLSearchParams(window.location.search).get('key') || '';
  var token = null;
  var busy = false;
  var el = function (id) { return document.getElementById(id); };

  var messages = {
    survey_complete: 'Thank you! Your answers have been recorded.',
    terminated: 'Thank you for your time. This survey is not for you, so it has ended here.',
    already_completed: 'You have already answered this survey. Thank you!',
    redirect: 'You have already answered this survey. Thank you!',
    survey_closed: 'This survey is closed and no longer takes answers.',
    survey_paused: 'This survey is paused. Please try again later.',
    quota_full: 'This survey has all the answers it needs. Thank you for your interest!',
    authentication_required: 'Your session has expired. Reload this page to continue.',
    dismissed: 'No problem. You can come back to this survey with the same link while it is open.',
    error: 'This survey cannot be shown right now.'
  };

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (a) { n.setAttribute(a, attrs[a]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function showMessage(text) {
    el('page').hidden = true;
    el('progress-wrap').hidden = true;
    el('status').hidden = false;
    el('status').textContent = text;
    el('main').setAttribute('aria-busy', 'false');
  }

  function safeRedirect(url) {
    try {
      var target = new URL(url, window.location.href);
      if (target.protocol === 'https:' || target.protocol === 'http:') { window.location.assign(target.href); return true; }
    } catch (e) { /* not a URL: fall through to the message */ }
    return false;
  }

  async function call(path, body) {
    var response;
    try {
      response = await fetch(api + path, {
        method: 'POST',
        headers: { 'X-Panelist-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify(body || {}),
        credentials: 'omit',
        cache: 'no-store'
      });
    } catch (e) {
      return { failed: 'The survey could not be reached. Check your connection and try again.' };
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (response.status === 401) return { failed: 'This survey link is not valid or has expired. Ask the sender for a new link.' };
    if (!response.ok || !json) return { failed: (json && json.message) ? json.message : 'Something went wrong (' + response.status + '). Please try again.' };
    return json;
  }

  function renderQuestion(q, errors) {
    var j = q.json;
    var fieldset = node('fieldset', { 'data-question-id': String(j.id), 'data-type': j.type });
    var legend = node('legend', { id: 'q' + j.id + '-text' }, j.text);
    if (j.required) legend.appendChild(node('span', { 'class': 'required', 'aria-hidden': 'true' }, '*'));
    fieldset.appendChild(legend);
    var errorId = 'q' + j.id + '-error';
    var name = 'q_' + j.id;
    var described = { 'aria-describedby': errorId };
    if (j.type === 'single_choice' || j.type === 'multiple_choice' || j.type === 'rating' || j.type === 'nps') {
      var list = node('ul', { 'class': j.scale ? 'options scale' : 'options' });
      var items = j.scale ? range(j.scale) : j.answers.map(function (a) { return { value: String(a.id), text: a.text }; });
      items.forEach(function (item, i) {
        var id = name + '-' + i;
        var input = node('input', Object.assign({ type: j.type === 'multiple_choice' ? 'checkbox' : 'radio', name: name, id: id, value: item.value }, described));
        var label = node('label', { 'for': id }, item.text);
        var li = node('li');
        li.appendChild(input);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(label);
        list.appendChild(li);
      });
      fieldset.appendChild(list);
    } else if (j.type === 'dropdown' || j.type === 'language') {
      var select = node('select', Object.assign({ name: j.type === 'language' ? 'language' : name, 'aria-labelledby': 'q' + j.id + '-text' }, described));
      select.appendChild(node('option', { value: '' }, ''));
      j.answers.forEach(function (a) { select.appendChild(node('option', { value: String(a.id) }, a.text)); });
      fieldset.appendChild(select);
    } else {
      fieldset.appendChild(node('textarea', Object.assign({ name: name, maxlength: '10000', 'aria-labelledby': 'q' + j.id + '-text' }, described)));
    }
    var own = (errors || []).filter(function (e) { return e.questionID === j.id || (j.type === 'language' && e.questionID === null); });
    fieldset.appendChild(node('p', { id: errorId, 'class': 'field-error' }, own.map(function (e) { return e.message; }).join(' ')));
    return fieldset;
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
    if (reply.failed) { showMessage(reply.failed); return; }
    el('title').textContent = reply.survey.title;
    document.title = reply.survey.title;
    document.documentElement.lang = reply.survey.language;
    token = reply.sessionToken;
    el('errors').textContent = '';
    if (reply.questions && token) {
      var questions = el('questions');
      questions.replaceChildren();
      reply.questions.forEach(function (q) { questions.appendChild(renderQuestion(q, reply.validationErrors)); });
      var p = reply.progress;
      el('progress-wrap').hidden = false;
      el('progress').value = p.percentage;
      el('progress-label').textContent = 'Page ' + p.page + ' of ' + p.pageCount;
      el('next').textContent = p.isFinalPage ? 'Submit' : 'Next';
      el('status').hidden = true;
      el('page').hidden = false;
      el('main').setAttribute('aria-busy', 'false');
      if (reply.validationErrors && reply.validationErrors.length) {
        el('errors').textContent = 'Please check your answers: ' + reply.validationErrors.length + ' need attention.';
        var first = questions.querySelector('.field-error:not(:empty)');
        var focus = first && first.parentNode.querySelector('input, select, textarea');
        if (focus) focus.focus();
      } else {
        var firstInput = questions.querySelector('input, select, textarea');
        if (firstInput) firstInput.focus();
      }
      return;
    }
    if (reply.redirectUrl && safeRedirect(reply.redirectUrl)) { showMessage('Taking you on…'); return; }
    var text = reply.status === 'survey_complete' && reply.completionText ? reply.completionText : (messages[reply.status] || messages.error);
    showMessage(text);
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    el('main').setAttribute('aria-busy', 'true');
    var body = collect();
    body.sessionToken = token;
    show(await call('submit-page', body));
    busy = false;
  }

  async function dismiss() {
    if (busy) return;
    busy = true;
    show(await call('dismiss'));
    busy = false;
  }

  document.addEventListener('DOMContentLoaded', async function () {
    el('page').addEventListener('submit', submit);
    el('dismiss').addEventListener('click', dismiss);
    if (!key) { showMessage('This survey link is incomplete: it has no key. Open the full link you were sent.'); return; }
    var language = (navigator.language || '').split('-')[0];
    show(await call('session', language ? { language: language } : {}));
  });
})();
