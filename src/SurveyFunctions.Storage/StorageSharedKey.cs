namespace SurveyFunctions.Storage;

/// <summary>Account name plus decoded account key; decoded once so signing never re-parses base64.</summary>
internal sealed class StorageSharedKey
{
    public StorageSharedKey(string accountName, byte[] key)
    {
        AccountName = accountName;
        Key = key;
    }

    public string AccountName { get; }

    public byte[] Key { get; }

    // Never print the key, even by accident in a debugger or log.
    public override string ToString() => $"SharedKey({AccountName})";
}
