using System.Text.Json;
using SurveyFunctions.Core.SurveyManagement;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// A survey's <c>settings</c>: every field the Polling.com Account Level API shows plus <c>allow_multiple_responses</c>. Its one
/// <c>stop_value</c> is typed here by <see cref="StopCriteria"/>: <see cref="StopDate"/> for <c>date</c>,
/// <see cref="StopResponses"/> for <c>responses</c>, neither for <c>forever</c> (<see cref="SurveyInput"/> enforces it).
/// </summary>
public sealed record SurveySettings
{
    public StopCriteria StopCriteria { get; init; } = StopCriteria.Forever;

    /// <summary>With <c>stop_criteria: date</c>: from this instant on the survey takes no submissions.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>With <c>stop_criteria: responses</c>: the survey is full once this many sessions completed.</summary>
    public long? StopResponses { get; init; }

    public StartTrigger StartTrigger { get; init; } = StartTrigger.Now;

    /// <summary>With <c>start_trigger: date</c>: before this instant an active survey still takes nothing.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Anonymous surveys store no respondent identity.</summary>
    public bool IsAnonymous { get; init; }

    public string? RedirectUrl { get; init; }
    public RedirectType RedirectType { get; init; } = RedirectType.None;
    public string? RedirectUrlDisqualified { get; init; }
    public UserHashMethod UserHashMethod { get; init; } = UserHashMethod.Cookie;

    /// <summary>HTML shown on completion, stored as given (the Take family escapes what it renders itself).</summary>
    public string? CompleteHtml { get; init; }

    /// <summary>Any JSON the owner attaches to completion (object, array or scalar); null when not set.</summary>
    public JsonElement? CompleteJson { get; init; }

    public decimal? RewardAmount { get; init; }
    public string? RewardName { get; init; }

    /// <summary>Whether one respondent may complete the survey more than once (else the Take family answers <c>already_completed</c>).</summary>
    public bool AllowMultipleResponses { get; init; }

    public static SurveySettings Default { get; } = new();

    /// <summary>True when "is it full?" depends on the number of completed sessions, so callers know to read it.</summary>
    public bool CountsResponses => StopCriteria == StopCriteria.Responses;

    public bool Equals(SurveySettings? other) =>
        other is not null &&
        StopCriteria == other.StopCriteria && StopDate == other.StopDate && StopResponses == other.StopResponses &&
        StartTrigger == other.StartTrigger && StartAt == other.StartAt && IsAnonymous == other.IsAnonymous &&
        RedirectUrl == other.RedirectUrl && RedirectType == other.RedirectType && RedirectUrlDisqualified == other.RedirectUrlDisqualified &&
        UserHashMethod == other.UserHashMethod && CompleteHtml == other.CompleteHtml &&
        CompleteJson?.GetRawText() == other.CompleteJson?.GetRawText() &&
        RewardAmount == other.RewardAmount && RewardName == other.RewardName && AllowMultipleResponses == other.AllowMultipleResponses;

    public override int GetHashCode() => HashCode.Combine(StopCriteria, StopDate, StopResponses, StartTrigger, StartAt, IsAnonymous, RedirectType,
        AllowMultipleResponses);
}
