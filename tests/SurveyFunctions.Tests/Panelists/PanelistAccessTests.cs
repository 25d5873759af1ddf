using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Panelists;

/// <summary>
/// The Votito panelist API's <c>GET /tenant/surveys/{surveyId}/panelists/{panelistId}</c> over real HTTP: every field and JSON
/// type of its documented response, creation on first access, the same key after, the survey status mapping, and the error
/// table (401, 403 another tenant's survey, 404).
/// </summary>
public sealed class PanelistAccessTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task First_access_creates_the_panelist_with_every_documented_field()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey("Customer Satisfaction Survey"));

        var reply = await host.Http.GetPanelistAsync(key, survey.Uuid(), "customer-456");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["panelist", "survey"], reply.Json.AsObject().Select(p => p.Key));
        var panelist = reply.Json["panelist"]!.AsObject();
        Assert.Equal(["canRespond", "sessionCount", "activityStartedUnixTs", "activityMostRecentUnixTs", "dismissedMostRecentUnixTs", "publicKey",
            "hostedResponseUrl"],
            panelist.Select(p => p.Key));
        Assert.Equal(System.Text.Json.JsonValueKind.True, panelist["canRespond"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, panelist["sessionCount"]!.GetValueKind());
        Assert.Equal(0, panelist["sessionCount"]!.GetValue<int>());
        Assert.Null(panelist["activityStartedUnixTs"]);
        Assert.Null(panelist["activityMostRecentUnixTs"]);
        Assert.Null(panelist["dismissedMostRecentUnixTs"]);
        var publicKey = panelist["publicKey"]!.GetValue<string>();
        Assert.Matches("^[0-9a-z]{20}:[A-Za-z0-9_-]{43}$", publicKey);
        Assert.Equal($"{host.BaseAddress.ToString().TrimEnd('/')}/app/panelist/vote/?key={publicKey}",
            panelist["hostedResponseUrl"]!.GetValue<string>());
        var surveyView = reply.Json["survey"]!.AsObject();
        Assert.Equal(["status", "title"], surveyView.Select(p => p.Key));
        Assert.Equal("OPEN", surveyView["status"]!.GetValue<string>());
        Assert.Equal("Customer Satisfaction Survey", surveyView["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Later_calls_return_the_same_key_by_uuid_or_integer_id_and_other_panelists_get_their_own()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());

        var first = await host.Http.PublicKeyAsync(key, survey.Uuid(), "customer-456");
        var again = await host.Http.PublicKeyAsync(key, survey.Uuid(), "customer-456");
        var byId = await host.Http.PublicKeyAsync(key, survey.Id(), "customer-456");
        var byUpperUuid = await host.Http.PublicKeyAsync(key, survey.Uuid().ToUpperInvariant(), "customer-456");
        var other = await host.Http.PublicKeyAsync(key, survey.Uuid(), "customer-789");

        Assert.Equal(first, again);
        Assert.Equal(first, byId);
        Assert.Equal(first, byUpperUuid);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Concurrent_first_accesses_create_one_panelist_with_one_key()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());

        var keys = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => host.Http.PublicKeyAsync(key, survey.Uuid(), "racer")));

        var only = Assert.Single(keys.Distinct());
        var opened = await host.Http.OpenAsync(only);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
    }

    [Fact]
    public async Task Panelist_ids_of_any_text_are_separate_panelists()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());

        var email = await host.Http.PublicKeyAsync(key, survey.Uuid(), "ana@example.com");
        var unicode = await host.Http.PublicKeyAsync(key, survey.Uuid(), "José Ñandú ✓");
        var spaced = await host.Http.PublicKeyAsync(key, survey.Uuid(), "a b|c");

        Assert.Equal(3, new[] { email, unicode, spaced }.Distinct().Count());
        Assert.Equal(unicode, await host.Http.PublicKeyAsync(key, survey.Uuid(), "José Ñandú ✓"));
    }

    [Fact]
    public async Task Survey_status_is_DRAFT_OPEN_or_CLOSED_and_only_OPEN_lets_the_panelist_respond()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key, SurveyApi.SmallSurvey());
        var uuid = survey.Uuid();

        await AssertStatusAsync(key, uuid, "DRAFT", canRespond: false);
        await StatusChangeAsync(key, uuid, "start");
        await AssertStatusAsync(key, uuid, "OPEN", canRespond: true);
        await StatusChangeAsync(key, uuid, "pause");
        await AssertStatusAsync(key, uuid, "CLOSED", canRespond: false);
        await StatusChangeAsync(key, uuid, "start");
        await AssertStatusAsync(key, uuid, "OPEN", canRespond: true);
        await StatusChangeAsync(key, uuid, "close");
        await AssertStatusAsync(key, uuid, "CLOSED", canRespond: false);
    }

    [Fact]
    public async Task A_survey_past_its_stop_date_or_before_its_start_date_is_CLOSED()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var stopping = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject
        {
            ["stop_criteria"] = "date",
            ["stop_value"] = now.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var scheduled = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject
        {
            ["start_trigger"] = "date",
            ["start_at"] = now.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }));

        await AssertStatusAsync(key, stopping.Uuid(), "OPEN", canRespond: true);
        await AssertStatusAsync(key, scheduled.Uuid(), "CLOSED", canRespond: false);
        host.Clock.Advance(TimeSpan.FromDays(2));
        try
        {
            await AssertStatusAsync(key, stopping.Uuid(), "CLOSED", canRespond: false);
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromDays(-2));
        }
    }

    [Fact]
    public async Task Missing_or_invalid_API_key_is_401()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());

        var missing = await host.Http.GetReplyAsync($"/tenant/surveys/{survey.Uuid()}/panelists/p1");
        var invalid = await host.Http.GetPanelistAsync("sf_live_not-a-key", survey.Uuid(), "p1");

        foreach (var reply in new[] { missing, invalid })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
            Assert.Equal("Unauthorized", reply.Json["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(reply.Json["message"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Another_tenants_survey_uuid_is_403_and_creates_nothing_for_either_tenant()
    {
        var (_, ownerKey, _) = await host.Http.CreateTenantAsync();
        var (_, otherKey, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(ownerKey, SurveyApi.SmallSurvey());

        var forbidden = await host.Http.GetPanelistAsync(otherKey, survey.Uuid(), "p1");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("Forbidden", forbidden.Json["error"]!.GetValue<string>());
        Assert.DoesNotContain(survey.Uuid(), forbidden.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        // The owner's panelist p1 did not exist and still starts from nothing.
        var owners = await host.Http.GetPanelistAsync(ownerKey, survey.Uuid(), "p1");
        Assert.Equal(0, owners.Json["panelist"]!["sessionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_survey_is_404_survey_not_found()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, otherKey, _) = await host.Http.CreateTenantAsync();
        var others = await host.Http.CreateStartedSurveyAsync(otherKey, SurveyApi.SmallSurvey());

        var cases = new[]
        {
            Guid.NewGuid().ToString(),   // no such uuid anywhere
            "999999",                    // no such integer id in this tenant
            others.Id(),                 // integer ids are per tenant: another tenant's number is just not found here
            "bad%23id",                  // cannot name anything we issued
        };
        foreach (var id in cases)
        {
            var reply = await host.Http.GetPanelistAsync(key, id, "p1");
            Assert.True(reply.Status == HttpStatusCode.NotFound, $"{id}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            Assert.Equal("survey_not_found", reply.Json["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_deleted_surveys_uuid_is_404_for_its_owner_and_for_other_tenants()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, otherKey, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key, SurveyApi.SmallSurvey());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetPanelistAsync(otherKey, survey.Uuid(), "p1")).Status);
    }

    [Fact]
    public async Task A_panelist_id_of_control_characters_or_too_long_is_400()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());

        foreach (var id in new[] { "a\u0001b", new string('x', 257), "   " })
        {
            var reply = await host.Http.GetPanelistAsync(key, survey.Uuid(), id);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{(int)reply.Status} {reply.Body?.ToJsonString()}");
            Assert.Equal("validation_error", reply.Json["error"]!.GetValue<string>());
        }
    }

    private async Task AssertStatusAsync(string key, string surveyId, string status, bool canRespond)
    {
        var reply = await host.Http.GetPanelistAsync(key, surveyId, "status-watcher");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(status, reply.Json["survey"]!["status"]!.GetValue<string>());
        Assert.Equal(canRespond, reply.Json["panelist"]!["canRespond"]!.GetValue<bool>());
    }

    private async Task StatusChangeAsync(string key, string uuid, string action)
    {
        var reply = await host.Http.PostReplyAsync($"/api/surveys/{uuid}/{action}", null, key);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{action}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
    }
}
