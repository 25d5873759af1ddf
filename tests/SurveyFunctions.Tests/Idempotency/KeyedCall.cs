using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>A request sent with an <c>Idempotency-Key</c>, answered as raw bytes, so a replay can be compared byte for byte.</summary>
public static class KeyedCall
{
    public sealed record Answer(HttpStatusCode Status, byte[] Body, IReadOnlyDictionary<string, string> Headers, string? Key = null)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException($"No JSON in: {Text}");

        public bool Replayed => Headers.TryGetValue("Idempotent-Replayed", out var value) && value == "true";

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    public static async Task<Answer> PostAsync(this HttpClient http, string path, string body, string? key,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), headers, key);
    }

    public static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    public static string NewKey() => Guid.NewGuid().ToString("D");

    public const string PollBody = """{"title":"Tabs or spaces?","options":[{"id":"tabs","label":"Tabs"},{"id":"spaces","label":"Spaces"}]}""";

    /// <summary>The same replayed answer: status, the headers that matter and every byte of the body.</summary>
    public static void AssertSameAnswer(Answer first, Answer replay)
    {
        Assert.Equal(first.Status, replay.Status);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal(first.Body, replay.Body);
        foreach (var name in new[] { "Content-Type", "Location", "x-survey-token" })
            Assert.Equal(first.Header(name), replay.Header(name));
        Assert.False(first.Replayed, "the first answer is not a replay");
        Assert.True(replay.Replayed, "a replay says Idempotent-Replayed: true");
    }
}
