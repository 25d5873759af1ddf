using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ExportApi;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// Export jobs over real HTTP against the standalone host, Azurite's queues and its blob service: the job's file is the file the
/// stream writes, its status moves to succeeded with every row counted, it is pinned to its <c>as_of</c>, and only the owner's key
/// reads it.
/// </summary>
public sealed class ExportJobTests(ExportHost host) : IClassFixture<ExportHost>
{
    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task A_job_writes_the_file_the_stream_writes_and_reports_every_row(string format)
    {
        var world = await host.WorldAsync();
        var started = await host.Http.StartExportAsync(world.Survey.Uuid(), world.Key, new JsonObject { ["format"] = format });
        Assert.Equal("queued", started["status"]!.GetValue<string>());
        Assert.StartsWith("exp_", started.ExportId(), StringComparison.Ordinal);
        Assert.Null(started["download"]);

        var done = await host.Http.WaitForExportAsync(started.ExportId(), world.Key);
        Assert.Equal(4, done["rows_written"]!.GetValue<long>());
        Assert.Equal(4, done["rows_expected"]!.GetValue<long>());
        Assert.Equal(100, done["percent"]!.GetValue<double>());
        Assert.Equal($"/api/exports/{started.ExportId()}/file", done["download"]!.GetValue<string>());
        Assert.NotNull(done["expires_at"]);

        var file = await host.Http.DownloadAsync(done["download"]!.GetValue<string>(), world.Key);
        var streamed = await host.Http.DownloadAsync($"/api/surveys/{world.Survey.Uuid()}/responses?format={format}", world.Key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal(streamed.ContentType, file.ContentType);
        Assert.Equal(done["bytes"]!.GetValue<long>(), file.Bytes.Length);
        Assert.Equal(streamed.Text, file.Text);
        Assert.Equal(DateTimeOffset.Parse(file.AsOf!, System.Globalization.CultureInfo.InvariantCulture),
            done["as_of"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_session_finished_after_the_export_started_is_only_in_the_next_since_export()
    {
        var world = await host.WorldAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(world.Key, TakeApi.ThreePageSurvey(name: "Jobs, incrementally"));
        await host.CompleteAsync(world.Key, survey, "early", "before");
        var first = await host.Http.StartExportAsync(survey.Uuid(), world.Key, new JsonObject { ["format"] = "ndjson" });
        // Finished after as_of, and (the job waits a moment before it reads) while the job runs or before it starts.
        await host.CompleteAsync(world.Key, survey, "late", "after");
        var firstDone = await host.Http.WaitForExportAsync(first.ExportId(), world.Key);
        var second = await host.Http.StartExportAsync(survey.Uuid(), world.Key,
            new JsonObject { ["format"] = "ndjson", ["since"] = firstDone["as_of"]!.DeepClone() });
        var secondDone = await host.Http.WaitForExportAsync(second.ExportId(), world.Key);

        var before = ParseNdjson((await host.Http.DownloadAsync($"/api/exports/{first.ExportId()}/file", world.Key)).Text);
        var after = ParseNdjson((await host.Http.DownloadAsync($"/api/exports/{second.ExportId()}/file", world.Key)).Text);
        Assert.Equal(["early"], before.Select(l => l["respondent_id"]!.GetValue<string>()));
        Assert.Equal(["late"], after.Select(l => l["respondent_id"]!.GetValue<string>()));
        Assert.Equal(1, secondDone["rows_expected"]!.GetValue<long>());
    }

    [Fact]
    public async Task Another_tenants_export_is_not_found_and_the_file_needs_the_key()
    {
        var world = await host.WorldAsync();
        var started = await host.Http.StartExportAsync(world.Survey.Uuid(), world.Key);
        await host.Http.WaitForExportAsync(started.ExportId(), world.Key);
        foreach (var path in new[] { $"/api/exports/{started.ExportId()}", $"/api/exports/{started.ExportId()}/file" })
        {
            var stranger = await host.Http.GetReplyAsync(path, world.StrangerKey);
            Assert.Equal((HttpStatusCode.NotFound, "export_not_found"), (stranger.Status, stranger.ErrorCode));
            var anonymous = await host.Http.GetReplyAsync(path, apiKey: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        }
        var strangers = await host.Http.PostReplyAsync($"/api/surveys/{world.Survey.Uuid()}/exports", new JsonObject(), world.StrangerKey);
        Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (strangers.Status, strangers.ErrorCode));
        var unknown = await host.Http.GetReplyAsync("/api/exports/exp_00000000000000000000000000000000", world.Key);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Theory]
    [InlineData("""{"format":"xml"}""", "format")]
    [InlineData("""{"format":5}""", "format")]
    [InlineData("""{"include_partial":"yes"}""", "include_partial")]
    [InlineData("""{"since":"2999-01-01T00:00:00Z"}""", "since")]
    [InlineData("""{"since":"soon"}""", "since")]
    [InlineData("""{"bom":1}""", "bom")]
    [InlineData("""{"formats":"csv"}""", "formats")]
    public async Task A_bad_body_is_a_validation_error_naming_the_field(string body, string field)
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.PostReplyAsync($"/api/surveys/{world.Survey.Uuid()}/exports", JsonNode.Parse(body)!, world.Key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
    }
}
