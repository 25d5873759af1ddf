using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>The survey lifecycle and the availability rule every answering family calls: pure functions, so plain unit tests.</summary>
public sealed class SurveyRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    internal static Survey NewSurvey(SurveySettings? settings = null, SurveyStatus status = SurveyStatus.Draft) => new()
    {
        TenantId = "tnt_test",
        Uuid = "550e8400-e29b-41d4-a716-446655440000",
        Id = 1,
        Name = "Customer Satisfaction Survey",
        Languages = ["en"],
        Status = status,
        Settings = settings ?? SurveySettings.Default,
        Pages =
        [
            new SurveyPage(
            [
                new SurveyQuestion { Id = 10, Identifier = "qIknp2l5Kh", Type = QuestionType.Rating,
                    Text = LocalizedText.Of("How satisfied are you?"), Scale = RatingScale.DefaultRating },
            ]),
        ],
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    [Fact]
    public void Start_pause_close_and_reopen_follow_the_lifecycle()
    {
        var draft = NewSurvey();
        Assert.Equal(SurveyStatus.Active, SurveyRules.Start(draft, Now).Value.Status);
        Assert.Equal(SurveyErrors.InvalidStateCode, SurveyRules.Pause(draft, Now).Error!.Code);

        var active = SurveyRules.Start(draft, Now).Value;
        Assert.Equal(SurveyErrors.InvalidStateCode, SurveyRules.Start(active, Now).Error!.Code);
        var paused = SurveyRules.Pause(active, Now).Value;
        Assert.Equal(SurveyStatus.Paused, paused.Status);
        Assert.Equal(SurveyStatus.Active, SurveyRules.Start(paused, Now).Value.Status);

        var closed = SurveyRules.Close(paused, Now.AddMinutes(1)).Value;
        Assert.Equal((SurveyStatus.Closed, SurveyCloseReasons.Manual, Now.AddMinutes(1)),
            (closed.Status, closed.ClosedReason, closed.ClosedAt!.Value));
        Assert.Equal(SurveyErrors.InvalidStateCode, SurveyRules.Close(closed, Now).Error!.Code);
        Assert.Equal(409, SurveyRules.Close(closed, Now).Error!.StatusCode);

        var reopened = SurveyRules.Start(closed, Now.AddMinutes(2)).Value;
        Assert.Equal((SurveyStatus.Active, (string?)null, (DateTimeOffset?)null), (reopened.Status, reopened.ClosedReason, reopened.ClosedAt));
    }

    [Fact]
    public void A_survey_past_its_stop_date_cannot_be_started()
    {
        var settings = new SurveySettings { StopCriteria = StopCriteria.Date, StopDate = Now.AddDays(-1) };
        var error = SurveyRules.Start(NewSurvey(settings), Now).Error!;
        Assert.Equal(SurveyErrors.InvalidStateCode, error.Code);
        Assert.Contains("stop_value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Availability_follows_status_then_start_date_then_stop_date_then_cap()
    {
        Assert.Equal(SurveyAvailability.Draft, SurveyRules.Availability(NewSurvey(), Now, 0));
        Assert.Equal(SurveyAvailability.Paused, SurveyRules.Availability(NewSurvey(status: SurveyStatus.Paused), Now, 0));
        Assert.Equal(SurveyAvailability.Closed, SurveyRules.Availability(NewSurvey(status: SurveyStatus.Closed), Now, 0));
        Assert.Equal(SurveyAvailability.Open, SurveyRules.Availability(NewSurvey(status: SurveyStatus.Active), Now, 1_000_000));

        var startsLater = new SurveySettings { StartTrigger = StartTrigger.Date, StartAt = Now.AddSeconds(1) };
        Assert.Equal(SurveyAvailability.NotStarted, SurveyRules.Availability(NewSurvey(startsLater, SurveyStatus.Active), Now, 0));
        Assert.Equal(SurveyAvailability.Open, SurveyRules.Availability(NewSurvey(startsLater, SurveyStatus.Active), Now.AddSeconds(1), 0));

        // The stop date refuses from that very instant, whether or not the closing job has run.
        var stops = new SurveySettings { StopCriteria = StopCriteria.Date, StopDate = Now };
        Assert.Equal(SurveyAvailability.Open, SurveyRules.Availability(NewSurvey(stops, SurveyStatus.Active), Now.AddTicks(-1), 0));
        Assert.Equal(SurveyAvailability.Closed, SurveyRules.Availability(NewSurvey(stops, SurveyStatus.Active), Now, 0));

        var capped = new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 3 };
        Assert.True(capped.CountsResponses);
        Assert.Equal(SurveyAvailability.Open, SurveyRules.Availability(NewSurvey(capped, SurveyStatus.Active), Now, 2));
        Assert.Equal(SurveyAvailability.QuotaFull, SurveyRules.Availability(NewSurvey(capped, SurveyStatus.Active), Now, 3));
        Assert.Equal("quota_full", SurveyAvailability.QuotaFull.ToWire());
    }

    [Fact]
    public void Localized_text_resolves_the_language_its_base_then_the_default()
    {
        var text = LocalizedText.PerLanguage([new("en", "Hello"), new("es", "Hola"), new("pt-BR", "Olá")]);
        Assert.Equal("Hola", text.Resolve("es", "en"));
        Assert.Equal("Hola", text.Resolve("ES-mx", "en"));
        Assert.Equal("Olá", text.Resolve("pt-br", "en"));
        Assert.Equal("Hello", text.Resolve("fr", "en"));
        Assert.Equal("Hello", text.Resolve(null, "en"));
        Assert.Equal("Hola", text.Resolve("de", "es"));
        Assert.True(text.Covers(["en", "es"]));
        Assert.False(text.Covers(["en", "fr"]));
        Assert.Equal("Same", LocalizedText.Of("Same").Resolve("es", "en"));
        Assert.Equal(text, LocalizedText.PerLanguage([new("en", "Hello"), new("es", "Hola"), new("pt-BR", "Olá")]));
        Assert.Throws<ArgumentException>(() => LocalizedText.PerLanguage([new("en", "a"), new("EN", "b")]));
    }

    [Fact]
    public void Wire_names_round_trip()
    {
        foreach (var name in QuestionTypes.WireNames)
        {
            Assert.True(QuestionTypes.TryParse(name, out var type));
            Assert.Equal(name, type.ToWire());
        }
        Assert.False(QuestionTypes.TryParse("likert", out _));
        Assert.True(QuestionType.Dropdown.IsChoice() && QuestionType.Dropdown.IsSinglePick() && QuestionType.Nps.IsScale());
        foreach (var status in Enum.GetValues<SurveyStatus>())
        {
            Assert.True(SurveyStatuses.TryParse(status.ToWire(), out var parsed));
            Assert.Equal(status, parsed);
        }
        Assert.True(SurveySettingNames.TryParse<StopCriteria>(SurveySettingNames.StopCriteria, "responses", out var criteria));
        Assert.Equal(StopCriteria.Responses, criteria);
        Assert.False(SurveySettingNames.TryParse<UserHashMethod>(SurveySettingNames.UserHashMethods, "fingerprint", out _));
    }
}
