namespace SurveyFunctions.Core.Surveys;

/// <summary><c>stop_criteria</c>: run until closed, until a date (<c>stop_value</c> a date-time) or until N completed responses.</summary>
public enum StopCriteria
{
    Forever,
    Date,
    Responses,
}

/// <summary><c>start_trigger</c>: take responses as soon as started, or only from <c>start_at</c>.</summary>
public enum StartTrigger
{
    Now,
    Date,
}

/// <summary><c>redirect_type</c>: whether completion sends the respondent to <c>redirect_url</c>.</summary>
public enum RedirectType
{
    None,
    Url,
}

/// <summary><c>user_hash_method</c>: how a returning respondent is recognised, by device (cookie) or by IP address.</summary>
public enum UserHashMethod
{
    Cookie,
    Ip,
}

/// <summary>Wire names of the settings enums, as the Polling.com Account Level API shows them (<c>"forever"</c>, <c>"now"</c>,
/// <c>"none"</c>, <c>"cookie"</c>).</summary>
public static class SurveySettingNames
{
    public static IReadOnlyList<string> StopCriteria { get; } = ["forever", "date", "responses"];
    public static IReadOnlyList<string> StartTriggers { get; } = ["now", "date"];
    public static IReadOnlyList<string> RedirectTypes { get; } = ["none", "url"];
    public static IReadOnlyList<string> UserHashMethods { get; } = ["cookie", "ip"];

    public static string ToWire(this StopCriteria value) => StopCriteria[(int)value];
    public static string ToWire(this StartTrigger value) => StartTriggers[(int)value];
    public static string ToWire(this RedirectType value) => RedirectTypes[(int)value];
    public static string ToWire(this UserHashMethod value) => UserHashMethods[(int)value];

    /// <summary>Parses a wire name into <typeparamref name="T"/> by its position in <paramref name="names"/>.</summary>
    public static bool TryParse<T>(IReadOnlyList<string> names, string? value, out T parsed) where T : struct, Enum
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == value)
            {
                parsed = (T)Enum.ToObject(typeof(T), i);
                return true;
            }
        }
        parsed = default;
        return false;
    }
}
