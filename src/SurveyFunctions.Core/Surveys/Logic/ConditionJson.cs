using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// Reads and writes a <see cref="Condition"/> as JSON: the management API's wire form and the stored form are the same, so
/// a survey read back is a valid body to send again. Reading checks the shape and the bounds (depth, parts, values); whether
/// the identifiers, operators and values fit the survey is <see cref="SurveyLogicCheck"/>'s job.
/// </summary>
public static class ConditionJson
{
    /// <summary>Nesting of <c>all</c>/<c>any</c>/<c>not</c>: enough for any rule a person writes, small enough to evaluate in no time.</summary>
    public const int MaxDepth = 8;

    /// <summary>Tests and combinators in one condition.</summary>
    public const int MaxParts = 64;

    public const int MaxValues = 100;

    /// <summary>The fields of each form a condition takes, in the order the API documents them: a question test, a hidden-field
    /// test, and the three combinators.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Forms { get; } =
        [["question", "op", "value", "values"], ["hidden", "op", "value", "values"], ["all"], ["any"], ["not"]];
    public const int MaxTextValue = 500;

    /// <summary>The condition at <paramref name="path"/>, or a <c>validation_error</c> naming the offending part's path.</summary>
    public static Outcome<Condition> Read(JsonElement json, string path)
    {
        var parts = 0;
        return ReadPart(json, path, 1, ref parts);
    }

    private static Outcome<Condition> ReadPart(JsonElement json, string path, int depth, ref int parts)
    {
        if (++parts > MaxParts)
            return Invalid(path, $"A condition can have at most {MaxParts} tests and combinators in all.");
        if (json.ValueKind != JsonValueKind.Object)
            return Invalid(path, $"'{path}' must be a condition object: {{\"question\", \"op\", …}}, {{\"hidden\", \"op\", …}}, " +
                "{\"all\": […]}, {\"any\": […]} or {\"not\": …}.");
        if (json.TryGetProperty("all", out var all) || json.TryGetProperty("any", out all))
        {
            var requiresAll = json.TryGetProperty("all", out _);
            var name = requiresAll ? "all" : "any";
            if (Extra(json, path, [name]) is { } extra)
                return extra;
            if (depth >= MaxDepth)
                return Invalid(path, $"Conditions can be nested at most {MaxDepth} levels deep.");
            if (all.ValueKind != JsonValueKind.Array || all.GetArrayLength() == 0)
                return Invalid($"{path}.{name}", $"'{path}.{name}' must be a non-empty list of conditions.");
            var list = new List<Condition>();
            var i = 0;
            foreach (var item in all.EnumerateArray())
            {
                var part = ReadPart(item, $"{path}.{name}[{i++}]", depth + 1, ref parts);
                if (!part.IsSuccess)
                    return part.Error;
                list.Add(part.Value);
            }
            return new Combined(requiresAll, list);
        }
        if (json.TryGetProperty("not", out var not))
        {
            if (Extra(json, path, ["not"]) is { } extra)
                return extra;
            if (depth >= MaxDepth)
                return Invalid(path, $"Conditions can be nested at most {MaxDepth} levels deep.");
            var part = ReadPart(not, $"{path}.not", depth + 1, ref parts);
            return part.IsSuccess ? new Negated(part.Value) : part.Error;
        }
        return ReadTest(json, path);
    }

    private static Outcome<Condition> ReadTest(JsonElement json, string path)
    {
        var isHidden = json.TryGetProperty("hidden", out var subject);
        if (!isHidden && !json.TryGetProperty("question", out subject))
            return Invalid(path, $"'{path}' must name a 'question' (its identifier) or a 'hidden' field, or combine conditions with " +
                "'all', 'any' or 'not'.");
        var subjectName = isHidden ? "hidden" : "question";
        if (Extra(json, path, Forms[isHidden ? 1 : 0]) is { } extra)
            return extra;
        if (subject.ValueKind != JsonValueKind.String || subject.GetString()!.Length is 0 or > 64)
            return Invalid($"{path}.{subjectName}", $"'{path}.{subjectName}' must be a name of 1 to 64 characters.");
        if (!json.TryGetProperty("op", out var opJson) || opJson.ValueKind != JsonValueKind.String ||
            !ConditionOps.TryParse(opJson.GetString(), out var op))
            return Invalid($"{path}.op", $"'{path}.op' must be one of: includes_any, includes_all, includes_none, eq, ne, lt, le, gt, ge, " +
                "between, contains, in, answered, not_answered.");

        var values = ReadValues(json, path, op);
        if (!values.IsSuccess)
            return values.Error;
        var name = subject.GetString()!;
        if (!isHidden)
            return new AnswerTest(name, op, values.Value);
        if (values.Value.Any(v => v.Text is null))
            return Invalid($"{path}.{(op.TakesList() ? "values" : "value")}", $"A hidden field holds text: compare it with strings.");
        return new HiddenTest(name, op, values.Value.Select(v => v.Text!).ToArray());
    }

