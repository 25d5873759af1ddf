using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage.Tests;

[Collection(QueuesGroup.Name)]
public sealed class QueueClientTests(AzuriteFixture fx)
{
    [Fact]
    public async Task Send_receive_delete()
    {
        var queue = await fx.NewQueueAsync();
        await queue.CreateIfNotExistsAsync(); // idempotent

        var receipt = await queue.SendMessageAsync("hello");
        Assert.False(string.IsNullOrEmpty(receipt.MessageId));
        Assert.False(string.IsNullOrEmpty(receipt.PopReceipt));
        Assert.InRange(receipt.InsertedOn, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var received = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal("hello", received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotNull(received.NextVisibleOn);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt); // already gone: fine
        Assert.Empty(await queue.PeekMessagesAsync());
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Received_message_is_invisible_until_update_makes_it_visible()
    {
        var queue = await fx.NewQueueAsync();
        await queue.SendMessageAsync("m");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));
        Assert.Empty(await queue.ReceiveMessagesAsync());

        // Visible again right away.
        var pop = await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero);
        Assert.NotEqual(first.PopReceipt, pop);
        var second = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);

        // Visible again after one second, with new text.
        await queue.UpdateMessageAsync(second.MessageId, second.PopReceipt, TimeSpan.FromSeconds(1), "changed ✓");
        Assert.Empty(await queue.ReceiveMessagesAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        var third = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal("changed ✓", third.MessageText);
        Assert.Equal(3, third.DequeueCount);
    }

    [Fact]
    public async Task Send_with_visibility_timeout_hides_message()
    {
        var queue = await fx.NewQueueAsync();
        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(1), timeToLive: TimeSpan.FromMinutes(5));
        Assert.True(receipt.NextVisibleOn > receipt.InsertedOn);
        Assert.Empty(await queue.ReceiveMessagesAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        Assert.Single(await queue.ReceiveMessagesAsync());
    }

    [Fact]
    public async Task Peek_does_not_change_dequeue_count()
    {
        var queue = await fx.NewQueueAsync();
        await queue.SendMessageAsync("p");

        var peek1 = Assert.Single(await queue.PeekMessagesAsync());
        var peek2 = Assert.Single(await queue.PeekMessagesAsync());
        Assert.Equal(0, peek1.DequeueCount);
        Assert.Equal(0, peek2.DequeueCount);
        Assert.Equal("p", peek1.MessageText);

        var got = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        Assert.Equal(1, got.DequeueCount);
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        Assert.Equal(1, Assert.Single(await queue.PeekMessagesAsync()).DequeueCount);
        Assert.Equal(2, Assert.Single(await queue.ReceiveMessagesAsync()).DequeueCount);
    }

    [Fact]
    public async Task Approximate_count_and_clear()
    {
        var queue = await fx.NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync("m" + i);
        }
        Assert.Equal(5, await queue.GetApproximateMessageCountAsync());
        Assert.Equal(3, (await queue.ReceiveMessagesAsync(3)).Count);
        Assert.Equal(5, await queue.GetApproximateMessageCountAsync()); // invisible messages still count

        await queue.ClearMessagesAsync();
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Receive_batches_up_to_max()
    {
        var queue = await fx.NewQueueAsync();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendMessageAsync("m" + i);
        }
        Assert.Equal(32, (await queue.ReceiveMessagesAsync()).Count);
        Assert.Equal(8, (await queue.ReceiveMessagesAsync()).Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekMessagesAsync(0));
    }

    [Fact]
    public async Task Unicode_text_round_trips_and_is_stored_as_base64()
    {
        const string text = "Grüße 👋 <xml> & \"quotes\" 'single' \r\n 日本語";
        var peekBodies = new List<string>();
        var options = new StorageClientOptions();
        options.AddPolicy(new CapturePeekPolicy(peekBodies), HttpPipelinePosition.PerRetry);
        var queue = new QueueServiceClient(fx.Account, options).GetQueueClient(AzuriteFixture.UniqueQueueName());
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(text);
        Assert.Equal(text, Assert.Single(await queue.PeekMessagesAsync()).MessageText);
        var expectedBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        Assert.Contains("<MessageText>" + expectedBase64 + "</MessageText>", Assert.Single(peekBodies), StringComparison.Ordinal);
        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task Oversized_message_is_rejected_locally()
    {
        var queue = fx.Queues.GetQueueClient("never-created");
        // 49,153 bytes -> 65,540 base64 characters, over the 64 KiB limit.
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('a', 49_153)));
    }

    [Fact]
    public async Task Largest_allowed_message_is_accepted()
    {
        var queue = await fx.NewQueueAsync();
        var text = new string('b', 49_152); // exactly 65,536 base64 characters
        await queue.SendMessageAsync(text);
        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public void Decoding_falls_back_to_raw_text_for_non_base64_messages()
    {
        Assert.Equal("plain text!", QueueMessageCodec.Decode("plain text!"));
        Assert.Equal("{\"a\":1}", QueueMessageCodec.Decode("{\"a\":1}"));
        Assert.Equal("hi", QueueMessageCodec.Decode(QueueMessageCodec.Encode("hi")));
        Assert.Equal("aGk=", QueueMessageCodec.Encode("hi"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("dou--ble")]
    [InlineData("under_score")]
    public void Invalid_queue_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => fx.Queues.GetQueueClient(name));

    private sealed class CapturePeekPolicy(List<string> bodies) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Capture(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Capture(message);
        }

        private void Capture(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains("peekonly=true", StringComparison.Ordinal))
            {
                lock (bodies)
                {
                    bodies.Add(message.Response.Content.ToString());
                }
            }
        }
    }
}
