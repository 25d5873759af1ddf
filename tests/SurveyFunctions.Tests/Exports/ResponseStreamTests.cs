using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ExportApi;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// <c>GET /api/surveys/{uuid}/responses</c> over real HTTP against the standalone host and Azurite: the file's rows are the
/// survey's finished sessions (the results' count), each answer what the Account family returns for that session, and every
/// text survives a CSV parser.
/// </summary>
public sealed class ResponseStreamTests(ExportHost host) : IClassFixture<ExportHost>
{
    private static readonly string[] FixedColumns =
        ["session_id", "respondent_id", "started_at", "completed_at", "is_completed", "is_disqualified", "language"];

    private static readonly string[] Identifiers = ["qUses", "qSatisfaction", "qFeatures", "qOften", "qNps", "qComment"];

    [Fact]
    public async Task A_csv_has_a_row_per_finished_session_and_the_answers_the_account_family_returns()
    {
        var world = await host.WorldAsync();
        var results = await host.Http.WaitForSurveyAggregationAsync(world.Survey.Uuid(), world.Key);
        var file = await host.Http.DownloadAsync($"/api/surveys/{world.Survey.Uuid()}/responses?format=csv", world.Key);

        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
        Assert.True(file.TimeToHeaders < TimeSpan.FromSeconds(1), $"headers after {file.TimeToHeaders}");
        Assert.NotNull(file.AsOf);
        Assert.StartsWith($"responses-{world.Survey.Uuid()}-", file.FileName, StringComparison.Ordinal);
        Assert.Contains("\r\n", file.Text, StringComparison.Ordinal);
        var (header, rows) = ParseCsv(file.Bytes);
        Assert.Equal([.. FixedColumns, .. Identifiers, "removed_question_answers"], header);

        // The results' counts at the same moment (nothing changes meanwhile): a row per finished session, no more. A disqualified
        // session is finished too (is_completed true, as the Account family shows it).
        Assert.Equal(results["completed_sessions"]!.GetValue<long>(), rows.Count(r => r[4] == "true" && r[5] == "false"));
        Assert.Equal(results["disqualified_sessions"]!.GetValue<long>(), rows.Count(r => r[5] == "true"));
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r[1] == ExportWorld.HalfWay);
        Assert.Single(rows, r => r[1] == "" && r[4] == "true");
        Assert.Equal(rows.Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).Order(),
            rows.Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)));

        foreach (var respondent in ExportWorld.Finished)
        {
            var row = Assert.Single(rows, r => r[1] == respondent);
            var session = Assert.Single(await AccountSessionsAsync(world, respondent), s => s["completed_at"] is not null);
            Assert.Equal(session["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(session["is_disqualified"]!.GetValue<bool>() ? "true" : "false", row[5]);
            Assert.Equal(session["started_at"]!.GetValue<DateTimeOffset>(), DateTimeOffset.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(1));
            var cells = header.Zip(row).ToDictionary(p => p.First, p => p.Second);
            var answered = session["answers"]!.AsArray().ToDictionary(a => a!["question_identifier"]!.GetValue<string>(),
                a => a!["answer"]!.GetValue<string>());
            foreach (var identifier in Identifiers)
                Assert.Equal(answered.TryGetValue(identifier, out var answer) ? AsSpreadsheetText(answer) : "", cells[identifier]);
        }
        Assert.Equal("Reports, Export", Assert.Single(rows, r => r[1] == "alice")[Array.IndexOf(header, "qFeatures")]);
        Assert.Equal("'=1+1", Assert.Single(rows, r => r[1] == "zoë")[Array.IndexOf(header, "qComment")]);
    }

    [Fact]
    public async Task Ndjson_lines_are_the_account_family_sessions_with_the_respondent_id()
    {
        var world = await host.WorldAsync();
        var file = await host.Http.DownloadAsync($"/api/surveys/{world.Survey.Uuid()}/responses?format=ndjson", world.Key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("application/x-ndjson; charset=utf-8", file.ContentType);
        var lines = ParseNdjson(file.Text);
        Assert.Equal(4, lines.Count);
        Assert.Single(lines, l => !l.ContainsKey("respondent_id"));
        foreach (var respondent in ExportWorld.Finished)
        {
            var line = Assert.Single(lines, l => l["respondent_id"]?.GetValue<string>() == respondent);
            var session = Assert.Single(await AccountSessionsAsync(world, respondent), s => s["completed_at"] is not null);
            Assert.Equal("id", line.First().Key);
            line.Remove("respondent_id");
            Assert.Equal(session.ToJsonString(), line.ToJsonString());
        }
    }

    [Fact]
    public async Task Include_partial_adds_the_half_way_session_as_it_stands()
    {
        var world = await host.WorldAsync();
        var file = await host.Http.DownloadAsync($"/api/surveys/{world.Survey.Uuid()}/responses?format=ndjson&include_partial=true", world.Key);
        var lines = ParseNdjson(file.Text);
        Assert.Equal(5, lines.Count);
        var carol = Assert.Single(lines, l => l["respondent_id"]?.GetValue<string>() == ExportWorld.HalfWay);
        Assert.False(carol["is_completed"]!.GetValue<bool>());
        Assert.Null(carol["completed_at"]);
        Assert.Equal(["qUses", "qSatisfaction"], carol["answers"]!.AsArray().Select(a => a!["question_identifier"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_text_survives_a_csv_parser_and_formulas_are_neutralised()
    {
        var world = await host.WorldAsync();
        var file = await host.Http.DownloadAsync($"/api/surveys/{world.Texts.Uuid()}/responses?bom=true", world.Key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, file.Bytes[..3]);
        var (header, rows) = ParseCsv(file.Bytes);
        Assert.Equal("qText", header[FixedColumns.Length]);
        Assert.Equal(ExportHost.TrickyTexts.Length, rows.Count);
        for (var i = 0; i < ExportHost.TrickyTexts.Length; i++)
        {
            var row = Assert.Single(rows, r => r[1] == $"t{i:D2}");
            Assert.Equal(header.Length, row.Length);
            Assert.Equal(AsSpreadsheetText(ExportHost.TrickyTexts[i]), row[FixedColumns.Length]);
        }
        Assert.Equal(6, rows.Count(r => r[FixedColumns.Length].StartsWith('\'')));
    }

    [Fact]
    public async Task A_session_finished_after_an_export_is_in_the_next_since_export_only()
    {
        var world = await host.WorldAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(world.Key, TakeApi.ThreePageSurvey(name: "Incremental"));
        await host.CompleteAsync(world.Key, survey, "first", "one");
        var before = await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=ndjson", world.Key);
        await host.CompleteAsync(world.Key, survey, "second", "two");

        var since = Uri.EscapeDataString(before.AsOf!);
        var next = await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=ndjson&since={since}", world.Key);
        var everything = await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=ndjson", world.Key);

        Assert.Equal(["first"], ParseNdjson(before.Text).Select(l => l["respondent_id"]!.GetValue<string>()));
        Assert.Equal(["second"], ParseNdjson(next.Text).Select(l => l["respondent_id"]!.GetValue<string>()));
        Assert.Equal(["first", "second"], ParseNdjson(everything.Text).Select(l => l["respondent_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_empty_survey_is_the_header_alone()
    {
        var world = await host.WorldAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(world.Key, TakeApi.ThreePageSurvey(name: "Nobody yet"));
        var file = await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses", world.Key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal(string.Join(',', [.. FixedColumns, .. Identifiers, "removed_question_answers"]) + "\r\n", file.Text);
        Assert.Empty((await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=ndjson", world.Key)).Bytes);
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("format=CSV", "format")]
    [InlineData("include_partial=yes", "include_partial")]
    [InlineData("bom=1", "bom")]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=2999-01-01T00:00:00Z", "since")]
    public async Task Bad_options_are_a_validation_error_naming_the_parameter(string query, string field)
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.GetReplyAsync($"/api/surveys/{world.Survey.Uuid()}/responses?{query}", world.Key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_tenants_survey_is_not_found_and_the_key_is_required()
    {
        var world = await host.WorldAsync();
        var stranger = await host.Http.GetReplyAsync($"/api/surveys/{world.StrangerSurvey.Uuid()}/responses", world.Key);
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        var anonymous = await host.Http.GetReplyAsync($"/api/surveys/{world.Survey.Uuid()}/responses", apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    /// <summary>What a cell holds for an answer: a text a spreadsheet would run as a formula gets a leading quote.</summary>
    internal static string AsSpreadsheetText(string answer) => answer.Length > 0 && "=+-@\t\r".Contains(answer[0]) ? "'" + answer : answer;

    private async Task<List<JsonObject>> AccountSessionsAsync(ExportWorld world, string respondent)
    {
        var reply = await host.Http.AccountGetAsync(
            $"/api/account/surveys/{world.Survey.Uuid()}/sessions-by-respondent/{AccountApi.Segment(respondent)}", world.Key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return [.. reply.Json.AsArray().Select(s => s!.AsObject())];
    }
}
