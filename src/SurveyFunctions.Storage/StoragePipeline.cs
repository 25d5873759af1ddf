using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>Builds the one pipeline a service client uses for its lifetime.</summary>
internal static class StoragePipeline
{
    private const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(StorageAccount account, StorageClientOptions? options, bool forTables)
    {
        options ??= new StorageClientOptions();

        HttpPipelinePolicy auth;
        if (account.SharedKey is { } key)
        {
            // Per-retry so every attempt gets a fresh x-ms-date and a matching signature.
            auth = forTables ? new TableSharedKeyPolicy(key) : new QueueSharedKeyPolicy(key);
        }
        else if (account.TokenCredential is { } credential)
        {
            auth = new BearerTokenAuthenticationPolicy(credential, StorageScope);
        }
        else
        {
            throw new InvalidOperationException("The storage account has no credential.");
        }

        return HttpPipelineBuilder.Build(options, [], [new StorageDatePolicy(), auth], new ResponseClassifier());
    }
}
