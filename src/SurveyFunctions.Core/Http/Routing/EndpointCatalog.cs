using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// The endpoints a host serves, indexed for what the hosts' own routing does not answer: the endpoint of a name, of a
/// template and method (the Functions app has one function per template), the methods a path allows (405 or 404), the
/// template of a path, and the family that owns a path (from the route groups' prefixes, longest first), so unknown
/// routes and 405s still answer in that family's envelope. Paths are matched with ASP.NET Core's own template matcher,
/// against the templates that share the path's first segment only.
/// </summary>
public sealed class EndpointCatalog
{
    private readonly Dictionary<string, EndpointDefinition> _byName;
    private readonly Dictionary<string, EndpointDefinition[]> _byTemplate;
    private readonly Dictionary<string, (string Template, TemplateMatcher Matcher)[]> _byFirstSegment;
    private readonly (string Prefix, ApiFamily Family)[] _prefixes;

    public EndpointCatalog(IReadOnlyList<EndpointDefinition> endpoints)
    {
        All = endpoints;
        _byName = endpoints.ToDictionary(e => e.Name, StringComparer.Ordinal);
        if (endpoints.FirstOrDefault(e => FirstSegment(e.Route).Contains('{', StringComparison.Ordinal)) is { } unkeyed)
            throw new InvalidOperationException($"Route '{unkeyed.Route}' of {unkeyed.Name} must start with a literal segment.");
        _byTemplate = endpoints.GroupBy(e => e.Route, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byFirstSegment = _byTemplate.Keys
            .Select(t => (Template: t, Matcher: new TemplateMatcher(TemplateParser.Parse(t), new RouteValueDictionary())))
            .GroupBy(m => FirstSegment(m.Template), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _prefixes = [.. endpoints.Where(e => e.Prefix.Length > 0).Select(e => (e.Prefix,
            e.Family)).Distinct().OrderByDescending(p => p.Prefix.Length)];
        foreach (var clash in _prefixes.GroupBy(p => p.Prefix, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new InvalidOperationException(
                $"Route prefix '{clash.Key}' belongs to more than one family: {string.Join(", ", clash.Select(p => p.Family))}.");
    }

    public IReadOnlyList<EndpointDefinition> All { get; }

    /// <summary>The distinct route templates, one Functions function each.</summary>
    public IEnumerable<string> Templates => _byTemplate.Keys;

    public EndpointDefinition ByName(string name) =>
        _byName.TryGetValue(name, out var endpoint) ? endpoint : throw new InvalidOperationException($"No endpoint named '{name}'.");

    /// <summary>The endpoint serving <paramref name="method"/> on <paramref name="template"/>; null when the template
    /// serves other methods only.</summary>
    public EndpointDefinition? Find(string template, string method)
    {
        if (!_byTemplate.TryGetValue(template, out var endpoints))
            throw new InvalidOperationException($"No endpoint has the route template '{template}'.");
        return Array.Find(endpoints, e => e.Methods.Contains(method, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Which methods the table serves on a concrete path, so a wrong method is a 405, not a 404.</summary>
    public IReadOnlyList<string> AllowedMethods(string path) =>
        [.. Matching(path).SelectMany(t => _byTemplate[t]).SelectMany(e => e.Methods).Distinct(StringComparer.Ordinal)];

    /// <summary>The template of the route serving <paramref name="path"/> (any method), with a leading '/'; null when none does.</summary>
    public string? TemplateFor(string path) => Matching(path).FirstOrDefault() is { } template ? "/" + template : null;

    /// <summary>The family whose route group's prefix is the longest one <paramref name="path"/> lies under; else our own (Platform).</summary>
    public ApiFamily FamilyOf(string? path)
    {
        var relative = (path ?? "").TrimStart('/');
        foreach (var (prefix, family) in _prefixes)
        {
            if (IsUnder(relative, prefix))
                return family;
        }
        return ApiFamily.Platform;
    }

    /// <summary>
    /// Fills the template's route parameters from the path where the host has not (the Functions worker binds route data
    /// to its own context; handlers read <see cref="HttpRequest.RouteValues"/> in both hosts).
    /// </summary>
    public void BindMissing(string template, HttpRequest request)
    {
        var candidates = _byFirstSegment.GetValueOrDefault(FirstSegment(template), []);
        var matcher = Array.Find(candidates, c => c.Template == template).Matcher;
        var values = new RouteValueDictionary();
        if (matcher is null || !matcher.TryMatch(request.Path, values))
            return;
        foreach (var (name, value) in values)
            request.RouteValues.TryAdd(name, value);
    }

    /// <summary>Whether a template or path (no leading '/') is the prefix itself or below it, segment by segment.</summary>
    public static bool IsUnder(string route, string prefix) =>
        prefix.Length == 0 || route.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || (route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && route.Length > prefix.Length && route[prefix.Length] == '/');

    private IEnumerable<string> Matching(string path)
    {
        var candidates = _byFirstSegment.GetValueOrDefault(FirstSegment(path.TrimStart('/')), []);
        return candidates.Where(c => c.Matcher.TryMatch(path, new RouteValueDictionary())).Select(c => c.Template);
    }

    /// <summary>A template's first segment is always a literal here (every route starts with one), so it keys the lookup.</summary>
    private static string FirstSegment(string route)
    {
        var slash = route.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? route : route[..slash];
    }
}
