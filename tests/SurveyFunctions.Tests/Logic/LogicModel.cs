using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Logic;

// The property test's own picture of a survey with logic, written from the API contract (not from the server's types): what the
// generators build, what the reference evaluator walks, and what becomes the create body sent over HTTP.

/// <summary>The question types of the survey body, by their wire names.</summary>
public static class QTypes
{
    public static readonly string[] All = ["single_choice", "multiple_choice", "dropdown", "rating", "nps", "text"];
}

public sealed record MOption(string ClientId, string Label, bool Disqualify);

/// <param name="Min">The lowest value of a rating/NPS scale (unused otherwise).</param>
public sealed record MQuestion(string Identifier, string Type, bool Required, IReadOnlyList<MOption> Options, int Min, int Max, MCond? DisplayIf)
{
    public bool IsChoice => Type is "single_choice" or "multiple_choice" or "dropdown";

    public bool IsSinglePick => Type is "single_choice" or "dropdown";

    public bool IsScale => Type is "rating" or "nps";

    public string Text => $"Question {Identifier}";
}

public sealed record MPage(string? Identifier, IReadOnlyList<MQuestion> Questions, IReadOnlyList<MBranch> Branches);

public sealed record MBranch(MCond If, MAction Then);

public abstract record MAction;

public sealed record MGoTo(string Page) : MAction;

public sealed record MEnd : MAction;

public sealed record MDisqualify : MAction;

public sealed record MRedirect(string Url, bool Disqualify) : MAction;

/// <summary>A condition: a test of a question (values are option client ids, numbers or texts), of a hidden field, or a combination.</summary>
public abstract record MCond;

public sealed record MQuestionTest(string Question, string Op, IReadOnlyList<object> Values) : MCond;

public sealed record MHiddenTest(string Name, string Op, IReadOnlyList<string> Values) : MCond;

public sealed record MAll(IReadOnlyList<MCond> Parts) : MCond;

public sealed record MAny(IReadOnlyList<MCond> Parts) : MCond;

public sealed record MNot(MCond Part) : MCond;

/// <summary>An answer as a respondent gives it: picked options (client ids), a number, or a text.</summary>
public sealed record MAnswer(IReadOnlyList<string>? Picks, int? Number, string? Text);

public sealed record MSurvey(IReadOnlyList<string> HiddenFields, IReadOnlyList<MPage> Pages)
{
    public IEnumerable<MQuestion> Questions => Pages.SelectMany(p => p.Questions);

    public MQuestion Question(string identifier) => Questions.Single(q => q.Identifier == identifier);

    public int PageOf(string identifier) => Pages.Select((p, i) => (p, i)).Single(x => x.p.Questions.Any(q => q.Identifier == identifier)).i;

    public int PageIndex(string pageIdentifier) => Pages.Select((p, i) => (p, i)).Single(x => x.p.Identifier == pageIdentifier).i;

    /// <summary>The management API's create body for this survey.</summary>
    public JsonObject ToBody(string name) => new()
    {
        ["name"] = name,
        ["hidden_fields"] = new JsonArray(HiddenFields.Select(h => (JsonNode)h).ToArray()),
        ["pages"] = new JsonArray(Pages.Select(PageJson).ToArray()),
    };

    private static JsonNode PageJson(MPage page)
    {
        var json = new JsonObject();
        if (page.Identifier is not null)
            json["identifier"] = page.Identifier;
        json["questions"] = new JsonArray(page.Questions.Select(QuestionJson).ToArray());
        if (page.Branches.Count > 0)
            json["branches"] = new JsonArray(page.Branches
                .Select(b => (JsonNode)new JsonObject { ["if"] = CondJson(b.If), ["then"] = ActionJson(b.Then) }).ToArray());
        return json;
    }

    private static JsonNode QuestionJson(MQuestion q)
    {
        var json = new JsonObject
        {
            ["identifier"] = q.Identifier,
            ["type"] = q.Type,
            ["question"] = q.Text,
            ["required"] = q.Required,
        };
        if (q.IsChoice)
            json["options"] = new JsonArray(q.Options.Select(o => (JsonNode)new JsonObject
            {
                ["client_id"] = o.ClientId, ["label"] = o.Label, ["disqualify"] = o.Disqualify,
            }).ToArray());
        if (q.Type == "rating")
            json["scale"] = new JsonObject { ["min"] = q.Min, ["max"] = q.Max };
        if (q.DisplayIf is not null)
            json["display_if"] = CondJson(q.DisplayIf);
        return json;
    }

    public static JsonNode CondJson(MCond condition) => condition switch
    {
        MAll all => new JsonObject { ["all"] = new JsonArray(all.Parts.Select(CondJson).ToArray()) },
        MAny any => new JsonObject { ["any"] = new JsonArray(any.Parts.Select(CondJson).ToArray()) },
        MNot not => new JsonObject { ["not"] = CondJson(not.Part) },
        MHiddenTest h => Test("hidden", h.Name, h.Op, h.Values.Cast<object>().ToArray()),
        MQuestionTest t => Test("question", t.Question, t.Op, t.Values),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    private static JsonObject Test(string subjectField, string subject, string op, IReadOnlyList<object> values)
    {
        var json = new JsonObject { [subjectField] = subject, ["op"] = op };
        if (op is "answered" or "not_answered")
            return json;
        if (op is "includes_any" or "includes_all" or "includes_none" or "in" or "between")
            json["values"] = new JsonArray(values.Select(Value).ToArray());
        else
            json["value"] = Value(values[0]);
        return json;
    }

    private static JsonNode Value(object value) => value switch
    {
        int number => JsonValue.Create(number),
        string text => JsonValue.Create(text),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static JsonObject ActionJson(MAction action) => action switch
    {
        MGoTo goTo => new JsonObject { ["go_to"] = goTo.Page },
        MEnd => new JsonObject { ["end"] = true },
        MDisqualify => new JsonObject { ["disqualify"] = true },
        MRedirect { Disqualify: true } r => new JsonObject { ["redirect"] = r.Url, ["disqualify"] = true },
        MRedirect r => new JsonObject { ["redirect"] = r.Url },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
