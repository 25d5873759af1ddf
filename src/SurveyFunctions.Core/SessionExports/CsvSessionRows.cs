using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// One row per session (<see cref="ExportCsv"/>'s dialect): <see cref="FixedColumns"/>; then one column per hidden field the
/// survey declares, in its order, named <c>hidden.{name}</c> (as piping writes it: never the same as a fixed or question column,
/// since names cannot hold a dot), holding the value the session started with; then one column per question of the survey in
/// survey order, named by its identifier (<c>question.{identifier}</c> when the identifier is a fixed column's name, such as
/// <c>session_id</c>) and holding the answer as the Account family reads it (<see cref="AnswerText.Describe"/>: picked options'
/// labels joined with ", " in the survey's order, the number, or the text); then <see cref="RemovedColumn"/>: the answers to
/// questions the survey no longer has, as a JSON object from identifier to answer (empty when none). A number answer is
/// written as a number, so a negative rating stays <c>-5</c>; only text is neutralised as a possible formula.
/// </summary>
internal sealed class CsvSessionRows : CsvRows<SurveySession>
{
    public static readonly string[] FixedColumns =
        ["session_id", "respondent_id", "started_at", "completed_at", "is_completed", "is_disqualified", "language"];

    public const string RemovedColumn = "removed_question_answers";
    public const string HiddenPrefix = "hidden.";
    public const string QuestionPrefix = "question.";

    private readonly Survey _survey;
    private readonly IReadOnlyList<string> _hidden;
    private readonly Dictionary<long, int> _placeOf;
    private readonly SessionAnswer?[] _answers;

    public CsvSessionRows(Survey survey, Stream output, bool byteOrderMark)
        : base(output, byteOrderMark)
    {
        _survey = survey;
        _hidden = survey.HiddenFields;
        _placeOf = survey.Questions.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _answers = new SessionAnswer?[_placeOf.Count];
        Columns = [.. FixedColumns, .. _hidden.Select(name => HiddenPrefix + name), .. survey.Questions.Select(q => QuestionColumn(q.Identifier)),
            RemovedColumn];
    }

    protected override IReadOnlyList<string> Columns { get; }

    /// <summary>A question's column: its identifier, unless that is a fixed column's name.</summary>
    public static string QuestionColumn(string identifier) =>
        FixedColumns.Contains(identifier, StringComparer.Ordinal) || identifier == RemovedColumn ? QuestionPrefix + identifier : identifier;

    protected override void WriteFields(SurveySession session)
    {
        Csv.WriteField(session.Id.ToString(CultureInfo.InvariantCulture));
        Csv.WriteField(session.Respondent?.ExternalId ?? "");
        Csv.WriteField(ExportCsv.Instant(session.StartedAt));
        Csv.WriteField(session.CompletedAt is { } completed ? ExportCsv.Instant(completed) : "");
        Csv.WriteField(session.IsCompleted ? "true" : "false");
        Csv.WriteField(session.IsDisqualified ? "true" : "false");
        Csv.WriteField(session.Language ?? "");
        foreach (var name in _hidden)
            Csv.WriteField(session.HiddenFields.GetValueOrDefault(name) ?? "");

        Array.Clear(_answers);
        Dictionary<string, string>? removed = null;
        foreach (var answer in session.Answers)
        {
            if (_placeOf.TryGetValue(answer.QuestionId, out var place))
                _answers[place] = answer;
            else
                (removed ??= new(StringComparer.Ordinal))[answer.QuestionIdentifier] = AnswerText.Describe(answer, _survey, null);
        }
        foreach (var answer in _answers)
        {
            if (answer is { Text: null, Value: { } number })
                Csv.WriteField(number, default);
            else
                Csv.WriteField(answer is null ? "" : AnswerText.Describe(answer, _survey, null));
        }
        Csv.WriteField(removed is null ? "" : JsonSerializer.Serialize(removed, ApiJson.Options));
    }
}
