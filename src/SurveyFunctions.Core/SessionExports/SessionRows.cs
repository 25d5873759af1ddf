using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>Sessions of one survey as export rows: <see cref="CsvSessionRows"/>, or one session per line in the Account family's
/// session shape (<see cref="SessionViews.Session"/>) with <c>respondent_id</c> and the declared hidden fields.</summary>
public static class SessionRows
{
    /// <param name="format">The file format.</param>
    /// <param name="survey">The survey, as it is now: its questions are the CSV's columns and name the answers.</param>
    /// <param name="output">Where the rows go; left open.</param>
    /// <param name="byteOrderMark">CSV only: start with a UTF-8 byte order mark (for Excel).</param>
    public static ExportRows<SurveySession> Create(ExportFormat format, Survey survey, Stream output, bool byteOrderMark) =>
        format == ExportFormat.Csv
            ? new CsvSessionRows(survey, output, byteOrderMark)
            : new NdjsonRows<SurveySession, SessionViews.SessionView>(output,
                session => SessionViews.Session(survey, session, SessionViews.SessionFields.WithRespondentId));
}
