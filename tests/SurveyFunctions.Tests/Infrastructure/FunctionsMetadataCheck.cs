using Entry = SurveyFunctions.Tests.Infrastructure.FunctionsMetadata.Entry;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Compares the Functions app's functions.metadata with the core's route and job tables: for every route template exactly
/// one HTTP function on it with no method constraint, for every job one function of its name, trigger, queue or schedule;
/// the catch-all exactly as the fallback needs it; nothing else. Each difference is one line naming the function or template.
/// </summary>
public static class FunctionsMetadataCheck
{
    /// <summary>
    /// The catch-all HTTP function (src/SurveyFunctions.Functions/RouteFallbackFunction.cs): every method, any path.
    /// The host maps routes in function-name order and takes the first match, so its name must sort last.
    /// </summary>
    public const string CatchAllName = "ZzRouteFallback";
    public const string CatchAllRoute = "{*path}";

    public static IReadOnlyList<string> Compare(IReadOnlyList<Entry> functions)
    {
        var problems = new List<string>();
        // The host matches function names case-insensitively, so "Health" and "health" would collide there too.
        var byName = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(),
            StringComparer.OrdinalIgnoreCase);
        foreach (var (name, group) in byName.Where(g => g.Value.Count > 1))
            problems.Add($"{name}: {group.Count} functions share this name");

        // One function per route template, with no method constraint (the route table's methods decide in the dispatcher).
        var byRoute = functions.Where(f => f.Trigger == "httpTrigger" && f.Name != CatchAllName)
            .GroupBy(f => f.Route ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var template in RouteTable.Catalog.Templates)
        {
            var methods = string.Join(",", RouteTable.All.Where(e => e.Route == template).SelectMany(e => e.Methods));
            if (!byRoute.TryGetValue(template, out var found))
                problems.Add($"{template}: no function for this route template ({methods})");
            else if (found.Count > 1)
                problems.Add($"{template}: {found.Count} functions share this route template: {string.Join(", ", found.Select(f => f.Name))}");
            else
                problems.AddRange(CompareHttp(found[0], template, methods: null));
        }
        foreach (var job in JobTable.All)
        {
            var (trigger, source) = job.Trigger == JobTrigger.Queue ? ("queueTrigger", "queue") : ("timerTrigger", "schedule");
            if (!byName.TryGetValue(job.Name, out var found))
                problems.Add($"{job.Name}: no function ({trigger} {source} '{job.Source}')");
            else if (found[0].Trigger != trigger || (job.Trigger == JobTrigger.Queue ? found[0].QueueName : found[0].Schedule) != job.Source)
                problems.Add($"{job.Name}: function is {found[0].Trigger} '{found[0].QueueName ?? found[0].Schedule}', expected {trigger} {source} '{job.Source}'");
        }
        problems.AddRange(CompareCatchAll(functions, byName));

        var templates = RouteTable.Catalog.Templates.ToHashSet(StringComparer.Ordinal);
        var jobs = JobTable.All.Select(j => j.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions.Where(f => f.Name != CatchAllName && !jobs.Contains(f.Name)
            && !(f.Trigger == "httpTrigger" && templates.Contains(f.Route ?? ""))))
            problems.Add($"{function.Name}: function has no entry in the route or job table");
        // Each adapter method is named as its route template's constant, and so is its function: one name, written once.
        foreach (var function in functions.Where(f => !f.EntryPoint.EndsWith("." + f.Name, StringComparison.Ordinal)))
            problems.Add($"{function.Name}: entry point '{function.EntryPoint}' is not a method of the same name");
        return problems;
    }

    private static IEnumerable<string> CompareHttp(Entry function, string route, IReadOnlyList<string>? methods)
    {
        if (function.Trigger != "httpTrigger")
        {
            yield return $"{function.Name}: function has {function.Trigger ?? "no trigger"}, expected httpTrigger";
            yield break;
        }
        if (function.Route != route)
            yield return $"{function.Name}: function route '{function.Route}' differs from '{route}'";
        if (!SameMethods(function.Methods, methods))
            yield return $"{function.Name}: function methods [{Show(function.Methods)}] differ from [{Show(methods)}]";
        // Our endpoints authenticate callers themselves; a function key would lock out every documented client.
        if (!string.Equals(function.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
            yield return $"{function.Name}: function auth level '{function.AuthLevel}', expected Anonymous";
    }

    private static IEnumerable<string> CompareCatchAll(IReadOnlyList<Entry> functions, Dictionary<string, List<Entry>> byName)
    {
        if (!byName.TryGetValue(CatchAllName, out var found))
        {
            yield return $"{CatchAllName}: no catch-all function (httpTrigger, every method, route '{CatchAllRoute}')";
            yield break;
        }
        foreach (var problem in CompareHttp(found[0], CatchAllRoute, methods: null))
            yield return problem;
        var later = functions.Where(f => f.Trigger == "httpTrigger" && StringComparer.OrdinalIgnoreCase.Compare(f.Name,
            CatchAllName) > 0).Select(f => f.Name).ToArray();
        if (later.Length > 0)
            yield return $"{CatchAllName}: HTTP functions [{string.Join(", ", later)}] sort after the catch-all, so the host would try the catch-all first";
    }

    private static bool SameMethods(IReadOnlyList<string>? actual, IReadOnlyList<string>? expected) =>
        actual is null || expected is null
            ? actual is null && expected is null
            : actual.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal).SequenceEqual(expected.Select(m
                => m.ToUpperInvariant()).Order(StringComparer.Ordinal));

    private static string Show(IReadOnlyList<string>? methods) => methods is null ? "every method" : string.Join(",", methods);
}
