// The page behind a survey response's links (/hc/{locale}/survey_responses/{id}?access_token=…[&rating=N]). It reads the
// locale, id, token and rating from its own URL; a rating link's rating is submitted first (the Responses submit merges
// answers, so sending the same rating again, on a reload say, changes nothing and counts nothing twice), then taken out
// of the address bar; then the whole survey is shown as one form, filled in with the answers already given. Every text
// from the survey is put in the page with textContent, never as markup.
(function () {
  'use strict';

  var match = /^\/hc\/([^/]+)\/survey_responses\/([^/]+)\/?$/.exec(window.location.pathname);
  var query = new URLSearchParams(window.location.search);
  var locale = match ? decodeURIComponent(match[1]) : '';
  var id = match ? decodeURIComponent(match[2]) : '';
  var token = query.get('access_token') || '';
  var rating = query.get('rating');
  var form = null;
  var busy = false;
  var el = function (name) { return document.getElementById(name); };
  var auth = '?access_token=' + encodeURIComponent(token);

  var failures = {
    401: 'This survey link is not valid or has expired. Ask the sender for a new link.',
    403: 'This survey link is for another response. Open the link you were sent.',
    404: 'This survey response could not be found.',
    409: 'This survey no longer takes answers. Thank you for your interest!'
  };

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (a) { n.setAttribute(a, attrs[a]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function showMessage(text) {
    el('form').hidden = true;
    el('status').hidden = false;
    el('status').textContent = text;
    el('main').setAttribute('aria-busy', 'false');
  }

  // One request to the Responses API: the reply's JSON, or { failed: message, status } for anything but a 2xx.
  async function call(method, url, body) {
    var response;
    try {
      response = await fetch(url, {
        method: method,
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
        credentials: 'omit',
        cache: 'no-store'
      });
    } catch (e) {
      return { failed: 'The survey could not be reached. Check your connection and try again.', status: 0 };
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (response.ok && json) return json;
    var title = json && json.errors && json.errors[0] && json.errors[0].title;
    if (response.status === 400 && title) return { failed: title, status: 400 };
    return { failed: failures[response.status] || 'Something went wrong (' + response.status + '). Please try again.', status: response.status };
  }

  function readForm() { return call('GET', '/hc/api/' + encodeURIComponent(locale) + '/survey_responses/' + encodeURIComponent(id) + '/form' + auth); }

  function submit(answers) {
    var body = { survey_response: { answers: answers, locale: locale } };
    return call('POST', '/api/v2/guide/survey_responses/' + encodeURIComponent(id) + auth, body);
  }

  function questions() {
    var all = [];
    form.pages.forEach(function (page) { page.questions.forEach(function (q) { all.push(q); }); });
    return all;
  }

  function given(questionId) {
    var answers = form.survey_response.answers || [];
    for (var i = 0; i < answers.length; i++) if (answers[i].question.id === questionId) return answers[i];
    return null;
  }

  function renderQuestion(entry, chosenRating) {
    var q = entry.question;
    var fieldset = node('fieldset', { 'data-question-id': q.id, 'data-type': q.type });
    if (entry.required) fieldset.setAttribute('data-required', 'true');
    var legend = node('legend', { id: 'q' + q.id + '-text' }, q.headline ? q.headline.value : '');
    if (entry.required) {
      legend.appendChild(node('span', { 'class': 'required' }, '(required)'));
    }
    fieldset.appendChild(legend);
    var errorId = 'q' + q.id + '-error';
    var name = 'q_' + q.id;
    var before = given(q.id);
    if (q.type === 'open_ended') {
      var area = node('textarea', { name: name, maxlength: '10000', 'aria-labelledby': 'q' + q.id + '-text', 'aria-describedby': errorId });
      if (before && before.type === 'open_ended') area.value = before.value || '';
      fieldset.appendChild(area);
    } else {
      var scale = q.type === 'rating_scale_numeric';
      var picked = scale
        ? (chosenRating !== null ? [String(chosenRating)] : before && before.type === 'rating_scale' ? [String(before.rating)] : [])
        : before && before.type === 'closed_ended' ? before.selections.map(function (s) { return s.option_id; }) : [];
      var list = node('ul', { 'class': scale ? 'options scale' : 'options' });
      (q.options || []).forEach(function (option, i) {
        var value = scale ? String(option.rating) : option.id;
        var inputId = name + '-' + i;
        var input = node('input', { type: entry.multiple ? 'checkbox' : 'radio', name: name, id: inputId, value: value, 'aria-describedby': errorId });
        if (picked.indexOf(value) >= 0) input.checked = true;
        var li = node('li');
        li.appendChild(input);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(node('label', { 'for': inputId }, option.label.value));
        list.appendChild(li);
      });
      fieldset.appendChild(list);
    }
    fieldset.appendChild(node('p', { id: errorId, 'class': 'field-error' }));
    return fieldset;
  }

  function render(chosen) {
    el('title').textContent = form.title;
    document.title = form.title;
    document.documentElement.lang = form.language;
    if (form.expired || form.state !== 'enabled') { showMessage(failures[form.expired ? 401 : 409]); return; }
    var container = el('questions');
    container.replaceChildren();
    form.pages.forEach(function (page, index) {
      var section = node('section', { 'aria-labelledby': 'part' + index });
      var heading = node('h2', { id: 'part' + index }, form.pages.length > 1 ? 'Part ' + (index + 1) + ' of ' + form.pages.length : 'Your answers');
      section.appendChild(heading);
      page.questions.forEach(function (entry) {
        section.appendChild(renderQuestion(entry, chosen && chosen.questionId === entry.question.id ? chosen.rating : null));
      });
      container.appendChild(section);
    });
    el('status').hidden = true;
    el('form').hidden = false;
    el('main').setAttribute('aria-busy', 'false');
  }

  // Each question's answer in the Responses API's shape; an unanswered question is sent as skipped (which also clears an
  // answer taken back). Required questions left empty are marked next to the question and nothing is sent.
  function collect() {
    var answers = [];
    var missing = [];
    el('questions').querySelectorAll('fieldset').forEach(function (fs) {
      var questionId = fs.getAttribute('data-question-id');
      var type = fs.getAttribute('data-type');
      var error = fs.querySelector('.field-error');
      error.textContent = '';
      var answer = { question_id: questionId, type: 'skipped' };
      if (type === 'open_ended') {
        var text = fs.querySelector('textarea').value;
        if (text.trim()) answer = { question_id: questionId, type: 'open_ended', value: text };
      } else if (type === 'rating_scale_numeric') {
        var picked = fs.querySelector('input:checked');
        if (picked) answer = { question_id: questionId, type: 'rating_scale', rating: Number(picked.value) };
      } else {
        var ids = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (i) { return { type: 'pre_defined', value: i.value }; });
        if (ids.length) answer = { question_id: questionId, type: 'closed_ended', selections: ids };
      }
      if (answer.type === 'skipped' && fs.getAttribute('data-required') === 'true') {
        error.textContent = 'This question needs an answer.';
        missing.push(fs);
      }
      answers.push(answer);
    });
    return { answers: answers, missing: missing };
  }

  async function send(event) {
    event.preventDefault();
    if (busy) return;
    el('errors').textContent = '';
    var collected = collect();
    if (collected.missing.length) {
      el('errors').textContent = 'Please check your answers: ' + collected.missing.length + ' need attention.';
      var focus = collected.missing[0].querySelector('input, textarea');
      if (focus) focus.focus();
      return;
    }
    busy = true;
    el('main').setAttribute('aria-busy', 'true');
    var reply = await submit(collected.answers);
    busy = false;
    el('main').setAttribute('aria-busy', 'false');
    if (reply.failed && reply.status === 400) { el('errors').textContent = reply.failed; return; }
    if (reply.failed) { showMessage(reply.failed); return; }
    el('note').textContent = '';
    showMessage('Thank you! Your answers have been recorded.');
  }

  // A rating link: record its rating at once. Nothing else is sent, so other answers already given stay as they are.
  async function recordRating() {
    var value = Number(rating);
    var question = questions().filter(function (q) { return q.question.type === 'rating_scale_numeric'; })[0];
    if (!question || !/^-?\d+$/.test(rating) || !(question.question.options || []).some(function (o) { return o.rating === value; })) {
      el('errors').textContent = 'This link carries a rating this survey does not have. Please pick one below.';
      return null;
    }
    var reply = await submit([{ question_id: question.question.id, type: 'rating_scale', rating: value }]);
    if (reply.failed && reply.status === 400) {
      // Other required questions must be answered with it: the rating waits, picked, in the form.
      el('note').textContent = 'Please answer the questions below to send your rating.';
      return { questionId: question.question.id, rating: value };
    }
    if (reply.failed) { showMessage(reply.failed); return false; }
    query.delete('rating');
    window.history.replaceState(null, '', window.location.pathname + '?' + query.toString());
    el('note').textContent = 'Thank you, your rating is recorded. You can tell us more below.';
    var reread = await readForm();
    if (reread.failed) { showMessage(reread.failed); return false; }
    form = reread.form;
    return null;
  }

  document.addEventListener('DOMContentLoaded', async function () {
    el('form').addEventListener('submit', send);
    if (!match || !token) { showMessage('This survey link is incomplete. Open the full link you were sent.'); return; }
    var read = await readForm();
    if (read.failed) { showMessage(read.failed); return; }
    form = read.form;
    var chosen = null;
    if (rating !== null && form.state === 'enabled' && !form.expired) {
      chosen = await recordRating();
      if (chosen === false) return;
    }
    render(chosen);
  });
})();
