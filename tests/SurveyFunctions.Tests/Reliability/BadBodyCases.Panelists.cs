namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The panelist's side, sent with a live panelist key (and, for submit-page, the token of the page the panelist was shown):
/// JSON of the wrong shape is a 400 naming the field, before anything is started or stored.
/// </summary>
public static partial class BadBodyCases
{
    /// <summary>The Take family's answers and language, plus the page's <c>sessionToken</c>.</summary>
    private static BodyEndpoint PanelistSubmitPage => new("PanelistSubmitPage", HttpMethod.Post, "/app/panelist/api/submit-page", Caller.Public,
        """{"sessionToken":"{panelistToken}","answers":[]}""",
        [
            ListField("answers", required: true), TextField("language", 35, extra: ("not a language code", "\"en us\"")),
            new FieldSpec("sessionToken", true, [("a number", "42"), ("a boolean", "true"), ("an object", "{}"), ("an array", "[\"t\"]"),
                ("null", "null")]),
        ])
    {
        PanelistKey = "{panelistKey}",
    };

    /// <summary>Opening takes an optional body (<c>{"language"}</c>): sent, it must be a JSON object; absent altogether, it is fine.</summary>
    private static BodyEndpoint PanelistOpenSession => new("PanelistOpenSession", HttpMethod.Post, "/app/panelist/api/session", Caller.Public,
        """{"language":"en"}""",
        [TextField("language", 35, extra: ("not a language code", "\"en us\""))])
    {
        PanelistKey = "{panelistKey}",
    };

    private static IEnumerable<BadRequest> PanelistSpecial()
    {
        var open = PanelistOpenSession;
        return Syntax(open)
            .Concat(MediaTypesAndSizes(open).Where(c => c.Input != "no body and no content type"))
            .Concat(open.Fields.SelectMany(f => f.Cases(open)))
            .Concat(BadPanelistKeys());
    }

    /// <summary>Keys that open nothing, on each panelist call: 401 in the Panelists envelope, nothing started or recorded.</summary>
    private static IEnumerable<BadRequest> BadPanelistKeys()
    {
        (string Input, string? Key)[] keys =
        [
            ("missing", null), ("empty", ""), ("garbage", "garbage"), ("key id only", "abcdefghij0123456789"),
            ("secret changed", "{panelistKey}x"), ("key id only with colon", "abcdefghij0123456789:"),
            ("OData expression", "' or PartitionKey ne ':x"), ("10k characters", new string('k', 10_000)),
            ("a forged secret", "abcdefghij0123456789:" + new string('A', 43)),
        ];
        (string Endpoint, string Path, string? Body)[] endpoints =
        [
            ("PanelistOpenSession", "/app/panelist/api/session", "{}"),
            ("PanelistSubmitPage", "/app/panelist/api/submit-page", """{"sessionToken":"{panelistToken}","answers":[]}"""),
            ("PanelistDismiss", "/app/panelist/api/dismiss", null),
        ];
        foreach (var (endpoint, path, body) in endpoints)
        {
            foreach (var (input, key) in keys)
                yield return new BadRequest(endpoint, $"X-Panelist-Key: {input}", HttpMethod.Post, path, Caller.Public, body,
                    IsolationCases.Unauthorized) { PanelistKey = key };
        }
    }
}
