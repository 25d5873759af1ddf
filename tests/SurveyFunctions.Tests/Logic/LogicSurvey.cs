using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// A survey with every kind of logic, for the tests that take it: page "intro" branches on the role (a rival is disqualified,
/// a student is redirected, a manager skips to "wrap"); page "dev" shows a follow-up only to experienced respondents, pipes
/// the role into it, and ends the session early for "none"; page "wrap" asks an email-only question (hidden field
/// <c>source</c>) and pipes the role and the hidden field into its texts.
/// </summary>
public static class LogicSurvey
{
    public const string StudentUrl = "https://example.edu/students?from=survey";

    public static JsonObject Body(JsonObject? settings = null) => new()
    {
        ["name"] = "Logic",
        ["settings"] = settings ?? new JsonObject(),
        ["hidden_fields"] = new JsonArray("source"),
        ["pages"] = new JsonArray(
            Page("intro",
                [
                    Role(),
                    TakeApi.Scale("qExperience", "rating", "How experienced are you?", true, 1, 5),
                ],
                Branch(Includes("qRole", "rival"), new JsonObject { ["disqualify"] = true }),
                Branch(Includes("qRole", "student"), new JsonObject { ["redirect"] = StudentUrl }),
                Branch(Includes("qRole", "mgr"), new JsonObject { ["go_to"] = "wrap" })),
            Page("dev",
                [
                    TakeApi.Question("qLanguage", "text", "Which language do you use most?", true, null),
                    Shown(TakeApi.Question("qDebug", "text", "What do you debug most, as a {{qRole}}?", false, null),
                        new JsonObject { ["question"] = "qExperience", ["op"] = "ge", ["value"] = 4 }),
                ],
                Branch(new JsonObject { ["question"] = "qLanguage", ["op"] = "eq", ["value"] = "none" }, new JsonObject { ["end"] = true })),
            Page("wrap",
                [
                    TakeApi.Scale("qNps", "nps", "How likely is a {{qRole}} to recommend us?", true, null, null),
                    Shown(TakeApi.Question("qEmail", "text", "What made you open our {{hidden.source}}?", false, null),
                        new JsonObject { ["hidden"] = "source", ["op"] = "eq", ["value"] = "email" }),
                ])),
    };

    private static JsonObject Role()
    {
        var role = TakeApi.Question("qRole", "single_choice", "What is your role?", true, null);
        role["options"] = new JsonArray(
            Option("dev", "Developer"), Option("mgr", "Manager"), Option("student", "Student"), Option("rival", "Competitor"));
        return role;
    }

    private static JsonObject Option(string clientId, string label) => new() { ["client_id"] = clientId, ["label"] = label };

    public static JsonObject Page(string identifier, JsonObject[] questions, params JsonObject[] branches) => new()
    {
        ["identifier"] = identifier,
        ["questions"] = new JsonArray(questions.Select(q => (JsonNode)q).ToArray()),
        ["branches"] = new JsonArray(branches.Select(b => (JsonNode)b).ToArray()),
    };

    public static JsonObject Branch(JsonObject condition, JsonObject then) => new() { ["if"] = condition, ["then"] = then };

    public static JsonObject Includes(string question, params string[] clientIds) => new()
    {
        ["question"] = question,
        ["op"] = "includes_any",
        ["values"] = new JsonArray(clientIds.Select(c => (JsonNode)c).ToArray()),
    };

    public static JsonObject Shown(JsonObject question, JsonObject condition)
    {
        question["display_if"] = condition;
        return question;
    }
}