    private static Outcome<IReadOnlyList<ConditionValue>> ReadValues(JsonElement json, string path, ConditionOp op)
    {
        var (min, max) = op.Arity();
        var hasOne = json.TryGetProperty("value", out var one);
        var hasList = json.TryGetProperty("values", out var list);
        if (max == 0)
            return hasOne || hasList ? Invalid(path, $"'{op.ToWire()}' takes no value.") : Array.Empty<ConditionValue>();
        if (!op.TakesList())
        {
            if (hasList || !hasOne)
                return Invalid($"{path}.value", $"'{op.ToWire()}' takes one 'value'.");
            var value = ReadValue(one, $"{path}.value");
            return value.IsSuccess ? new[] { value.Value } : value.Error;
        }
        if (hasOne || !hasList || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() < min || list.GetArrayLength() > max)
            return Invalid($"{path}.values", min == max
                ? $"'{op.ToWire()}' takes a 'values' list of exactly {min}."
                : $"'{op.ToWire()}' takes a 'values' list of {min} to {max} values.");
        var values = new List<ConditionValue>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var value = ReadValue(item, $"{path}.values[{i++}]");
            if (!value.IsSuccess)
                return value.Error;
            values.Add(value.Value);
        }
        return values;
    }

    private static Outcome<ConditionValue> ReadValue(JsonElement json, string path) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetDecimal(out var number) => ConditionValue.Of(number),
        JsonValueKind.String when json.GetString()!.Length <= MaxTextValue => ConditionValue.Of(json.GetString()!),
        _ => Invalid(path, $"'{path}' must be a number or a string of at most {MaxTextValue} characters."),
    };

    private static ApiError? Extra(JsonElement json, string path, IReadOnlyList<string> allowed)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                var shown = field.Length > 100 ? field[..100] + "…" : field;
                return ApiError.BadRequest($"Unknown field '{shown}' in a condition; expected one of: {string.Join(", ", allowed)}.", field);
            }
        }
        return null;
    }

    private static ApiError Invalid(string path, string message) => ApiError.BadRequest(message, path);

    /// <summary>Writes <paramref name="condition"/> in the form <see cref="Read"/> accepts.</summary>
    public static void Write(Utf8JsonWriter writer, Condition condition)
    {
        writer.WriteStartObject();
        switch (condition)
        {
            case Combined combined:
                writer.WriteStartArray(combined.RequiresAll ? "all" : "any");
                foreach (var part in combined.Parts)
                    Write(writer, part);
                writer.WriteEndArray();
                break;
            case Negated negated:
                writer.WritePropertyName("not");
                Write(writer, negated.Part);
                break;
            case AnswerTest test:
                writer.WriteString("question", test.Question);
                WriteTest(writer, test.Op, test.Values);
                break;
            case HiddenTest test:
                writer.WriteString("hidden", test.Name);
                WriteTest(writer, test.Op, test.Values.Select(ConditionValue.Of).ToArray());
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter writer, ConditionOp op, IReadOnlyList<ConditionValue> values)
    {
        writer.WriteString("op", op.ToWire());
        if (op.Arity().Max == 0)
            return;
        if (!op.TakesList())
        {
            writer.WritePropertyName("value");
            WriteValue(writer, values[0]);
            return;
        }
        writer.WriteStartArray("values");
        foreach (var value in values)
            WriteValue(writer, value);
        writer.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, ConditionValue value)
    {
        if (value.Number is { } number)
            writer.WriteRawValue(number.ToString(CultureInfo.InvariantCulture));
        else
            writer.WriteStringValue(value.Text);
    }
}
