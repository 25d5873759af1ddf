namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>A finished session waiting for its completion partition to count it; the request awaits <see cref="Completion"/>.</summary>
internal sealed class PendingCompletion
{
    public required SessionLocator Session { get; init; }

    /// <summary>External id of an identified respondent (written to the finishing respondents), else null.</summary>
    public string? ExternalId { get; init; }

    public long? RespondentId { get; init; }

    /// <summary>The survey's response cap (qualified completions) when it has one.</summary>
    public long? Cap { get; init; }

    /// <summary>Disqualified sessions are counted apart and never refused by the cap: the cap is about responses collected.</summary>
    public required bool Disqualified { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public TaskCompletionSource<CompletionAdmission> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Settle(CompletionResult result, bool capReached = false) => Completion.TrySetResult(new CompletionAdmission(result, capReached));
}
