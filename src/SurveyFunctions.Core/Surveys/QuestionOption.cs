namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// An answer option of a choice question. <paramref name="Id"/> is ours: an integer unique in the tenant (the Take family's
/// <c>answers[].id</c> / <c>answerIDs</c>), kept across edits. <paramref name="ClientId"/> is the optional id the client gave
/// the option (<c>"id": "opt_yes"</c> in the create body), used to recognise it in later edits. Picking an option with
/// <paramref name="Disqualify"/> ends the respondent's session as disqualified (the Take family's <c>terminated</c>).
/// </summary>
public sealed record QuestionOption(long Id, string? ClientId, LocalizedText Label, bool Disqualify);
