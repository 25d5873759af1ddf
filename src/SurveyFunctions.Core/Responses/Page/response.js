// The page behind a survey response's links (/hc/{locale}/survey_responses/{id}?access_token=…[&rating=N]). It reads the
// locale, id, token and rating from its own URL and speaks the locale's language; a rating link's rating is submitted first
// (the Responses submit merges answers, so sending the same rating again, on a reload say, changes nothing and counts
// nothing twice), then taken out of the address bar; then the whole survey is shown as one form, filled in with the answers
// already given. The survey's logic (SurveyLogic, RespondentPages/logic.js) shows and hides questions and whole pages as the
// respondent answers, and fills piped texts; what it hides is sent as skipped. Sending reads the form again to learn how
// the session ended (the server's path, which wins), and ends as the survey says. Built on SurveyPage
// (RespondentPages/respondent.js): every text from the survey is put in with textContent, never as markup.
(function () {
  'use strict';

  var P = SurveyPage;
  var t = P.t;
  var el = P.el;
  var match = /^\/hc\/([^/]+)\/survey_responses\/([^/]+)\/?$/.exec(window.location.pathname);
  var query = new URLSearchParams(window.location.search);
  var locale = match ? decodeURIComponent(match[1]) : '';
  var id = match ? decodeURIComponent(match[2]) : '';
  var token = query.get('access_token') || '';
  var rating = query.get('rating');
  var form = null;
  var survey = null;
  var piped = [];
  var working = false;
  var auth = '?access_token=' + encodeURIComponent(token);

  var failures = { 401: 'link_invalid', 403: 'link_other', 404: 'not_found', 409: 'no_longer' };

  // One request to the Responses API: the reply's JSON, or { failed: sentence, status } for anything but a 2xx.
  async function call(method, url, body) {
    var reply = await P.request(method, url, {}, body);
    if (reply.status >= 200 && reply.status < 300 && reply.json) return reply.json;
    return { failed: failures[reply.status] ? t(failures[reply.status]) : P.failure(reply.status), status: reply.status };
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

  // The form's survey in SurveyLogic's terms: question and option ids as the form has them (strings), each option's label.
  function logicOf(pages) {
    var kinds = { open_ended: 'text', rating_scale_numeric: 'scale' };
    var question = function (entry) {
      var q = entry.question;
      var labels = {};
      (q.options || []).forEach(function (o) { if (o.id) labels[o.id] = o.label.value; });
      var options = (entry.options || []).map(function (o) {
        return { id: o.id, clientId: o.client_id, disqualify: o.disqualify, label: labels[o.id] };
      });
      return { id: q.id, identifier: q.alias, kind: kinds[q.type] || 'choice', displayIf: entry.display_if || null, options: options };
    };
    var page = function (p) { return { identifier: p.identifier || null, branches: p.branches || [], questions: p.questions.map(question) }; };
    return { pages: pages.map(page) };
  }

  // A text that may hold placeholders: put in now, filled again whenever the answers change (see apply).
  function pipedText(node, raw) {
    if (typeof raw === 'string' && raw.indexOf('{{') >= 0) piped.push({ node: node, raw: raw });
    return node;
  }

  function renderQuestion(entry, chosenRating) {
    var q = entry.question;
    var fieldset = P.fieldset(q.id, q.type, q.headline ? q.headline.value : '', entry.required);
    pipedText(fieldset.querySelector('legend').firstChild, q.headline ? q.headline.value : '');
    var before = given(q.id);
    if (q.type === 'open_ended') {
      var area = P.textArea(q.id);
      if (before && before.type === 'open_ended') area.value = before.value || '';
      fieldset.appendChild(area);
    } else {
      var scale = q.type === 'rating_scale_numeric';
      var picked = scale
        ? (chosenRating !== null ? [String(chosenRating)] : before && before.type === 'rating_scale' ? [String(before.rating)] : [])
        : before && before.type === 'closed_ended' ? before.selections.map(function (s) { return s.option_id; }) : [];
      var items = (q.options || []).map(function (o) { return { value: scale ? String(o.rating) : o.id, text: o.label.value }; });
      var list = P.choices(q.id, items, entry.multiple, scale, picked);
      list.querySelectorAll('label').forEach(function (label, i) { pipedText(label, items[i].text); });
      fieldset.appendChild(list);
    }
    fieldset.appendChild(P.errorLine(q.id));
    return fieldset;
  }

  function render(chosen) {
    P.showSurvey(form.title, form.language);
    if (form.expired || form.state !== 'enabled') { P.showMessage(t(form.expired ? 'link_invalid' : 'no_longer')); return; }
    var container = el('questions');
    container.replaceChildren();
    piped = [];
    survey = logicOf(form.pages);
    form.pages.forEach(function (page, index) {
      var section = P.node('section', { 'aria-labelledby': 'part' + index, 'data-page': String(index) });
      section.appendChild(P.node('h2', { id: 'part' + index }, t('your_answers')));
      page.questions.forEach(function (entry) {
        section.appendChild(renderQuestion(entry, chosen && chosen.questionId === entry.question.id ? chosen.rating : null));
      });
      container.appendChild(section);
    });
    apply();
    P.showForm();
  }

  // Each question's answer as the form holds it now, in SurveyLogic's terms (unanswered: absent).
  function answersNow() {
    var answers = Object.create(null);
    el('questions').querySelectorAll('fieldset').forEach(function (fs) {
      var type = fs.getAttribute('data-type');
      var checked = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (i) { return i.value; });
      var text = type === 'open_ended' ? fs.querySelector('textarea').value : '';
      var answer = type === 'open_ended' ? (text.trim() ? { options: [], text: text } : null)
        : type === 'rating_scale_numeric' ? (checked.length ? { options: [], value: Number(checked[0]) } : null)
        : checked.length ? { options: checked } : null;
      if (answer) answers[fs.getAttribute('data-question-id')] = answer;
    });
    return answers;
  }

  // The respondent's path as their answers stand: pages off it and questions not shown are hidden (their inputs keep what
  // was typed, should the path come back), parts are numbered along it, and piped texts show the answers kept on it.
  function apply() {
    var hidden = form.hidden_fields || {};
    var path = SurveyLogic.walk(survey, answersNow(), hidden);
    var onPath = {};
    path.steps.forEach(function (step, position) {
      onPath[step.page] = { position: position, shown: step.shown.map(function (q) { return q.id; }) };
    });
    el('questions').querySelectorAll('section').forEach(function (section) {
      var step = onPath[section.getAttribute('data-page')];
      section.hidden = !step;
      var heading = path.steps.length > 1 ? t('part', { part: step ? step.position + 1 : 0, count: path.steps.length }) : t('your_answers');
      if (step) section.querySelector('h2').textContent = heading;
      section.querySelectorAll('fieldset').forEach(function (fs) {
        fs.hidden = !step || step.shown.indexOf(fs.getAttribute('data-question-id')) < 0;
      });
    });
    piped.forEach(function (p) { p.node.textContent = SurveyLogic.pipe(p.raw, survey, path.kept, hidden); });
  }

  // Each question's answer in the Responses API's shape; an unanswered question, and one the logic hides, is sent as skipped
  // (which also clears an answer taken back). Shown required questions left empty are marked and nothing is sent.
  function collect() {
    var now = answersNow();
    var answers = [];
    var missing = 0;
    el('questions').querySelectorAll('fieldset').forEach(function (fs) {
      var questionId = fs.getAttribute('data-question-id');
      var error = fs.querySelector('.field-error');
      error.textContent = '';
      var a = fs.hidden ? null : now[questionId] || null;
      answers.push(!a ? { question_id: questionId, type: 'skipped' }
        : typeof a.text === 'string' ? { question_id: questionId, type: 'open_ended', value: a.text }
        : typeof a.value === 'number' ? { question_id: questionId, type: 'rating_scale', rating: a.value }
        : { question_id: questionId, type: 'closed_ended', selections: a.options.map(function (o) { return { type: 'pre_defined', value: o }; }) });
      if (!a && !fs.hidden && fs.getAttribute('data-required') === 'true') {
        error.textContent = t('required');
        missing++;
      }
    });
    return { answers: answers, missing: missing };
  }

  async function send(event) {
    event.preventDefault();
    if (working) return;
    el('errors').textContent = '';
    var collected = collect();
    if (collected.missing) { P.showErrors(collected.missing); return; }
    working = true;
    P.busy(true);
    var reply = await submit(collected.answers);
    working = false;
    P.busy(false);
    if (reply.failed && reply.status === 400) { el('errors').textContent = t('answers_refused'); return; }
    if (reply.failed) { P.showMessage(reply.failed); return; }
    el('note').textContent = '';
    // The answers are stored; the form read says whether they completed or disqualified the session.
    var after = await readForm();
    if (after.failed) { P.showMessage(t('thanks')); return; }
    // Where the server sends the finished session (a redirect rule, else the survey's redirect) wins over the page's own guess.
    var onward = P.webUrl(after.form.redirect_url);
    if (onward) { P.showMessage(t('redirecting')); window.location.assign(onward); return; }
    P.finish(after.form.completion, after.form.finished === 'disqualified');
  }

  // A rating link: record its rating at once. Nothing else is sent, so other answers already given stay as they are.
  async function recordRating() {
    var value = Number(rating);
    var question = questions().filter(function (q) { return q.question.type === 'rating_scale_numeric'; })[0];
    if (!question || !/^-?\d+$/.test(rating) || !(question.question.options || []).some(function (o) { return o.rating === value; })) {
      el('errors').textContent = t('rating_unknown');
      return null;
    }
    var reply = await submit([{ question_id: question.question.id, type: 'rating_scale', rating: value }]);
    if (reply.failed && reply.status === 400) {
      // Other required questions must be answered with it: the rating waits, picked, in the form.
      el('note').textContent = t('rating_pending');
      return { questionId: question.question.id, rating: value };
    }
    if (reply.failed) { P.showMessage(reply.failed); return false; }
    query.delete('rating');
    window.history.replaceState(null, '', window.location.pathname + '?' + query.toString());
    el('note').textContent = t('rating_recorded');
    var reread = await readForm();
    if (reread.failed) { P.showMessage(reread.failed); return false; }
    form = reread.form;
    return null;
  }

  document.addEventListener('DOMContentLoaded', async function () {
    P.useLanguage(locale);
    el('form').addEventListener('submit', send);
    el('questions').addEventListener('input', function () { if (survey) apply(); });
    if (!match || !token) { P.showMessage(t('link_incomplete')); return; }
    var read = await readForm();
    if (read.failed) { P.showMessage(read.failed); return; }
    form = read.form;
    var chosen = null;
    if (rating !== null && form.state === 'enabled' && !form.expired) {
      chosen = await recordRating();
      if (chosen === false) return;
    }
    render(chosen);
  });
})();
