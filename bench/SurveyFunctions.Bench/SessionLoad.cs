using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SurveyFunctions.Bench;

/// <summary>What one session load produced: sessions finished (survey_complete), and every call's latency.</summary>
internal sealed record SessionOutcome(long Started, long Finished, long Calls, double ElapsedSeconds, long LastFinishedTimestamp, LatencyStats Latency,
    SortedDictionary<string, long> Errors);

/// <summary>
/// Respondents taking a started survey through the Take family (the QuestionPro survey-taking API), closed loop: each
/// starts a session as a new known respondent (<c>customer_id</c>), answers every page with the first option of each
/// question, and starts the next session as soon as the last one answered <c>survey_complete</c>.
/// </summary>
internal static class SessionLoad
{
    public static async Task<SessionOutcome> RunAsync(HttpClient http, Uri baseUri, string apiKey, string surveyId, int respondents, double seconds,
        string prefix)
    {
        var recorders = Enumerable.Range(0, respondents).Select(_ => new LatencyRecorder()).ToArray();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long started = 0, finished = 0, calls = 0, last = 0;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        await Parallel.ForAsync(0, respondents, new ParallelOptions { MaxDegreeOfParallelism = respondents }, async (r, _) =>
        {
            for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                Interlocked.Increment(ref started);
                var customer = string.Create(CultureInfo.InvariantCulture, $"{prefix}-r{r}-{n}");
                var (status, reply, token) = await CallAsync(http, recorders[r], HttpMethod.Get,
                    new Uri(baseUri, $"a/api/v2/surveys/{surveyId}/take?customer_id={customer}"), apiKey, null, null).ConfigureAwait(false);
                Interlocked.Increment(ref calls);
                while (status == "success" && reply is { } page)
                {
                    (status, reply, token) = await CallAsync(http, recorders[r], HttpMethod.Post, new Uri(baseUri, $"a/api/v2/surveys/{surveyId}/submit-page"),
                        apiKey, token, FirstOptions(page)).ConfigureAwait(false);
                    Interlocked.Increment(ref calls);
                }
                if (status == "survey_complete")
                {
                    Interlocked.Increment(ref finished);
                    Interlocked.Exchange(ref last, Stopwatch.GetTimestamp());
                }
                else
                {
                    lock (errors) errors[status] = errors.GetValueOrDefault(status) + 1;
                }
            }
        }).ConfigureAwait(false);
        return new SessionOutcome(started, finished, calls, Stopwatch.GetElapsedTime(start).TotalSeconds, last, LatencyRecorder.Merge(recorders), errors);
    }

    /// <summary>The page's answers: each question's first option (every question of the bench survey is a choice).</summary>
    private static string FirstOptions(JsonElement response)
    {
        var sb = new StringBuilder("{\"answers\":[");
        var first = true;
        foreach (var question in response.GetProperty("questions").EnumerateArray())
        {
            var json = question.GetProperty("json");
            var optionId = json.GetProperty("answers")[0].GetProperty("id").GetInt64();
            sb.Append(first ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"questionID\":{json.GetProperty("id").GetInt64()},\"answerIDs\":[{optionId}]}}");
            first = false;
        }
        return sb.Append("]}").ToString();
    }

    /// <summary>One Take call: its <c>response.status</c> (or the HTTP status on an error), the response object, the new token.</summary>
    private static async Task<(string Status, JsonElement? Response, string? Token)> CallAsync(HttpClient http, LatencyRecorder recorder, HttpMethod method,
        Uri uri, string apiKey, string? token, string? body)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("api-key", apiKey);
        if (token is not null)
            request.Headers.Add("x-survey-token", token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var t0 = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            recorder.Record(t0, Stopwatch.GetTimestamp());
            if (response.StatusCode != HttpStatusCode.OK)
                return (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), null, null);
            using var doc = JsonDocument.Parse(bytes);
            var inner = doc.RootElement.GetProperty("response");
            var next = response.Headers.TryGetValues("x-survey-token", out var values) ? values.First() : token;
            return (inner.GetProperty("status").GetString() ?? "?", inner.Clone(), next);
        }
        catch (HttpRequestException ex)
        {
            return ("transport " + ex.HttpRequestError, null, null);
        }
    }
}
