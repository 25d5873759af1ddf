using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Polls;

/// <summary>The public voting endpoints the embed SDK uses: embed token, vote status, vote, results.</summary>
public sealed class VoteEndpoints(
    PollStore polls,
    PollAccess access,
    PollTally tally,
    VoteCommitter committer,
    TokenSigner signer,
    IOptions<SurveyFunctionsOptions> options,
    TimeProvider time)
{
    public const string EmbedPurpose = "embed";
    private const int MaxFingerprint = 256;
    private const int MaxClientMetadataBytes = 2048;

    public async Task<IResult> TokenAsync(HttpContext context)
    {
        var poll = await LoadAsync(context).ConfigureAwait(false);
        if (!poll.IsSuccess)
            return poll.Error.ToResult();
        if (!poll.Value.Published)
            return PollErrors.NotPublished().ToResult();
        var lifetime = options.Value.EmbedTokenSeconds;
        var token = signer.Issue(EmbedPurpose, poll.Value.Id, TimeSpan.FromSeconds(lifetime));
        return Results.Json(new EmbedToken(token, lifetime), ApiJson.Options);
    }

    /// <summary>The vote body's fields: the Polls API's documented vote request, no more.</summary>
    internal static readonly string[] VoteFields = ["option_ids", "_token", "fingerprint", "clientMetadata"];

    /// <summary>
    /// Whose <c>Idempotency-Key</c>s a vote's are: its embed token's (the credential of this public route, in the body), hashed.
    /// Null for a body without one, which the vote refuses anyway.
    /// </summary>
    public static async Task<string?> EmbedTokenScopeAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return body.IsSuccess && body.Value.TryGetProperty("_token", out var t) && t.ValueKind == JsonValueKind.String
            && t.GetString() is { Length: > 0 } token ? IdempotencyKeys.CredentialScope(token) : null;
    }

    public async Task<IResult> HasVotedAsync(HttpContext context)
    {
        var poll = await LoadAsync(context).ConfigureAwait(false);
        if (!poll.IsSuccess)
            return poll.Error.ToResult();
        if (!poll.Value.Published)
            return PollErrors.NotPublished().ToResult();
        var fingerprint = QueryFingerprint(context);
        if (!fingerprint.IsSuccess)
            return fingerprint.Error.ToResult();
        var voted = await HasVotedAsync(poll.Value, fingerprint.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new VoteStatus(voted), ApiJson.Options);
    }

    public async Task<IResult> VoteAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var loaded = await LoadAsync(context).ConfigureAwait(false);
        if (!loaded.IsSuccess)
            return loaded.Error.ToResult();
        var poll = loaded.Value;

        var fields = new JsonFields(body.Value);
        var token = body.Value.TryGetProperty("_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var rejection = signer.Verify(token, EmbedPurpose, poll.Id, out _);
        if (rejection != TokenRejection.None)
            return PollErrors.InvalidToken(DescribeRejection(rejection)).ToResult();
        if (PollRules.CheckVotable(poll, time.GetUtcNow()) is { } closed)
            return closed.ToResult();

        // A misspelt field (say "optionIds") is named rather than reported as a missing option_ids; clientMetadata stays
        // free-form (the embed SDK puts what it likes there).
        fields.RejectUnknown(VoteFields);
        var optionIds = fields.List("option_ids", required: true);
        var fingerprint = fields.Text("fingerprint", required: true, maxLength: MaxFingerprint);
        var metadata = fields.Map("clientMetadata");
        if (fields.Error is not null)
            return fields.Error.ToResult();
        var choice = ParseChoice(poll, optionIds!.Value);
        if (!choice.IsSuccess)
            return choice.Error.ToResult();
        string? metadataJson = null;
        if (metadata is { } m)
        {
            metadataJson = m.GetRawText();
            if (metadataJson.Length > MaxClientMetadataBytes)
                return ApiError.BadRequest($"'clientMetadata' must be at most {MaxClientMetadataBytes} bytes of JSON.", "clientMetadata").ToResult();
        }

        var voterHash = VoteKeys.VoterHash(poll.Salt, fingerprint!);
        var vote = new PendingVote
        {
            Target = poll.CounterTarget,
            VoterHash = voterHash,
            PartitionIndex = VoteKeys.PartitionIndex(poll.ShardBase, poll.Shards, voterHash),
            OptionIds = choice.Value.Select(o => o.Id).Order(StringComparer.Ordinal).ToArray(),
            Slots = choice.Value.Select(o => (long)o.Slot).ToArray(),
            Fingerprint = poll.Anonymous ? null : fingerprint,
            ClientMetadataJson = metadataJson,
            VotedAt = time.GetUtcNow(),
        };
        var admission = await committer.SubmitAsync(vote).ConfigureAwait(false);
        switch (admission.Kind)
        {
            case AdmissionKind.AlreadyVoted:
                return PollErrors.AlreadyVoted().ToResult();
            case AdmissionKind.CapReached:
                return PollErrors.Closed(poll, "Poll reached its maximum number of votes.").ToResult();
        }

        if (!poll.ShowResultsAfterVote)
            return Results.Json(new VoteAccepted(true, null), ApiJson.Options);
        var counts = await tally.ReadIncludingAsync(poll, admission, vote.PartitionIndex, vote.Slots, CancellationToken.None).ConfigureAwait(false);
        return Results.Json(new VoteAccepted(true, PollViews.Results(poll, counts)), ApiJson.Options);
    }

    public async Task<IResult> ResultsAsync(HttpContext context)
    {
        var visible = await access.GetVisibleAsync(context, cached: true).ConfigureAwait(false);
        if (!visible.IsSuccess)
            return visible.Error.ToResult();
        var (poll, isOwner) = visible.Value;
        if (isOwner)
        {
            var exact = await tally.ReadAsync(poll, context.RequestAborted).ConfigureAwait(false);
            var view = PollViews.Results(poll, exact);
            return Results.Json(new PollViews.OwnerResultsView(view.TotalVotes, view.Results, exact.Pending), ApiJson.Options);
        }

        var voted = false;
        if (context.Request.Query.ContainsKey("fingerprint"))
        {
            var fingerprint = QueryFingerprint(context);
            if (!fingerprint.IsSuccess)
                return fingerprint.Error.ToResult();
            voted = await HasVotedAsync(poll, fingerprint.Value, context.RequestAborted).ConfigureAwait(false);
        }
        if (voted && !poll.ShowResultsAfterVote)
            return PollErrors.ResultsHidden("Results of this poll are not shown to voters.").ToResult();
        if (!voted && !poll.ShowResultsBeforeVote)
            return PollErrors.ResultsHidden("Results of this poll are shown only after voting: pass the fingerprint you voted with.").ToResult();
        var snapshot = await tally.GetSnapshotAsync(poll, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(PollViews.Results(poll, snapshot.Counts), ApiJson.Options);
    }

    private async Task<Outcome<Poll>> LoadAsync(HttpContext context)
    {
        var id = PollAccess.PollId(context);
        var poll = id is null ? null : await polls.GetCachedAsync(id, context.RequestAborted).ConfigureAwait(false);
        return poll is null ? PollErrors.NotFound() : poll;
    }

    private async Task<bool> HasVotedAsync(Poll poll, string fingerprint, CancellationToken ct)
    {
        var hash = VoteKeys.VoterHash(poll.Salt, fingerprint);
        var row = await polls.GetVoterAsync(poll, hash, ct).ConfigureAwait(false);
        return row is not null;
    }

    private static Outcome<string> QueryFingerprint(HttpContext context)
    {
        var values = context.Request.Query["fingerprint"];
        var value = values.Count == 1 ? values[0] : null;
        // The same rule as the vote body's fingerprint, so a fingerprint that could never vote is refused here too.
        return string.IsNullOrEmpty(value) || value.Length > MaxFingerprint || JsonFields.HasControlCharacters(value)
            ? ApiError.BadRequest($"'fingerprint' query parameter is required (1-{MaxFingerprint} characters, no control characters).", "fingerprint")
            : value;
    }

    /// <summary>Validates <c>option_ids</c> against the poll: known, distinct, exactly one unless <c>allow_multiple</c>.</summary>
    private static Outcome<IReadOnlyList<PollOption>> ParseChoice(Poll poll, JsonElement optionIds)
    {
        var chosen = new List<PollOption>();
        foreach (var item in optionIds.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return ApiError.BadRequest("'option_ids' must be an array of option id strings.", "option_ids");
            var id = item.GetString()!;
            var option = poll.FindOption(id);
            if (option is null)
                return ApiError.BadRequest($"Unknown option '{(id.Length > 64 ? id[..64] + "…" : id)}' for this poll.", "option_ids");
            if (chosen.Contains(option))
                return ApiError.BadRequest($"Option '{id}' is listed more than once.", "option_ids");
            chosen.Add(option);
        }
        if (chosen.Count == 0)
            return ApiError.BadRequest("'option_ids' must name at least one option.", "option_ids");
        if (!poll.AllowMultiple && chosen.Count > 1)
            return ApiError.BadRequest("This poll takes exactly one option.", "option_ids");
        return chosen;
    }

    private static string DescribeRejection(TokenRejection rejection) => rejection switch
    {
        TokenRejection.Malformed => "the token is missing or malformed.",
        TokenRejection.Expired => "the token has expired; request a new one.",
        TokenRejection.WrongSubject or TokenRejection.WrongPurpose => "the token was issued for another poll.",
        _ => "the token signature is not valid.",
    };


    internal sealed record EmbedToken(string Token, [property: JsonPropertyName("expiresIn")] int ExpiresIn);

    internal sealed record VoteStatus([property: JsonPropertyName("hasVoted")] bool HasVoted);

    internal sealed record VoteAccepted(
        bool Success,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PollViews.ResultsView? Results);
}
