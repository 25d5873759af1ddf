namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>What counting a finished session came to.</summary>
public enum CompletionResult
{
    /// <summary>Counted now.</summary>
    Counted,

    /// <summary>Counted before (a retried or replayed submission): nothing changed, and the session is finished.</summary>
    AlreadyCounted,

    /// <summary>The survey's response cap was already reached: not counted, the session must not be marked finished.</summary>
    QuotaFull,
}

/// <param name="CapReached">True when this count filled the survey's response cap: the caller closes the survey.</param>
public readonly record struct CompletionAdmission(CompletionResult Result, bool CapReached = false)
{
    public bool IsCounted => Result is CompletionResult.Counted or CompletionResult.AlreadyCounted;
}
