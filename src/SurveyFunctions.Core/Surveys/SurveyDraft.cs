using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// A validated create or edit body, before ids are assigned (<see cref="SurveyAssembler"/> does that). Ids given in the body
/// (<see cref="QuestionDraft.Id"/>, <see cref="OptionDraft.Id"/>) only say which existing question or option an entry is.
/// </summary>
public sealed record SurveyDraft(string Name, string? Description, IReadOnlyList<string> Languages, SurveySettings Settings,
    IReadOnlyList<PageDraft> Pages, IReadOnlyList<string> HiddenFields);

public sealed record PageDraft(IReadOnlyList<QuestionDraft> Questions, string? Identifier, IReadOnlyList<PageBranch> Branches);

public sealed record QuestionDraft(long? Id, string? Identifier, QuestionType Type, LocalizedText Text, bool Required,
    IReadOnlyList<OptionDraft> Options, RatingScale? Scale, Condition? DisplayIf);

public sealed record OptionDraft(long? Id, string? ClientId, LocalizedText Label, bool Disqualify);
