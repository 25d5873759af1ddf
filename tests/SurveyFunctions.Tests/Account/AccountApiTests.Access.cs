using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.AccountApi;

namespace SurveyFunctions.Tests.Account;

/// <summary>Who may read: the key in the documented forms, 401 without a valid one, 403 below the Standard plan, 404 for
/// what is not the caller's.</summary>
public sealed partial class AccountApiTests
{
    private static string[] Routes(AccountWorld world, string survey, string respondent) =>
    [
        $"/api/account/surveys/{survey}",
        $"/api/account/surveys/{survey}/sessions-by-respondent/{Segment(respondent)}",
        $"/api/account/respondents/{Segment(respondent)}",
        $"/api/account/surveys/{survey}/respondents/list",
    ];

    [Fact]
    public async Task The_key_works_as_the_token_header_the_token_parameter_and_every_header_form()
    {
        var world = await host.WorldAsync();
        foreach (var path in Routes(world, world.SurveyUuid, world.Alice))
        {
            var expected = (await host.Http.AccountGetAsync(path, world.Key)).Json.ToJsonString();
            foreach (var form in AuthForms)
            {
                var reply = await host.Http.AccountGetAsync(path, world.Key, form);
                Assert.True(reply.Status == HttpStatusCode.OK, $"{path} with the key as {form}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
                Assert.Equal(expected, reply.Json.ToJsonString());
            }
        }
    }

    [Fact]
    public async Task A_missing_or_invalid_key_is_401_in_the_account_envelope()
    {
        var world = await host.WorldAsync();
        foreach (var path in Routes(world, world.SurveyUuid, world.Alice))
        {
            AssertAccountError(await host.Http.AccountGetAsync(path, null), 401, "token");
            AssertAccountError(await host.Http.AccountGetAsync(path, "sfk_not-a-key"), 401);
            AssertAccountError(await host.Http.AccountGetAsync(path, "sfk_" + new string('A', 43), "?token="), 401);
            AssertAccountError(await host.Http.AccountGetAsync(path + "?token=", null), 401);
        }
    }

    [Fact]
    public async Task A_free_plan_account_gets_403_on_every_route_even_for_its_own_survey()
    {
        var world = await host.WorldAsync();
        foreach (var survey in new[] { world.FreeSurvey.Uuid(), "00000000-0000-0000-0000-000000000000" })
        {
            foreach (var path in Routes(world, survey, "anyone"))
            {
                foreach (var form in new[] { "token header", "?token=" })
                    AssertAccountError(await host.Http.AccountGetAsync(path, world.FreeKey, form), 403, "Standard plan");
            }
        }
        // The plan gates the Account family only: the same key manages its surveys.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/surveys/{world.FreeSurvey.Uuid()}", world.FreeKey)).Status);
    }

    [Fact]
    public async Task Another_accounts_surveys_and_respondents_are_not_found()
    {
        var world = await host.WorldAsync();
        foreach (var path in Routes(world, world.SurveyUuid, world.Alice))
        {
            var reply = await host.Http.AccountGetAsync(path, world.StrangerKey);
            AssertAccountError(reply, 404);
            Assert.DoesNotContain(world.Alice, reply.Json.ToJsonString(), StringComparison.Ordinal);
        }
        // A's respondent under B's own survey, and B's survey for A.
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{world.StrangerSurvey.Uuid()}/sessions-by-respondent/{Segment(world.Alice)}", world.StrangerKey), 404, "respondent");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{world.StrangerSurvey.Uuid()}", world.Key), 404, "survey");
    }

    [Fact]
    public async Task Unknown_surveys_and_respondents_are_404_and_a_respondent_who_never_took_a_survey_has_no_sessions_in_it()
    {
        var world = await host.WorldAsync();
        const string unknown = "3f0a3b4e-0000-4000-8000-000000000000";
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{unknown}", world.Key), 404, "survey");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{unknown}/respondents/list", world.Key), 404, "survey");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{unknown}/sessions-by-respondent/{Segment(world.Alice)}",
            world.Key), 404, "survey");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/respondents/nobody", world.Key), 404, "respondent");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/sessions-by-respondent/nobody", world.Key), 404,
            "respondent");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/respondents/{new string('x', 257)}", world.Key), 404, "respondent");

        // Bob exists but never took the second survey.
        var none = await host.Http.AccountGetAsync($"/api/account/surveys/{world.Small.Uuid()}/sessions-by-respondent/{Segment(world.Bob)}",
            world.Key);
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Empty(none.Json.AsArray());
        // Survey uuids are found whatever their case, as in the management API.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid.ToUpperInvariant()}",
            world.Key)).Status);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_in_the_account_envelope_without_details()
    {
        var dispatcher = Dispatchers.WithDefaults();
        var endpoint = new EndpointDefinition("Boom", ApiFamily.Account, "api/account", "api/account/boom", ["GET"], EndpointAuth.Anonymous,
            RateLimit.None, _ => throw new InvalidOperationException("secret detail"));
        var context = new DefaultHttpContext { RequestServices = new
            ServiceCollection().AddLogging().AddSingleton(RouteTable.Catalog).BuildServiceProvider() };
        context.Request.Path = "/api/account/boom";
        context.Response.Body = new MemoryStream();
        await (await dispatcher.InvokeAsync(endpoint, context)).ExecuteAsync(context);

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal(500, context.Response.StatusCode);
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
        AssertAccountError(new Api.Reply(HttpStatusCode.InternalServerError, System.Text.Json.Nodes.JsonNode.Parse(text),
            new HttpResponseMessage().Headers), 500);
    }
}
