using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>What every table client of a service client shares: the pipeline and the endpoint.</summary>
internal sealed class TableRequestContext
{
    public TableRequestContext(HttpPipeline pipeline, Uri endpoint)
    {
        Pipeline = pipeline;
        Endpoint = endpoint;
        EndpointText = endpoint.AbsoluteUri.TrimEnd('/');
    }

    public HttpPipeline Pipeline { get; }

    public Uri Endpoint { get; }

    /// <summary>Endpoint without trailing slash, e.g. "http://127.0.0.1:10002/devstoreaccount1".</summary>
    public string EndpointText { get; }
}
