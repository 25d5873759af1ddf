using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Admin;
using SurveyFunctions.Core.Exports;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Events;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.SurveyManagement;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;
using SurveyFunctions.Core.Take;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Tests.OpenApi;

/// <summary>Where a schema of the OpenAPI document comes from in the code.</summary>
internal abstract record SchemaSource;

/// <summary>A reply body: serialized from this type with the API's serializer options.</summary>
internal sealed record ProducedBy(Type Type) : SchemaSource;

/// <summary>
/// A request body: read field by field (no type is deserialized), refusing any field not in <paramref name="Fields"/>.
/// <paramref name="Nested"/> gives the accepted fields of an object (or of an array's items) under one of them.
/// </summary>
internal sealed record AcceptedFields(IReadOnlyList<string> Fields, IReadOnlyDictionary<string, AcceptedFields>? Nested = null) : SchemaSource;

/// <summary>A request value of several forms (a <c>oneOf</c>): form <c>i</c> of the document accepts exactly <c>Forms[i]</c>'s fields.</summary>
internal sealed record AcceptedForms(IReadOnlyList<AcceptedFields> Forms) : SchemaSource;

/// <summary>The one table from schema name to the code behind it; every schema of the document must be here.</summary>
internal static class OpenApiSchemaSources
{
    /// <summary>A survey's create and PATCH body, down to its options and scales.</summary>
    private static AcceptedFields SurveyBody { get; } = new(SurveyInput.TopFields, new Dictionary<string, AcceptedFields>
    {
        ["pages"] = new(SurveyPagesInput.PageFields, new Dictionary<string, AcceptedFields>
        {
            ["questions"] = new(SurveyPagesInput.QuestionFields, new Dictionary<string, AcceptedFields>
            {
                ["options"] = new(QuestionChoicesInput.OptionFields),
                ["scale"] = new(QuestionChoicesInput.ScaleFields),
            }),
        }),
    });

