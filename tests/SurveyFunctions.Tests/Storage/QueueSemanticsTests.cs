using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Storage;

/// <summary>Queue behaviour the vote pipeline depends on, through the app's own SDK clients on Azurite.</summary>
public sealed class QueueSemanticsTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Messages_are_sent_as_base64_and_decode_to_what_the_queue_trigger_hands_the_aggregator()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync(AggregationMessage.Create(5));

        // Read the raw text as the Functions queue trigger does (its default messageEncoding is base64): no SDK decoding.
        var raw = new QueueClient(storage.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = (await raw.PeekMessagesAsync(1)).Value.Single();
        var text = peeked.Body.ToString();
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(text));
        Assert.Equal(5, AggregationMessage.TryParse(decoded));
    }

    [Fact]
    public async Task Every_queue_the_app_uses_is_base64()
    {
        var app = new SurveyStorage(storage.Tables, storage.Queues);
        await app.EnsureCreatedAsync(CancellationToken.None);
        foreach (var queue in new[] { app.VoteQueue, app.VotePoisonQueue })
        {
            await queue.ClearMessagesAsync();
            await queue.SendMessageAsync("{\"p\":1}");
            var raw = new QueueClient(storage.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            var text = (await raw.PeekMessagesAsync(1)).Value.Single().Body.ToString();
            Assert.Equal("{\"p\":1}", Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            await queue.ClearMessagesAsync();
        }
    }

    [Fact]
    public async Task Deleting_a_message_that_is_already_gone_reports_false_instead_of_throwing()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("work");
        QueueMessage message = (await queue.ReceiveMessagesAsync(1)).Value.Single();

        Assert.True(await queue.DeleteIfPresentAsync(message));
        // The SDK itself throws here (404 MessageNotFound); the receiver must carry on.
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        Assert.False(await queue.DeleteIfPresentAsync(message));
    }

    [Fact]
    public async Task A_delayed_message_stays_invisible_until_its_delay_passes()
    {
        var queue = await storage.NewQueueAsync();
        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(1));
        Assert.Empty((await queue.ReceiveMessagesAsync(1)).Value);
        await Task.Delay(1500);
        Assert.Single((await queue.ReceiveMessagesAsync(1)).Value);
    }
}
