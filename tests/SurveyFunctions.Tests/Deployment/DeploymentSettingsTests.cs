using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Deployment;

/// <summary>
/// Every setting the app binds is provided wherever the app runs: the local settings sample (<c>func start</c>), the
/// Bicep app settings (Azure) and the README's configuration table; so is every timer schedule setting the Functions app reads. A new option that is missing anywhere fails here.
/// </summary>
public sealed class DeploymentSettingsTests
{
    public static TheoryData<string> Settings()
    {
        var data = new TheoryData<string>();
        foreach (var setting in SettingNames(typeof(SurveyFunctionsOptions), SurveyFunctionsOptions.SectionName))
            data.Add(setting);
        data.Add(SurveyFunctionsOptions.StorageConnectionSetting);
        // The Functions timers' schedules (%Name% in the trigger): the host will not index a timer whose setting is missing.
        foreach (var schedule in JobTable.ScheduleSettings)
            data.Add(schedule);
        return data;
    }

    /// <summary>Every leaf setting: a nested options class (<c>RateLimits</c>, <c>RateLimits:Votes</c>) is a section of its own.</summary>
    private static IEnumerable<string> SettingNames(Type options, string prefix) =>
        options.GetProperties().SelectMany(p => p.PropertyType.IsClass && p.PropertyType != typeof(string)
            ? SettingNames(p.PropertyType, $"{prefix}__{p.Name}")
            : [$"{prefix}__{p.Name}"]);

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_local_settings_sample_provides(string setting) =>
        Assert.Contains($"\"{setting}\":", Read("local.settings.sample.json"), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_function_app_bicep_sets(string setting) =>
        // The storage connection is identity-based in Azure: AzureWebJobsStorage__accountName and friends.
        Assert.Contains(setting == SurveyFunctionsOptions.StorageConnectionSetting ? $"{setting}__" : $"{setting}:",
            Read("infra", "app", "api.bicep"), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_readme_documents(string setting) =>
        Assert.Contains($"`{setting}", Read("README.md"), StringComparison.Ordinal);

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([AzuriteInstance.FindRepoRoot(), .. path]));
}
