namespace SurveyFunctions.Storage;

/// <summary>What the service returns for a sent message.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset NextVisibleOn);

/// <summary>A received (and now invisible) message; delete or update it with <see cref="PopReceipt"/>.</summary>
public sealed record QueueMessage(string MessageId, string PopReceipt, string MessageText, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset? NextVisibleOn);

/// <summary>A message looked at without changing its visibility or dequeue count.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset InsertedOn);
