using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// The Polls family (the public Polls API: polls, embed tokens, votes) under <c>/api/polls</c>. Management is the owner's;
/// reading a published poll, its embed token, voting and public results are open to anyone (an owner's key, if sent, is checked and shows more).
/// </summary>
public static class PollRoutes
{
    public const string Polls = "api/polls";
    public const string Poll = Polls + "/{id}";
    public const string PollToken = Poll + "/token";
    public const string PollVote = Poll + "/vote";
    public const string PollResults = Poll + "/results";
    public const string PollVotes = Poll + "/votes";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Polls, Polls)
        .Get("PollsList", Polls, EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.ListAsync(c)))
        .Post("PollsCreate", Polls, EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.CreateAsync(c)))
        .Idempotent()
        .Get("PollsGet", Poll, EndpointAuth.OptionalTenant, RateLimit.Reads, Use<PollEndpoints>((e, c) => e.GetAsync(c)))
        .Patch("PollsUpdate", Poll, EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.PatchAsync(c)))
        .Delete("PollsDelete", Poll, EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.DeleteAsync(c)))
        .Get("PollsToken", PollToken, EndpointAuth.Anonymous, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.TokenAsync(c)))
        .Get("PollsVoteStatus", PollVote, EndpointAuth.Anonymous, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.HasVotedAsync(c)))
        .Post("PollsVote", PollVote, EndpointAuth.Anonymous, RateLimit.Votes, Use<VoteEndpoints>((e, c) => e.VoteAsync(c)))
        .Idempotent(new IdempotencyPolicy(VoteEndpoints.EmbedTokenScopeAsync))
        .Get("PollsResults", PollResults, EndpointAuth.OptionalTenant, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.ResultsAsync(c)))
        .Get("PollsVotes", PollVotes, EndpointAuth.Tenant, RateLimit.None, Use<VoteListEndpoint>((e, c) => e.ListAsync(c)))
        .Endpoints;
}
