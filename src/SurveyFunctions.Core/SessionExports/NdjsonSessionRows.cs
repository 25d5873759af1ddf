using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>One session per line in the Account family's session shape (<see cref="SessionViews.Session"/>) with <c>respondent_id</c>.</summary>
internal sealed class NdjsonSessionRows(Survey survey, Stream output) : SessionRows
{
    private readonly NdjsonWriter _lines = new(output);

    public override ValueTask WriteHeaderAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public override ValueTask WriteAsync(SurveySession session, CancellationToken ct) =>
        _lines.WriteAsync(SessionViews.Session(survey, session, SessionViews.SessionFields.WithRespondentId), ct);

    public override ValueTask FlushAsync(CancellationToken ct) => new(_lines.FlushAsync(ct));

    public override ValueTask DisposeAsync() => _lines.DisposeAsync();
}
