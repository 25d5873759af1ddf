using System.Globalization;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>
/// Where a walk over a survey's finished respondents stands (<see cref="SessionCompletions.ListFinishedRespondentsPageAsync"/>):
/// the completion shard (<see cref="CompletionKeys"/>), then the storage continuation inside it. Callers outside the process
/// only ever see it inside a signed cursor (<see cref="Http.Paging.SignedCursor"/>), since the continuation is unchecked key text.
/// </summary>
public sealed record FinishedRespondentsPosition(int Shard, string? Continuation)
{
    public static FinishedRespondentsPosition Start { get; } = new(0, null);

    /// <summary>"{shard}:{continuation}", the text a signed cursor carries.</summary>
    public string Format() => Shard.ToString(CultureInfo.InvariantCulture) + ":" + Continuation;

    /// <summary>The position <see cref="Format"/> wrote, or null for any other text.</summary>
    public static FinishedRespondentsPosition? Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture,
            out var shard) || shard >= CompletionKeys.Shards)
            return null;
        return new FinishedRespondentsPosition(shard, colon + 1 < text.Length ? text[(colon + 1)..] : null);
    }
}
