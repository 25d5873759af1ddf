using SurveyFunctions.Core.Configuration;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Tests;

/// <summary>
/// Every setting the app binds is provided wherever the app runs: the local settings sample (<c>func start</c>), the
/// Bicep app settings (Azure) and the README's configuration table. A new option that is missing anywhere fails here.
/// </summary>
public sealed class DeploymentSettingsTests
{
    public static TheoryData<string> Settings()
    {
        var data = new TheoryData<string>();
        foreach (var property in typeof(SurveyFunctionsOptions).GetProperties())
            data.Add($"{SurveyFunctionsOptions.SectionName}__{property.Name}");
        data.Add(SurveyFunctionsOptions.StorageConnectionSetting);
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_local_settings_sample_provides(string setting) =>
        Assert.Contains($"\"{setting}\":", Read("local.settings.sample.json"), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_function_app_bicep_sets(string setting) =>
        // The storage connection is identity-based in Azure: AzureWebJobsStorage__accountName and friends.
        Assert.Contains(setting == SurveyFunctionsOptions.StorageConnectionSetting ? $"{setting}__" : $"{setting}:", Read("infra", "app", "api.bicep"), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_readme_documents(string setting) =>
        Assert.Contains($"`{setting}", Read("README.md"), StringComparison.Ordinal);

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([AzuriteInstance.FindRepoRoot(), .. path]));
}
