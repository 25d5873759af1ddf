using Azure.Storage.Blobs;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// The Blob Storage service client (export files), from the same connection settings as tables and queues
/// (<see cref="StorageClients"/>): the connection string (Azurite's includes its blob endpoint), or identity-based
/// <c>name__blobServiceUri</c> / <c>name__accountName</c> with the same credential.
/// </summary>
public static class BlobStorageClients
{
    public static BlobServiceClient FromSettings(string name, Func<string, string?> getSetting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(getSetting);
        var options = StorageClients.Configure(new BlobClientOptions(), null);
        var connectionString = getSetting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return new BlobServiceClient(connectionString, options);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // Never echo the connection string: it holds the account key.
                throw new FormatException($"Storage connection '{name}' is not a valid storage connection string ({ex.GetType().Name}).");
            }
        }
        var blobUri = StorageClients.Setting(name, "blobServiceUri", getSetting);
        var accountName = StorageClients.Setting(name, "accountName", getSetting);
        if (accountName is null && blobUri is null)
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured for blobs: set '{name}', '{name}__accountName' or '{name}__blobServiceUri'.");
        var endpoint = StorageClients.Endpoint(blobUri, accountName, "blob", name + "__blobServiceUri", name);
        var credential = StorageClients.CreateCredential(StorageClients.Setting(name, "credential", getSetting),
            StorageClients.Setting(name, "clientId", getSetting));
        return new BlobServiceClient(endpoint, credential, options);
    }
}
