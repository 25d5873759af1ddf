using System.Globalization;
using System.Net;
using System.Text;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// A question as the Take family shows it: <c>json</c> (what a client renders itself from) and <c>html</c> (a ready form row).
/// Every text from the survey goes through HTML encoding, so a question or label holding markup shows as text and can
/// never inject script into the page that embeds it. Form fields are named <c>q_{questionId}</c> (<c>formParam</c>).
/// </summary>
internal static class QuestionRenderer
{
    public const string ParamPrefix = "q_";
    public const string ParamIdType = "questionId";

    /// <summary>The pseudo-question of <c>language_selection_required</c>: pick one of the survey's languages, sent back as
    /// <c>language</c>.</summary>
    public const string LanguageType = "language";

    /// <param name="fill">Fills the placeholders of the question's text and option labels for the respondent (piping).</param>
    public static QuestionViews.Question Render(SurveyQuestion question, string language, string defaultLanguage, Func<string, string> fill)
    {
        var text = fill(question.Text.Resolve(language, defaultLanguage));
        var options = question.Options.Select(o => new QuestionViews.AnswerOption(o.Id, fill(o.Label.Resolve(language, defaultLanguage)))).ToArray();
        QuestionViews.Scale? scale = null;
        if (question.Type.IsScale())
        {
            var range = question.Scale ?? (question.Type == QuestionType.Nps ? RatingScale.Nps : RatingScale.DefaultRating);
            scale = new QuestionViews.Scale(range.Min, range.Max, range.Labels.ToDictionary(
                l => l.Key.ToString(CultureInfo.InvariantCulture), l => l.Value.Resolve(language, defaultLanguage)));
        }
        var json = new QuestionViews.QuestionJson(question.Id, question.Type.ToWire(), text, options,
            new QuestionViews.FormParam(ParamPrefix, ParamIdType), question.Required, scale);
        return new QuestionViews.Question(Html(json), json);
    }

    public static QuestionViews.Question RenderLanguageChoice(Survey survey)
    {
        var options = survey.Languages.Select(l => new QuestionViews.AnswerOption(l, l)).ToArray();
        var json = new QuestionViews.QuestionJson(0, LanguageType, "Choose a language", options,
            new QuestionViews.FormParam("language", "language"), true);
        var html = new StringBuilder(
            "<div class=\"qstn-row qstn-language\"><label class=\"qstn-text\" for=\"language\">Choose a language</label><select id=\"language\" " +
            "name=\"language\" required>");
        foreach (var language in survey.Languages)
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{Encode(language)}\">{Encode(language)}</option>");
        html.Append("</select></div>");
        return new QuestionViews.Question(html.ToString(), json);
    }

    private static string Html(QuestionViews.QuestionJson q)
    {
        var name = ParamPrefix + q.Id.ToString(CultureInfo.InvariantCulture);
        var required = q.Required ? " required" : "";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"qstn-row\" data-question-id=\"{q.Id}\" data-question-type=\"{q.Type}\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"qstn-text\">{Encode(q.Text)}{(q.Required ? "<span class=\"qstn-required\">*</span>" : "")}</p>");
        switch (q.Type)
        {
            case "single_choice" or "multiple_choice":
                var input = q.Type == "single_choice" ? "radio" : "checkbox";
                html.Append("<ul class=\"qstn-answers\">");
                foreach (var option in q.Answers)
                    html.Append(CultureInfo.InvariantCulture,
                        $"<li><label><input type=\"{input}\" name=\"{name}\" value=\"{option.Id}\"{(input == "radio" ? required : "")}> " +
                        $"{Encode(option.Text)}</label></li>");
                html.Append("</ul>");
                break;
            case "dropdown":
                html.Append(CultureInfo.InvariantCulture, $"<select name=\"{name}\"{required}><option value=\"\"></option>");
                foreach (var option in q.Answers)
                    html.Append(CultureInfo.InvariantCulture, $"<option value=\"{option.Id}\">{Encode(option.Text)}</option>");
                html.Append("</select>");
                break;
            case "rating" or "nps":
                html.Append("<ul class=\"qstn-scale\">");
                for (var value = q.Scale!.Min; value <= q.Scale.Max; value++)
                {
                    var key = value.ToString(CultureInfo.InvariantCulture);
                    var label = q.Scale.Labels.TryGetValue(key, out var text) ? text : key;
                    html.Append(CultureInfo.InvariantCulture,
                        $"<li><label><input type=\"radio\" name=\"{name}\" value=\"{key}\"{required}> {Encode(label)}</label></li>");
                }
                html.Append("</ul>");
                break;
            default:
                html.Append(CultureInfo.InvariantCulture,
                    $"<textarea name=\"{name}\" maxlength=\"{PageValidator.MaxTextLength}\"{required}></textarea>");
                break;
        }
        html.Append("</div>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
