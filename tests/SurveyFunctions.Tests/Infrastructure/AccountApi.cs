using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Test helpers for the Account family (the Polling.com Account Level API): GETs with the key in the form the test names,
/// and JSON shape checks.
/// </summary>
public static class AccountApi
{
    /// <summary>The auth forms the Account family reads: the two its documentation gives, and the header forms every family accepts.</summary>
    public static IReadOnlyList<string> AuthForms { get; } = ["token header", "?token=", "X-API-Key", "api-key", "Authorization: Bearer",
        "Authorization: Basic"];

    /// <summary>GET <paramref name="path"/> with <paramref name="key"/> sent as <paramref name="authForm"/> (the
    /// documented <c>token</c> header by default; null sends no key).</summary>
    public static Task<Api.Reply> AccountGetAsync(this HttpClient http, string path, string? key, string authForm = "token header")
    {
        if (key is not null && authForm == "?token=")
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(key);
        return http.SendAsync(HttpMethod.Get, path, configure: r =>
        {
            if (key is null)
                return;
            switch (authForm)
            {
                case "token header": r.Headers.Add("token", key); break;
                case "?token=": break;
                case "X-API-Key": r.Headers.Add("X-API-Key", key); break;
                case "api-key": r.Headers.Add("api-key", key); break;
                case "Authorization: Bearer": r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key); break;
                case "Authorization: Basic": r.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes("owner@example.com/token:" + key))); break;
                default: throw new ArgumentOutOfRangeException(nameof(authForm), authForm, "Unknown auth form.");
            }
        });
    }

    /// <summary>A path segment for an external id (ids may hold spaces, '@' or any Unicode).</summary>
    public static string Segment(string externalId) => Uri.EscapeDataString(externalId);

    /// <summary>
    /// The object has exactly these fields, in this order, each of this JSON type: what a client written against the documentation
    /// reads. <see cref="JsonValueKind.True"/> stands for either boolean.
    /// </summary>
    public static JsonObject AssertFields(JsonNode? node, params (string Name, JsonValueKind Kind)[] fields)
    {
        var o = Assert.IsType<JsonObject>(node);
        Assert.Equal(fields.Select(f => f.Name), o.Select(p => p.Key));
        foreach (var (name, kind) in fields)
        {
            var actual = o[name]?.GetValueKind() ?? JsonValueKind.Null;
            if (kind == JsonValueKind.True)
                Assert.True(actual is JsonValueKind.True or JsonValueKind.False, $"'{name}' is {actual}, not a boolean: {o.ToJsonString()}");
            else
                Assert.True(kind == actual, $"'{name}' is {actual}, not {kind}: {o.ToJsonString()}");
        }
        return o;
    }

    /// <summary>An instant as the documentation writes one: UTC with a 'Z' (milliseconds only when present).</summary>
    public static void AssertInstant(JsonNode? value) =>
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$", value!.GetValue<string>());

    /// <summary>The Polling.com Account Level API's error: the status code, and a JSON body with the status and a message.</summary>
    public static void AssertAccountError(Api.Reply reply, int status, string? messagePart = null)
    {
        Assert.True((int)reply.Status == status, $"expected {status}, got {(int)reply.Status}: {reply.Body?.ToJsonString()}");
        var body = AssertFields(reply.Body, ("status", JsonValueKind.Number), ("message", JsonValueKind.String));
        Assert.Equal(status, body["status"]!.GetValue<int>());
        if (messagePart is not null)
            Assert.Contains(messagePart, body["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
