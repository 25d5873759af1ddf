using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>Scripts other sites embed. One line each: the core's route table entry of the function's own name (<c>nameof</c>) does the work.</summary>
public sealed class EmbedFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(EmbedPollScript))]
    public Task<IResult> EmbedPollScript([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "embed/poll.js")] HttpRequest req) => endpoints.InvokeAsync(nameof(EmbedPollScript), req);
}
