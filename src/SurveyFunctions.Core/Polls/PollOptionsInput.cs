using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// A poll's <c>options</c> array, on create and on update: two to <see cref="MaxOptions"/> objects of <c>label</c> and an
/// optional <c>id</c>. Each rejection names the option (<c>options[2].label</c>).
/// </summary>
public static class PollOptionsInput
{
    public const int MaxOptions = 50;
    public const int MaxOptionLabel = 300;
    public const int MaxOptionId = 64;

    internal static readonly string[] OptionFields = ["id", "label"];

    /// <summary>Options keep their slot when their id is kept; new ones take fresh slots; ids are generated when absent.</summary>
    public static Outcome<PollOption[]> Parse(JsonElement json, IReadOnlyList<PollOption> existing, int nextSlot, out int newNextSlot)
    {
        newNextSlot = nextSlot;
        var count = json.GetArrayLength();
        if (count < 2)
            return ApiError.BadRequest("A poll needs at least two options.", "options");
        if (count > MaxOptions)
            return ApiError.BadRequest($"A poll can have at most {MaxOptions} options.", "options");

        var parsed = new List<(string? Id, string Label)>(count);
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            var field = $"options[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
                return ApiError.BadRequest($"'{field}' must be an object with 'label' and optional 'id'.", field);
            var f = new JsonFields(item);
            f.RejectUnknown(OptionFields);
            var id = f.Text("id", maxLength: MaxOptionId, minLength: 1);
            var label = f.Text("label", required: true, maxLength: MaxOptionLabel);
            if (f.Error is not null)
                return f.Error with { Field = $"{field}.{f.Error.Field}", Message = $"{field}: {f.Error.Message}" };
            if (id is not null && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return ApiError.BadRequest($"{field}: 'id' may contain only letters, digits, '_' and '-'.", $"{field}.id");
            parsed.Add((id, label!));
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _) in parsed)
        {
            if (id is not null && !taken.Add(id))
                return ApiError.BadRequest($"Option id '{id}' appears more than once.", "options");
        }

        var result = new PollOption[parsed.Count];
        var generated = 1;
        for (var i = 0; i < parsed.Count; i++)
        {
            var id = parsed[i].Id;
            if (id is null)
            {
                while (!taken.Add("opt_" + generated))
                    generated++;
                id = "opt_" + generated;
            }
            var slot = existing.FirstOrDefault(o => o.Id == id)?.Slot ?? newNextSlot++;
            result[i] = new PollOption(id, parsed[i].Label, slot);
        }
        return result;
    }
}
