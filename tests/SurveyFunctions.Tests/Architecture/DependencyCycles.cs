namespace SurveyFunctions.Tests.Architecture;

/// <summary>Dependency cycles among areas: each is one path that comes back to where it started.</summary>
internal static class DependencyCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (reported.Contains(start) || PathBack(start, start, next, []) is not { } cycle)
                continue;
            cycles.Add(cycle);
            reported.UnionWith(cycle);
        }
        return cycles;
    }

    /// <summary>A path from <paramref name="at"/> to <paramref name="start"/> (depth first), as the areas visited from start.</summary>
    private static List<string>? PathBack(string start, string at, Dictionary<string, string[]> next, List<string> path)
    {
        path.Add(at);
        foreach (var to in next.GetValueOrDefault(at, []))
        {
            if (to == start)
                return [.. path];
            if (!path.Contains(to) && PathBack(start, to, next, path) is { } found)
                return found;
        }
        path.RemoveAt(path.Count - 1);
        return null;
    }
}
