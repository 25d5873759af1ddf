using System.Globalization;
using System.Text.Json.Serialization;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The Responses family's wire shapes (Zendesk's Help Center survey responses API), field for field. A survey response
/// is its <see cref="SurveyResponse"/>
/// record plus its session: the answers are the session's, one per question of the survey once submitted (a question
/// without an answer is <c>skipped</c>), none before. Question types map as rating/NPS → <c>rating_scale_numeric</c>,
/// single/multiple choice and dropdown → <c>closed_ended</c>, text → <c>open_ended</c>.
/// </summary>
public static class ResponseViews
{
    public sealed record TextObject(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
        string Type,
        string Value);

    public sealed record OptionView(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
        TextObject Label,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Rating);

    public sealed record QuestionView(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Alias,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TextObject? Headline,
        string Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OptionView>? Options,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SubType,
        string Type);

    public sealed record SelectionView(string OptionId, string Type);

    public sealed record AnswerView(
        string CreatedAt,
        QuestionView Question,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Rating,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RatingCategory,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SelectionView>? Selections,
        string Type,
        string UpdatedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value);

    public sealed record SubjectView(string Id, string Type, string Zrn);

    /// <summary><c>state</c>: enabled while the survey takes responses, else disabled; <c>version</c>: see <see cref="Version"/>.</summary>
    public sealed record SurveyRef(string Id, string State, long Version);

    public sealed record ResponseView(
        IReadOnlyList<AnswerView> Answers,
        string ExpiresAt,
        string Id,
        long ResponderId,
        IReadOnlyList<string> SubjectZrns,
        IReadOnlyList<SubjectView> Subjects,
        SurveyRef Survey);

    public sealed record RatingLink(TextObject Emoji, TextObject Label, int Rating, string UrlPath);

    public sealed record LinksView(IReadOnlyList<RatingLink> RatingLinks, string Type, string UrlPath);

    public sealed record CreatedView(string Id, LinksView Links, string ExpiresAt);

    public sealed record Wrapped<T>(T SurveyResponse) where T : class;

    public sealed record ListMeta(string? AfterCursor, string? BeforeCursor, bool HasMore);

    public sealed record ListView(ListMeta Meta, IReadOnlyList<ResponseView> SurveyResponses);

    /// <summary>Zendesk's documented faces, worst to best; a scale's values are spread over them.</summary>
    private static readonly string[] Faces = ["😞", "🙁", "😐", "🙂", "😀"];

    /// <summary>Zendesk's documented instants: UTC, always with milliseconds (<c>2024-08-14T12:00:00.000Z</c>).</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The survey's version: its last change as Unix milliseconds. Surveys keep no edit counter; this number only ever grows
    /// and changes exactly when the survey does, which is what a client compares versions for.
    /// </summary>
    public static long Version(Survey survey) => survey.UpdatedAt.ToUnixTimeMilliseconds();

    /// <summary>
    /// The create reply: the response's page (<c>/hc/{locale}/survey_responses/{id}?access_token=…</c>) and, when the survey
    /// has a rating or NPS question, one link per value of the first one's scale that records that rating
    /// (<c>type: rating_link_emoji</c>); otherwise just the page (<c>type: link</c>, no rating links).
    /// </summary>
    public static CreatedView Created(SurveyResponse response, Survey survey, string accessToken)
    {
        var language = LanguageFor(survey, response.Locale);
        var page = $"/hc/{response.Locale}/survey_responses/{response.Id}?access_token={Uri.EscapeDataString(accessToken)}";
        var rating = survey.Questions.FirstOrDefault(q => q.Type.IsScale());
        var links = rating is null
            ? []
            : Values(rating).Select(v => new RatingLink(
                Static(Face(ScaleOf(rating), v)),
                ScaleLabel(survey, rating, v, language),
                v,
                page + "&rating=" + v.ToString(CultureInfo.InvariantCulture))).ToArray();
        return new CreatedView(response.Id, new LinksView(links, rating is null ? "link" : "rating_link_emoji", page), Instant(response.ExpiresAt));
    }

    /// <summary>
    /// A stored response. With <paramref name="locale"/> (the <c>/{locale}/</c> read) each question also carries its alias,
    /// headline and options, translated; without it, just its id and type (list and submit replies, as its documentation shows them).
    /// </summary>
    public static ResponseView Response(SurveyResponse response, SurveySession? session, Survey survey, DateTimeOffset now, string? locale = null)
    {
        var answers = session is { IsCompleted: true }
            ? survey.Questions.Select(q => Answer(q, session.AnswerTo(q.Id), session, survey, locale)).ToArray()
            : [];
        var state = SurveyRules.Availability(survey, now, 0) == SurveyAvailability.Open ? "enabled" : "disabled";
        return new ResponseView(
            answers,
            Instant(response.ExpiresAt),
            response.Id,
            response.ResponderId,
            response.SubjectZrns,
            response.SubjectZrns.Select(Subject).ToArray(),
            new SurveyRef(survey.Uuid, state, Version(survey)));
    }

    /// <summary>bad / neutral / good: NPS as detractor (0–6), passive (7–8), promoter (9–10); other scales by
    /// thirds-ish (below 40 % bad, above 60 % good).</summary>
    public static string RatingCategory(SurveyQuestion question, long value)
    {
        if (question.Type == QuestionType.Nps)
            return value <= 6 ? "bad" : value <= 8 ? "neutral" : "good";
        var scale = ScaleOf(question);
        var position = scale.Max == scale.Min ? 1.0 : (double)(value - scale.Min) / (scale.Max - scale.Min);
        return position < 0.4 ? "bad" : position > 0.6 ? "good" : "neutral";
    }

