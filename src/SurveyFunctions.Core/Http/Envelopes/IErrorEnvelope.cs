using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>One API family's documented error format. Every error a family returns goes through exactly one of these.</summary>
public interface IErrorEnvelope
{
    IResult Render(ApiError apiError, HttpContext context);
}

public static class ErrorEnvelopes
{
    private static readonly IErrorEnvelope Polls = new PollsErrorEnvelope();
    private static readonly IErrorEnvelope Account = new AccountErrorEnvelope();
    private static readonly IErrorEnvelope Panelists = new PanelistsErrorEnvelope();
    private static readonly IErrorEnvelope Take = new TakeErrorEnvelope();
    private static readonly IErrorEnvelope Responses = new ResponsesErrorEnvelope();

    public static IErrorEnvelope For(ApiFamily family) => family switch
    {
        ApiFamily.Account => Account,
        ApiFamily.Panelists => Panelists,
        ApiFamily.Take => Take,
        ApiFamily.Responses => Responses,
        _ => Polls,
    };

    public static IResult Render(this ApiFamily family, ApiError error, HttpContext context) => For(family).Render(error, context);
}
