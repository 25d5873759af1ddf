using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace SurveyFunctions.Core.Http;

/// <summary>Route templates matched with ASP.NET Core's own template matcher, for what the hosts' routing does not do for us.</summary>
public static class RouteMatching
{
    private static readonly (EndpointDefinition Endpoint, TemplateMatcher Matcher)[] Matchers =
        [.. RouteTable.All.Select(e => (e, new TemplateMatcher(TemplateParser.Parse(e.Route), new RouteValueDictionary())))];

    /// <summary>Which methods the route table serves on a concrete path, so a wrong method is a 405, not a 404.</summary>
    public static IReadOnlyList<string> AllowedMethods(string path) =>
        [.. Matchers.Where(m => m.Matcher.TryMatch(path, new RouteValueDictionary())).SelectMany(m => m.Endpoint.Methods).Distinct(StringComparer.Ordinal)];

    /// <summary>The template of the route serving <paramref name="path"/> (any method), with a leading '/'; null when none does.</summary>
    public static string? TemplateFor(string path) =>
        Matchers.FirstOrDefault(m => m.Matcher.TryMatch(path, new RouteValueDictionary())).Endpoint is { } endpoint ? "/" + endpoint.Route : null;

    /// <summary>
    /// Fills the endpoint's route parameters from the path where the host has not (the Functions worker binds route data
    /// to its own context; handlers read <see cref="HttpRequest.RouteValues"/> in both hosts).
    /// </summary>
    public static void BindMissing(EndpointDefinition endpoint, HttpRequest request)
    {
        var matcher = Matchers.First(m => ReferenceEquals(m.Endpoint, endpoint)).Matcher;
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(request.Path, values))
            return;
        foreach (var (name, value) in values)
            request.RouteValues.TryAdd(name, value);
    }
}
