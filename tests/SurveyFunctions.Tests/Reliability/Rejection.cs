using System.Net;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// What every refusal must look like: a 4xx, the family's envelope, a documented code and a message a person can act on. The
/// Account family's envelope is the status and a message only (as its seed documents), so there the status must match.
/// </summary>
public static class Rejection
{
    public static void AssertOneOf(Api.Reply reply, IReadOnlyList<Expected> answers, string request, ApiFamily family = ApiFamily.Polls)
    {
        var body = reply.Body?.ToJsonString() ?? "(no body)";
        Assert.True((int)reply.Status is >= 400 and < 500, $"{request}: expected a 4xx, got {(int)reply.Status}: {body}");
        if (reply.Body is null && answers.Any(a => a.Code == Expected.ServerRefusalCode && a.Status == reply.Status))
            return;
        if (family == ApiFamily.Account)
        {
            Assert.True(reply.Body?["status"] is not null && reply.Body?["error"] is null, $"{request}: {(int)reply.Status} without the Account envelope: {body}");
            PlatformTests.AssertEnvelope("account", reply, (int)reply.Status);
            Assert.True(answers.Any(a => a.Status == reply.Status),
                $"{request}: got {(int)reply.Status}, expected one of: {string.Join(", ", answers.Select(a => (int)a.Status))}. Body: {body}");
            AssertClearMessage(reply.Body!["message"]!.GetValue<string>(), request);
            return;
        }
        Assert.True(reply.Body?["error"] is not null, $"{request}: {(int)reply.Status} without the error envelope: {body}");
        PlatformTests.AssertEnvelope("polls", reply, (int)reply.Status);
        var field = reply.Body!["error"]!["field"]?.GetValue<string>();
        Assert.True(
            answers.Any(a => a.Status == reply.Status && a.Code == reply.ErrorCode && (a.Field is null || a.Field == field)),
            $"{request}: got {(int)reply.Status} {reply.ErrorCode} (field {field ?? "none"}), expected one of: " +
            string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Code}{(a.Field is null ? "" : " field " + a.Field)}")) + $". Body: {body}");
        AssertClearMessage(reply.Body!["error"]!["message"]!.GetValue<string>(), request);
    }

    public static void AssertNotFound(Api.Reply reply, string code, string request) =>
        AssertOneOf(reply, [new Expected(HttpStatusCode.NotFound, code)], request);

    /// <summary>Short, a sentence, and nothing of the server's insides (exception names, stack frames, storage errors).</summary>
    private static void AssertClearMessage(string message, string request)
    {
        Assert.InRange(message.Length, 10, 400);
        foreach (var leak in new[] { "Exception", "   at ", "System.", "SurveyFunctions.", "RequestFailed", "odata", "PartitionKey=" })
            Assert.False(message.Contains(leak, StringComparison.Ordinal), $"{request}: the message shows server internals ('{leak}'): {message}");
    }
}
