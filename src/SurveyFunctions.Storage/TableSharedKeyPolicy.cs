using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>
/// Table service Shared Key: StringToSign = VERB \n Content-MD5 \n Content-Type \n Date(x-ms-date) \n CanonicalizedResource,
/// where CanonicalizedResource = "/" + account + escaped URI path (+ "?comp=..." only). For path-style endpoints
/// (Azurite) the path already begins with the account, giving "/devstoreaccount1/devstoreaccount1/...".
/// </summary>
internal sealed class TableSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKey _key;
    private readonly string _authorizationPrefix;

    public TableSharedKeyPolicy(StorageSharedKey key)
    {
        _key = key;
        _authorizationPrefix = "SharedKey " + key.AccountName + ":";
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        request.Headers.TryGetValue("Content-MD5", out var md5);
        request.Headers.TryGetValue("Content-Type", out var contentType);
        request.Headers.TryGetValue(StorageDatePolicy.HeaderName, out var date);

        var sb = new StringBuilder(256);
        sb.Append(request.Method.Method).Append('\n')
          .Append(md5).Append('\n')
          .Append(contentType).Append('\n')
          .Append(date).Append('\n')
          .Append('/').Append(_key.AccountName).Append(uri.AbsolutePath);

        var comp = SharedKeySigning.GetQueryParameter(uri.Query, "comp");
        if (comp is not null)
        {
            sb.Append("?comp=").Append(comp);
        }

        request.Headers.SetValue(HttpHeader.Names.Authorization, _authorizationPrefix + SharedKeySigning.Sign(_key.Key, sb.ToString()));
    }
}
