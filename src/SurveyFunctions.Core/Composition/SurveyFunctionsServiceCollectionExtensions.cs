using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Admin;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Embed;
using SurveyFunctions.Core.Exports;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Events;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyManagement;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Take;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Composition;

/// <summary>
/// The composition root (eShop's AddApplicationServices): the one registration both hosts call. Options and signing here;
/// everything else through each area's own <c>AddX</c>, next to the services it registers. Nothing in the core depends on
/// this folder.
/// </summary>
public static class SurveyFunctionsServiceCollectionExtensions
{
    /// <param name="configureStorageClients">Changes to the storage clients' options after the defaults (tests inject faults here).</param>
    public static IServiceCollection AddSurveyFunctions(this IServiceCollection services, IConfiguration configuration,
        Action<ClientOptions>? configureStorageClients = null)
    {
        services.AddOptions<SurveyFunctionsOptions>()
            .Bind(configuration.GetSection(SurveyFunctionsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => TryParseKeys(o.SigningKeys),
                "SurveyFunctions:SigningKeys must be 'kid=base64key[;kid2=base64key]' with keys of at least 32 bytes.")
            // A Key Vault reference that does not resolve (role not granted yet, secret missing) reaches the app as its
            // literal text, which anyone can derive from the app's host name: that must never work as the admin key.
            .Validate(o => !IsUnresolvedKeyVaultReference(o.AdminKey),
                "SurveyFunctions:AdminKey is an unresolved Key Vault reference: check the identity's Key Vault Secrets User role and " +
                    "keyVaultReferenceIdentity.")
            .ValidateOnStart();

        services.AddSingleton<IValidateOptions<SurveyFunctionsOptions>, RateLimitOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SigningKeyRing.Parse(sp.GetRequiredService<IOptions<SurveyFunctionsOptions>>().Value.SigningKeys));
        services.AddSingleton<TokenSigner>();

        // Lowest layer first, as the folders depend on each other (see DependencyRuleTests).
        services.AddStorage(configuration, configureStorageClients);
        services.AddHttpEdge(RouteTable.Catalog);
        services.AddSingleton<ICredentialChecker, EdgeCredentials>();
        services.AddTenants();
        services.AddEventLog();
        services.AddSurveys();
        services.AddSessions();
        services.AddCounting();
        services.AddSurveyResults();
        services.AddSurveyPurge();
        services.AddTaking();
        services.AddSessionExports();
        services.AddPlatform();
        services.AddAdmin();
        services.AddPolls();
        services.AddEmbed();
        services.AddSurveyManagement();
        services.AddTake();
        services.AddAccount();
        // Panelists before Responses: the purge deletes the families' rows in registration order.
        services.AddPanelists();
        services.AddResponses();
        services.AddExports();
        services.AddEvents();
        return services;
    }

    private static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    private static bool TryParseKeys(string setting)
    {
        try
        {
            SigningKeyRing.Parse(setting);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
