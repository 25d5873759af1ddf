using System.Net;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// What every refusal must look like: a 4xx, the family's envelope, a documented code and a message a person can act on.
/// The Polls/platform envelope carries the code itself; the QuestionPro documentation's carries only a name per HTTP status
/// (<c>NOT_FOUND</c>, <c>BAD_REQUEST</c>…), so there the expected code is checked through <see cref="TakeName"/> and the
/// expected field must be named in the message. The Polling.com Account Level API's is the status and a message only, so for an Account
/// route (the <c>family</c> argument) the status must match.
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
            Assert.True(reply.Body?["status"] is not null && reply.Body?["error"] is null,
                $"{request}: {(int)reply.Status} without the Account envelope: {body}");
            PlatformTests.AssertEnvelope("account", reply, (int)reply.Status);
            Assert.True(answers.Any(a => a.Status == reply.Status),
                $"{request}: got {(int)reply.Status}, expected one of: {string.Join(", ", answers.Select(a => (int)a.Status))}. Body: {body}");
            AssertClearMessage(reply.Body!["message"]!.GetValue<string>(), request);
            return;
        }
        if (reply.Body?["response"]?["error"] is not null)
        {
            AssertTakeError(reply, answers, request, body);
            return;
        }
        if (reply.Body?["error"] is System.Text.Json.Nodes.JsonValue)
        {
            AssertPanelistsError(reply, answers, request, body);
            return;
        }
        if (reply.Body?["errors"] is not null)
        {
            AssertResponsesError(reply, answers, request, body);
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

    /// <summary>The QuestionPro documentation's error name for a code of the Polls/platform envelope: the two name the same refusals.</summary>
    public static string TakeName(string code) => code switch
    {
        "validation_error" or "malformed_json" => "BAD_REQUEST",
        "unauthorized" => "UNAUTHORIZED",
        "forbidden" => "FORBIDDEN",
        "method_not_allowed" => "METHOD_NOT_ALLOWED",
        "payload_too_large" => "PAYLOAD_TOO_LARGE",
        "unsupported_media_type" => "UNSUPPORTED_MEDIA_TYPE",
        "rate_limited" => "TOO_MANY_REQUESTS",
        _ when code.EndsWith("not_found", StringComparison.Ordinal) => "NOT_FOUND",
        _ => code,
    };

    private static void AssertTakeError(Api.Reply reply, IReadOnlyList<Expected> answers, string request, string body)
    {
        PlatformTests.AssertEnvelope("take", reply, (int)reply.Status);
        var error = reply.Body!["response"]!["error"]!;
        var name = error["name"]!.GetValue<string>();
        var message = error["message"]!.GetValue<string>();
        Assert.True(
            answers.Any(a => a.Status == reply.Status && TakeName(a.Code) == name && (a.Field is null || message.Contains(a.Field,
                StringComparison.Ordinal))),
            $"{request}: got {(int)reply.Status} {name} ({message}), expected one of: " +
            string.Join(", ", answers.Select(a => $"{(int)a.Status} {TakeName(a.Code)}{(a.Field is null ? "" : " naming " + a.Field)}"))
                + $". Body: {body}");
        AssertClearMessage(message, request);
    }

    /// <summary>The Votito documentation's error name for a code: its table names 401 and 403 by their status, the rest by code.</summary>
    public static string PanelistsName(string code) => code switch
    {
        "unauthorized" => "Unauthorized",
        "forbidden" => "Forbidden",
        _ => code,
    };

    /// <summary>The Panelists envelope, <c>{"error": name, "message"}</c>: the expected field must be named in the message.</summary>
    private static void AssertPanelistsError(Api.Reply reply, IReadOnlyList<Expected> answers, string request, string body)
    {
        PlatformTests.AssertEnvelope("panelists", reply, (int)reply.Status);
        var name = reply.Body!["error"]!.GetValue<string>();
        var message = reply.Body!["message"]!.GetValue<string>();
        Assert.True(
            answers.Any(a => a.Status == reply.Status && PanelistsName(a.Code) == name && (a.Field is null || message.Contains(a.Field,
                StringComparison.Ordinal))),
            $"{request}: got {(int)reply.Status} {name} ({message}), expected one of: " +
            string.Join(", ", answers.Select(a => $"{(int)a.Status} {PanelistsName(a.Code)}{(a.Field is null ? "" : " naming " + a.Field)}"))
                + $". Body: {body}");
        AssertClearMessage(message, request);
    }

    /// <summary>Zendesk's documented code for a code of the Polls/platform envelope (its envelope names the status, not the cause).</summary>
    public static string ResponsesCode(string code) => code switch
    {
        "validation_error" or "malformed_json" => "BadRequest",
        "unauthorized" => "Unauthorized",
        "forbidden" => "Forbidden",
        "conflict" => "Conflict",
        "method_not_allowed" => "MethodNotAllowed",
        "payload_too_large" => "PayloadTooLarge",
        "unsupported_media_type" => "UnsupportedMediaType",
        "rate_limited" => "TooManyRequests",
        _ when code.EndsWith("not_found", StringComparison.Ordinal) => "NotFound",
        _ => code,
    };

    /// <summary>The Responses envelope: one error, its code per status, the expected field named in its title.</summary>
    private static void AssertResponsesError(Api.Reply reply, IReadOnlyList<Expected> answers, string request, string body)
    {
        PlatformTests.AssertEnvelope("responses", reply, (int)reply.Status);
        var error = Assert.Single(reply.Body!["errors"]!.AsArray())!;
        var code = error["code"]!.GetValue<string>();
        var title = error["title"]!.GetValue<string>();
        Assert.True(
            answers.Any(a => a.Status == reply.Status && ResponsesCode(a.Code) == code && (a.Field is null || title.Contains(a.Field,
                StringComparison.Ordinal))),
            $"{request}: got {(int)reply.Status} {code} ({title}), expected one of: " +
            string.Join(", ", answers.Select(a => $"{(int)a.Status} {ResponsesCode(a.Code)}{(a.Field is null ? "" : " naming " + a.Field)}"))
                + $". Body: {body}");
        AssertClearMessage(title, request);
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
