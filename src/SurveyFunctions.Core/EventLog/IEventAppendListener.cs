namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// Told after <see cref="EventStore.AppendAsync"/> recorded a tenant's event, so what fans events out (webhook deliveries)
/// starts at once instead of at its next sweep. A hint only: it must return at once and may be lost (a crash right after
/// the commit), so whoever listens must also find recorded events on its own.
/// </summary>
public interface IEventAppendListener
{
    void Appended(string tenantId);
}
