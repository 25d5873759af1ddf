using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>What every queue client of a service client shares: the pipeline and the endpoint.</summary>
internal sealed class QueueRequestContext
{
    public QueueRequestContext(HttpPipeline pipeline, Uri endpoint)
    {
        Pipeline = pipeline;
        Endpoint = endpoint;
        EndpointText = endpoint.AbsoluteUri.TrimEnd('/');
    }

    public HttpPipeline Pipeline { get; }

    public Uri Endpoint { get; }

    public string EndpointText { get; }
}
