using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Configuration;

/// <summary>Settings both hosts validate at start: a bad value stops the app instead of running insecurely.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/admin-key)")]
    [InlineData(" @microsoft.keyvault(VaultName=kv-abc;SecretName=admin-key)")]
    public void An_unresolved_key_vault_reference_is_never_accepted_as_the_admin_key(string adminKey)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(adminKey));
        Assert.Contains("unresolved Key Vault reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_admin_key_is_accepted() => Assert.Equal("a-real-admin-key", Options("a-real-admin-key").AdminKey);

    private static SurveyFunctionsOptions Options(string adminKey)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["SurveyFunctions:AdminKey"] = adminKey,
            ["SurveyFunctions:SigningKeys"] = SurveyHost.SigningKeys,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSurveyFunctions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SurveyFunctionsOptions>>().Value;
    }
}
