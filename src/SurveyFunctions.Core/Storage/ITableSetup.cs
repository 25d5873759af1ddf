namespace SurveyFunctions.Core.Storage;

/// <summary>
/// An area that keeps tables of its own (surveys, sessions, panelists) and creates them at startup. The initializer runs
/// every registered one, so storage knows no area and a new area registers its tables where it registers its services.
/// </summary>
public interface ITableSetup
{
    Task EnsureCreatedAsync(CancellationToken ct);
}
