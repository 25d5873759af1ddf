using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Polls family (seed 001). One line each: the core's route table entry of the function's own name (<c>nameof</c>) does the work.</summary>
public sealed class PollFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(PollsList))]
    public Task<IResult> PollsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsList), req);

    [Function(nameof(PollsCreate))]
    public Task<IResult> PollsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/polls")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsCreate), req);

    [Function(nameof(PollsGet))]
    public Task<IResult> PollsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsGet), req);

    [Function(nameof(PollsUpdate))]
    public Task<IResult> PollsUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsUpdate), req);

    [Function(nameof(PollsDelete))]
    public Task<IResult> PollsDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/polls/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsDelete), req);

    [Function(nameof(PollsToken))]
    public Task<IResult> PollsToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls/{id}/token")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsToken), req);

    [Function(nameof(PollsVoteStatus))]
    public Task<IResult> PollsVoteStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls/{id}/vote")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsVoteStatus), req);

    [Function(nameof(PollsVote))]
    public Task<IResult> PollsVote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/polls/{id}/vote")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsVote), req);

    [Function(nameof(PollsResults))]
    public Task<IResult> PollsResults([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls/{id}/results")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsResults), req);

    [Function(nameof(PollsVotes))]
    public Task<IResult> PollsVotes([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/polls/{id}/votes")] HttpRequest req) => endpoints.InvokeAsync(nameof(PollsVotes), req);
}
