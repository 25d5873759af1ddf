using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>A created survey's server ids: question identifier → id, option client id → id (and back).</summary>
public sealed record LogicSurveyIds(string Id, string Uuid, IReadOnlyDictionary<string, long> Questions, IReadOnlyDictionary<string, long> Options)
{
    public static LogicSurveyIds Of(JsonNode created)
    {
        var questions = new Dictionary<string, long>();
        var options = new Dictionary<string, long>();
        foreach (var q in created["questions"]!.AsArray())
        {
            questions[q!["identifier"]!.GetValue<string>()] = q["id"]!.GetValue<long>();
            foreach (var o in q["json"]!["options"]!.AsArray())
                options[o!["client_id"]!.GetValue<string>()] = o["id"]!.GetValue<long>();
        }
        return new LogicSurveyIds(created.Id(), created.Uuid(), questions, options);
    }
}

/// <summary>Where a respondent's session ended up, by the reference: its kept answers and how it finished (null: still open).</summary>
public sealed record RespondentOutcome(string CustomerId, IReadOnlyDictionary<string, MAnswer> Stored, RefPath? Finished);

/// <summary>
/// One respondent taking a survey page by page through the Take family, checked at every step against <see cref="ReferenceLogic"/>:
/// the page and questions shown, the final status and redirect, the answers stored. Along the way they sometimes go back to an
/// earlier page on their path and change answers, ask for a page off their path, and answer a question they are not shown (which
/// must be refused with <c>question_not_shown</c>, storing nothing). Every request is written to <see cref="Log"/> for replay.
/// </summary>
public sealed class LogicRespondentRun(HttpClient http, string apiKey, MSurvey survey, LogicSurveyIds ids, MRespondent respondent, string customerId)
{
    private readonly Random _random = new(respondent.Seed);
    private readonly Dictionary<string, MAnswer> _stored = [];
    private string? _token;

    /// <summary>The page the current token was issued for: the next submission answers it.</summary>
    private int _tokenPage;

    public StringBuilder Log { get; } = new();

    /// <summary>How many answers to a question not shown were sent (and refused).</summary>
    public int RefusedNotShown { get; private set; }

    public int WentBack { get; private set; }

    public async Task<RespondentOutcome> RunAsync()
    {
        var hidden = string.Concat(respondent.Hidden.Select(h => $"&hidden[{h.Key}]={Uri.EscapeDataString(h.Value)}"));
        var reply = await TakeAsync($"?customer_id={customerId}{hidden}");
        var sessionPage = 0;
        AssertShows(reply, sessionPage);
        for (var action = 0; action < 40; action++)
        {
            if (respondent.Abandons && _random.Next(8) == 0)
                return new RespondentOutcome(customerId, _stored, null);
            var path = Path();
            var roll = _random.Next(100);
            if (roll < 15 && WentBack < 3 && path.PositionOf(sessionPage) > 0)
            {
                // Back to an earlier page on the path (the Take family's previousPageUrl, or any earlier page by number).
                var earlier = path.Steps[_random.Next(path.PositionOf(sessionPage))].Page;
                WentBack++;
                AssertShows(await TakeAsync($"?page={earlier + 1}"), earlier);
            }
            else if (roll < 22 && Enumerable.Range(0, survey.Pages.Count).Where(p => p > sessionPage || path.PositionOf(p) < 0).ToArray() is
                     { Length: > 0 } offPath)
            {
                // A page not reached, or skipped by the path: the server shows the page the session is on.
                AssertShows(await TakeAsync($"?page={offPath[_random.Next(offPath.Length)] + 1}"), sessionPage);
            }
            var viewing = _tokenPage;
            var answers = Answers(path.ShownOn(viewing));
            var notShown = survey.Pages[viewing].Questions.Where(q => !path.ShownOn(viewing).Contains(q.Identifier)).ToArray();
            if (notShown.Length > 0 && _random.Next(100) < 20)
            {
                await AnswerNotShownAsync(viewing, answers, notShown[_random.Next(notShown.Length)]);
                continue;
            }
            reply = await SubmitAsync(answers);
            foreach (var question in survey.Pages[viewing].Questions)
                _stored.Remove(question.Identifier);
            foreach (var (question, answer) in answers)
                _stored[question] = answer;
            path = Path();
            KeepOnly(path);
            if (path.NextAfter(viewing) is { } next)
            {
                sessionPage = next;
                AssertShows(reply, sessionPage);
                continue;
            }
            AssertFinished(reply, path);
            return new RespondentOutcome(customerId, _stored, path);
        }
        throw new InvalidOperationException("The respondent took 40 actions without finishing; the driver should never get here.");
    }

