using System.Text.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>Reads and writes a <see cref="PageBranch"/>: <c>{"if": condition, "then": action}</c>, the same on the wire and in storage.</summary>
public static class PageBranchJson
{
    public static IReadOnlyList<string> BranchFields { get; } = ["if", "then"];

    public static Outcome<PageBranch> Read(JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be an object with 'if' and 'then'.", path);
        foreach (var property in json.EnumerateObject())
        {
            if (!BranchFields.Contains(property.Name))
                return ApiError.BadRequest($"Unknown field '{Join(path, property.Name)}'; expected one of: if, then.", Join(path, property.Name));
        }
        if (!json.TryGetProperty("if", out var ifJson) || !json.TryGetProperty("then", out var thenJson))
            return ApiError.BadRequest($"'{path}' needs both 'if' (a condition) and 'then' (where it leads).", path);
        var condition = ConditionJson.Read(ifJson, Join(path, "if"));
        if (!condition.IsSuccess)
            return condition.Error;
        var action = ReadAction(thenJson, Join(path, "then"));
        return action.IsSuccess ? new PageBranch(condition.Value, action.Value) : action.Error;
    }

    private static Outcome<BranchAction> ReadAction(JsonElement json, string path)
    {
        const string Expected = "one of {\"go_to\": \"<page identifier>\"}, {\"end\": true}, {\"disqualify\": true} or " +
            "{\"redirect\": \"https://…\"} (optionally with \"disqualify\": true)";
        if (json.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be {Expected}.", path);
        var names = json.EnumerateObject().Select(p => p.Name).ToArray();
        var disqualify = json.TryGetProperty("disqualify", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (json.TryGetProperty("disqualify", out flag) && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return ApiError.BadRequest($"'{path}.disqualify' must be true or false.", Join(path, "disqualify"));
        switch (names)
        {
            case ["go_to"] when json.GetProperty("go_to") is { ValueKind: JsonValueKind.String } page && page.GetString()!.Length is > 0 and <= 64:
                return new GoToPage(page.GetString()!);
            case ["go_to"]:
                return ApiError.BadRequest($"'{path}.go_to' must be a page identifier.", Join(path, "go_to"));
            case ["end"] when json.GetProperty("end").ValueKind == JsonValueKind.True:
                return new EndSession(false);
            case ["disqualify"] when disqualify:
                return new EndSession(true);
            case ["redirect"] or ["redirect", "disqualify"] or ["disqualify", "redirect"]:
                var url = json.GetProperty("redirect");
                if (url.ValueKind != JsonValueKind.String || !RedirectUrls.IsAbsoluteWebUrl(url.GetString()!))
                    return ApiError.BadRequest(
                        $"'{path}.redirect' must be an absolute http or https URL of at most {RedirectUrls.MaxLength} characters.",
                        Join(path, "redirect"));
                return new RedirectTo(url.GetString()!, disqualify);
            default:
                return ApiError.BadRequest($"'{path}' must be {Expected}.", path);
        }
    }

    public static void Write(Utf8JsonWriter writer, PageBranch branch)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("if");
        ConditionJson.Write(writer, branch.If);
        writer.WriteStartObject("then");
        switch (branch.Then)
        {
            case GoToPage goTo:
                writer.WriteString("go_to", goTo.Page);
                break;
            case EndSession { Disqualify: true }:
                writer.WriteBoolean("disqualify", true);
                break;
            case EndSession:
                writer.WriteBoolean("end", true);
                break;
            case RedirectTo redirect:
                writer.WriteString("redirect", redirect.Url);
                if (redirect.Disqualify)
                    writer.WriteBoolean("disqualify", true);
                break;
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