    /// <summary>The answer type a submission must use for a question (<c>skipped</c> fits any).</summary>
    public static string AnswerTypeFor(QuestionType type) =>
        type.IsScale() ? ResponseInput.RatingScale : type.IsChoice() ? ResponseInput.ClosedEnded : ResponseInput.OpenEnded;

    private static AnswerView Answer(SurveyQuestion question, SessionAnswer? answer, SurveySession session, Survey survey, string? locale)
    {
        var view = Question(question, survey, locale);
        if (answer is null)
            return new AnswerView(Instant(session.CompletedAt ?? session.LastAccessAt), view, null, null, null, ResponseInput.Skipped,
                Instant(session.LastAccessAt), null);
        var created = Instant(answer.CreatedAt);
        var updated = Instant(answer.AnsweredAt);
        if (question.Type.IsScale() && answer.Value is { } rating)
            return new AnswerView(created, view, rating, RatingCategory(question, rating), null, ResponseInput.RatingScale, updated, null);
        if (question.Type.IsChoice())
            return new AnswerView(created, view, null, null, answer.OptionIds.Select(id => new SelectionView(WireIds.Of(id), "predefined")).ToArray(),
                ResponseInput.ClosedEnded, updated, null);
        return new AnswerView(created, view, null, null, null, ResponseInput.OpenEnded, updated, answer.Text);
    }

    public static QuestionView Question(SurveyQuestion question, Survey survey, string? locale)
    {
        var type = question.Type.IsScale() ? "rating_scale_numeric" : question.Type.IsChoice() ? "closed_ended" : "open_ended";
        var subType = question.Type switch { QuestionType.Rating => "customer_satisfaction", QuestionType.Nps => "net_promoter_score", _ => null };
        var id = WireIds.Of(question.Id);
        if (locale is null)
            return new QuestionView(null, null, id, null, subType, type);

        var language = LanguageFor(survey, locale);
        var key = $"surveys.{survey.Uuid}.questions.{id}";
        IReadOnlyList<OptionView>? options = question.Type.IsChoice()
            ? question.Options.Select(o => new OptionView(WireIds.Of(o.Id),
                Text(survey, o.Label, language, $"{key}.options.{WireIds.Of(o.Id)}.label"), null)).ToArray()
            : question.Type.IsScale() ? Values(question).Select(v => new OptionView(null, ScaleLabel(survey, question, v, language), v)).ToArray()
            : null;
        return new QuestionView(question.Identifier, Text(survey, question.Text, language, key + ".headline"), id, options, subType, type);
    }

    /// <summary>A value's label on the scale, or the number itself when the scale names none.</summary>
    private static TextObject ScaleLabel(Survey survey, SurveyQuestion question, int value, string language)
    {
        var label = ScaleOf(question).LabelFor(value);
        var text = value.ToString(CultureInfo.InvariantCulture);
        return label is null
            ? (survey.Languages.Count == 1 ? Static(text)
                : new TextObject($"surveys.{survey.Uuid}.questions.{WireIds.Of(question.Id)}.scale.{text}.label", "dynamic", text))
            : Text(survey, label, language, $"surveys.{survey.Uuid}.questions.{WireIds.Of(question.Id)}.scale.{text}.label");
    }

    /// <summary>
    /// Static text for a single-language survey; dynamic (a stable key and the value in the asked language, falling back to
    /// the survey's default) for a multi-language one, as Zendesk's dynamic content works.
    /// </summary>
    private static TextObject Text(Survey survey, LocalizedText text, string language, string key) =>
        survey.Languages.Count == 1
            ? Static(text.Resolve(language, survey.DefaultLanguage))
            : new TextObject(key, "dynamic", text.Resolve(language, survey.DefaultLanguage));

    private static TextObject Static(string value) => new(null, "static", value);

    /// <summary>The survey language for a locale (<c>en-us</c> → <c>en</c>), else the survey's default.</summary>
    public static string LanguageFor(Survey survey, string? locale) => SurveyLanguages.Match(survey, locale) ?? survey.DefaultLanguage;

    private static RatingScale ScaleOf(SurveyQuestion question) =>
        question.Scale ?? (question.Type == QuestionType.Nps ? RatingScale.Nps : RatingScale.DefaultRating);

    private static IEnumerable<int> Values(SurveyQuestion question)
    {
        var scale = ScaleOf(question);
        return Enumerable.Range(scale.Min, scale.Max - scale.Min + 1);
    }

    private static string Face(RatingScale scale, int value)
    {
        var position = scale.Max == scale.Min ? 1.0 : (double)(value - scale.Min) / (scale.Max - scale.Min);
        return Faces[(int)Math.Round(position * (Faces.Length - 1))];
    }

    /// <summary><c>zen:ticket:99</c> → <c>{"id": "99", "type": "ticket", "zrn": "zen:ticket:99"}</c>.</summary>
    private static SubjectView Subject(string zrn)
    {
        var parts = zrn.Split(':', 3);
        return new SubjectView(parts.Length == 3 ? parts[2] : zrn, parts.Length == 3 ? parts[1] : "", zrn);
    }
}
