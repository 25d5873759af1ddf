using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Embed;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Polls.Voting;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Take;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core;

/// <summary>The one registration both hosts call: options, storage, services, endpoint handlers and jobs.</summary>
public static class SurveyFunctionsServiceCollectionExtensions
{
    /// <param name="configureStorageClients">Changes to the storage clients' options after the defaults (tests inject faults here).</param>
    public static IServiceCollection AddSurveyFunctions(this IServiceCollection services, IConfiguration configuration, Action<ClientOptions>? configureStorageClients = null)
    {
        services.AddOptions<SurveyFunctionsOptions>()
            .Bind(configuration.GetSection(SurveyFunctionsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => TryParseKeys(o.SigningKeys), "SurveyFunctions:SigningKeys must be 'kid=base64key[;kid2=base64key]' with keys of at least 32 bytes.")
            // A Key Vault reference that does not resolve (role not granted yet, secret missing) reaches the app as its
            // literal text, which anyone can derive from the app's host name: that must never work as the admin key.
            .Validate(o => !IsUnresolvedKeyVaultReference(o.AdminKey), "SurveyFunctions:AdminKey is an unresolved Key Vault reference: check the identity's Key Vault Secrets User role and keyVaultReferenceIdentity.")
            .ValidateOnStart();

        services.AddSingleton<IValidateOptions<SurveyFunctionsOptions>, RateLimitOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SigningKeyRing.Parse(sp.GetRequiredService<IOptions<SurveyFunctionsOptions>>().Value.SigningKeys));
        services.AddSingleton(_ =>
        {
            var (tables, queues) = StorageClients.FromSettings(SurveyFunctionsOptions.StorageConnectionSetting, name => configuration[name], configureStorageClients);
            return new SurveyStorage(tables, queues);
        });
        // Areas with tables of their own (surveys, sessions) build their clients from the same service client.
        services.AddSingleton(sp => sp.GetRequiredService<SurveyStorage>().TableService);
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<TokenSigner>();
        services.AddSingleton<SignedCursor>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<AdminKeyGuard>();
        services.AddSingleton<EndpointRateLimiter>();
        services.AddSingleton<EndpointDispatcher>();

        services.AddSingleton<PollStore>();
        services.AddSingleton<ICounterTargetKind, PollCounterTargets>();
        services.AddSingleton<CounterTargets>();
        services.AddSingleton<PollAccess>();
        services.AddSingleton<PollTally>();
        services.AddSingleton<VoteCommitter>();

        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<OpenApiEndpoint>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<PollEndpoints>();
        services.AddSingleton<VoteEndpoints>();
        services.AddSingleton<VoteListEndpoint>();
        services.AddSingleton<PollEmbedScriptEndpoint>();

        services.AddSurveys();
        services.AddSessions();
        services.AddSurveyResults();
        services.AddTake();
        services.AddAccount();
        services.AddPanelists();
        services.AddResponses();
        services.AddSurveyPurge();

        services.AddSingleton<VoteAggregator>();
        services.AddSingleton<PollCloser>();
        services.AddSingleton<StrandedBatchRecovery>();
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
