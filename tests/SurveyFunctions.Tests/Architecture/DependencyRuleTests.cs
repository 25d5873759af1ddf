using SurveyFunctions.Core.Composition;

namespace SurveyFunctions.Tests.Architecture;

/// <summary>
/// The core's folders follow their dependencies, lowest first: foundation (errors as values, settings, signing, storage),
/// the HTTP toolkit, the domain, what families share (the taking flow respondents see, the survey's wire shape), the
/// API families, and the composition root that
/// wires them. An area may use only lower layers (and, below the families, its own layer without a cycle); a family never
/// uses another family; nothing uses the composition root. A new folder must be placed in a layer here before it builds.
/// </summary>
public sealed class DependencyRuleTests
{
    private enum Layer { Foundation, Http, Domain, Shared, Family, Composition }

    private static readonly Dictionary<string, Layer> Areas = new(StringComparer.Ordinal)
    {
        ["(root)"] = Layer.Foundation,
        ["Outcomes"] = Layer.Foundation,
        ["Configuration"] = Layer.Foundation,
        ["Security"] = Layer.Foundation,
        ["Storage"] = Layer.Foundation,
        ["Http"] = Layer.Http,
        ["Tenants"] = Layer.Domain,
        ["Surveys"] = Layer.Domain,
        ["Sessions"] = Layer.Domain,
        ["Counting"] = Layer.Domain,
        ["SurveyResults"] = Layer.Domain,
        ["SurveyPurge"] = Layer.Domain,
        ["EventLog"] = Layer.Domain,
        ["Taking"] = Layer.Shared,
        ["Views"] = Layer.Shared,
        ["SessionExports"] = Layer.Shared,
        ["Platform"] = Layer.Family,
        ["Admin"] = Layer.Family,
        ["Polls"] = Layer.Family,
        ["Embed"] = Layer.Family,
        ["SurveyManagement"] = Layer.Family,
        ["Take"] = Layer.Family,
        ["Account"] = Layer.Family,
        ["Panelists"] = Layer.Family,
        ["Responses"] = Layer.Family,
        ["Exports"] = Layer.Family,
        ["Events"] = Layer.Family,
        ["Composition"] = Layer.Composition,
    };

    private static readonly IReadOnlyDictionary<(string From, string To), string> Edges =
        CoreDependencies.Read(typeof(RouteTable).Assembly.Location);

    [Fact]
    public void Every_area_of_the_core_is_placed_in_a_layer()
    {
        var unplaced = Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(a => !Areas.ContainsKey(a)).ToArray();
        Assert.True(unplaced.Length == 0, $"Place these folders in a layer of {nameof(DependencyRuleTests)}: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Areas_use_only_lower_layers_and_families_never_use_each_other()
    {
        var broken = Edges.Where(e => Areas.TryGetValue(e.Key.From, out var from) && Areas.TryGetValue(e.Key.To, out var to) && !Allowed(from, to))
            .Select(e => $"{e.Key.From} ({Areas[e.Key.From]}) → {e.Key.To} ({Areas[e.Key.To]}): {e.Value}")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(broken.Length == 0, "Dependencies against the layering:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void No_two_areas_depend_on_each_other_even_through_others()
    {
        var cycles = DependencyCycles.Find(Edges.Keys);
        Assert.True(cycles.Count == 0, "Areas in a dependency cycle:\n" + string.Join("\n", cycles.Select(c => string.Join(" → ", c) + " → " + c[0]
            + "\n  " + string.Join("\n  ", c.Select((a, i) => Edges[(a, c[(i + 1) % c.Count])])))));
    }

    /// <summary>Below the families an area may use its own layer (cycles are the other test's); families and the root never.</summary>
    private static bool Allowed(Layer from, Layer to) =>
        to < from || (to == from && from is Layer.Foundation or Layer.Domain or Layer.Shared);
}
