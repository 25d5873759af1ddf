using System.Globalization;
using System.Text.Json;
using CsvHelper;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// One row per session (<see cref="ExportCsv"/>'s dialect): <see cref="FixedColumns"/>, then one column per question of the survey
/// in survey order, named by its identifier and holding the answer as the Account family reads it (<see cref="AnswerText.Describe"/>:
/// picked options' labels joined with ", " in the survey's order, the number, or the text), then <see cref="RemovedColumn"/>: the
/// answers to questions the survey no longer has, as a JSON object from identifier to answer (empty when none).
/// </summary>
internal sealed class CsvSessionRows : SessionRows
{
    public static readonly string[] FixedColumns =
        ["session_id", "respondent_id", "started_at", "completed_at", "is_completed", "is_disqualified", "language"];

    public const string RemovedColumn = "removed_question_answers";

    private readonly Survey _survey;
    private readonly SurveyQuestion[] _questions;
    private readonly Dictionary<long, int> _columnOf;
    private readonly CsvWriter _csv;
    private readonly string[] _row;

    public CsvSessionRows(Survey survey, Stream output, bool byteOrderMark)
    {
        _survey = survey;
        _questions = [.. survey.Questions];
        _columnOf = _questions.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => FixedColumns.Length + p.i);
        _csv = ExportCsv.Create(output, byteOrderMark);
        _row = new string[FixedColumns.Length + _questions.Length + 1];
    }

    public override ValueTask WriteHeaderAsync(CancellationToken ct)
    {
        _csv.WriteHeader([.. FixedColumns, .. _questions.Select(q => q.Identifier), RemovedColumn]);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask WriteAsync(SurveySession session, CancellationToken ct)
    {
        Array.Fill(_row, "");
        _row[0] = session.Id.ToString(CultureInfo.InvariantCulture);
        _row[1] = session.Respondent?.ExternalId ?? "";
        _row[2] = Instant(session.StartedAt);
        _row[3] = session.CompletedAt is { } completed ? Instant(completed) : "";
        _row[4] = session.IsCompleted ? "true" : "false";
        _row[5] = session.IsDisqualified ? "true" : "false";
        _row[6] = session.Language ?? "";
        Dictionary<string, string>? removed = null;
        foreach (var answer in session.Answers)
        {
            var text = AnswerText.Describe(answer, _survey, null);
            if (_columnOf.TryGetValue(answer.QuestionId, out var column))
                _row[column] = text;
            else
                (removed ??= new(StringComparer.Ordinal))[answer.QuestionIdentifier] = text;
        }
        _row[^1] = removed is null ? "" : JsonSerializer.Serialize(removed, ApiJson.Options);
        await _csv.WriteRecordAsync(_row, ct).ConfigureAwait(false);
    }

    public override ValueTask FlushAsync(CancellationToken ct) => _csv.FlushAsync(ct);

    public override ValueTask DisposeAsync() => _csv.DisposeAsync();

    /// <summary>UTC, ISO 8601 to the millisecond: sorts as text and reads in every spreadsheet.</summary>
    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
