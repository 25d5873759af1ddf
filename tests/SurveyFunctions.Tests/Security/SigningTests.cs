using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Tests.Security;

/// <summary>Signed tokens: bound to purpose and subject, expiring, verifiable across key rotation, and the key ring's validation.</summary>
public sealed class SigningTests
{
    private static readonly string KeyA = Convert.ToBase64String(new byte[32]);
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)7, 40).ToArray());

    [Fact]
    public void A_token_verifies_only_for_its_purpose_and_subject_until_it_expires()
    {
        var clock = new TestClock();
        var signer = new TokenSigner(SigningKeyRing.Parse($"a={KeyA}"), clock);
        var token = signer.Issue("embed", "poll_1", TimeSpan.FromMinutes(30), new Dictionary<string, string> { ["x"] = "1" });

        Assert.Equal(TokenRejection.None, signer.Verify(token, "embed", "poll_1", out var verified));
        Assert.Equal("1", verified!.Claims["x"]);
        Assert.Equal(TokenRejection.WrongSubject, signer.Verify(token, "embed", "poll_2", out _));
        Assert.Equal(TokenRejection.WrongPurpose, signer.Verify(token, "session", "poll_1", out _));
        Assert.Equal(TokenRejection.BadSignature, signer.Verify(token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), "embed", "poll_1", out _));
        Assert.Equal(TokenRejection.Malformed, signer.Verify("a.b", "embed", "poll_1", out _));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(TokenRejection.Expired, signer.Verify(token, "embed", "poll_1", out _));
    }

    [Fact]
    public void Rotation_old_tokens_verify_while_their_key_is_in_the_ring()
    {
        var clock = new TestClock();
        var old = new TokenSigner(SigningKeyRing.Parse($"a={KeyA}"), clock).Issue("embed", "p", TimeSpan.FromMinutes(5));
        var rotated = new TokenSigner(SigningKeyRing.Parse($"b={KeyB};a={KeyA}"), clock);
        Assert.Equal(TokenRejection.None, rotated.Verify(old, "embed", "p", out _));
        Assert.Equal(TokenRejection.UnknownKey, new TokenSigner(SigningKeyRing.Parse($"b={KeyB}"), clock).Verify(old, "embed", "p", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nokey")]
    [InlineData("a=notbase64!!")]
    [InlineData("a=c2hvcnQ=")]
    [InlineData("bad kid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/signing-keys/)")]
    public void Bad_key_settings_are_refused_without_echoing_key_material(string setting)
    {
        var error = Assert.Throws<FormatException>(() => SigningKeyRing.Parse(setting));
        Assert.DoesNotContain("c2hvcnQ", error.Message, StringComparison.Ordinal);
    }
}
