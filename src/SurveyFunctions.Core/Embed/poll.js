/*
 * SurveyFunctions poll embed. On any site:
 *   <script src="{PublicBaseUrl}/embed/poll.js" data-poll="poll_…" async></script>
 * renders the poll right after the tag, inside a Shadow DOM (the page's CSS cannot reach it, its CSS cannot reach the
 * page), and votes through the public Polls API of the server the script came from. The voter is a random id kept in
 * localStorage (the API's "fingerprint"); nothing about the device is read. Page and user text is only ever set as
 * text, never parsed as HTML. No dependencies, no build step: this file is served as written.
 */
(function () {
  'use strict';

  var VOTER_KEY = 'surveyfunctions.voter';
  var MOUNTED = 'data-surveyfunctions-mounted';
  var self = document.currentScript;
  if (!self || !self.src) return;
  // The API lives where this script does: {base}/embed/poll.js -> {base}/api/polls/…
  var apiBase = new URL('../api/polls/', self.src).href;

  var CSS =
    ':host{all:initial!important;display:block!important}' +
    '[hidden]{display:none!important}' +
    '.sf{box-sizing:border-box;max-width:36em;margin:12px 0;padding:16px;border:1px solid #d0d7de;border-radius:8px;' +
    'background:#fff;color:#1f2328;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}' +
    // :where() keeps this reset at zero specificity, so the element rules below win over it.
    ':where(.sf *){box-sizing:border-box;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}' +
    'fieldset{margin:0;padding:0;border:0;min-width:0}' +
    'legend{padding:0;margin:0 0 .25em;font-weight:600;font-size:1.15em}' +
    '.desc{margin:0 0 .5em;color:#57606a}' +
    '.opt{display:flex;align-items:center;gap:.6em;margin:.15em 0;padding:.35em .5em;border-radius:6px;cursor:pointer}' +
    '.opt:hover{background:#f6f8fa}' +
    'input{margin:0;width:1.1em;height:1.1em;accent-color:#0969da}' +
    'button{margin-top:.6em;padding:.45em 1.2em;border:1px solid #0969da;border-radius:6px;background:#0969da;color:#fff;cursor:pointer}' +
    'button[aria-disabled=true]{opacity:.6;cursor:default}' +
    ':focus-visible{outline:2px solid #0969da;outline-offset:2px}' +
    '.status{margin:.6em 0 0}.status:empty{display:none}.status:focus{outline:none}.error{color:#cf222e}' +
    '.results{margin-top:.6em}.total{margin:0;color:#57606a}' +
    'ul{list-style:none;margin:.3em 0 0;padding:0}li{margin:.45em 0}' +
    '.row{display:flex;justify-content:space-between;gap:1em}.count{color:#57606a;white-space:nowrap}' +
    '.bar{height:.5em;margin-top:.2em;border-radius:4px;background:#eaeef2;overflow:hidden}.fill{height:100%;background:#0969da}';

  // What a visitor reads for each error the Polls API documents. poll_closed carries its own message (the poll's
  // close_message, or why it is closed), so the server's text is shown for it. The form only sends what the poll
  // allowed when the page loaded, so a validation_error means the poll has changed since (an option removed, or
  // allow_multiple turned off).
  var MESSAGES = {
    poll_not_found: 'This poll could not be found.',
    poll_not_published: 'This poll is not open for voting.',
    invalid_token: 'Your voting session has expired. Reload the page and try again.',
    already_voted: 'You have already voted on this poll.',
    validation_error: 'This poll has changed since the page was opened. Reload the page to vote.',
    results_hidden: 'Results are not shown for this poll.',
    storage_unavailable: 'The poll service is busy right now. Please try again in a moment.',
    rate_limited: 'Too many requests are coming from your network right now. Please wait a minute and try again.',
    network: 'Could not reach the poll service. Check your connection and try again.',
    missing_poll: 'This poll cannot be shown: its script tag has no data-poll attribute.'
  };

  function messageFor(error) {
    if (error.code === 'poll_closed' && error.message) return error.message;
    return MESSAGES[error.code] || 'Something went wrong' + (error.code ? ' (' + error.code + ')' : '') + '. Please try again later.';
  }

  // API and network failures are plain {code, message} values; an Error is a bug in this script. The visitor still
  // gets a message, and the bug goes on to the console (and fails the browser tests) instead of vanishing.
  function rethrowBug(error) {
    if (error instanceof Error) throw error;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function randomId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // Pages on plain http (not a secure context) have no randomUUID; the same 122 random bits as a v4 UUID.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // One id per browser for every poll (the server hashes it per poll). Where storage is blocked the id lives only as
  // long as the page, so the visitor can still vote but will not be recognised after a reload.
  var memoryVoter = null;
  function voterId() {
    try {
      var id = localStorage.getItem(VOTER_KEY);
      if (!id) localStorage.setItem(VOTER_KEY, (id = randomId()));
      return id;
    } catch (e) {
      return memoryVoter || (memoryVoter = randomId());
    }
  }

  function api(pollUrl, method, path, body) {
    var init = { method: method, credentials: 'omit', cache: 'no-store' };
    if (body) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    return fetch(pollUrl + path, init).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        if (res.ok && data) return data;
        var e = (data && data.error) || {};
        throw { code: e.code || 'http_' + res.status, message: e.message };
      });
    }, function () {
      throw { code: 'network' };
    });
  }

  function Poll(script, id) {
    var host = el('surveyfunctions-poll');
    script.parentNode.insertBefore(host, script.nextSibling);
    var root = host.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      // A constructed sheet is not an inline <style>, so a strict style-src CSP on the page does not block it.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el('style', null, CSS));
    }
    this.box = root.appendChild(el('div', 'sf'));
    this.form = this.box.appendChild(el('form'));
    this.fieldset = this.form.appendChild(el('fieldset'));
    this.legend = this.fieldset.appendChild(el('legend', null, 'Poll'));
    this.status = this.box.appendChild(el('p', 'status'));
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.tabIndex = -1;
    this.results = this.box.appendChild(el('section', 'results'));
    this.results.setAttribute('aria-live', 'polite');
    this.results.setAttribute('aria-label', 'Results');
    this.results.hidden = true;
    this.url = apiBase + encodeURIComponent(id);
    this.voter = voterId();
    this.token = null;
    var that = this;
    this.form.addEventListener('submit', function (event) {
      event.preventDefault();
      that.submit();
    });
  }

  Poll.prototype.say = function (text, isError) {
    this.status.className = 'status' + (isError ? ' error' : '');
    this.status.textContent = text;
  };

  Poll.prototype.fail = function (error) {
    this.say(messageFor(error), true);
  };

  Poll.prototype.call = function (method, path, body) {
    return api(this.url, method, path, body);
  };

  Poll.prototype.start = function () {
    var that = this;
    this.say('Loading poll…');
    return this.call('GET', '').then(function (poll) {
      that.poll = poll;
      that.legend.textContent = poll.title;
      if (poll.description) that.fieldset.appendChild(el('p', 'desc', poll.description));
      var closed = that.closedMessage();
      if (closed) {
        that.say(closed);
        return that.showResults(false);
      }
      return that.call('GET', '/vote?fingerprint=' + encodeURIComponent(that.voter)).then(function (status) {
        if (status.hasVoted) return that.voted(MESSAGES.already_voted);
        that.renderOptions();
        that.say('');
        // Fetched now so the vote is one request; if this fails, submit() fetches it again and reports that error.
        that.ensureToken().catch(function () {});
        return that.showResults(false);
      });
    }).catch(function (error) {
      that.fail(error);
      rethrowBug(error);
    });
  };

  // The server decides for every vote; this only spares a visitor a form that cannot succeed. Same wording rules as
  // the API: the poll's close_message when it has one.
  Poll.prototype.closedMessage = function () {
    var p = this.poll, now = Date.now();
    var closed = p.closed_at || (p.ends_at && Date.parse(p.ends_at) <= now);
    var early = p.starts_at && Date.parse(p.starts_at) > now;
    if (!closed && !early) return null;
    return p.close_message || (early ? 'This poll is not open yet.' : 'This poll is closed.');
  };

  Poll.prototype.renderOptions = function () {
    var that = this, multiple = this.poll.allow_multiple;
    this.options = el('div', 'options');
    this.poll.options.forEach(function (option) {
      var label = that.options.appendChild(el('label', 'opt'));
      var input = label.appendChild(el('input'));
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = 'choice';
      input.value = option.id;
      label.appendChild(el('span', null, option.label));
    });
    this.fieldset.appendChild(this.options);
    this.button = this.fieldset.appendChild(el('button', null, 'Vote'));
    this.button.type = 'submit';
  };

  // Keyboard and screen-reader users whose focus was in the form land on the status line that replaces it.
  Poll.prototype.closeForm = function () {
    var hadFocus = this.form.contains(this.form.getRootNode().activeElement);
    if (this.options) this.options.remove();
    if (this.button) this.button.remove();
    this.options = this.button = null;
    if (hadFocus) this.status.focus();
  };

  Poll.prototype.voted = function (message) {
    this.closeForm();
    this.say(message);
    return this.showResults(true);
  };

  // Results as the poll allows: before voting only with show_results_before_vote, after only with _after_vote.
  Poll.prototype.showResults = function (hasVoted) {
    var that = this;
    var allowed = hasVoted ? this.poll.show_results_after_vote : this.poll.show_results_before_vote;
    if (!allowed) {
      this.renderResults(null);
      return Promise.resolve();
    }
    var query = hasVoted ? '?fingerprint=' + encodeURIComponent(this.voter) : '';
    return this.call('GET', '/results' + query).then(function (results) {
      that.renderResults(results);
    }, function (error) {
      that.renderResults(null);
      if (error.code !== 'results_hidden') that.fail(error);
    });
  };

  Poll.prototype.renderResults = function (results) {
    var box = this.results;
    box.textContent = '';
    box.hidden = !results;
    if (!results) return;
    var total = results.total_votes;
    box.appendChild(el('p', 'total', total === 1 ? '1 vote' : total + ' votes'));
    var list = box.appendChild(el('ul'));
    this.poll.options.forEach(function (option) {
      var count = 0;
      results.results.forEach(function (r) { if (r.option_id === option.id) count = r.count; });
      var percent = total ? Math.round((count * 100) / total) : 0;
      var item = list.appendChild(el('li'));
      var row = item.appendChild(el('div', 'row'));
      row.appendChild(el('span', 'label', option.label));
      row.appendChild(el('span', 'count', (count === 1 ? '1 vote' : count + ' votes') + ' (' + percent + '%)'));
      var bar = item.appendChild(el('div', 'bar'));
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('div', 'fill')).style.width = percent + '%';
    });
  };

  Poll.prototype.ensureToken = function (fresh) {
    var that = this;
    if (this.token && !fresh && Date.now() < this.token.expires) return Promise.resolve(this.token.value);
    return this.call('GET', '/token').then(function (t) {
      // A minute early, so a token is never sent in its last seconds.
      that.token = { value: t.token, expires: Date.now() + (t.expiresIn - 60) * 1000 };
      return t.token;
    });
  };

  Poll.prototype.submit = function () {
    var that = this;
    if (!this.options || this.sending) return;
    var chosen = Array.prototype.filter.call(this.options.querySelectorAll('input'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
    if (!chosen.length) {
      this.say(this.poll.allow_multiple ? 'Choose at least one option.' : 'Choose an option.', true);
      return;
    }
    var send = function (fresh) {
      return that.ensureToken(fresh).then(function (token) {
        return that.call('POST', '/vote', {
          option_ids: chosen,
          _token: token,
          fingerprint: that.voter,
          // The language only: nothing that describes the device is sent.
          clientMetadata: { language: navigator.language }
        });
      });
    };
    // aria-disabled, not disabled: a disabled button loses focus, and a keyboard user would be thrown out of the form.
    this.sending = true;
    this.button.setAttribute('aria-disabled', 'true');
    this.say('Sending your vote…');
    return send(false).catch(function (error) {
      // A token that expired while the page stayed open: fetch a new one and try once more.
      if (error.code === 'invalid_token') return send(true);
      throw error;
    }).then(function (reply) {
      that.closeForm();
      that.say('Thank you, your vote was counted.');
      that.renderResults(that.poll.show_results_after_vote && reply.results ? reply.results : null);
    }, function (error) {
      if (error.code === 'already_voted') return that.voted(MESSAGES.already_voted);
      if (error.code === 'poll_closed' || error.code === 'poll_not_published' || error.code === 'poll_not_found') that.closeForm();
      that.fail(error);
      rethrowBug(error);
    }).finally(function () {
      that.sending = false;
      if (that.button) that.button.removeAttribute('aria-disabled');
    });
  };

  // Every tag loading this script, once each: a second tag may run the script again, or may already be in the
  // document when the first one runs; the attribute makes both cases mount each tag exactly once.
  Array.prototype.forEach.call(document.querySelectorAll('script'), function (script) {
    if (script.src !== self.src || script.hasAttribute(MOUNTED)) return;
    script.setAttribute(MOUNTED, '');
    var id = script.getAttribute('data-poll');
    var poll = new Poll(script, id || '');
    if (id) poll.start();
    else poll.fail({ code: 'missing_poll' });
  });
})();
