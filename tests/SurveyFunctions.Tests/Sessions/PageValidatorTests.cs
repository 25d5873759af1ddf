using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Tests.Sessions;

/// <summary>The page rules every answering family shares, as a pure function.</summary>
public sealed class PageValidatorTests
{
    private static readonly SurveyPage Page = new(
    [
        new SurveyQuestion
        {
            Id = 1, Identifier = "qUse", Type = QuestionType.SingleChoice, Text = LocalizedText.Of("Use it?"), Required = true,
            Options = [new QuestionOption(11, "yes", LocalizedText.Of("Yes"), false), new QuestionOption(12, "no", LocalizedText.Of("No"), true)],
        },
        new SurveyQuestion { Id = 2, Identifier = "qRate", Type = QuestionType.Rating, Text = LocalizedText.Of("Rate"), Scale = null },
        new SurveyQuestion { Id = 3, Identifier = "qNps", Type = QuestionType.Nps, Text = LocalizedText.Of("NPS") },
        new SurveyQuestion
        {
            Id = 4, Identifier = "qWhy", Type = QuestionType.Text, Required = true,
            Text = LocalizedText.PerLanguage([new("en", "Why?"), new("es", "¿Por qué?")]),
        },
    ]);

    [Fact]
    public void A_valid_page_gives_its_answers_in_their_shapes()
    {
        var result = PageValidator.Validate(Page, [new(4, Text: "Because"), new(1, OptionIds: [11]), new(2, Value: 5), new(3, Value: 0)], "en", "en");
        Assert.True(result.IsValid);
        Assert.False(result.Disqualifies);
        Assert.Equal([4L, 1, 2, 3], result.Answers.Select(a => a.Question.Id));
        Assert.Equal([11L], result.Answers[1].OptionIds);
        Assert.Equal((5L, 0L), (result.Answers[2].Value!.Value, result.Answers[3].Value!.Value));
        Assert.Equal("Because", result.Answers[0].Text);
    }

    [Fact]
    public void A_disqualifying_option_is_reported_only_when_the_page_is_valid()
    {
        Assert.True(PageValidator.Validate(Page, [new(1, OptionIds: [12]), new(4, Text: "x")], null, "en").Disqualifies);
        var invalid = PageValidator.Validate(Page, [new(1, OptionIds: [12])], null, "en");
        Assert.False(invalid.IsValid);
        Assert.False(invalid.Disqualifies);
    }

    [Fact]
    public void Scales_default_to_1_to_5_for_rating_and_0_to_10_for_nps()
    {
        Assert.Equal(AnswerErrorCodes.OutOfRange,
            Single(PageValidator.Validate(Page, [new(1, OptionIds: [11]), new(4, Text: "x"), new(2, Value: 0)], null, "en")).Code);
        Assert.True(PageValidator.Validate(Page, [new(1, OptionIds: [11]), new(4, Text: "x"), new(2, Value: 1), new(3, Value: 10)], null,
            "en").IsValid);
        Assert.Equal(AnswerErrorCodes.NotWholeNumber,
            Single(PageValidator.Validate(Page, [new(1, OptionIds: [11]), new(4, Text: "x"), new(3, Value: 9.5m)], null, "en")).Code);
        Assert.Equal(AnswerErrorCodes.OutOfRange,
            Single(PageValidator.Validate(Page, [new(1, OptionIds: [11]), new(4, Text: "x"), new(3, Value: 11)], null, "en")).Code);
    }

    [Fact]
    public void Required_messages_quote_the_question_in_the_respondents_language()
    {
        var error = Single(PageValidator.Validate(Page, [new(1, OptionIds: [11]), new(4, Text: " \t ")], "es", "en"));
        Assert.Equal((4L, AnswerErrorCodes.Required), (error.QuestionId!.Value, error.Code));
        Assert.Contains("¿Por qué?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_come_in_the_pages_question_order_with_unknown_questions_last()
    {
        var result = PageValidator.Validate(Page, [new(99, Value: 1), new(4, OptionIds: [1]), new(2, Value: 7)], null, "en");
        Assert.Equal([(1L, "required"), (2L, "out_of_range"), (4L, "wrong_answer_type"), (99L, "unknown_question")],
            result.Errors.Select(e => (e.QuestionId!.Value, e.Code)));
    }

    private static AnswerError Single(PageValidation validation) => Assert.Single(validation.Errors);
}
