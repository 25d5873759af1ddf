using SurveyFunctions.Host;

var app = SurveyFunctionsHost.Build(args);
await app.RunAsync();
