using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Jobs;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Reads the Functions app's C# sources with Roslyn's syntax API (the project cannot be built here) and compares every
/// [Function] adapter with the core's route and job tables: same name, trigger, methods, route or queue/schedule, and a
/// body that dispatches to the entry of the same name.
/// </summary>
public static class FunctionAdapterScanner
{
    public sealed record Adapter(string Name, string Trigger, IReadOnlyList<string> Methods, string? Source, string? DispatchesTo);

    public static IReadOnlyList<Adapter> Scan(IEnumerable<string> sources)
    {
        var adapters = new List<Adapter>();
        foreach (var source in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var function = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => Name(a) == "Function");
                if (function?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not LiteralExpressionSyntax nameLiteral)
                    continue;
                var trigger = method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes)
                    .FirstOrDefault(a => Name(a) is "HttpTrigger" or "QueueTrigger" or "TimerTrigger");
                adapters.Add(Describe(nameLiteral.Token.ValueText, trigger, method));
            }
        }
        return adapters;
    }

    public static IReadOnlyList<string> Compare(IReadOnlyList<Adapter> adapters)
    {
        var problems = new List<string>();
        var byName = adapters.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (name, group) in byName.Where(g => g.Value.Count > 1))
            problems.Add($"{name}: {group.Count} adapters share this name");

        foreach (var route in RouteTable.All)
        {
            if (!byName.TryGetValue(route.Name, out var found))
            {
                problems.Add($"{route.Name}: no Functions adapter for {string.Join(",", route.Methods)} {route.Route}");
                continue;
            }
            var adapter = found[0];
            if (adapter.Trigger != "HttpTrigger")
                problems.Add($"{route.Name}: adapter has {adapter.Trigger}, expected HttpTrigger");
            if (adapter.Source != route.Route)
                problems.Add($"{route.Name}: adapter route '{adapter.Source}' differs from '{route.Route}'");
            if (!adapter.Methods.Select(m => m.ToUpperInvariant()).Order().SequenceEqual(route.Methods.Order()))
                problems.Add($"{route.Name}: adapter methods [{string.Join(",", adapter.Methods)}] differ from [{string.Join(",", route.Methods)}]");
            if (adapter.DispatchesTo != route.Name)
                problems.Add($"{route.Name}: adapter dispatches to '{adapter.DispatchesTo}'");
        }
        foreach (var job in JobTable.All)
        {
            var expected = job.Trigger == JobTrigger.Queue ? "QueueTrigger" : "TimerTrigger";
            if (!byName.TryGetValue(job.Name, out var found))
                problems.Add($"{job.Name}: no Functions adapter ({expected} '{job.Source}')");
            else if (found[0].Trigger != expected || found[0].Source != job.Source)
                problems.Add($"{job.Name}: adapter is {found[0].Trigger} '{found[0].Source}', expected {expected} '{job.Source}'");
        }
        var known = RouteTable.All.Select(r => r.Name).Concat(JobTable.All.Select(j => j.Name)).ToHashSet();
        foreach (var adapter in adapters.Where(a => !known.Contains(a.Name)))
            problems.Add($"{adapter.Name}: adapter has no entry in the route or job table");
        return problems;
    }

    public static IReadOnlyList<string> FunctionSources()
    {
        var folder = Path.Combine(TestSupport.AzuriteInstance.FindRepoRoot(), "src", "SurveyFunctions.Functions");
        return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToArray();
    }

    private static Adapter Describe(string name, AttributeSyntax? trigger, MethodDeclarationSyntax method)
    {
        var dispatch = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InvokeAsync" });
        var dispatchesTo = dispatch?.ArgumentList.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax l ? l.Token.ValueText : null;
        if (trigger is null)
            return new Adapter(name, "none", [], null, dispatchesTo);

        var args = trigger.ArgumentList?.Arguments ?? default;
        var positional = args.Where(a => a.NameEquals is null).Select(a => a.Expression).ToList();
        var named = args.Where(a => a.NameEquals is not null).ToDictionary(a => a.NameEquals!.Name.Identifier.ValueText, a => a.Expression);
        return Name(trigger) switch
        {
            "HttpTrigger" => new Adapter(name, "HttpTrigger",
                positional.OfType<LiteralExpressionSyntax>().Select(e => e.Token.ValueText).ToArray(),
                named.TryGetValue("Route", out var route) && route is LiteralExpressionSyntax r ? r.Token.ValueText : null,
                dispatchesTo),
            var kind => new Adapter(name, kind, [], positional.FirstOrDefault() is LiteralExpressionSyntax s ? s.Token.ValueText : null, dispatchesTo),
        };
    }

    private static string Name(AttributeSyntax attribute)
    {
        var text = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            IdentifierNameSyntax i => i.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return text.EndsWith("Attribute", StringComparison.Ordinal) ? text[..^"Attribute".Length] : text;
    }
}
