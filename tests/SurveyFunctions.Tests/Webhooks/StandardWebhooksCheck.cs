using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// Verifies deliveries with an implementation that is not ours: the <c>standardwebhooks</c> npm package (the Standard
/// Webhooks reference library, pinned in package.json), run by node. Each delivery is checked against each secret as a
/// receiver would (<c>new Webhook(secret).verify(body, headers)</c>), with the receiver's clock at the time of receipt,
/// so a stale or future <c>webhook-timestamp</c> fails as it would for a real receiver.
/// </summary>
public static class StandardWebhooksCheck
{
    private const string Script = """
        const { Webhook } = require("standardwebhooks");
        const input = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
        const realNow = Date.now;
        const results = input.deliveries.map(d => input.secrets.map(secret => {
          Date.now = () => d.now * 1000;
          try {
            new Webhook(secret).verify(d.body, { "webhook-id": d.id, "webhook-timestamp": d.timestamp, "webhook-signature": d.signature });
            return "ok";
          } catch (e) {
            return String(e.message || e);
          } finally {
            Date.now = realNow;
          }
        }));
        process.stdout.write(JSON.stringify(results));
        """;

    /// <summary>For each delivery, for each secret: "ok" or the library's error message.</summary>
    public static async Task<string[][]> VerifyAsync(IReadOnlyList<ReceivedDelivery> deliveries, params string[] secrets)
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("standardwebhooks-");
        try
        {
            var script = Path.Combine(work.FullName, "verify.js");
            var input = Path.Combine(work.FullName, "input.json");
            await File.WriteAllTextAsync(script, Script);
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new
            {
                secrets,
                deliveries = deliveries.Select(d => new { id = d.Id, timestamp = d.Timestamp, signature = d.Signature, body = d.Body,
                    now = d.At.ToUnixTimeSeconds() }),
            }));
            var start = new ProcessStartInfo("node", [script, input]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["NODE_PATH"] = Path.Combine(root, "node_modules");
            using var node = Process.Start(start)!;
            var output = await node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {errors}");
            return [.. JsonNode.Parse(output)!.AsArray().Select(row => row!.AsArray().Select(r => r!.GetValue<string>()).ToArray())];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Asserts every delivery verifies with every one of <paramref name="secrets"/>.</summary>
    public static async Task AssertAllValidAsync(IReadOnlyList<ReceivedDelivery> deliveries, params string[] secrets)
    {
        Assert.NotEmpty(deliveries);
        var results = await VerifyAsync(deliveries, secrets);
        for (var i = 0; i < deliveries.Count; i++)
            Assert.True(results[i].All(r => r == "ok"), $"delivery {deliveries[i].Id} to {deliveries[i].Path}: {string.Join(" | ", results[i])}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json"))
                && Directory.Exists(Path.Combine(dir.FullName, "node_modules", "standardwebhooks")))
                return dir.FullName;
        }
        throw new InvalidOperationException("No node_modules/standardwebhooks above the test assembly: run `npm ci` in the repository first.");
    }
}
