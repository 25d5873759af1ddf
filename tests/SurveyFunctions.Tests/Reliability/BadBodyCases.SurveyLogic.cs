using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Survey bodies with bad logic fields (hidden_fields, a page's identifier and branches, a question's display_if): wrong shapes,
/// out-of-bounds sizes and names, each refused on create and on PATCH naming the field. What fits the survey (identifiers,
/// operators, options, reachability) is checked by the logic tests; these are the shapes.
/// </summary>
public static partial class BadBodyCases
{
    private static IEnumerable<BadRequest> SurveyLogicSpecial()
    {
        var create = Endpoints.Single(e => e.Name == "SurveysCreate");
        var update = Endpoints.Single(e => e.Name == "SurveysUpdate");
        const string Question = """{"identifier":"q1","type":"text","question":"q"}""";
        static string Page(string fields) => "{\"name\":\"s\",\"pages\":[{" + fields + "\"questions\":[" + Question + "]}]}";
        static string Branches(string branches) => Page("\"branches\":" + branches + ",");
        static string Branch(string then) => Branches("[{\"if\":{\"question\":\"q1\",\"op\":\"answered\"},\"then\":" + then + "}]");
        static string DisplayIf(string condition) =>
            "{\"name\":\"s\",\"pages\":[{\"questions\":[" + Question + "]},{\"questions\":[{\"type\":\"text\",\"question\":\"r\",\"display_if\":" +
            condition + "}]}]}";
        const string Shown = "pages[1].questions[0].display_if";
        var names = string.Join(",", Enumerable.Range(1, 21).Select(i => $"\"h{i}\""));
        var values = string.Join(",", Enumerable.Range(1, 101).Select(i => $"\"v{i}\""));
        var nine = string.Concat(Enumerable.Repeat("{\"not\":", 8)) + """{"question":"q1","op":"answered"}""" + new string('}', 8);
        (string Input, string Body, string Field)[] cases =
        [
            ("hidden_fields: a name with a space", """{"name":"s","hidden_fields":["a b"]}""", "hidden_fields[0]"),
            ("hidden_fields: a name starting with a digit", """{"name":"s","hidden_fields":["1a"]}""", "hidden_fields[0]"),
            ("hidden_fields: a number in the list", """{"name":"s","hidden_fields":[5]}""", "hidden_fields[0]"),
            ("hidden_fields: a name twice", """{"name":"s","hidden_fields":["a","a"]}""", "hidden_fields[1]"),
            ("hidden_fields: 21 names", "{\"name\":\"s\",\"hidden_fields\":[" + names + "]}", "hidden_fields"),
            ("page identifier with a space", Page("\"identifier\":\"a b\","), "pages[0].identifier"),
            ("page identifier a number", Page("\"identifier\":7,"), "pages[0].identifier"),
            ("page identifier an OData expression", Page("\"identifier\":\"' or PartitionKey ne '\","), "pages[0].identifier"),
            ("branches a string", Branches("\"go\""), "pages[0].branches"),
            ("branches: 21 rules", Branches("[" + string.Join(",",
                Enumerable.Repeat("""{"if":{"question":"q1","op":"answered"},"then":{"end":true}}""", 21)) + "]"), "pages[0].branches"),
            ("branch not an object", Branches("[1]"), "pages[0].branches[0]"),
            ("branch without then", Branches("""[{"if":{"question":"q1","op":"answered"}}]"""), "pages[0].branches[0]"),
            ("branch with else", Branches("""[{"if":{"question":"q1","op":"answered"},"then":{"end":true},"else":{"end":true}}]"""),
                "pages[0].branches[0].else"),
            ("then an unknown action", Branch("""{"stop":true}"""), "pages[0].branches[0].then"),
            ("then end false", Branch("""{"end":false}"""), "pages[0].branches[0].then"),
            ("then two actions", Branch("""{"end":true,"go_to":"p2"}"""), "pages[0].branches[0].then"),
            ("then disqualify a string", Branch("""{"disqualify":"yes"}"""), "pages[0].branches[0].then.disqualify"),
            ("then go_to empty", Branch("""{"go_to":""}"""), "pages[0].branches[0].then.go_to"),
            ("then redirect relative", Branch("""{"redirect":"/thanks"}"""), "pages[0].branches[0].then.redirect"),
            ("then redirect javascript", Branch("""{"redirect":"javascript:alert(1)"}"""), "pages[0].branches[0].then.redirect"),
            ("display_if a string", DisplayIf("\"q1 == 'yes'\""), Shown),
            ("display_if an unknown operator", DisplayIf("""{"question":"q1","op":"matches","value":"x"}"""), $"{Shown}.op"),
            ("display_if an unknown field", DisplayIf("""{"question":"q1","op":"answered","eval":"x"}"""), $"{Shown}.eval"),
            ("display_if value and values", DisplayIf("""{"question":"q1","op":"eq","value":"a","values":["a"]}"""), $"{Shown}.value"),
            ("display_if answered with a value", DisplayIf("""{"question":"q1","op":"answered","value":"a"}"""), Shown),
            ("display_if all empty", DisplayIf("""{"all":[]}"""), $"{Shown}.all"),
            ("display_if 101 values", DisplayIf("{\"question\":\"q1\",\"op\":\"includes_any\",\"values\":[" + values + "]}"), $"{Shown}.values"),
            ("display_if 9 levels deep", DisplayIf(nine), Shown + string.Concat(Enumerable.Repeat(".not", 7))),
            ("display_if a hidden field compared with a number", DisplayIf("""{"hidden":"src","op":"eq","value":5}"""), $"{Shown}.value"),
            ("display_if a 501-character value", DisplayIf("{\"question\":\"q1\",\"op\":\"eq\",\"value\":\"" + new string('x', 501) + "\"}"),
                $"{Shown}.value"),
        ];
        foreach (var (input, body, field) in cases)
        {
            yield return create.Request(input, body, Invalid(field));
            yield return update.Request(input, body.Replace("\"name\":\"s\",", "", StringComparison.Ordinal), Invalid(field));
        }
    }
}
