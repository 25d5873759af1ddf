using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Http.Hosted;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Tests.RespondentPages;

/// <summary>
/// The respondent pages' mirror of the survey logic (RespondentPages/logic.js, run by Node) walks exactly the server's path
/// (<see cref="SurveyPath"/> over <see cref="ConditionEvaluator"/>): for hundreds of random surveys with random display
/// conditions, branches and disqualifying options, and random answers and hidden fields, both give the same pages, the same
/// shown questions on each, the same kept answers and the same ending.
/// </summary>
public sealed class LogicMirrorTests
{
    private const int Cases = 400;
    private static readonly string[] Texts = ["yes", " YES please ", "no", "Maybe", "ja"];
    private static readonly string[] HiddenValues = ["a", "b", "c"];

    [Fact]
    public async Task The_pages_script_walks_the_same_path_as_the_server_for_random_surveys_and_answers()
    {
        var random = new Random(20261207);
        var cases = new JsonArray();
        var expected = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var survey = RandomSurvey(random);
            var answers = RandomAnswers(random, survey);
            var hidden = random.Next(3) == 0
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["src"] = Pick(random, HiddenValues) };
            var path = SurveyPath.Walk(survey, answers, hidden);
            expected.Add(Describe(path.Steps.Select(s => (s.Page, s.Shown.Select(q => q.Id.ToString(CultureInfo.InvariantCulture)))),
                Ending(path.Ending), path.Kept.Select(a => a.QuestionId.ToString(CultureInfo.InvariantCulture))));
            cases.Add(new JsonObject
            {
                ["survey"] = Model(survey), ["answers"] = AnswersJson(answers), ["hidden"] = JsonSerializer.SerializeToNode(hidden),
            });
        }

        var actual = await RunMirrorAsync(cases);

        Assert.Equal(Cases, actual.Count);
        for (var i = 0; i < Cases; i++)
            Assert.True(expected[i] == actual[i], $"case {i}: server {expected[i]}, page {actual[i]}\n{cases[i]!.ToJsonString()}");
        // The cases reach every kind of ending, so each branch of the mirror was compared.
        foreach (var ending in new[] { "|none|", "|end|", "|disqualify|", "|redirect:" })
            Assert.Contains(expected, e => e.Contains(ending, StringComparison.Ordinal));
    }

    private static string Describe(IEnumerable<(int Page, IEnumerable<string> Shown)> steps, string ending, IEnumerable<string> kept) =>
        string.Join(";", steps.Select(s => $"{s.Page}:{string.Join(",", s.Shown)}")) + "|" + ending + "|" +
        string.Join(",", kept.Order(StringComparer.Ordinal));

    private static string Ending(BranchAction? ending) => ending switch
    {
        null => "none",
        EndSession { Disqualify: false } => "end",
        EndSession => "disqualify",
        RedirectTo r => $"redirect:{r.Url}:{r.Disqualify}".ToLowerInvariant(),
        _ => "?",
    };

    /// <summary>Runs logic.js as the pages serve it, with a harness that walks every case and prints the same description.</summary>
    private static async Task<List<string>> RunMirrorAsync(JsonArray cases)
    {
        using var stream = typeof(HostedPage).Assembly.GetManifestResourceStream(HostedPage.LogicScript)!;
        var logic = await new StreamReader(stream).ReadToEndAsync();
        const string Harness = """
            const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            const out = cases.map(c => {
              const path = SurveyLogic.walk(c.survey, c.answers, c.hidden);
              const e = path.ending;
              const ending = !e ? 'none' : e.redirect ? ('redirect:' + e.redirect + ':' + !!e.disqualify).toLowerCase() : e.end ? 'end' : 'disqualify';
              const steps = path.steps.map(s => s.page + ':' + s.shown.map(q => q.id).join(',')).join(';');
              return steps + '|' + ending + '|' + Object.keys(path.kept).sort().join(',');
            });
            process.stdout.write(JSON.stringify(out));
            """;
        var script = Path.Combine(Path.GetTempPath(), $"logic-mirror-{Guid.NewGuid():N}.js");
        var data = Path.ChangeExtension(script, ".json");
        await File.WriteAllTextAsync(script, logic + "\n" + Harness);
        await File.WriteAllTextAsync(data, cases.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node", [script, data]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, "logic.js failed: " + errors);
            return JsonSerializer.Deserialize<List<string>>(await output)!;
        }
        finally
        {
            File.Delete(script);
            File.Delete(data);
        }
    }

    /// <summary>The survey in the shape the response page gives SurveyLogic (see response.js): ids as strings, conditions and
    /// branches as the definition writes them.</summary>
    private static JsonObject Model(Survey survey) => new()
    {
        ["pages"] = new JsonArray(survey.Pages.Select(p => (JsonNode)new JsonObject
        {
            ["identifier"] = p.Identifier,
            ["branches"] = JsonSerializer.SerializeToNode(p.Branches),
            ["questions"] = new JsonArray(p.Questions.Select(q => (JsonNode)new JsonObject
            {
                ["id"] = Id(q.Id),
                ["identifier"] = q.Identifier,
                ["kind"] = q.Type.IsChoice() ? "choice" : q.Type.IsScale() ? "scale" : "text",
                ["displayIf"] = q.DisplayIf is null ? null : JsonSerializer.SerializeToNode(q.DisplayIf),
                ["options"] = new JsonArray(q.Options.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = Id(o.Id), ["clientId"] = o.ClientId, ["label"] = o.Label.Resolve(null, "en"), ["disqualify"] = o.Disqualify,
                }).ToArray()),
            }).ToArray()),
        }).ToArray()),
    };

    private static JsonObject AnswersJson(IEnumerable<SessionAnswer> answers)
    {
        var json = new JsonObject();
        foreach (var a in answers)
        {
            var answer = new JsonObject { ["options"] = new JsonArray(a.OptionIds.Select(o => (JsonNode)Id(o)).ToArray()) };
            if (a.Value is { } value)
                answer["value"] = value;
            if (a.Text is { } text)
                answer["text"] = text;
            json[Id(a.QuestionId)] = answer;
        }
        return json;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static Survey RandomSurvey(Random random) => LogicMirrorSurveys.Random(random, Texts, HiddenValues);

    private static List<SessionAnswer> RandomAnswers(Random random, Survey survey)
    {
        var answers = new List<SessionAnswer>();
        foreach (var q in survey.Questions.Where(_ => random.Next(10) < 7))
        {
            var answer = new SessionAnswer
            {
                Id = answers.Count + 1, QuestionId = q.Id, PageIndex = survey.PageIndexOf(q.Id), QuestionIdentifier = q.Identifier,
                AnsweredAt = DateTimeOffset.UnixEpoch,
            };
            answers.Add(q.Type switch
            {
                QuestionType.MultipleChoice => answer with
                {
                    OptionIds = q.Options.Where(_ => random.Next(2) == 0).Select(o => o.Id).DefaultIfEmpty(q.Options[0].Id).ToArray(),
                },
                QuestionType.SingleChoice => answer with { OptionIds = [Pick(random, q.Options).Id] },
                QuestionType.Rating => answer with { Value = random.Next(1, 6) },
                _ => answer with { Text = Pick(random, Texts) },
            });
        }
        return answers;
    }
}
