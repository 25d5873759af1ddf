using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Reads and checks a survey's <c>settings</c> object. Rules that tie fields together: <c>stop_value</c> is a date-time for
/// <c>stop_criteria: date</c>, a positive whole number for <c>responses</c> and absent for <c>forever</c>; <c>start_at</c> is
/// required with <c>start_trigger: date</c> and absent with <c>now</c>; <c>redirect_type: url</c> needs a <c>redirect_url</c>.
/// No rule depends on the clock, so a survey whose dates have passed can still be edited.
/// </summary>
internal static class SurveySettingsInput
{
    public const int MaxUrl = 2000;
    public const int MaxCompleteHtml = 20_000;
    public const int MaxCompleteJson = 20_000;
    public const int MaxRewardName = 200;
    public const long MaxStopResponses = 100_000_000;
    public const decimal MaxRewardAmount = 1_000_000_000m;
    private const string Prefix = "settings";

    public static readonly IReadOnlyList<string> Fields =
    [
        "stop_criteria", "stop_value", "reward_amount", "reward_name", "complete_json", "complete_html", "start_trigger", "start_at",
        "is_anonymous", "redirect_url", "redirect_type", "user_hash_method", "redirect_url_disqualified", "allow_multiple_responses",
    ];

    public static Outcome<SurveySettings> Parse(JsonElement? json)
    {
        if (json is not { } settings)
            return SurveySettings.Default;
        if (InputPath.Unknown(settings, Prefix, Fields) is { } unknown)
            return unknown;
        var parsed = ParseFields(settings);
        return parsed.IsSuccess ? parsed : InputPath.Nested(parsed.Error, Prefix);
    }

    private static Outcome<SurveySettings> ParseFields(JsonElement settings)
    {
        var f = new JsonFields(settings);
        var stopCriteria = Choice<StopCriteria>(f, "stop_criteria", SurveySettingNames.StopCriteria) ?? StopCriteria.Forever;
        var startTrigger = Choice<StartTrigger>(f, "start_trigger", SurveySettingNames.StartTriggers) ?? StartTrigger.Now;
        var redirectType = Choice<RedirectType>(f, "redirect_type", SurveySettingNames.RedirectTypes) ?? RedirectType.None;
        var userHash = Choice<UserHashMethod>(f, "user_hash_method", SurveySettingNames.UserHashMethods) ?? UserHashMethod.Cookie;
        var isAnonymous = f.Flag("is_anonymous") ?? false;
        var allowMultiple = f.Flag("allow_multiple_responses") ?? false;
        var redirectUrl = Url(f, "redirect_url");
        var redirectUrlDisqualified = Url(f, "redirect_url_disqualified");
        var completeHtml = f.Text("complete_html", maxLength: MaxCompleteHtml);
        var rewardName = f.Text("reward_name", maxLength: MaxRewardName);
        if (f.Error is not null)
            return f.Error;

        DateTimeOffset? stopDate = null;
        long? stopResponses = null;
        switch (stopCriteria)
        {
            case StopCriteria.Forever when f.HasValue("stop_value"):
                return InputPath.Invalid("stop_value", "'stop_value' must be null when 'stop_criteria' is forever.");
            case StopCriteria.Date:
                if (!f.HasValue("stop_value"))
                    return InputPath.Invalid("stop_value",
                        "'stop_value' is required when 'stop_criteria' is date: the date-time the survey stops, such as 2030-01-01T00:00:00Z.");
                stopDate = f.Date("stop_value");
                break;
            case StopCriteria.Responses:
                if (!f.HasValue("stop_value"))
                    return InputPath.Invalid("stop_value",
                        "'stop_value' is required when 'stop_criteria' is responses: the number of completed responses that fills the survey.");
                stopResponses = f.Number("stop_value", 1, MaxStopResponses);
                break;
        }

        DateTimeOffset? startAt = null;
        if (startTrigger == StartTrigger.Date)
        {
            if (!f.HasValue("start_at"))
                return InputPath.Invalid("start_at",
                    "'start_at' is required when 'start_trigger' is date: the date-time the survey starts taking responses.");
            startAt = f.Date("start_at");
        }
        else if (f.HasValue("start_at"))
        {
            return InputPath.Invalid("start_at", "'start_at' must be null when 'start_trigger' is now; use start_trigger date to start later.");
        }
        if (f.Error is not null)
            return f.Error;
        if (stopDate is { } stop && startAt is { } start && stop <= start)
            return InputPath.Invalid("stop_value", "'stop_value' must be after 'start_at'.");
        if (redirectType == RedirectType.Url && redirectUrl is null)
            return InputPath.Invalid("redirect_url", "'redirect_url' is required when 'redirect_type' is url.");

        var completeJson = CompleteJson(settings);
        if (!completeJson.IsSuccess)
            return completeJson.Error;
        var rewardAmount = RewardAmount(settings);
        if (!rewardAmount.IsSuccess)
            return rewardAmount.Error;

        return new SurveySettings
        {
            StopCriteria = stopCriteria,
            StopDate = stopDate,
            StopResponses = stopResponses,
            StartTrigger = startTrigger,
            StartAt = startAt,
            IsAnonymous = isAnonymous,
            RedirectUrl = redirectUrl,
            RedirectType = redirectType,
            RedirectUrlDisqualified = redirectUrlDisqualified,
            UserHashMethod = userHash,
            CompleteHtml = completeHtml,
            CompleteJson = completeJson.Value,
            RewardAmount = rewardAmount.Value,
            RewardName = rewardName,
            AllowMultipleResponses = allowMultiple,
        };
    }

    private static T? Choice<T>(JsonFields f, string name, IReadOnlyList<string> names) where T : struct, Enum
    {
        var text = f.Text(name, maxLength: 40);
        if (text is null)
            return null;
        if (SurveySettingNames.TryParse<T>(names, text, out var value))
            return value;
        f.Reject(name, $"'{name}' must be one of {string.Join(", ", names)}.");
        return null;
    }

    /// <summary>An absolute http or https URL: where a respondent's browser is sent, so nothing else (javascript:, data:) is allowed.</summary>
    private static string? Url(JsonFields f, string name)
    {
        var text = f.Text(name, maxLength: MaxUrl, minLength: 1);
        if (text is null)
            return null;
        if (RedirectUrls.IsAbsoluteWebUrl(text))
            return text;
        f.Reject(name, $"'{name}' must be an absolute http or https URL, such as https://example.com/thanks.");
        return null;
    }

    /// <summary>Any JSON value (object, array, string, number, boolean), kept as given; JSON null means none.</summary>
    private static Outcome<JsonElement?> CompleteJson(JsonElement settings)
    {
        if (InputPath.IsMissing(settings, "complete_json"))
            return (JsonElement?)null;
        var value = settings.GetProperty("complete_json");
        if (value.GetRawText().Length > MaxCompleteJson)
            return InputPath.Invalid("complete_json", $"'complete_json' must be at most {MaxCompleteJson} characters of JSON.");
        return (JsonElement?)value.Clone();
    }

    private static Outcome<decimal?> RewardAmount(JsonElement settings)
    {
        if (InputPath.IsMissing(settings, "reward_amount"))
            return (decimal?)null;
        var value = settings.GetProperty("reward_amount");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
            return InputPath.Invalid("reward_amount", "'reward_amount' must be a number.");
        if (amount < 0 || amount > MaxRewardAmount)
            return InputPath.Invalid("reward_amount", $"'reward_amount' must be between 0 and {MaxRewardAmount}.");
        return (decimal?)amount;
    }
}