    private RefPath Path() => ReferenceLogic.Walk(survey, _stored, respondent.Hidden);

    /// <summary>Answers off the path are dropped from the session when a page is submitted.</summary>
    private void KeepOnly(RefPath path)
    {
        foreach (var question in _stored.Keys.Where(k => !path.Kept.ContainsKey(k)).ToArray())
            _stored.Remove(question);
    }

    private async Task AnswerNotShownAsync(int page, List<(string Question, MAnswer Answer)> answers, MQuestion hidden)
    {
        RefusedNotShown++;
        answers.Insert(_random.Next(answers.Count + 1), (hidden.Identifier, AnswerFor(hidden)));
        var reply = await SubmitAsync(answers);
        Check(reply.ResponseStatus == "validation_errors", $"an answer to {hidden.Identifier} (not shown) got {reply.ResponseStatus}");
        var errors = reply.ValidationErrors.Select(e => (e!["questionID"]?.GetValue<long>(), e["code"]!.GetValue<string>())).ToArray();
        Check(errors.Contains((ids.Questions[hidden.Identifier], "question_not_shown")),
            $"no question_not_shown for {hidden.Identifier}: {reply.Response["validationErrors"]!.ToJsonString()}");
        AssertShows(reply, page, "validation_errors");
        await AssertStoredAsync(null);
    }

    private List<(string Question, MAnswer Answer)> Answers(IReadOnlyList<string> shown)
    {
        var answers = new List<(string, MAnswer)>();
        foreach (var identifier in shown)
        {
            var question = survey.Question(identifier);
            if (question.Required || _random.Next(100) < 70)
                answers.Add((identifier, AnswerFor(question)));
        }
        return answers;
    }

    private MAnswer AnswerFor(MQuestion q)
    {
        if (q.IsChoice)
        {
            // Mostly steer clear of disqualifying options, so paths reach later pages.
            var allowed = q.Options.Where(o => !o.Disqualify || _random.Next(100) < 30).Select(o => o.ClientId).ToArray();
            if (allowed.Length == 0)
                allowed = [q.Options[0].ClientId];
            var count = q.IsSinglePick ? 1 : 1 + _random.Next(allowed.Length);
            return new MAnswer(allowed.OrderBy(_ => _random.Next()).Take(count).ToArray(), null, null);
        }
        if (q.IsScale)
            return new MAnswer(null, q.Min + _random.Next(q.Max - q.Min + 1), null);
        return new MAnswer(null, null, LogicGenerators.TextAnswers[_random.Next(LogicGenerators.TextAnswers.Length)]);
    }

    private async Task<TakeApi.TakeReply> TakeAsync(string query)
    {
        Log.AppendLine(CultureInfo.InvariantCulture, $"  GET take{query}");
        var reply = await http.TakeAsync(apiKey, ids.Id, _token, query);
        return Received(reply);
    }

    private async Task<TakeApi.TakeReply> SubmitAsync(List<(string Question, MAnswer Answer)> answers)
    {
        var body = TakeApi.Answers(answers.Select(a => (ids.Questions[a.Question], Wire(a.Answer))).ToArray());
        var sent = string.Join("; ", answers.Select(a => $"{a.Question}={Show(a.Answer)}"));
        Log.AppendLine(CultureInfo.InvariantCulture, $"  POST submit-page {sent}");
        return Received(await http.SubmitAsync(apiKey, ids.Id, _token, new JsonObject { ["answers"] = body }));
    }

    private TakeApi.TakeReply Received(TakeApi.TakeReply reply)
    {
        Check(reply.Status == HttpStatusCode.OK, $"HTTP {(int)reply.Status}: {reply.Json.ToJsonString()}");
        var shown = reply.Response["questions"] is JsonArray questions
            ? $" [{string.Join(", ", questions.Select(q => q!["json"]!["id"]!.GetValue<long>()).Select(Identifier))}]"
            : "";
        Log.AppendLine(CultureInfo.InvariantCulture, $"    -> {reply.ResponseStatus}{shown} {reply.Response["redirectUrl"]}");
        _token = reply.Token ?? _token;
        return reply;
    }

    private object Wire(MAnswer answer) => answer.Picks is { } picks ? picks.Select(p => ids.Options[p]).ToArray()
        : answer.Number is { } n ? n : answer.Text!;

    private string Identifier(long questionId) => ids.Questions.FirstOrDefault(p => p.Value == questionId, new("?" + questionId, 0)).Key;

    public static string Show(MAnswer a) => a.Picks is { } picks ? "[" + string.Join(",", picks) + "]"
        : a.Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : "\"" + a.Text + "\"";

