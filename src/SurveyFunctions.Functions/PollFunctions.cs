using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Polls;

namespace SurveyFunctions.Functions;

/// <summary>
/// The Polls API (polls, embed tokens, votes, results): one function per route template of <see cref="PollRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class PollFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(PollRoutes.Polls))]
    public Task<IResult> Polls([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.Polls)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.Polls, req);

    [Function(nameof(PollRoutes.Poll))]
    public Task<IResult> Poll([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.Poll)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.Poll, req);

    [Function(nameof(PollRoutes.PollToken))]
    public Task<IResult> PollToken([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.PollToken)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.PollToken, req);

    [Function(nameof(PollRoutes.PollVote))]
    public Task<IResult> PollVote([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.PollVote)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.PollVote, req);

    [Function(nameof(PollRoutes.PollResults))]
    public Task<IResult> PollResults([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.PollResults)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.PollResults, req);

    [Function(nameof(PollRoutes.PollVotes))]
    public Task<IResult> PollVotes([HttpTrigger(AuthorizationLevel.Anonymous, Route = PollRoutes.PollVotes)] HttpRequest req) =>
        endpoints.InvokeAsync(PollRoutes.PollVotes, req);
}
