using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>PurgeSurveys</c> queue trigger: one purge pass at a time (passes are long and rare, and
/// one at a time keeps them from crowding out requests). The message stays invisible for longer than a pass takes, so no
/// second receiver starts the same pass meanwhile. A poisoned purge keeps its ledger row, so the recovery timer queues it again.
/// </summary>
public sealed class SurveyPurgeService(
    SurveyStorage storage,
    SurveyPurger purger,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<SurveyPurgeService> logger)
    : QueueJobService(storage.SurveyPurgeQueue, storage.SurveyPurgePoisonQueue, 1, TimeSpan.FromMinutes(2), options, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
            await SettleAsync(message, purger.ProcessMessageAsync, ct).ConfigureAwait(false);
    }
}
