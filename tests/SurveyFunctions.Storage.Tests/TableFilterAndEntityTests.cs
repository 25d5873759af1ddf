namespace SurveyFunctions.Storage.Tests;

public sealed class TableFilterAndEntityTests
{
    [Fact]
    public void Of_escapes_every_value_as_a_typed_literal()
    {
        var pk = "it's";
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)).AddTicks(5);
        var filter = TableFilter.Of($"PartitionKey eq {pk} and L eq {123L} and I eq {5} and B eq {true} and W ge {when} and G eq {guid} and D lt {0.5} and E eq {2.0} and X eq {new byte[] { 0xAB, 0x01 }}");
        Assert.Equal(
            "PartitionKey eq 'it''s' and L eq 123L and I eq 5 and B eq true and W ge datetime'2024-01-01T00:00:00.0000005Z' and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and D lt 0.5 and E eq 2.0 and X eq X'ab01'",
            filter);
    }

    [Fact]
    public void Injection_attempt_stays_inside_the_literal()
    {
        var evil = "x' or PartitionKey ne '";
        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne '''", TableFilter.Of($"PartitionKey eq {evil}"));
        Assert.Equal("'a''b'", TableFilter.Quote("a'b"));
    }

    [Fact]
    public void Unsupported_filter_values_throw()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Of($"A eq {new object()}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Of($"A eq {(string?)null}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Of($"A eq {double.NaN}"));
    }

    [Fact]
    public void Typed_accessors_return_null_when_absent_and_throw_on_wrong_type()
    {
        var e = new TableEntity("p", "r") { ["S"] = "s", ["I"] = 1, ["L"] = 2L };
        Assert.Null(e.GetString("missing"));
        Assert.Null(e.GetInt32("missing"));
        Assert.Equal("s", e.GetString("S"));
        Assert.Equal(1L, e.GetInt64("I")); // widening is fine
        Assert.Throws<InvalidOperationException>(() => e.GetInt32("L"));
        Assert.Throws<InvalidOperationException>(() => e.GetString("I"));
        Assert.Throws<InvalidOperationException>(() => e.GetGuid("S"));
        Assert.Equal("p", e["PartitionKey"]);
        Assert.False(e.ContainsKey("partitionkey")); // case-sensitive
    }

    [Fact]
    public void Continuation_tokens_round_trip()
    {
        var token = TableContinuation.Encode("1!8!cGsx", "1!8!cmsx");
        Assert.NotNull(token);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.Equal(("1!8!cGsx", "1!8!cmsx"), TableContinuation.Decode(token!));
        Assert.Equal(("1!8!cGsx", (string?)null), TableContinuation.Decode(TableContinuation.Encode("1!8!cGsx", null)!));
        Assert.Null(TableContinuation.Encode(null, null));
    }

    [Fact]
    public void Batch_response_parser_handles_success_and_error_shapes()
    {
        const string ok = "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\nContent-ID: 1\r\nETag: W/\"a\"\r\n\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\nContent-ID: 2\r\nETag: W/\"b\"\r\n\r\n\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";
        var parts = TableTransactionBatch.SplitParts(ok);
        Assert.Equal(2, parts.Count);
        Assert.Equal("W/\"b\"", parts[1].ETag);

        const string failed = "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 409 Conflict\r\nContent-ID: 5\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"4:The specified entity already exists.\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";
        var failure = Assert.Single(TableTransactionBatch.SplitParts(failed));
        Assert.Equal(409, failure.Status);
        Assert.Equal(5, failure.ContentId);
        Assert.StartsWith("{\"odata.error\"", failure.Body, StringComparison.Ordinal);
    }
}
