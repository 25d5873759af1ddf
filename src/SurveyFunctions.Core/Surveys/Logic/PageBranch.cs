using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// A rule of a page, evaluated in order once the page is accepted: the first whose <see cref="If"/> holds decides where the
/// respondent goes (<see cref="Then"/>); when none holds, the next page.
/// </summary>
[JsonConverter(typeof(PageBranchJsonConverter))]
public sealed record PageBranch(Condition If, BranchAction Then);

/// <summary>Where a branch leads: <c>{"go_to": "page"}</c>, <c>{"end": true}</c>, <c>{"disqualify": true}</c>, or
/// <c>{"redirect": "https://…"}</c> (with <c>"disqualify": true</c> beside it, the session ends disqualified).</summary>
public abstract record BranchAction;

/// <summary>On to the page with identifier <paramref name="Page"/>, which must come later in the survey.</summary>
public sealed record GoToPage(string Page) : BranchAction;

/// <summary>The session ends: completed, or disqualified (the QuestionPro survey-taking API's <c>terminated</c>).</summary>
public sealed record EndSession(bool Disqualify) : BranchAction;

/// <summary>The session ends (completed, or disqualified) and the respondent is sent to <paramref name="Url"/>.</summary>
public sealed record RedirectTo(string Url, bool Disqualify) : BranchAction;
