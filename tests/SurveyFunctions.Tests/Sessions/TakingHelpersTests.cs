using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Tests.Sessions;

/// <summary>Small pure rules of taking: languages, mobile devices, respondent keys and completion shards.</summary>
public sealed class TakingHelpersTests
{
    [Fact]
    public void A_language_matches_exactly_or_by_its_base_and_a_single_language_survey_always_has_one()
    {
        var bilingual = Surveys.SurveyRulesTests.NewSurvey() with { Languages = ["en", "es"] };
        Assert.Equal("es", SurveyLanguages.Match(bilingual, "ES"));
        Assert.Equal("es", SurveyLanguages.Match(bilingual, "es-MX"));
        Assert.Equal("en", SurveyLanguages.Match(bilingual, "en_GB"));
        Assert.Null(SurveyLanguages.Match(bilingual, "fr"));
        Assert.Null(SurveyLanguages.ForNewSession(bilingual, null));
        Assert.Null(SurveyLanguages.ForNewSession(bilingual, "fr"));
        Assert.Equal("en", SurveyLanguages.ForNewSession(Surveys.SurveyRulesTests.NewSurvey(), "fr"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", true)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", true)]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)", true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", false)]
    [InlineData("curl/8.5.0", false)]
    [InlineData(null, false)]
    public void Mobile_devices_are_told_by_their_user_agent(string? userAgent, bool mobile) => Assert.Equal(mobile, UserAgents.IsMobile(userAgent));

    [Fact]
    public void Respondent_keys_are_fixed_length_hex_whatever_the_external_id()
    {
        foreach (var id in new[] { "user_12345", "' or PartitionKey ne '", "a/b#c?d\\e", "🎉 émoji", new string('x', 256) })
            Assert.True(RespondentKeys.IsWellFormed(RespondentKeys.For(id)), id);
        Assert.NotEqual(RespondentKeys.For("a"), RespondentKeys.For("A"));
        Assert.False(RespondentKeys.IsWellFormed("ABC"));
    }

    [Fact]
    public void Capped_surveys_count_in_shard_0_and_others_spread_by_respondent_or_session()
    {
        var capped = new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 10 };
        Assert.All(Enumerable.Range(1, 50), i => Assert.Equal(0,
            CompletionKeys.ShardFor(capped, new SessionLocator("t", "s", i, RespondentKeys.For($"r{i}")))));
        var shards = Enumerable.Range(1, 200).Select(i => CompletionKeys.ShardFor(SurveySettings.Default,
            new SessionLocator("t", "s", i, i % 2 == 0 ? RespondentKeys.For($"r{i}") : null))).ToHashSet();
        Assert.Equal(CompletionKeys.Shards, shards.Count);
        // One respondent always lands in the same shard.
        Assert.Single(Enumerable.Range(1, 20).Select(i => CompletionKeys.ShardFor(SurveySettings.Default,
            new SessionLocator("t", "s", i, RespondentKeys.For("same")))).Distinct());
    }
}

/// <summary>Answers as a person reads them (the Account family's <c>question</c> and <c>answer</c>).</summary>
public sealed class AnswerTextTests
{
    private static readonly Survey Survey = Surveys.SurveyRulesTests.NewSurvey() with
    {
        Languages = ["en", "es"],
        Pages =
        [
            new SurveyPage(
            [
                new SurveyQuestion
                {
                    Id = 1, Identifier = "qPick", Type = QuestionType.MultipleChoice,
                        Text = LocalizedText.PerLanguage([new("en", "Pick"), new("es", "Elige")]),
                    Options = [new QuestionOption(11, null, LocalizedText.PerLanguage([new("en", "Red"), new("es", "Rojo")]), false),
                        new QuestionOption(12, null, LocalizedText.Of("Blue"), false)],
                },
            ]),
        ],
    };

    private static readonly DateTimeOffset At = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Options_read_as_their_labels_in_the_sessions_language_numbers_as_digits_text_as_given()
    {
        var picked = new SessionAnswer { Id = 1, QuestionId = 1, QuestionIdentifier = "qPick", PageIndex = 0, OptionIds = [12, 11], AnsweredAt = At };
        // In the survey's option order, whatever order they were picked in.
        Assert.Equal("Rojo, Blue", AnswerText.Describe(picked, Survey, "es"));
        Assert.Equal("Red, Blue", AnswerText.Describe(picked, Survey, null));
        Assert.Equal("Elige", AnswerText.Question(picked, Survey, "es"));
        Assert.Equal("7", AnswerText.Describe(new SessionAnswer { Id = 2, QuestionId = 9, QuestionIdentifier = "qGone", PageIndex = 0, Value = 7,
            AnsweredAt = At }, Survey, "en"));
        Assert.Equal("Very satisfied", AnswerText.Describe(new SessionAnswer { Id = 3, QuestionId = 9, QuestionIdentifier = "qGone", PageIndex = 0,
            Text = "Very satisfied", AnsweredAt = At }, Survey, "en"));
        // Edited away since: the option shows as its id, the question as its identifier.
        var stale = picked with { OptionIds = [99, 11] };
        Assert.Equal("Red, 99", AnswerText.Describe(stale, Survey, "en"));
        Assert.Equal("qGone", AnswerText.Question(stale with { QuestionId = 9, QuestionIdentifier = "qGone" }, Survey, "en"));
    }
}
