using System.Text.Json.Nodes;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// One survey with every kind of logic the hosted pages must follow, and what the tenant's APIs must say once four
/// respondents have taken it to its four endings:
/// <list type="bullet">
/// <item>page 1 "start": the role (required); a Student is disqualified by rule, Other is redirected by rule;</item>
/// <item>page 2 "rate": the languages used (shown to developers only), the score (required; its text pipes the role and the
/// hidden field <c>source</c>); a score of 2 or less jumps to page 4 (over page 3), a manager's session ends here by rule;</item>
/// <item>page 3 "extras": anything else; page 4 "complaints": what went wrong (shown for a score of 2 or less), last words.</item>
/// </list>
/// </summary>
public static class LogicSurvey
{
    public const string CompleteHtml = "<p>Thanks for completing!</p>";
    public const string NotQualified = "Thank you for your time. You do not qualify for this survey, so it ends here.";

    /// <summary>The hidden field's value every respondent arrives with: markup, which must show as text wherever it is piped.</summary>
    public const string Source = "<b>news</b>";

    public static string ScoreText(string role) => $"As a {role} who came from {Source}, how do you rate us?";

    public static JsonObject Body(string name, string redirect) => new()
    {
        ["name"] = name,
        ["settings"] = new JsonObject { ["complete_html"] = CompleteHtml },
        ["hidden_fields"] = new JsonArray("source"),
        ["pages"] = new JsonArray(
            Page("start", [Choice("role", "single_choice", "What is your role?", true, ("dev", "Developer"), ("mgr", "Manager"),
                ("student", "Student"), ("other", "Other"))],
                Branch(Picked("role", "student"), new JsonObject { ["disqualify"] = true }),
                Branch(Picked("role", "other"), new JsonObject { ["redirect"] = redirect })),
            Page("rate", [
                    Shown(Choice("tools", "multiple_choice", "Which languages do you use?", false, ("cs", "C#"), ("go", "Go")), Picked("role", "dev")),
                    new JsonObject { ["identifier"] = "score", ["type"] = "rating", ["required"] = true,
                        ["question"] = "As a {{role}} who came from {{hidden.source}}, how do you rate us?",
                        ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5 } }],
                Branch(new JsonObject { ["question"] = "score", ["op"] = "le", ["value"] = 2 }, new JsonObject { ["go_to"] = "complaints" }),
                Branch(Picked("role", "mgr"), new JsonObject { ["end"] = true })),
            Page("extras", [Text("extra", "Anything else?")]),
            Page("complaints", [
                Shown(Text("complaint", "What went wrong?"), new JsonObject { ["question"] = "score", ["op"] = "le", ["value"] = 2 }),
                Text("final", "Any last words?")])),
    };

    /// <summary>
    /// The results once the four respondents are in: three sessions counted (the go_to completion, the end rule, the redirect
    /// rule), the disqualified one not; each question counted only where it was on the respondent's path.
    /// </summary>
    public static void AssertResults(JsonNode results)
    {
        Assert.Equal(3, results["completed_sessions"]!.GetValue<long>());
        Assert.Equal(1, results["disqualified_sessions"]!.GetValue<long>());
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!);
        Assert.Equal(3, questions["role"]["answers"]!.GetValue<long>());
        Assert.Equal([1L, 1L, 0L, 1L], Counts(questions["role"], "options"));
        Assert.Equal(1, questions["tools"]["answers"]!.GetValue<long>());
        Assert.Equal([1L, 0L], Counts(questions["tools"], "options"));
        Assert.Equal(2, questions["score"]["answers"]!.GetValue<long>());
        Assert.Equal([0L, 1L, 0L, 1L, 0L], Counts(questions["score"], "values"));
        Assert.Equal(0, questions["extra"]["answers"]!.GetValue<long>());
        Assert.Equal(1, questions["complaint"]["answers"]!.GetValue<long>());
        Assert.Equal(1, questions["final"]["answers"]!.GetValue<long>());
    }

    /// <summary>A respondent's one session as the Account family reads it: finished as expected, with exactly these answers
    /// (question identifier → answer), in the order given.</summary>
    public static void AssertSession(JsonNode respondent, bool disqualified, params (string Question, string Answer)[] answers)
    {
        var session = Assert.Single(respondent["sessions"]!.AsArray())!;
        Assert.True(session["is_completed"]!.GetValue<bool>());
        Assert.Equal(disqualified, session["is_disqualified"]!.GetValue<bool>());
        Assert.Equal(answers, session["answers"]!.AsArray().Select(a => (a!["question_identifier"]!.GetValue<string>(),
            a["answer"]!.GetValue<string>())));
    }

    private static long[] Counts(JsonNode question, string list) =>
        question[list]!.AsArray().Select(v => v!["count"]!.GetValue<long>()).ToArray();

    private static JsonObject Page(string identifier, JsonNode[] questions, params JsonObject[] branches) => new()
    {
        ["identifier"] = identifier,
        ["questions"] = new JsonArray(questions),
        ["branches"] = new JsonArray(branches),
    };

    private static JsonObject Branch(JsonObject condition, JsonObject then) => new() { ["if"] = condition, ["then"] = then };

    private static JsonObject Picked(string question, string option) =>
        new() { ["question"] = question, ["op"] = "includes_any", ["values"] = new JsonArray(option) };

    private static JsonObject Shown(JsonObject question, JsonObject condition)
    {
        question["display_if"] = condition;
        return question;
    }

    private static JsonObject Text(string identifier, string text) => new() { ["identifier"] = identifier, ["type"] = "text", ["question"] = text };

    private static JsonObject Choice(string identifier, string type, string text, bool required, params (string Id, string Label)[] options) => new()
    {
        ["identifier"] = identifier,
        ["type"] = type,
        ["question"] = text,
        ["required"] = required,
        ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["label"] = o.Label }).ToArray()),
    };
}
