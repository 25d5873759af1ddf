using System.Text;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Taking;

/// <summary>The Take family's session token: what it carries, what it is bound to, and how long it lives.</summary>
public sealed class SessionTokensTests
{
    private readonly TestClock _clock = new();
    private readonly SessionTokens _tokens;
    private readonly Survey _survey = Surveys.SurveyRulesTests.NewSurvey(status: SurveyStatus.Active);

    public SessionTokensTests() => _tokens = new SessionTokens(new TokenSigner(SigningKeyRing.Parse(SurveyHost.SigningKeys), _clock));

    [Fact]
    public void A_token_reads_back_as_the_position_it_was_issued_at()
    {
        var session = Session(respondent: new SessionRespondent(3, "user_12345")) with { Step = 4 };
        var position = _tokens.Read(_tokens.Issue(session, 2), _survey);
        Assert.NotNull(position);
        Assert.Equal(session.Locator, position.Session);
        Assert.Equal((4, (int?)2), (position.Step, position.Page));
        Assert.Equal(RespondentKeys.For("user_12345"), position.Session.RespondentKey);
        // The language choice has no page; an anonymous session has no respondent key.
        var anonymous = _tokens.Read(_tokens.Issue(Session(), null), _survey)!;
        Assert.Null(anonymous.Page);
        Assert.Null(anonymous.Session.RespondentKey);
    }

    [Fact]
    public void A_token_is_bound_to_its_tenant_and_survey()
    {
        var token = _tokens.Issue(Session(), 0);
        Assert.Null(_tokens.Read(token, _survey with { Uuid = Guid.NewGuid().ToString("D") }));
        Assert.Null(_tokens.Read(token, _survey with { TenantId = "tnt_other" }));
        Assert.NotNull(_tokens.Read(token, _survey));
    }

    [Fact]
    public void Edited_foreign_or_expired_tokens_read_as_nothing()
    {
        var token = _tokens.Issue(Session(), 0);
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("\"sub\":\"42\"", "\"sub\":\"43\"",
            StringComparison.Ordinal);
        Assert.Null(_tokens.Read(parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2],
            _survey));
        Assert.Null(_tokens.Read(null, _survey));
        Assert.Null(_tokens.Read("", _survey));
        var signer = new TokenSigner(SigningKeyRing.Parse(SurveyHost.SigningKeys), _clock);
        Assert.Null(_tokens.Read(signer.Issue("embed", "42", TimeSpan.FromHours(1)), _survey));

        _clock.Advance(SessionTokens.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(_tokens.Read(token, _survey));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_tokens.Read(token, _survey));
    }

    private SurveySession Session(SessionRespondent? respondent = null) => new()
    {
        TenantId = _survey.TenantId,
        Id = 42,
        SurveyUuid = _survey.Uuid,
        SurveyId = _survey.Id,
        Respondent = respondent,
        StartedAt = _clock.GetUtcNow(),
        LastAccessAt = _clock.GetUtcNow(),
    };
}
