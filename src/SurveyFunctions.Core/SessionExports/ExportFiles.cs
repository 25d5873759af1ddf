using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Export files in the <c>exports</c> blob container, <c>{tenant}/{export id}.{csv|ndjson}</c>, written as staged blocks with
/// ids from their position (<see cref="BlockId"/>): staging a block again replaces it, so a job that resumes and writes a block
/// again leaves the same file; the blob exists only once its block list is committed.
/// </summary>
public sealed class ExportFiles(BlobServiceClient service) : ITableSetup
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(StorageNames.ExportsContainer);

    public Task EnsureCreatedAsync(CancellationToken ct) => _container.CreateIfNotExistsAsync(cancellationToken: ct);

    public Task StageAsync(string blobName, int index, Stream content, CancellationToken ct) =>
        Blob(blobName).StageBlockAsync(BlockId(index), content, cancellationToken: ct);

    /// <summary>Makes the file blocks 0 … <paramref name="blocks"/> - 1 (again, harmlessly, when it already is).</summary>
    public Task CommitAsync(string blobName, int blocks, string contentType, IDictionary<string, string> metadata, CancellationToken ct) =>
        Blob(blobName).CommitBlockListAsync(Enumerable.Range(0, blocks).Select(BlockId), new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        }, ct);

    /// <summary>The file's bytes as a stream read from storage as it is consumed, or null when it is gone.</summary>
    public async Task<Stream?> OpenReadAsync(string blobName, CancellationToken ct)
    {
        try
        {
            var download = await Blob(blobName).DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken ct) =>
        Blob(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);

    /// <summary>Block ids of one blob must all have the same length: "block-000042", base64.</summary>
    private static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}"));

    private BlockBlobClient Blob(string blobName) => _container.GetBlockBlobClient(blobName);
}
