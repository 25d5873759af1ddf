using System.Diagnostics;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>Node (which runs Azurite for these tests) checks a served page script's syntax without running it.</summary>
public static class ScriptSyntax
{
    public static async Task AssertParsesAsync(string script, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, script);
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", ["--check", file]) { RedirectStandardError = true,
                RedirectStandardOutput = true })!;
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"{name}.js does not parse: " + errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
