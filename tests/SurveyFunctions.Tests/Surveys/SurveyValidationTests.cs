using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>
/// Every validation rule of a survey body, one row each: a 400 <c>validation_error</c> naming the offending field by its
/// full path, a message a person can act on, and nothing stored.
/// </summary>
public sealed class SurveyValidationTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private const string Choice = """{"type":"single_choice","question":"Q","options":[{"label":"A"},{"label":"B"}]}""";
    private const string Rating = """{"type":"rating","question":"Q"}""";

    private static string Top(string fields) => "{\"name\":\"n\"" + (fields.Length > 0 ? "," + fields : "") + "}";

    private static string Settings(string settings) => Top("\"settings\":{" + settings + "}");

    private static string Questions(params string[] questions) => Top("\"pages\":[{\"questions\":[" + string.Join(",", questions) + "]}]");

    private static string Bilingual(params string[] questions) => Top("\"languages\":[\"en\",\"es\"],\"pages\":[{\"questions\":[" + string.Join(",",
        questions) + "]}]");

    private static string Question(string fields) => "{" + fields + "}";

    private static string ChoiceWith(string options) => "{\"type\":\"single_choice\",\"question\":\"Q\",\"options\":[" + options + "]}";

    private static string RatingWith(string scale,
        string type = "rating") => "{\"type\":\"" + type + "\",\"question\":\"Q\",\"scale\":" + scale + "}";

    private static string Repeat(string item, int count) => string.Join(",", Enumerable.Repeat(item, count));

    private static string Labels(int count, int offset = 0) => string.Join(",",
        Enumerable.Range(offset, count).Select(i => $"{{\"label\":\"o{i}\"}}"));

    public static TheoryData<string, string, string> Cases => new()
    {
        // Top level
        { "name missing", "{\"pages\":[]}", "name" },
        { "name a number", "{\"name\":5}", "name" },
        { "name empty", "{\"name\":\"  \"}", "name" },
        { "name 301 characters", "{\"name\":\"" + new string('n', 301) + "\"}", "name" },
        { "name with NUL", "{\"name\":\"a\\u0000b\"}", "name" },
        { "description 5001 characters", Top("\"description\":\"" + new string('d', 5001) + "\""), "description" },
        { "description with a control character", Top("\"description\":\"a\\u0007\""), "description" },
        { "unknown top-level field", Top("\"titel\":\"x\""), "titel" },
        { "languages not an array", Top("\"languages\":\"en\""), "languages" },
        { "languages empty", Top("\"languages\":[]"), "languages" },
        { "language twice, any case", Top("\"languages\":[\"en\",\"EN\"]"), "languages[1]" },
        { "language not a code", Top("\"languages\":[\"english\"]"), "languages[0]" },
        { "language a number", Top("\"languages\":[5]"), "languages[0]" },
        { "language with a bad subtag", Top("\"languages\":[\"en-\"]"), "languages[0]" },
        { "21 languages", Top("\"languages\":[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"en-x{i}\"")) + "]"), "languages" },
        { "settings not an object", Top("\"settings\":[]"), "settings" },
        { "pages not an array", Top("\"pages\":{}"), "pages" },

        // Settings
        { "unknown setting", Settings("\"stop_criterea\":\"date\""), "settings.stop_criterea" },
        { "stop_criteria unknown", Settings("\"stop_criteria\":\"never\""), "settings.stop_criteria" },
        { "stop_criteria a number", Settings("\"stop_criteria\":1"), "settings.stop_criteria" },
        { "date without stop_value", Settings("\"stop_criteria\":\"date\""), "settings.stop_value" },
        { "date with a number", Settings("\"stop_criteria\":\"date\",\"stop_value\":100"), "settings.stop_value" },
        { "date with a date only", Settings("\"stop_criteria\":\"date\",\"stop_value\":\"2030-01-01\""), "settings.stop_value" },
        { "date before 1601", Settings("\"stop_criteria\":\"date\",\"stop_value\":\"1600-12-31T00:00:00Z\""), "settings.stop_value" },
        { "responses without stop_value", Settings("\"stop_criteria\":\"responses\""), "settings.stop_value" },
        { "responses zero", Settings("\"stop_criteria\":\"responses\",\"stop_value\":0"), "settings.stop_value" },
        { "responses a string", Settings("\"stop_criteria\":\"responses\",\"stop_value\":\"100\""), "settings.stop_value" },
        { "responses a fraction", Settings("\"stop_criteria\":\"responses\",\"stop_value\":1.5"), "settings.stop_value" },
        { "responses a date", Settings("\"stop_criteria\":\"responses\",\"stop_value\":\"2030-01-01T00:00:00Z\""), "settings.stop_value" },
        { "forever with a stop_value", Settings("\"stop_value\":5"), "settings.stop_value" },
        { "start_trigger unknown", Settings("\"start_trigger\":\"later\""), "settings.start_trigger" },
        { "date trigger without start_at", Settings("\"start_trigger\":\"date\""), "settings.start_at" },
        { "now trigger with start_at", Settings("\"start_at\":\"2030-01-01T00:00:00Z\""), "settings.start_at" },
        { "start_at not a date", Settings("\"start_trigger\":\"date\",\"start_at\":\"soon\""), "settings.start_at" },
        { "stop date not after start_at", Settings("\"start_trigger\":\"date\",\"start_at\":\"2030-01-02T00:00:00Z\",\"stop_criteria\":\"date\",\"stop_value\":\"2030-01-01T00:00:00Z\""), "settings.stop_value" },
        { "is_anonymous a string", Settings("\"is_anonymous\":\"yes\""), "settings.is_anonymous" },
        { "redirect_url javascript", Settings("\"redirect_url\":\"javascript:alert(1)\""), "settings.redirect_url" },
        { "redirect_url relative", Settings("\"redirect_url\":\"/thanks\""), "settings.redirect_url" },
        { "redirect_url ftp", Settings("\"redirect_url\":\"ftp://example.com/x\""), "settings.redirect_url" },
        { "redirect_url with a space", Settings("\"redirect_url\":\"https://example.com/a b\""), "settings.redirect_url" },
        { "redirect_url 2001 characters", Settings("\"redirect_url\":\"https://example.com/" + new string('p', 1982) + "\""),
            "settings.redirect_url" },
        { "redirect_type url without redirect_url", Settings("\"redirect_type\":\"url\""), "settings.redirect_url" },
        { "redirect_type unknown", Settings("\"redirect_type\":\"page\""), "settings.redirect_type" },
        { "redirect_url_disqualified not a URL", Settings("\"redirect_url_disqualified\":\"not a url\""), "settings.redirect_url_disqualified" },
        { "user_hash_method unknown", Settings("\"user_hash_method\":\"fingerprint\""), "settings.user_hash_method" },
        { "complete_html a number", Settings("\"complete_html\":5"), "settings.complete_html" },
        { "complete_html with a control character", Settings("\"complete_html\":\"<p>\\u0001</p>\""), "settings.complete_html" },
        { "complete_json over 20,000 characters", Settings("\"complete_json\":{\"x\":\"" + new string('j', 20_000) + "\"}"),
            "settings.complete_json" },
        { "reward_amount negative", Settings("\"reward_amount\":-1"), "settings.reward_amount" },
        { "reward_amount a string", Settings("\"reward_amount\":\"5\""), "settings.reward_amount" },
        { "reward_amount huge", Settings("\"reward_amount\":1e30"), "settings.reward_amount" },
        { "reward_name 201 characters", Settings("\"reward_name\":\"" + new string('r', 201) + "\""), "settings.reward_name" },
        { "allow_multiple_responses a number", Settings("\"allow_multiple_responses\":1"), "settings.allow_multiple_responses" },

        // Pages
        { "51 pages", Top("\"pages\":[" + Repeat("{\"questions\":[" + Rating + "]}", 51) + "]"), "pages" },
        { "a page not an object", Top("\"pages\":[[]]"), "pages[0]" },
        { "a page without questions", Top("\"pages\":[{}]"), "pages[0].questions" },
        { "a page with no questions", Top("\"pages\":[{\"questions\":[]}]"), "pages[0].questions" },
        { "a page with an unknown field", Top("\"pages\":[{\"title\":\"x\",\"questions\":[" + Rating + "]}]"), "pages[0].title" },
        { "101 questions on a page", Questions(Enumerable.Repeat(Rating, 101).ToArray()), "pages[0].questions" },
        { "201 questions in all", Top("\"pages\":[" + Repeat("{\"questions\":[" + Repeat(Rating, 67) + "]}", 3) + "]"), "pages" },

        // Questions
        { "question not an object", Questions("\"q\""), "pages[0].questions[0]" },
        { "question with an unknown field", Questions(Question("\"type\":\"text\",\"question\":\"Q\",\"text\":\"x\"")),
            "pages[0].questions[0].text" },
        { "type missing", Questions(Question("\"question\":\"Q\"")), "pages[0].questions[0].type" },
        { "type unknown", Questions(Question("\"type\":\"likert\",\"question\":\"Q\"")), "pages[0].questions[0].type" },
        { "question missing", Questions(Question("\"type\":\"text\"")), "pages[0].questions[0].question" },
        { "question empty", Questions(Question("\"type\":\"text\",\"question\":\"\"")), "pages[0].questions[0].question" },
        { "question a number", Questions(Question("\"type\":\"text\",\"question\":7")), "pages[0].questions[0].question" },
        { "question 2001 characters", Questions(Question("\"type\":\"text\",\"question\":\"" + new string('q', 2001) + "\"")),
            "pages[0].questions[0].question" },
        { "question with NUL", Questions(Question("\"type\":\"text\",\"question\":\"a\\u0000\"")), "pages[0].questions[0].question" },
        { "question lacks a language", Bilingual(Question("\"type\":\"text\",\"question\":{\"en\":\"Q\"}")), "pages[0].questions[0].question" },
        { "question in a language the survey lacks", Bilingual(Question("\"type\":\"text\",\"question\":{\"en\":\"Q\",\"es\":\"P\",\"fr\":\"Q\"}")),
            "pages[0].questions[0].question.fr" },
        { "question language text a number", Bilingual(Question("\"type\":\"text\",\"question\":{\"en\":1,\"es\":\"P\"}")),
            "pages[0].questions[0].question.en" },
        { "question language text empty", Bilingual(Question("\"type\":\"text\",\"question\":{\"en\":\"Q\",\"es\":\"\"}")),
            "pages[0].questions[0].question.es" },
        { "question an array", Questions(Question("\"type\":\"text\",\"question\":[\"Q\"]")), "pages[0].questions[0].question" },
        { "required a string", Questions(Question("\"type\":\"text\",\"question\":\"Q\",\"required\":\"true\"")), "pages[0].questions[0].required" },
        { "identifier starting with a digit", Questions(Question("\"identifier\":\"1abc\",\"type\":\"text\",\"question\":\"Q\"")),
            "pages[0].questions[0].identifier" },
        { "identifier with a space", Questions(Question("\"identifier\":\"a b\",\"type\":\"text\",\"question\":\"Q\"")),
            "pages[0].questions[0].identifier" },
        { "identifier 65 characters", Questions(Question("\"identifier\":\"" + new string('i', 65) + "\",\"type\":\"text\",\"question\":\"Q\"")),
            "pages[0].questions[0].identifier" },
        { "identifier used twice, any case", Questions(Question("\"identifier\":\"qA\",\"type\":\"text\",\"question\":\"Q\""),
            Question("\"identifier\":\"QA\",\"type\":\"text\",\"question\":\"Q\"")), "pages[0].questions[1].identifier" },
        { "question id zero", Questions(Question("\"id\":0,\"type\":\"text\",\"question\":\"Q\"")), "pages[0].questions[0].id" },
        { "question id a string", Questions(Question("\"id\":\"5\",\"type\":\"text\",\"question\":\"Q\"")), "pages[0].questions[0].id" },
        { "question id used twice", Questions(Question("\"id\":5,\"type\":\"text\",\"question\":\"Q\""),
            Question("\"id\":5,\"type\":\"text\",\"question\":\"R\"")), "pages[0].questions[1].id" },

        // Options
        { "choice with one option", Questions(ChoiceWith(Labels(1))), "pages[0].questions[0].options" },
        { "choice without options", Questions(Question("\"type\":\"dropdown\",\"question\":\"Q\"")), "pages[0].questions[0].options" },
        { "choice with 101 options", Questions(ChoiceWith(Labels(101))), "pages[0].questions[0].options" },
        { "options on a text question", Questions(Question("\"type\":\"text\",\"question\":\"Q\",\"options\":[{\"label\":\"A\"}]")),
            "pages[0].questions[0].options" },
        { "options on a rating question", Questions(Question("\"type\":\"rating\",\"question\":\"Q\",\"options\":[{\"label\":\"A\"},{\"label\":\"B\"}]")), "pages[0].questions[0].options" },
        { "options not an array", Questions(Question("\"type\":\"multiple_choice\",\"question\":\"Q\",\"options\":{}")),
            "pages[0].questions[0].options" },
        { "option not an object", Questions(ChoiceWith("\"A\",\"B\"")), "pages[0].questions[0].options[0]" },
        { "option with an unknown field", Questions(ChoiceWith("{\"label\":\"A\",\"value\":1},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].value" },
        { "option label missing", Questions(ChoiceWith("{\"label\":\"A\"},{\"disqualify\":true}")), "pages[0].questions[0].options[1].label" },
        { "option label empty", Questions(ChoiceWith("{\"label\":\" \"},{\"label\":\"B\"}")), "pages[0].questions[0].options[0].label" },
        { "option label with NUL", Questions(ChoiceWith("{\"label\":\"A\\u0000\"},{\"label\":\"B\"}")), "pages[0].questions[0].options[0].label" },
        { "option label 501 characters", Questions(ChoiceWith("{\"label\":\"" + new string('l', 501) + "\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].label" },
        { "option labels repeated", Questions(ChoiceWith("{\"label\":\"A\"},{\"label\":\"A\"}")), "pages[0].questions[0].options[1].label" },
        { "option labels repeated in one language",
            Bilingual(ChoiceWith("{\"label\":{\"en\":\"A\",\"es\":\"S\"}},{\"label\":{\"en\":\"B\",\"es\":\"S\"}}")),
                "pages[0].questions[0].options[1].label" },
        { "option label lacks a language", Bilingual(Question("\"type\":\"text\",\"question\":\"Q\""),
            ChoiceWith("{\"label\":\"A\"},{\"label\":{\"es\":\"B\"}}")), "pages[0].questions[1].options[1].label" },
        { "option id with a quote", Questions(ChoiceWith("{\"id\":\"a'b\",\"label\":\"A\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].id" },
        { "option id 65 characters", Questions(ChoiceWith("{\"id\":\"" + new string('o', 65) + "\",\"label\":\"A\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].id" },
        { "option id a boolean", Questions(ChoiceWith("{\"id\":true,\"label\":\"A\"},{\"label\":\"B\"}")), "pages[0].questions[0].options[0].id" },
        { "option id zero", Questions(ChoiceWith("{\"id\":0,\"label\":\"A\"},{\"label\":\"B\"}")), "pages[0].questions[0].options[0].id" },
        { "option id a fraction", Questions(ChoiceWith("{\"id\":1.5,\"label\":\"A\"},{\"label\":\"B\"}")), "pages[0].questions[0].options[0].id" },
        { "option ids repeated", Questions(ChoiceWith("{\"id\":\"x\",\"label\":\"A\"},{\"id\":\"x\",\"label\":\"B\"}")),
            "pages[0].questions[0].options[1].id" },
        { "option integer ids repeated across questions",
            Questions(ChoiceWith("{\"id\":7,\"label\":\"A\"},{\"label\":\"B\"}"), ChoiceWith("{\"id\":7,\"label\":\"A\"},{\"label\":\"B\"}")),
                "pages[0].questions[1].options[0].id" },
        { "client_id differs from id", Questions(ChoiceWith("{\"id\":\"x\",\"client_id\":\"y\",\"label\":\"A\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].client_id" },
        { "client_id with a slash", Questions(ChoiceWith("{\"client_id\":\"a/b\",\"label\":\"A\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].client_id" },
        { "disqualify a string", Questions(ChoiceWith("{\"label\":\"A\",\"disqualify\":\"no\"},{\"label\":\"B\"}")),
            "pages[0].questions[0].options[0].disqualify" },
        { "2001 options in all", Top("\"pages\":[" + string.Join(",",
            Enumerable.Range(0, 3).Select(p => "{\"questions\":[" + string.Join(",",
                Enumerable.Range(0, 7).Select(_ => ChoiceWith(Labels(100)))) + "]}")) + "]"), "pages[2].questions[6].options" },

        // Scales
        { "scale on a text question", Questions(RatingWith("{\"min\":1,\"max\":5}", "text")), "pages[0].questions[0].scale" },
        { "scale on a choice question", Questions("{\"type\":\"single_choice\",\"question\":\"Q\",\"options\":[{\"label\":\"A\"},{\"label\":\"B\"}],\"scale\":{}}"), "pages[0].questions[0].scale" },
        { "scale not an object", Questions(RatingWith("[1,5]")), "pages[0].questions[0].scale" },
        { "scale min equals max", Questions(RatingWith("{\"min\":3,\"max\":3}")), "pages[0].questions[0].scale.max" },
        { "scale min above max", Questions(RatingWith("{\"min\":5,\"max\":1}")), "pages[0].questions[0].scale.max" },
        { "scale max 101", Questions(RatingWith("{\"min\":1,\"max\":101}")), "pages[0].questions[0].scale.max" },
        { "scale min a string", Questions(RatingWith("{\"min\":\"1\",\"max\":5}")), "pages[0].questions[0].scale.min" },
        { "scale with an unknown field", Questions(RatingWith("{\"min\":1,\"max\":5,\"step\":1}")), "pages[0].questions[0].scale.step" },
        { "nps scale from 1", Questions(RatingWith("{\"min\":1}", "nps")), "pages[0].questions[0].scale.min" },
        { "nps scale to 5", Questions(RatingWith("{\"max\":5}", "nps")), "pages[0].questions[0].scale.max" },
        { "scale label key not a number", Questions(RatingWith("{\"labels\":{\"six\":\"x\"}}")), "pages[0].questions[0].scale.labels.six" },
        { "scale label key out of range", Questions(RatingWith("{\"min\":1,\"max\":5,\"labels\":{\"9\":\"x\"}}")),
            "pages[0].questions[0].scale.labels.9" },
        { "scale label key repeated", Questions(RatingWith("{\"labels\":{\"1\":\"x\",\"01\":\"y\"}}")), "pages[0].questions[0].scale.labels.01" },
        { "scale label a number", Questions(RatingWith("{\"labels\":{\"1\":5}}")), "pages[0].questions[0].scale.labels.1" },
        { "scale labels not an object", Questions(RatingWith("{\"labels\":[\"a\"]}")), "pages[0].questions[0].scale.labels" },
        { "scale label lacks a language", Bilingual(RatingWith("{\"labels\":{\"1\":{\"en\":\"Poor\"}}}")), "pages[0].questions[0].scale.labels.1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_refuses_it_naming_the_field_and_stores_nothing(string input, string body, string field)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var reply = await host.Http.PostReplyAsync("/api/surveys", body, key);
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{input}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        var message = reply.Json["error"]!["message"]!.GetValue<string>();
        Assert.InRange(message.Length, 10, 400);
        Assert.Equal(0, (await host.Http.GetReplyAsync("/api/surveys", key)).Json["pagination"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_accepted_shape_of_the_rows_above_is_fine_when_valid()
    {
        // Guards the table: the builders produce valid bodies when nothing is wrong, so each row fails for its own reason.
        var (_, key, _) = await host.Http.CreateTenantAsync();
        string[] valid =
        [
            Top(""), Questions(Choice, Rating), Bilingual(ChoiceWith("{\"label\":{\"en\":\"A\",\"es\":\"S\"}},{\"label\":{\"en\":\"B\",\"es\":\"T\"}}")),
            Questions(RatingWith("{\"min\":1,\"max\":5,\"labels\":{\"1\":\"x\"}}")), Questions(RatingWith("{\"labels\":{\"0\":\"x\"}}", "nps")),
            Settings("\"stop_criteria\":\"date\",\"stop_value\":\"2001-01-01T00:00:00Z\",\"start_trigger\":\"date\",\"start_at\":\"2000-01-01T00:00:00Z\""),
            Top("\"pages\":[" + string.Join(",", Enumerable.Range(0,
                2).Select(p => "{\"questions\":[" + string.Join(",", Enumerable.Range(0, 10).Select(_ => ChoiceWith(Labels(100)))) + "]}")) + "]"),
        ];
        foreach (var body in valid)
        {
            var reply = await host.Http.PostReplyAsync("/api/surveys", body, key);
            Assert.True(reply.Status == HttpStatusCode.Created,
                $"{body[..Math.Min(200, body.Length)]}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        }
    }
}
