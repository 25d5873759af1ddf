using System.Reflection;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// What the Functions host reads to index the app: the <c>functions.metadata</c> that the Worker SDK generates into the
/// Functions app's build output (one entry per [Function], with its trigger binding). Building this test project builds
/// the Functions app first (a ProjectReference in the csproj), which also passes in the file's path.
/// </summary>
public static class FunctionsMetadata
{
    /// <summary>One function as the host sees it. <paramref name="Methods"/> is null when the trigger takes every method.</summary>
    public sealed record Entry(
        string Name,
        string EntryPoint,
        string? Trigger,
        string? AuthLevel,
        string? Route,
        IReadOnlyList<string>? Methods,
        string? QueueName,
        string? Schedule);

    /// <summary>The path the test project's build recorded for the Functions app's functions.metadata.</summary>
    public static string BuiltPath() =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "FunctionsMetadataPath")?.Value
        ?? throw new InvalidOperationException("The test assembly has no FunctionsMetadataPath metadata; see SurveyFunctions.Tests.csproj.");

    /// <summary>Reads and parses the file; see <see cref="Read"/>.</summary>
    public static IReadOnlyList<Entry> Load(string path) => Parse(Read(path));

    /// <summary>Reads the file, failing loudly if it is not there: a missing file must never pass as "nothing to compare".</summary>
    public static string Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"No functions.metadata at '{path}'. The Worker SDK writes it when src/SurveyFunctions.Functions builds; " +
                "build this test project (it builds the Functions app first) or run scripts/test.sh.", path);
        return File.ReadAllText(path);
    }

    public static IReadOnlyList<Entry> Parse(string json)
    {
        var entries = JsonNode.Parse(json) as JsonArray
            ?? throw new FormatException("functions.metadata is not a JSON array.");
        return entries.Select(entry => Describe(entry!.AsObject())).ToArray();
    }

    private static Entry Describe(JsonObject entry)
    {
        // The trigger is the one input binding whose type ends in "Trigger" (httpTrigger, queueTrigger, timerTrigger).
        var trigger = (entry["bindings"] as JsonArray ?? [])
            .Select(b => b!.AsObject())
            .FirstOrDefault(b => Text(b, "type")?.EndsWith("Trigger", StringComparison.Ordinal) == true
                && string.Equals(Text(b, "direction"), "In", StringComparison.OrdinalIgnoreCase));
        return new Entry(
            Text(entry, "name") ?? "",
            Text(entry, "entryPoint") ?? "",
            trigger is null ? null : Text(trigger, "type"),
            trigger is null ? null : Text(trigger, "authLevel"),
            trigger is null ? null : Text(trigger, "route"),
            trigger?["methods"] is JsonArray methods ? methods.Select(m => m!.GetValue<string>()).ToArray() : null,
            trigger is null ? null : Text(trigger, "queueName"),
            trigger is null ? null : Text(trigger, "schedule"));
    }

    private static string? Text(JsonObject node, string property) =>
        node[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
