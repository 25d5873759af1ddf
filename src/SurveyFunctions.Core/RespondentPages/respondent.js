// What the respondent pages (the panelist page and the response page) share, served in front of each page's own script:
// the UI strings in the respondent's language (SurveyPageStrings, from strings.json, placed just before this file), the
// building blocks of a question (survey text always goes in with textContent), the network call, status messages, and how
// a survey ends: its redirect, the disqualification, or its complete_html through an allowlist (never as markup as given).
var SurveyPage = (function () {
  'use strict';

  var table = SurveyPageStrings;
  var current = table.en;
  var ui = 'en';
  var content = null;
  var el = function (id) { return document.getElementById(id); };

  // The UI strings for a language tag ("de-CH" and "de" both take German); a language without strings takes English. The
  // page's lang is the language its UI is in; survey text carries the survey's language on its own elements (showSurvey).
  function useLanguage(tag) {
    var primary = String(tag || '').toLowerCase().split(/[-_]/)[0];
    ui = Object.prototype.hasOwnProperty.call(table, primary) ? primary : 'en';
    current = table[ui];
    document.documentElement.lang = ui;
    document.querySelectorAll('[data-text]').forEach(function (n) { n.textContent = t(n.getAttribute('data-text')); });
    return ui;
  }

  // A UI string with its {placeholders} filled in; a key missing in the language falls back to English.
  function t(key, values) {
    var text = current[key] || table.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? String(values[name]) : whole; });
  }

  // The survey's own title, and the language its text is in (title, questions, options, completion), for screen readers.
  function showSurvey(title, language) {
    content = language || null;
    ['title', 'completion'].forEach(function (id) { if (content) el(id).setAttribute('lang', content); });
    el('title').removeAttribute('data-text');
    el('title').textContent = title;
    document.querySelector('title').removeAttribute('data-text');
    document.title = title;
  }

  // Survey text's attributes: its language, where the survey said it.
  function surveyText(attrs) { return content ? Object.assign({ lang: content }, attrs) : attrs; }

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (a) { n.setAttribute(a, attrs[a]); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function busy(on) { el('main').setAttribute('aria-busy', on ? 'true' : 'false'); }

  function leaveForm() {
    el('form').hidden = true;
    if (el('progress-wrap')) el('progress-wrap').hidden = true;
    busy(false);
  }

  // Replaces the form with one sentence (already in the respondent's language).
  function showMessage(text) {
    leaveForm();
    el('completion').hidden = true;
    el('status').hidden = false;
    el('status').removeAttribute('data-text');
    el('status').textContent = text;
  }

  function showForm() {
    el('status').hidden = true;
    el('completion').hidden = true;
    el('form').hidden = false;
    busy(false);
  }

  // One JSON call to our own API: { status, json } (json null when the body is not JSON), or { status: 0 } when the
  // network failed. No cookies: the link's key or token is the only credential.
  async function request(method, url, headers, body) {
    var response;
    try {
      response = await fetch(url, {
        method: method,
        headers: Object.assign(body === undefined ? {} : { 'Content-Type': 'application/json' }, headers || {}),
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store'
      });
    } catch (e) {
      return { status: 0, json: null };
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, json: json };
  }

  // The sentence for a failed call that the page has no better words for.
  // 429: this network has sent too many requests (the server's rate limits); waiting helps, unlike most failures.
  function failure(status) { return status === 0 ? t('unreachable') : status === 429 ? t('too_many') : t('failed', { status: status }); }

  // A question's frame: a fieldset whose legend is the question text, a required mark, and a line for its error.
  function fieldset(id, type, text, required) {
    var set = node('fieldset', { 'data-question-id': String(id), 'data-type': type });
    if (required) set.setAttribute('data-required', 'true');
    var legend = node('legend', surveyText({ id: 'q' + id + '-text' }), text);
    if (required) legend.appendChild(node('span', { 'class': 'required', lang: ui }, t('required_mark')));
    set.appendChild(legend);
    return set;
  }

  function errorLine(id, text) { return node('p', { id: 'q' + id + '-error', 'class': 'field-error' }, text || ''); }

  // Radio buttons (or checkboxes) with labels; items are { value, text }, picked the values checked now.
  function choices(id, items, multiple, scale, picked) {
    var name = 'q_' + id;
    var list = node('ul', { 'class': scale ? 'options scale' : 'options' });
    items.forEach(function (item, i) {
      var inputId = name + '-' + i;
      var input = node('input', { type: multiple ? 'checkbox' : 'radio', name: name, id: inputId, value: item.value, 'aria-describedby': 'q' + id + '-error' });
      if (picked && picked.indexOf(item.value) >= 0) input.checked = true;
      var li = node('li');
      li.appendChild(input);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(node('label', surveyText({ 'for': inputId }), item.text));
      list.appendChild(li);
    });
    return list;
  }

  function textArea(id) {
    return node('textarea', { name: 'q_' + id, maxlength: '10000', 'aria-labelledby': 'q' + id + '-text', 'aria-describedby': 'q' + id + '-error' });
  }

  // After a refused submission: the count at the top, and focus on the first question to fix.
  function showErrors(count) {
    el('errors').textContent = t('check_answers', { count: count });
    var first = el('questions').querySelector('.field-error:not(:empty)');
    var focus = first && first.parentNode.querySelector('input, select, textarea');
    if (focus) focus.focus();
  }

  // Only http(s) addresses are ever navigated to (never javascript: or data: from a survey's settings).
  function webUrl(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      var target = new URL(url, window.location.href);
      return target.protocol === 'https:' || target.protocol === 'http:' ? target.href : null;
    } catch (e) {
      return null;
    }
  }

  // The survey has ended for this respondent: its redirect (the disqualification one for a disqualified session), else
  // "you do not qualify", else its complete_html, else the default thank-you. completion is SurveyCompletion's JSON.
  function finish(completion, disqualified) {
    completion = completion || {};
    var url = webUrl(disqualified ? completion.redirect_url_disqualified : completion.redirect_url);
    if (url) {
      showMessage(t('redirecting'));
      window.location.assign(url);
      return;
    }
    if (disqualified) { showMessage(t('not_qualified')); return; }
    var box = el('completion');
    box.replaceChildren(sanitize(completion.complete_html || ''));
    if (!box.textContent.trim() && !box.querySelector('img')) { showMessage(t('thanks')); return; }
    leaveForm();
    el('status').hidden = true;
    box.hidden = false;
    box.focus();
  }

  // complete_html is the survey owner's HTML: parsed by DOMParser (an inert document: nothing in it runs or loads), then
  // rebuilt element by element from an allowlist. Anything else is dropped with its content (script, style, iframe, form,
  // svg…) or unwrapped (an unknown element keeps its text). Attributes are allowlisted too, so no on* handler, style or
  // javascript: URL survives; links and images keep http(s) addresses only (images: data: too), and the page's CSP
  // decides what loads.
  var kept = ['p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'small', 'mark', 'sub', 'sup', 'span', 'div',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'a', 'img'];
  var dropped = ['script', 'style', 'template', 'iframe', 'frame', 'object', 'embed', 'noscript', 'svg', 'math',
    'form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'title', 'head', 'audio', 'video', 'canvas'];

  function sanitize(html) {
    var parsed = new DOMParser().parseFromString(String(html), 'text/html');
    var out = document.createDocumentFragment();
    copyChildren(parsed.body, out);
    return out;
  }

  function copyChildren(from, to) {
    Array.prototype.forEach.call(from.childNodes, function (child) {
      if (child.nodeType === 3) { to.appendChild(document.createTextNode(child.nodeValue)); return; }
      if (child.nodeType !== 1) return;
      var tag = child.localName;
      if (dropped.indexOf(tag) >= 0) return;
      if (kept.indexOf(tag) < 0) { copyChildren(child, to); return; }
      var copy = document.createElement(tag);
      ['title', 'lang', 'dir'].forEach(function (a) { if (child.hasAttribute(a)) copy.setAttribute(a, child.getAttribute(a)); });
      if (tag === 'a') {
        var href = webUrl(child.getAttribute('href')) || mailto(child.getAttribute('href'));
        if (href) { copy.setAttribute('href', href); copy.setAttribute('rel', 'noopener noreferrer'); }
      } else if (tag === 'img') {
        var src = child.getAttribute('src') || '';
        var safe = /^data:image\/(png|gif|jpeg|webp);/i.test(src) ? src : webUrl(src);
        if (!safe) return;
        copy.setAttribute('src', safe);
        copy.setAttribute('alt', child.getAttribute('alt') || '');
      }
      copyChildren(child, copy);
      to.appendChild(copy);
    });
  }

  function mailto(href) { return typeof href === 'string' && /^mailto:[^\s]+$/i.test(href) ? href : null; }

  return {
    el: el, t: t, node: node, useLanguage: useLanguage, showSurvey: showSurvey, busy: busy, showMessage: showMessage,
    showForm: showForm, request: request, failure: failure, fieldset: fieldset, errorLine: errorLine, choices: choices,
    textArea: textArea, showErrors: showErrors, webUrl: webUrl, finish: finish
  };
})();
