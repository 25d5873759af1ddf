using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.SurveyManagement;
using SurveyFunctions.Core.Take;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// The one list of HTTP endpoints. The standalone host maps it directly; the Functions app has one adapter per entry
/// (same name, route and methods), which a test checks by reading the adapter sources.
/// </summary>
public static class RouteTable
{
    public static IReadOnlyList<EndpointDefinition> All { get; } =
    [
        Get("Health", ApiFamily.Platform, "api/health", Use<HealthEndpoint>((e, c) => e.GetAsync(c))),
        Get("OpenApi", ApiFamily.Platform, "openapi.json", Use<OpenApiEndpoint>((e, c) => e.GetAsync(c))),

        Post("AdminCreateTenant", ApiFamily.Platform, "api/admin/tenants", Use<AdminEndpoints>((e, c) => e.CreateTenantAsync(c))),
        Get("AdminGetTenant", ApiFamily.Platform, "api/admin/tenants/{tenantId}", Use<AdminEndpoints>((e, c) => e.GetTenantAsync(c))),
        Post("AdminIssueKey", ApiFamily.Platform, "api/admin/tenants/{tenantId}/keys", Use<AdminEndpoints>((e, c) => e.IssueKeyAsync(c))),
        Delete("AdminRevokeKey", ApiFamily.Platform, "api/admin/tenants/{tenantId}/keys/{keyId}", Use<AdminEndpoints>((e, c) => e.RevokeKeyAsync(c))),

        Get("PollsList", ApiFamily.Polls, "api/polls", Use<PollEndpoints>((e, c) => e.ListAsync(c))),
        Post("PollsCreate", ApiFamily.Polls, "api/polls", Use<PollEndpoints>((e, c) => e.CreateAsync(c))),
        Get("PollsGet", ApiFamily.Polls, "api/polls/{id}", Use<PollEndpoints>((e, c) => e.GetAsync(c))),
        Patch("PollsUpdate", ApiFamily.Polls, "api/polls/{id}", Use<PollEndpoints>((e, c) => e.PatchAsync(c))),
        Delete("PollsDelete", ApiFamily.Polls, "api/polls/{id}", Use<PollEndpoints>((e, c) => e.DeleteAsync(c))),
        Get("PollsToken", ApiFamily.Polls, "api/polls/{id}/token", Use<VoteEndpoints>((e, c) => e.TokenAsync(c))),
        Get("PollsVoteStatus", ApiFamily.Polls, "api/polls/{id}/vote", Use<VoteEndpoints>((e, c) => e.HasVotedAsync(c))),
        Post("PollsVote", ApiFamily.Polls, "api/polls/{id}/vote", Use<VoteEndpoints>((e, c) => e.VoteAsync(c))),
        Get("PollsResults", ApiFamily.Polls, "api/polls/{id}/results", Use<VoteEndpoints>((e, c) => e.ResultsAsync(c))),
        Get("PollsVotes", ApiFamily.Polls, "api/polls/{id}/votes", Use<VoteListEndpoint>((e, c) => e.ListAsync(c))),

        Get("SurveysList", ApiFamily.Surveys, "api/surveys", Use<SurveyEndpoints>((e, c) => e.ListAsync(c))),
        Post("SurveysCreate", ApiFamily.Surveys, "api/surveys", Use<SurveyEndpoints>((e, c) => e.CreateAsync(c))),
        Get("SurveysGet", ApiFamily.Surveys, "api/surveys/{uuid}", Use<SurveyEndpoints>((e, c) => e.GetAsync(c))),
        Patch("SurveysUpdate", ApiFamily.Surveys, "api/surveys/{uuid}", Use<SurveyEndpoints>((e, c) => e.PatchAsync(c))),
        Delete("SurveysDelete", ApiFamily.Surveys, "api/surveys/{uuid}", Use<SurveyEndpoints>((e, c) => e.DeleteAsync(c))),
        Post("SurveysStart", ApiFamily.Surveys, "api/surveys/{uuid}/start", Use<SurveyEndpoints>((e, c) => e.StartAsync(c))),
        Post("SurveysPause", ApiFamily.Surveys, "api/surveys/{uuid}/pause", Use<SurveyEndpoints>((e, c) => e.PauseAsync(c))),
        Post("SurveysClose", ApiFamily.Surveys, "api/surveys/{uuid}/close", Use<SurveyEndpoints>((e, c) => e.CloseAsync(c))),

        .. TakeRoutes.All,
    ];

    private static EndpointDefinition Get(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["GET"], handler);
    private static EndpointDefinition Post(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["POST"], handler);
    private static EndpointDefinition Patch(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["PATCH"], handler);
    private static EndpointDefinition Delete(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["DELETE"], handler);

    internal static Func<HttpContext, Task<IResult>> Use<T>(Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        context => handler(context.RequestServices.GetRequiredService<T>(), context);
}

/// <summary>Which methods the route table serves on a concrete path, so a wrong method is a 405, not a 404.</summary>
public static class RouteMatching
{
    public static IReadOnlyList<string> AllowedMethods(string path)
    {
        var segments = path.Trim('/').Split('/');
        return RouteTable.All.Where(e => Matches(e.Route, segments)).SelectMany(e => e.Methods).Distinct().ToArray();
    }

    /// <summary>
    /// Fills the template's parameters from the path where the host has not (the Functions worker binds route data
    /// to its own context; handlers read <see cref="HttpRequest.RouteValues"/> in both hosts).
    /// </summary>
    public static void BindMissing(string template, HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var parts = template.Split('/');
        if (!Matches(template, segments))
            return;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{') && !request.RouteValues.ContainsKey(parts[i][1..^1]))
                request.RouteValues[parts[i][1..^1]] = Uri.UnescapeDataString(segments[i]);
        }
    }

    private static bool Matches(string template, string[] segments)
    {
        var parts = template.Split('/');
        if (parts.Length != segments.Length)
            return false;
        for (var i = 0; i < parts.Length; i++)
        {
            var isParameter = parts[i].StartsWith('{');
            if (isParameter ? segments[i].Length == 0 : !string.Equals(parts[i], segments[i], StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }
}
