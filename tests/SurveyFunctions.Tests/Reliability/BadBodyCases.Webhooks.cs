using System.Text.Json.Nodes;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The webhook bodies: an endpoint's URL must be an absolute https URL to a public address (the matrix host allows no
/// plain-http hosts), its event types known ones; a replay's range must be a range.
/// </summary>
public static partial class BadBodyCases
{
    private static BodyEndpoint WebhooksCreate => new("WebhooksCreate", HttpMethod.Post, "/api/webhooks", Caller.Owner,
        """{"url":"https://hooks.example.com/in","enabled":false}""",
        [TextField("url", 2000, required: true), ListField("event_types"), FlagField("enabled"), TextField("description", 500)]);

    private static BodyEndpoint WebhooksUpdate => new("WebhooksUpdate", HttpMethod.Patch, "/api/webhooks/{webhook}", Caller.Owner,
        """{"description":"d"}""",
        [TextField("url", 2000, extra: ("null", "null")), ListField("event_types"), FlagField("enabled"),
            TextField("description", 500)]);

    private static BodyEndpoint WebhooksReplay => new("WebhooksReplay", HttpMethod.Post, "/api/webhooks/{webhook}/replay", Caller.Owner,
        """{"since":"2020-01-01T00:00:00Z"}""", [DateField("since"), DateField("until"), ListField("types")]);

    private static IEnumerable<BadRequest> WebhookSpecial()
    {
        string[] urls =
        [
            "\"hooks.example.com/in\"", "\"/relative\"", "\"ftp://hooks.example.com/in\"", "\"http://hooks.example.com/in\"",
            "\"https://user:pass@hooks.example.com/in\"", "\"https://hooks.example.com/in#frag\"", "\"https://127.0.0.1/in\"",
            "\"https://10.0.0.1/in\"", "\"https://172.16.5.4/in\"", "\"https://192.168.1.1/in\"", "\"https://169.254.169.254/latest/meta-data\"",
            "\"https://0.0.0.0/in\"", "\"https://[::1]/in\"", "\"https://[fd00::1]/in\"", "\"https://[fe80::1]/in\"", "\"javascript:alert(1)\"",
            "\"https://\"", "\"http://127.0.0.1:7071/in\"",
        ];
        foreach (var url in urls)
        {
            yield return WebhooksCreate.Request($"url: {url}", With(WebhooksCreate.ValidBody, "url", JsonNode.Parse(url)),
                Invalid("url"));
            yield return WebhooksUpdate.Request($"url: {url}", $$"""{"url":{{url}}}""", Invalid("url"));
        }
        string[] types = ["[\"bogus\"]", "[1]", "[null]", "[\"response.completed\",\"RESPONSE.COMPLETED\"]", "[[\"survey.closed\"]]"];
        foreach (var list in types)
        {
            yield return WebhooksCreate.Request($"event_types: {list}", With(WebhooksCreate.ValidBody, "event_types",
                JsonNode.Parse(list)), Invalid("event_types"));
            yield return WebhooksReplay.Request($"types: {list}", With(WebhooksReplay.ValidBody, "types", JsonNode.Parse(list)),
                Invalid("types"));
        }
        yield return WebhooksCreate.Request("server-set secret", """{"url":"https://hooks.example.com/in","secret":"whsec_AAAA"}""",
            Invalid("secret"));
        yield return WebhooksUpdate.Request("enabled: null", """{"enabled":null}""", Invalid("enabled"));
        yield return WebhooksUpdate.Request("server-set disabled_reason", """{"disabled_reason":null}""", Invalid("disabled_reason"));
        yield return WebhooksReplay.Request("no since", "{}", Invalid("since"));
        yield return WebhooksReplay.Request("until before since", """{"since":"2021-01-01T00:00:00Z","until":"2020-01-01T00:00:00Z"}""",
            Invalid("until"));
        yield return WebhooksReplay.Request("until equal to since", """{"since":"2021-01-01T00:00:00Z","until":"2021-01-01T00:00:00Z"}""",
            Invalid("until"));
        yield return WebhooksReplay.Request("unknown field", """{"since":"2021-01-01T00:00:00Z","from":"x"}""", Invalid("from"));
    }
}
