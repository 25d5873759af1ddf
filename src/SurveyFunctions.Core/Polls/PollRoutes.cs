using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// The Polls family (seed 001) under <c>/api/polls</c>. Management is the owner's; reading a published poll, its embed
/// token, voting and public results are open to anyone (an owner's key, if sent, is checked and shows more).
/// </summary>
public static class PollRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Polls, "api/polls")
        .Get("PollsList", "", EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.ListAsync(c)))
        .Post("PollsCreate", "", EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.CreateAsync(c)))
        .Get("PollsGet", "{id}", EndpointAuth.OptionalTenant, RateLimit.Reads, Use<PollEndpoints>((e, c) => e.GetAsync(c)))
        .Patch("PollsUpdate", "{id}", EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.PatchAsync(c)))
        .Delete("PollsDelete", "{id}", EndpointAuth.Tenant, RateLimit.None, Use<PollEndpoints>((e, c) => e.DeleteAsync(c)))
        .Get("PollsToken", "{id}/token", EndpointAuth.Anonymous, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.TokenAsync(c)))
        .Get("PollsVoteStatus", "{id}/vote", EndpointAuth.Anonymous, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.HasVotedAsync(c)))
        .Post("PollsVote", "{id}/vote", EndpointAuth.Anonymous, RateLimit.Votes, Use<VoteEndpoints>((e, c) => e.VoteAsync(c)))
        .Get("PollsResults", "{id}/results", EndpointAuth.OptionalTenant, RateLimit.Reads, Use<VoteEndpoints>((e, c) => e.ResultsAsync(c)))
        .Get("PollsVotes", "{id}/votes", EndpointAuth.Tenant, RateLimit.None, Use<VoteListEndpoint>((e, c) => e.ListAsync(c)))
        .Endpoints;
}
