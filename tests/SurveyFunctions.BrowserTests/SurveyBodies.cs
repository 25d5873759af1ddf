using System.Text.Json.Nodes;

namespace SurveyFunctions.BrowserTests;

/// <summary>Survey bodies more than one page's tests answer.</summary>
public static class SurveyBodies
{
    /// <summary>One required screening question: "No" disqualifies.</summary>
    public static JsonObject Screener(string name, JsonObject settings) => new()
    {
        ["name"] = name,
        ["settings"] = settings,
        ["pages"] = new JsonArray(new JsonObject
        {
            ["questions"] = new JsonArray(new JsonObject
            {
                ["type"] = "single_choice",
                ["question"] = "Do you own a bicycle?",
                ["required"] = true,
                ["options"] = new JsonArray(new JsonObject { ["label"] = "Yes" }, new JsonObject { ["label"] = "No", ["disqualify"] = true }),
            }),
        }),
    };
}