    /// <summary>The reply shows <paramref name="page"/> with exactly the questions the reference path shows there.</summary>
    private void AssertShows(TakeApi.TakeReply reply, int page, string status = "success")
    {
        Check(reply.ResponseStatus == status, $"expected {status} on page {page + 1}, got {reply.ResponseStatus}: {reply.Response.ToJsonString()}");
        var path = Path();
        var expected = path.ShownOn(page).Select(q => ids.Questions[q]).ToArray();
        Check(expected.SequenceEqual(reply.QuestionIds),
            $"page {page + 1}: expected questions [{string.Join(", ", path.ShownOn(page))}], " +
            $"shown [{string.Join(", ", reply.QuestionIds.Select(Identifier))}]");
        var final = reply.Response["meta"]!["isFinalPage"]!.GetValue<bool>();
        Check(final == (path.NextAfter(page) is null), $"page {page + 1}: isFinalPage {final}, the reference path {Describe(path)}");
        var previous = reply.Response["navigation"]!["previousPageUrl"]?.GetValue<string>();
        var expectedPrevious = path.PreviousOf(page) is { } before ? $"/a/api/v2/surveys/{ids.Id}/take?page={before + 1}" : null;
        Check(previous == expectedPrevious, $"page {page + 1}: previousPageUrl {previous ?? "null"}, expected {expectedPrevious ?? "null"}");
        var progress = reply.Response["meta"]!["progressPercentage"]!.GetValue<int>();
        Check(progress is >= 0 and < 100 && (progress == 0) == (path.PositionOf(page) == 0),
            $"page {page + 1}: progressPercentage {progress} at place {path.PositionOf(page) + 1} of {path.Steps.Count} on the path");
        _tokenPage = page;
    }

    private static void AssertFinished(TakeApi.TakeReply reply, RefPath path)
    {
        var (status, url) = path.Ending switch
        {
            RefEnding.Redirect => ("redirect", path.RedirectUrl),
            RefEnding.Disqualified => ("terminated", null),
            _ => ("survey_complete", null),
        };
        Check(reply.ResponseStatus == status, $"expected {status} ({Describe(path)}), got {reply.ResponseStatus}: {reply.Response.ToJsonString()}");
        Check(reply.Response["redirectUrl"]?.GetValue<string>() == url, $"redirectUrl {reply.Response["redirectUrl"]}, expected {url ?? "none"}");
    }

    /// <summary>The session as the Account family reads it: completion and the answers kept, in page and question order.</summary>
    public async Task AssertStoredAsync(RefPath? finished)
    {
        var reply = await http.AccountGetAsync($"/api/account/surveys/{ids.Uuid}/sessions-by-respondent/{customerId}", apiKey);
        Check(reply.Status == HttpStatusCode.OK, $"account read: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        var session = reply.Json.AsArray().Single()!;
        var completed = session["is_completed"]!.GetValue<bool>();
        var disqualified = session["is_disqualified"]!.GetValue<bool>();
        Check(completed == (finished is not null) && disqualified == (finished?.EndsDisqualified ?? false),
            $"stored session completed={completed} disqualified={disqualified}, expected {(finished is null ? "open" : Describe(finished))}");
        var actual = session["answers"]!.AsArray().Select(a => $"{a!["question_identifier"]!.GetValue<string>()}={a["answer"]!.GetValue<string>()}");
        var expected = survey.Questions.Where(q => _stored.ContainsKey(q.Identifier))
            .Select(q => $"{q.Identifier}={Describe(q, _stored[q.Identifier])}");
        Check(expected.SequenceEqual(actual), $"stored answers [{string.Join("; ", actual)}], expected [{string.Join("; ", expected)}]");
    }

    /// <summary>An answer as the Account family renders it: option labels in the survey's order, the number, or the text.</summary>
    private static string Describe(MQuestion q, MAnswer a) => a.Picks is { } picks
        ? string.Join(", ", q.Options.Where(o => picks.Contains(o.ClientId)).Select(o => o.Label))
        : a.Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : a.Text!;

    private static string Describe(RefPath path) =>
        $"pages [{string.Join(" > ", path.Steps.Select(s => s.Page + 1))}] then {path.Ending}{(path.EndsDisqualified ? " (disqualified)" : "")}";

    private static void Check(bool condition, string message)
    {
        if (!condition)
            throw new LogicMismatchException(message);
    }
}

/// <summary>The server and the reference disagree (the message says where); the property test adds the case to replay it.</summary>
public sealed class LogicMismatchException(string message) : Exception(message);
