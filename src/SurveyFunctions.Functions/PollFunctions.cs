using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Polls family (seed 001). One line each: the core's route table entry of the same name does the work.</summary>
public sealed class PollFunctions(EndpointDispatcher endpoints)
{
    [Function("PollsList")]
    public Task<IResult> PollsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls")] HttpRequest req) => endpoints.InvokeAsync("PollsList", req);

    [Function("PollsCreate")]
    public Task<IResult> PollsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/polls")] HttpRequest req) => endpoints.InvokeAsync("PollsCreate", req);

    [Function("PollsGet")]
    public Task<IResult> PollsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync("PollsGet", req);

    [Function("PollsUpdate")]
    public Task<IResult> PollsUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync("PollsUpdate", req);

    [Function("PollsDelete")]
    public Task<IResult> PollsDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync("PollsDelete", req);

    [Function("PollsToken")]
    public Task<IResult> PollsToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls/{id}/token")] HttpRequest req) => endpoints.InvokeAsync("PollsToken", req);

    [Function("PollsVoteStatus")]
    public Task<IResult> PollsVoteStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls/{id}/vote")] HttpRequest req) => endpoints.InvokeAsync("PollsVoteStatus", req);

    [Function("PollsVote")]
    public Task<IResult> PollsVote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/polls/{id}/vote")] HttpRequest req) => endpoints.InvokeAsync("PollsVote", req);

    [Function("PollsResults")]
    public Task<IResult> PollsResults([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls/{id}/results")] HttpRequest req) => endpoints.InvokeAsync("PollsResults", req);

    [Function("PollsVotes")]
    public Task<IResult> PollsVotes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/polls/{id}/votes")] HttpRequest req) => endpoints.InvokeAsync("PollsVotes", req);
}
