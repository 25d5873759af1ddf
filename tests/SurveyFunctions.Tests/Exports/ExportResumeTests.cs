using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Reliability;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// An export job in a real host process (<see cref="RestartableHost"/>), SIGKILLed three times at random points while it writes
/// (small blocks, so it checkpoints often): each new host resumes it from its checkpoint, and the final file is byte for byte the
/// file of a run that was never interrupted.
/// </summary>
public sealed class ExportResumeTests
{
    private const int Sessions = 1500;

    [Fact]
    public async Task A_job_killed_three_times_resumes_to_the_same_file_as_an_uninterrupted_run()
    {
        await using var host = await RestartableHost.StartAsync("--SurveyFunctions:ExportBlockBytes=4096");
        await host.RunAsync(async () =>
        {
            var (tenantId, key, _) = await host.Http.CreateTenantAsync("standard");
            var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Killed while exporting"));
            await FinishedSessionSeeder.SeedAsync(new TableServiceClient(host.StorageConnectionString), tenantId, survey.Uuid(),
                survey["id"]!.GetValue<long>(), survey.SeedQuestions(), Sessions, 1_000_000_000, DateTimeOffset.UtcNow.AddMinutes(-5));

            var reference = await host.Http.StartExportAsync(survey.Uuid(), key, new JsonObject { ["bom"] = true });
            var referenceDone = await host.Http.WaitForExportAsync(reference.ExportId(), key);
            Assert.Equal(Sessions, referenceDone["rows_written"]!.GetValue<long>());
            var expected = SHA256.HashData((await host.Http.DownloadAsync($"/api/exports/{reference.ExportId()}/file", key)).Bytes);

            var killed = await host.Http.StartExportAsync(survey.Uuid(), key, new JsonObject { ["bom"] = true });
            var random = new Random(20261207);
            var progress = new List<long>();
            for (var kill = 0; kill < 3; kill++)
            {
                // Wait until this host has moved the job on (a checkpoint since the last kill), then kill it a random moment later.
                var seen = progress.LastOrDefault();
                var rows = await WaitForProgressAsync(host.Http, killed.ExportId(), key, seen);
                await Task.Delay(random.Next(0, 400));
                await host.KillAndRestartAsync(() => Task.CompletedTask);
                progress.Add(rows);
            }
            var done = await host.Http.WaitForExportAsync(killed.ExportId(), key, TimeSpan.FromSeconds(120));
            var file = await host.Http.DownloadAsync($"/api/exports/{killed.ExportId()}/file", key);

            Assert.True(progress.Any(r => r is > 0 and < Sessions), $"no kill landed mid-way: {string.Join(", ", progress)}");
            Assert.Equal(Sessions, done["rows_written"]!.GetValue<long>());
            Assert.Equal(referenceDone["bytes"]!.GetValue<long>(), done["bytes"]!.GetValue<long>());
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(SHA256.HashData(file.Bytes)));
            var (_, parsed) = ExportApi.ParseCsv(file.Bytes);
            Assert.Equal(Sessions, parsed.Select(r => r[0]).Distinct().Count());
        });
    }

    /// <summary>Polls until the job has written more than <paramref name="seen"/> rows (or finished); returns what it has written.</summary>
    private static async Task<long> WaitForProgressAsync(HttpClient http, string exportId, string key, long seen)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var reply = await http.GetReplyAsync($"/api/exports/{exportId}", key);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var rows = reply.Json["rows_written"]!.GetValue<long>();
            if (rows > seen || reply.Json["status"]!.GetValue<string>() == "succeeded")
                return rows;
            await Task.Delay(50);
        }
        throw new TimeoutException($"export {exportId} made no progress past {seen} rows");
    }
}
