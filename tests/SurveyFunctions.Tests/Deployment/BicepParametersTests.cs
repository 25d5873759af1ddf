using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SurveyFunctions.Tests.Deployment;

/// <summary>
/// infra/main.parameters.json (what azd passes to the template) names only parameters infra/main.bicep declares, and
/// gives every parameter the template requires. A stale name would otherwise only fail at deployment time.
/// </summary>
public sealed partial class BicepParametersTests
{
    [Fact]
    public void The_parameters_file_names_only_template_parameters_and_every_required_one()
    {
        var (declared, required) = TemplateParameters(Read("infra", "main.bicep"));
        var given = ParameterNames(Read("infra", "main.parameters.json"));
        Assert.Empty(given.Except(declared));
        Assert.Empty(required.Except(given));
        Assert.Contains("signingKeys", required);
    }

    [Fact]
    public void A_name_the_template_does_not_declare_is_caught()
    {
        var (declared, _) = TemplateParameters(Read("infra", "main.bicep"));
        var edited = JsonNode.Parse(Read("infra", "main.parameters.json"))!;
        edited["parameters"]!["voteShard"] = new JsonObject { ["value"] = "8" };
        Assert.Equal(["voteShard"], ParameterNames(edited.ToJsonString()).Except(declared));
    }

    private static (HashSet<string> Declared, HashSet<string> Required) TemplateParameters(string bicep)
    {
        var declarations = ParamDeclaration().Matches(bicep);
        return (declarations.Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal),
            declarations.Where(m => !m.Groups["rest"].Value.Contains('=',
                StringComparison.Ordinal)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal));
    }

    private static HashSet<string> ParameterNames(string parametersJson) =>
        JsonNode.Parse(parametersJson)!["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>A top-level <c>param name type [= default]</c> line; decorators sit on the lines above.</summary>
    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex ParamDeclaration();

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([AzuriteInstance.FindRepoRoot(), .. path]));
}
