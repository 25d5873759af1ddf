// Survey logic in a respondent page: the server's rules (Taking/Logic: ConditionEvaluator.cs, SurveyPath.cs, Piping.cs)
// mirrored line for line, so a page that shows the whole survey at once can show and hide questions and pages while the
// respondent answers. Only what is shown is sent; the server walks the same path again on submit and its answer counts.
// A survey here: { pages: [{ identifier, questions, branches }] }, each question { id, identifier, kind ('choice',
// 'scale' or 'text'), options: [{ id, clientId, label, disqualify }], displayIf }; conditions and branches exactly as the
// survey's definition writes them. Answers: question id -> { options: [option ids], value: number, text: string }, an
// unanswered question absent. Hidden fields: name -> text.
var SurveyLogic = (function () {
  'use strict';

  var own = function (map, key) { return map !== null && map !== undefined && Object.prototype.hasOwnProperty.call(map, key); };

  function byIdentifier(survey) {
    if (!survey.questionsByIdentifier) {
      survey.questionsByIdentifier = Object.create(null);
      survey.pages.forEach(function (page) {
        page.questions.forEach(function (q) { survey.questionsByIdentifier[q.identifier] = q; });
      });
    }
    return survey.questionsByIdentifier;
  }

  function valuesOf(test) { return own(test, 'values') ? test.values : own(test, 'value') ? [test.value] : []; }

  // ConditionEvaluator.Holds: combinators, hidden-field tests, answer tests; anything else never holds.
  function holds(condition, survey, answers, hidden) {
    if (!condition || typeof condition !== 'object') return false;
    if (own(condition, 'all')) return condition.all.every(function (c) { return holds(c, survey, answers, hidden); });
    if (own(condition, 'any')) return condition.any.some(function (c) { return holds(c, survey, answers, hidden); });
    if (own(condition, 'not')) return !holds(condition.not, survey, answers, hidden);
    if (own(condition, 'hidden')) {
      return hiddenHolds(condition.op, valuesOf(condition), own(hidden, condition.hidden) ? hidden[condition.hidden] : null);
    }
    var question = own(condition, 'question') ? byIdentifier(survey)[condition.question] : null;
    return !!question && answerHolds(condition.op, valuesOf(condition), question, own(answers, question.id) ? answers[question.id] : null);
  }

  // Hidden fields compare exactly; ne holds for a field the session did not get.
  function hiddenHolds(op, values, value) {
    if (op === 'eq') return value !== null && value === values[0];
    if (op === 'ne') return value !== values[0];
    if (op === 'in') return value !== null && values.indexOf(value) >= 0;
    return false;
  }

  // A comparison never holds for an unanswered (or not shown) question, except includes_none and not_answered.
  function answerHolds(op, values, question, answer) {
    if (op === 'answered') return answer !== null;
    if (op === 'not_answered') return answer === null;
    var picks = function (v) { return answer.options.some(function (id) { return names(v, question, id); }); };
    if (op === 'includes_none') return answer === null || !values.some(picks);
    if (answer === null) return false;
    if (question.kind === 'choice') {
      if (op === 'includes_any') return values.some(picks);
      if (op === 'includes_all') return values.every(picks);
      return false;
    }
    if (question.kind === 'scale') return typeof answer.value === 'number' && compare(op, values, answer.value);
    var text = answer.text || '';
    var wanted = typeof values[0] === 'string' ? values[0] : '';
    if (op === 'eq') return typeof values[0] === 'string' && text.trim().toUpperCase() === wanted.trim().toUpperCase();
    if (op === 'contains') return text.toUpperCase().indexOf(wanted.toUpperCase()) >= 0;
    return false;
  }

  function compare(op, values, value) {
    var first = typeof values[0] === 'number' ? values[0] : 0;
    switch (op) {
      case 'eq': return value === first;
      case 'ne': return value !== first;
      case 'lt': return value < first;
      case 'le': return value <= first;
      case 'gt': return value > first;
      case 'ge': return value >= first;
      case 'between': return value >= first && value <= (typeof values[1] === 'number' ? values[1] : 0);
      default: return false;
    }
  }

  // Whether a condition's value names the option: a number by its id, a string by its client id.
  function names(value, question, optionId) {
    if (typeof value === 'number') return String(value) === optionId;
    var option = find(question, optionId);
    return !!option && typeof option.clientId === 'string' && option.clientId === value;
  }

  function find(question, optionId) {
    for (var i = 0; i < question.options.length; i++) if (question.options[i].id === optionId) return question.options[i];
    return null;
  }

  // SurveyPath.Walk: from the first page, each page's shown questions (display conditions over the answers kept so far),
  // their answers kept; a picked disqualifying option ends the path, else the first branch that holds (go_to forward
  // jumps, end/disqualify/redirect end it), else the next page; past the last page the survey is complete (ending null).
  function walk(survey, answers, hidden) {
    var kept = Object.create(null);
    var steps = [];
    var ending = null;
    var page = 0;
    while (page < survey.pages.length) {
      var current = survey.pages[page];
      var shown = current.questions.filter(function (q) { return !q.displayIf || holds(q.displayIf, survey, kept, hidden); });
      shown.forEach(function (q) { if (own(answers, q.id) && !own(kept, q.id)) kept[q.id] = answers[q.id]; });
      steps.push({ page: page, shown: shown });
      var disqualified = shown.some(function (q) {
        return own(kept, q.id) && kept[q.id].options.some(function (id) { var o = find(q, id); return !!o && o.disqualify; });
      });
      if (disqualified) { ending = { disqualify: true }; break; }
      var branch = (current.branches || []).filter(function (b) { return holds(b.if, survey, kept, hidden); })[0];
      var action = branch ? branch.then : null;
      if (action && own(action, 'go_to')) {
        var target = pageIndex(survey, action.go_to);
        if (target > page) { page = target; continue; }
      } else if (action) {
        ending = action;
        break;
      }
      page++;
    }
    return { steps: steps, ending: ending, kept: kept };
  }

  function pageIndex(survey, identifier) {
    for (var i = 0; i < survey.pages.length; i++) if (survey.pages[i].identifier === identifier) return i;
    return -1;
  }

  // AnswerText.Describe: the picked options' labels in the survey's order, the number as digits, or the text.
  function describe(answer, question) {
    if (typeof answer.text === 'string') return answer.text;
    if (typeof answer.value === 'number') return String(answer.value);
    var labels = question.options.filter(function (o) { return answer.options.indexOf(o.id) >= 0; }).map(function (o) { return o.label; });
    var unknown = answer.options.filter(function (id) { return !find(question, id); });
    return labels.concat(unknown).join(', ');
  }

  // Piping.Fill: {{identifier}} with the kept answer to that question, {{hidden.name}} with the hidden field; nothing to
  // fill is empty. The result is plain text: the page puts it in with textContent.
  var placeholder = /\{\{\s*((?:hidden\.)?[A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;

  function pipe(text, survey, kept, hidden) {
    if (typeof text !== 'string' || text.indexOf('{{') < 0) return text;
    return text.replace(placeholder, function (whole, name) {
      if (name.indexOf('hidden.') === 0) return own(hidden, name.slice(7)) ? hidden[name.slice(7)] : '';
      var question = byIdentifier(survey)[name];
      return question && own(kept, question.id) ? describe(kept[question.id], question) : '';
    });
  }

  return { holds: holds, walk: walk, pipe: pipe };
})();
