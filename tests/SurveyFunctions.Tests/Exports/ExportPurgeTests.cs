using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// Export files do not outlive their welcome: an expired one says so (status <c>expired</c>, the file 410) until the purge timer
/// deletes it with its job (then 404), and deleting a survey
/// deletes its exports (file included) with everything else it collected. Each test has its own tenant; this class its own host,
/// since it moves the host's clock.
/// </summary>
public sealed class ExportPurgeTests(ExportHost host) : IClassFixture<ExportHost>
{
    [Fact]
    public async Task An_expired_export_is_deleted_file_and_all_by_the_purge()
    {
        var (key, _, export, blob) = await FinishedExportAsync("Expiring");

        // Not yet: a run before the retention is up deletes nothing.
        await host.Get<ExportPurge>().RunAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DownloadAsync($"/api/exports/{export.ExportId()}/file", key)).Status);

        host.Clock.Advance(TimeSpan.FromHours(168) + TimeSpan.FromMinutes(1));

        // Past its retention but not yet purged: the job says expired (no download) and the file is gone (410), not "not found".
        var status = await host.Http.GetReplyAsync($"/api/exports/{export.ExportId()}", key);
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(("expired", null), (status.Json["status"]!.GetValue<string>(), status.Json["download"]?.GetValue<string>()));
        var file = await host.Http.GetReplyAsync($"/api/exports/{export.ExportId()}/file", key);
        Assert.Equal((HttpStatusCode.Gone, "export_expired"), (file.Status, file.ErrorCode));
        Assert.Contains("expired", file.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(await host.Get<ExportFiles>().OpenReadAsync(blob, CancellationToken.None));

        await host.Get<ExportPurge>().RunAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetReplyAsync($"/api/exports/{export.ExportId()}", key)).Status);
        Assert.Null(await host.Get<ExportFiles>().OpenReadAsync(blob, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_survey_deletes_its_exports()
    {
        var (key, survey, export, blob) = await FinishedExportAsync("Deleted with its exports");
        Assert.NotNull(await host.Get<ExportFiles>().OpenReadAsync(blob, CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Status);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await host.Http.GetReplyAsync($"/api/exports/{export.ExportId()}", key)).Status != HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, "the export outlived its survey's purge");
            await Task.Delay(200);
        }
        Assert.Null(await host.Get<ExportFiles>().OpenReadAsync(blob, CancellationToken.None));
    }

    /// <summary>A new tenant's survey with one finished session, and its finished CSV export (and the export's blob name).</summary>
    private async Task<(string Key, JsonNode Survey, JsonNode Export, string Blob)> FinishedExportAsync(string name)
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync("standard");
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: name));
        await host.CompleteAsync(key, survey, "someone", "hello");
        var export = await host.Http.StartExportAsync(survey.Uuid(), key);
        await host.Http.WaitForExportAsync(export.ExportId(), key);
        return (key, survey, export, $"{tenantId}/{export.ExportId()}.csv");
    }
}
