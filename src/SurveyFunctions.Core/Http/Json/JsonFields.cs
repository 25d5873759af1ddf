using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Json;

/// <summary>
/// Typed, validating access to a JSON object's fields. The first problem found becomes <see cref="Error"/>, naming the
/// field, so handlers read every field and then check once. Unknown fields are ignored unless the handler calls
/// <see cref="RejectUnknown"/> (bodies that change a resource do: a misspelt field must not "succeed" doing nothing).
/// </summary>
public sealed class JsonFields(JsonElement root)
{
    public ApiError? Error { get; private set; }

    public bool Has(string name) => root.TryGetProperty(name, out _);

    /// <summary>True when present and not JSON null: PATCH semantics ("absent" leaves a value alone, null clears it).</summary>
    public bool HasValue(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? Text(string name, bool required = false, int maxLength = 1000, int minLength = 0)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return Fail(name, $"'{name}' must be a string.");
        var s = value.GetString()!;
        if (s.Length < minLength || (required && s.Trim().Length == 0))
            return Fail(name, minLength > 1 ? $"'{name}' must be at least {minLength} characters." : $"'{name}' must not be empty.");
        if (s.Length > maxLength)
            return Fail(name, $"'{name}' must be at most {maxLength} characters.");
        if (HasControlCharacters(s))
            return Fail(name, $"'{name}' must not contain control characters (such as U+0000); tabs and line breaks are fine.");
        return s;
    }

    /// <summary>
    /// NUL and other control characters (C0, DEL, C1) other than tab and line breaks: never part of a title, label, name or
    /// fingerprint, and stored as sent they would reach every embedding page and export. Every other character, emoji and
    /// right-to-left text and combining marks included, is kept exactly as sent.
    /// </summary>
    public static bool HasControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    public bool? Flag(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => FailStruct<bool>(name, $"'{name}' must be true or false."),
        };
    }

    public long? Number(string name, long min, long max, bool required = false)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
            return FailStruct<long>(name, $"'{name}' must be a whole number.");
        if (n < min || n > max)
            return FailStruct<long>(name, $"'{name}' must be between {min} and {max}.");
        return n;
    }

    /// <summary>
    /// Table Storage keeps date-times from 1601-01-01 on (Edm.DateTime); an earlier one is refused by the service, which
    /// would be a 500 on Azure (Azurite stores it), so it is refused here as input.
    /// </summary>
    private static readonly DateTimeOffset EarliestDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An ISO 8601 date-time with an offset or 'Z' (e.g. 2025-02-01T00:00:00Z), normalised to UTC.</summary>
    public DateTimeOffset? Date(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) &&
            value.GetString()!.Contains('T', StringComparison.Ordinal))
        {
            return date >= EarliestDate ? date.ToUniversalTime() : FailStruct<DateTimeOffset>(name, $"'{name}' must be 1601-01-01 or later.");
        }
        return FailStruct<DateTimeOffset>(name, $"'{name}' must be an ISO 8601 date-time such as 2025-02-01T00:00:00Z.");
    }

    public JsonElement? List(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
            return null;
        return value.ValueKind == JsonValueKind.Array ? value : FailStruct<JsonElement>(name, $"'{name}' must be an array.");
    }

    public JsonElement? Map(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
            return null;
        return value.ValueKind == JsonValueKind.Object ? value : FailStruct<JsonElement>(name, $"'{name}' must be an object.");
    }

    /// <summary>Longest field name echoed back in an error: a 60 KB key must not come back as a 60 KB message.</summary>
    private const int MaxEchoedName = 100;

    /// <summary>
    /// Rejects the first field the body may not carry. <paramref name="notAccepted"/> gives the message for fields the
    /// resource has but this body cannot set (server-set ones, say), so a client echoing a response back learns what to
    /// drop; any other field not in <paramref name="accepted"/> is unknown, and the message lists what is accepted.
    /// Call it before reading fields, so a typo (<c>"titel"</c>) is reported as such rather than as a missing field.
    /// </summary>
    public void RejectUnknown(IReadOnlyList<string> accepted, IReadOnlyDictionary<string, string>? notAccepted = null)
    {
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (accepted.Contains(name, StringComparer.Ordinal))
                continue;
            var shown = name.Length > MaxEchoedName ? name[..MaxEchoedName] + "…" : name;
            Fail(shown, notAccepted is not null && notAccepted.TryGetValue(name, out var message)
                ? message
                : $"Unknown field '{shown}'. Accepted fields: {string.Join(", ", accepted)}.");
            return;
        }
    }

    /// <summary>Records a handler's own validation failure (first one wins).</summary>
    public void Reject(string field, string message) => Fail(field, message);

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        if (required)
            Fail(name, $"'{name}' is required.");
        return false;
    }

    private string? Fail(string field, string message)
    {
        Error ??= ApiError.BadRequest(message, field);
        return null;
    }

    private T? FailStruct<T>(string field, string message) where T : struct
    {
        Fail(field, message);
        return null;
    }
}