    public static IReadOnlyDictionary<string, SchemaSource> All { get; } = new Dictionary<string, SchemaSource>
    {
        ["Health"] = new ProducedBy(typeof(HealthReply)),
        ["TenantInput"] = new AcceptedFields(AdminEndpoints.TenantFields),
        ["TenantCreated"] = new ProducedBy(typeof(AdminViews.TenantCreated)),
        ["TenantDetails"] = new ProducedBy(typeof(AdminViews.TenantDetails)),
        ["KeyIssued"] = new ProducedBy(typeof(AdminViews.KeyIssued)),
        ["KeyRevoked"] = new ProducedBy(typeof(AdminViews.KeyRevoked)),

        ["PollsError"] = new ProducedBy(typeof(PollsErrorEnvelope.PollsError)),
        ["PollInput"] = new AcceptedFields(PollInput.CreateFields, new Dictionary<string, AcceptedFields> { ["options"] = new(PollOptionsInput.OptionFields) }),
        ["PollPatch"] = new AcceptedFields(PollInput.PatchFields, new Dictionary<string, AcceptedFields> { ["options"] = new(PollOptionsInput.OptionFields) }),
        ["Poll"] = new ProducedBy(typeof(PollViews.PollView)),
        ["PollList"] = new ProducedBy(typeof(PollViews.ListView)),
        ["EmbedToken"] = new ProducedBy(typeof(VoteEndpoints.EmbedToken)),
        ["VoteInput"] = new AcceptedFields(VoteEndpoints.VoteFields),
        ["Results"] = new ProducedBy(typeof(PollViews.ResultsView)),
        ["OwnerResults"] = new ProducedBy(typeof(PollViews.OwnerResultsView)),
        ["VoteAccepted"] = new ProducedBy(typeof(VoteEndpoints.VoteAccepted)),
        ["Vote"] = new ProducedBy(typeof(VoteView)),
        ["VoteList"] = new ProducedBy(typeof(VoteListView)),

        ["Event"] = new ProducedBy(typeof(EventView)),
        ["EventFeed"] = new ProducedBy(typeof(EventFeedView)),

        ["SurveySettings"] = new AcceptedFields(SurveySettingsInput.Fields),
        ["SurveyInput"] = SurveyBody,
        ["SurveyPatch"] = SurveyBody,
        ["Condition"] = new AcceptedForms(ConditionJson.Forms.Select(f => new AcceptedFields(f)).ToArray()),
        ["PageBranch"] = new AcceptedFields(PageBranchJson.BranchFields),
        ["Survey"] = new ProducedBy(typeof(SurveyViews.SurveyView)),
        ["SurveyList"] = new ProducedBy(typeof(SurveyListView)),
        ["SurveyResults"] = new ProducedBy(typeof(SurveyResultsViews.ResultsView)),
        ["ChoiceQuestionResults"] = new ProducedBy(typeof(SurveyResultsViews.ChoiceResults)),
        ["RatingQuestionResults"] = new ProducedBy(typeof(SurveyResultsViews.RatingResults)),
        ["NpsQuestionResults"] = new ProducedBy(typeof(SurveyResultsViews.NpsResults)),
        ["TextQuestionResults"] = new ProducedBy(typeof(SurveyResultsViews.TextResults)),
        ["SurveyCompletion"] = new ProducedBy(typeof(SurveyCompletion)),

        ["TakeError"] = new ProducedBy(typeof(TakeErrorEnvelope.TakeErrorResponse)),
        ["TakeQuestion"] = new ProducedBy(typeof(QuestionViews.Question)),
        ["TakeResponse"] = new ProducedBy(typeof(TakeViews.Reply)),
        ["TakeSubmission"] = new AcceptedFields(PageSubmissionBody.SubmissionFields, new Dictionary<string, AcceptedFields> { ["answers"] = new(PageSubmissionBody.AnswerFields) }),

        ["ExportInput"] = new AcceptedFields(ExportRequest.Fields),
        ["Export"] = new ProducedBy(typeof(ExportViews.ExportView)),
        ["AccountError"] = new ProducedBy(typeof(AccountErrorEnvelope.AccountError)),
        ["AccountAnswer"] = new ProducedBy(typeof(SessionViews.AnswerView)),
        ["AccountSession"] = new ProducedBy(typeof(SessionViews.SessionView)),
        ["AccountRespondent"] = new ProducedBy(typeof(AccountViews.RespondentView)),

        ["ResponsesError"] = new ProducedBy(typeof(ResponsesErrorEnvelope.ResponsesErrors)),
        ["ResponsesTextObject"] = new ProducedBy(typeof(ResponseViews.TextObject)),
        ["ResponsesCreateBody"] = new AcceptedFields(ResponseInput.EnvelopeFields, new Dictionary<string, AcceptedFields> { ["survey_response"] = new(ResponseInput.OfferFields) }),
        ["ResponsesCreated"] = new ProducedBy(typeof(ResponseViews.Wrapped<ResponseViews.CreatedView>)),
        ["ResponsesAnswerInput"] = new AcceptedFields(ResponseInput.AnswerFields),
        ["ResponsesSubmitBody"] = new AcceptedFields(ResponseInput.EnvelopeFields, new Dictionary<string, AcceptedFields> { ["survey_response"] = new(ResponseInput.SubmissionFields) }),
        ["ResponsesQuestion"] = new ProducedBy(typeof(ResponseViews.QuestionView)),
        ["ResponsesResponse"] = new ProducedBy(typeof(ResponseViews.ResponseView)),
        ["ResponsesOne"] = new ProducedBy(typeof(ResponseViews.Wrapped<ResponseViews.ResponseView>)),
        ["ResponsesList"] = new ProducedBy(typeof(ResponseViews.ListView)),
        ["ResponsesForm"] = new ProducedBy(typeof(ResponseFormView.Wrapped)),

        ["PanelistsError"] = new ProducedBy(typeof(PanelistsErrorEnvelope.PanelistsError)),
        ["PanelistAccess"] = new ProducedBy(typeof(PanelistViews.Access)),
        ["PanelistReply"] = new ProducedBy(typeof(PanelistViews.Reply)),
    };

    /// <summary>
    /// Schemas with no single type behind them, each with the reason. Empty today: a schema added without a type must be
    /// listed here with its reason, or mapped above.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Compositions { get; } = new Dictionary<string, string>();
}
