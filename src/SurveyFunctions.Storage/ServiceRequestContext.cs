using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>What every table or queue client of one service client shares: the pipeline (built once) and the endpoint.</summary>
internal sealed class ServiceRequestContext
{
    public ServiceRequestContext(HttpPipeline pipeline, Uri endpoint)
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
