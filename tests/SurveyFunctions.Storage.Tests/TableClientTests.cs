using Azure;

namespace SurveyFunctions.Storage.Tests;

[Collection(TablesGroup.Name)]
public sealed class TableClientTests(AzuriteFixture fx)
{
    [Fact]
    public async Task CreateIfNotExists_is_idempotent()
    {
        var table = fx.Tables.GetTableClient(AzuriteFixture.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.NotNull(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteIfExists_removes_the_table_and_its_entities()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.True(await table.DeleteIfExistsAsync());
        Assert.False(await table.DeleteIfExistsAsync());
        await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r2")));

        await table.CreateIfNotExistsAsync(); // Azurite frees the name at once
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task Add_twice_fails_with_409_EntityAlreadyExists()
    {
        var table = await fx.NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        Assert.False(string.IsNullOrEmpty(etag));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 2 }));
        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("pk", "rk"))!.GetInt32("V"));
    }

    [Theory]
    [InlineData(TableUpdateMode.Replace)]
    [InlineData(TableUpdateMode.Merge)]
    public async Task Update_with_stale_etag_fails_with_412(TableUpdateMode mode)
    {
        var table = await fx.NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        var second = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 2 }, first, mode);
        Assert.NotEqual(first, second);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 3 }, first, mode));
        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);

        var third = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 4 }, second, mode);
        var read = await table.GetEntityAsync("pk", "rk");
        Assert.Equal(4, read!.GetInt32("V"));
        Assert.Equal(third, read.ETag);
    }

    [Fact]
    public async Task Update_with_wildcard_works_and_missing_entity_is_404()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 2 }, "*");
        Assert.Equal(2, (await table.GetEntityAsync("pk", "rk"))!.GetInt32("V"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("pk", "missing") { ["V"] = 1 }, "*"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("ResourceNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await fx.NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["A"] = "a", ["B"] = 1 });

        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["B"] = 2, ["C"] = true }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("pk", "rk"))!;
        Assert.Equal("a", merged.GetString("A"));
        Assert.Equal(2, merged.GetInt32("B"));
        Assert.True(merged.GetBoolean("C"));

        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["D"] = 5L }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("pk", "rk"))!;
        Assert.False(replaced.ContainsKey("A"));
        Assert.False(replaced.ContainsKey("B"));
        Assert.False(replaced.ContainsKey("C"));
        Assert.Equal(5L, replaced.GetInt64("D"));
    }

    [Fact]
    public async Task Upsert_creates_missing_entity()
    {
        var table = await fx.NewTableAsync();
        var etag = await table.UpsertEntityAsync(new TableEntity("pk", "new") { ["X"] = 1 }, TableUpdateMode.Replace);
        Assert.Equal(etag, (await table.GetEntityAsync("pk", "new"))!.ETag);
    }

    [Fact]
    public async Task Delete_returns_true_then_false_and_stale_etag_throws_412()
    {
        var table = await fx.NewTableAsync();
        var old = await table.AddEntityAsync(new TableEntity("pk", "rk"));
        await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 }, "*");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("pk", "rk", old));
        Assert.Equal(412, ex.Status);

        Assert.True(await table.DeleteEntityAsync("pk", "rk"));
        Assert.Null(await table.GetEntityAsync("pk", "rk"));
        Assert.False(await table.DeleteEntityAsync("pk", "rk"));
    }

    [Fact]
    public async Task Get_returns_entity_with_etag_and_timestamp_or_null()
    {
        var table = await fx.NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["Name"] = "x" });

        var entity = await table.GetEntityAsync("pk", "rk");
        Assert.NotNull(entity);
        Assert.Equal("pk", entity.PartitionKey);
        Assert.Equal("rk", entity.RowKey);
        Assert.Equal(etag, entity.ETag);
        Assert.NotNull(entity.Timestamp);
        Assert.InRange(entity.Timestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Null(await table.GetEntityAsync("pk", "nope"));
        Assert.Null(await table.GetEntityAsync("nope", "rk"));
    }

    [Fact]
    public async Task Get_on_missing_table_returns_null()
    {
        var table = fx.Tables.GetTableClient(AzuriteFixture.UniqueTableName());
        Assert.Null(await table.GetEntityAsync("pk", "rk"));
    }

    [Fact]
    public async Task Select_projects_properties()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["A"] = "a", ["B"] = 2, ["C"] = 3L });

        var entity = (await table.GetEntityAsync("pk", "rk", ["A", "C"]))!;
        Assert.Equal("a", entity.GetString("A"));
        Assert.Equal(3L, entity.GetInt64("C"));
        Assert.False(entity.ContainsKey("B"));

        var queried = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {"pk"}"), ["B"]);
        var only = Assert.Single(queried.Items);
        Assert.Equal(2, only.GetInt32("B"));
        Assert.False(only.ContainsKey("A"));
        Assert.False(only.ContainsKey("C"));
    }

    [Fact]
    public async Task Every_supported_type_round_trips_exactly()
    {
        var table = await fx.NewTableAsync();
        var when = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).AddTicks(1234567);
        var guid = Guid.NewGuid();
        var bytes = new byte[] { 0, 1, 2, 254, 255, 0x2B, 0x2F };
        var entity = new TableEntity("pk", "types")
        {
            ["Str"] = "héllo 'world' \"quoted\" ✓ 𝄞 \n line",
            ["Empty"] = "",
            ["Int"] = int.MinValue,
            ["IntSmall"] = 42,
            ["Long"] = (1L << 53) + 1,
            ["LongMax"] = long.MaxValue,
            ["LongSmall"] = 7L,
            ["DoubleOne"] = 1.0,
            ["DoubleTenth"] = 0.1,
            ["DoubleBig"] = 1.7976931348623157E+308,
            ["DoubleNeg"] = -2.5e-10,
            ["DoubleNaN"] = double.NaN,
            ["DoubleInf"] = double.PositiveInfinity,
            ["DoubleNegInf"] = double.NegativeInfinity,
            ["True"] = true,
            ["False"] = false,
            ["When"] = when,
            ["WhenDateTime"] = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
            ["Guid"] = guid,
            ["Bytes"] = bytes,
            ["NoBytes"] = Array.Empty<byte>(),
        };
        await table.AddEntityAsync(entity);

        var read = (await table.GetEntityAsync("pk", "types"))!;
        Assert.Equal("héllo 'world' \"quoted\" ✓ 𝄞 \n line", Assert.IsType<string>(read["Str"]));
        Assert.Equal("", read.GetString("Empty"));
        Assert.Equal(int.MinValue, Assert.IsType<int>(read["Int"]));
        Assert.Equal(42, Assert.IsType<int>(read["IntSmall"]));
        Assert.Equal((1L << 53) + 1, Assert.IsType<long>(read["Long"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read["LongMax"]));
        Assert.Equal(7L, Assert.IsType<long>(read["LongSmall"]));
        Assert.Equal(1.0, Assert.IsType<double>(read["DoubleOne"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["DoubleTenth"]));
        Assert.Equal(1.7976931348623157E+308, Assert.IsType<double>(read["DoubleBig"]));
        Assert.Equal(-2.5e-10, Assert.IsType<double>(read["DoubleNeg"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(read["DoubleNaN"])));
        Assert.Equal(double.PositiveInfinity, Assert.IsType<double>(read["DoubleInf"]));
        Assert.Equal(double.NegativeInfinity, Assert.IsType<double>(read["DoubleNegInf"]));
        Assert.True(Assert.IsType<bool>(read["True"]));
        Assert.False(Assert.IsType<bool>(read["False"]));
        Assert.Equal(when, Assert.IsType<DateTimeOffset>(read["When"]));
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1), read.GetDateTimeOffset("WhenDateTime"));
        Assert.Equal(guid, Assert.IsType<Guid>(read["Guid"]));
        Assert.Equal(bytes, Assert.IsType<byte[]>(read["Bytes"]));
        Assert.Equal(Array.Empty<byte>(), read.GetBinary("NoBytes"));

        // And via a query (the list format), not only the point read.
        var page = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {"pk"} and RowKey eq {"types"}"));
        var q = Assert.Single(page.Items);
        Assert.Equal((1L << 53) + 1, q.GetInt64("Long"));
        Assert.Equal(1.0, Assert.IsType<double>(q["DoubleOne"]));
        Assert.Equal(when, q.GetDateTimeOffset("When"));
    }

    [Fact]
    public async Task Keys_with_spaces_quotes_percent_and_unicode_work()
    {
        var table = await fx.NewTableAsync();
        string[] keys = ["a b", "it's", "''", "100%", "ü€😀", "a+b=c&d", "x(1),y", "tab-less ~!@$^*"];
        foreach (var key in keys)
        {
            await table.AddEntityAsync(new TableEntity(key, key) { ["K"] = key });
            var read = await table.GetEntityAsync(key, key);
            Assert.NotNull(read);
            Assert.Equal(key, read.PartitionKey);
            Assert.Equal(key, read.RowKey);
            await table.UpsertEntityAsync(new TableEntity(key, key) { ["M"] = 1 });
            await table.UpdateEntityAsync(new TableEntity(key, key) { ["M"] = 2 }, "*", TableUpdateMode.Replace);
            Assert.Equal(2, (await table.GetEntityAsync(key, key))!.GetInt32("M"));
            var page = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {key} and RowKey eq {key}"));
            Assert.Single(page.Items);
            Assert.True(await table.DeleteEntityAsync(key, key));
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Illegal_key_characters_are_rejected_before_sending(string key)
    {
        var table = fx.Tables.GetTableClient("neverCreated");
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync(key, "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync("p", key));
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("p", key));
    }

    [Fact]
    public async Task Unsupported_value_type_names_the_property()
    {
        var table = await fx.NewTableAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["Bad"] = 1.5m }));
        Assert.Contains("'Bad'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_values_cannot_inject()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("victim", "1"));
        await table.AddEntityAsync(new TableEntity("other", "2"));
        const string evil = "x' or PartitionKey ne '";
        await table.AddEntityAsync(new TableEntity(evil, "3"));

        var none = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {"nothing' or PartitionKey ne '"}"));
        Assert.Empty(none.Items);

        var exact = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {evil}"));
        var only = Assert.Single(exact.Items);
        Assert.Equal(evil, only.PartitionKey);
    }

    [Fact]
    public async Task Typed_filters_match_typed_values()
    {
        var table = await fx.NewTableAsync();
        var guid = Guid.NewGuid();
        var when = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "1") { ["L"] = 5_000_000_000L, ["G"] = guid, ["W"] = when, ["D"] = 2.0, ["B"] = true, ["I"] = 3 });
        await table.AddEntityAsync(new TableEntity("p", "2") { ["L"] = 1L, ["G"] = Guid.NewGuid(), ["W"] = when.AddDays(1), ["D"] = 0.5, ["B"] = false, ["I"] = 4 });

        async Task<string> One(FormattableString f) => Assert.Single((await table.QueryPageAsync(TableFilter.Of(f))).Items).RowKey;
        Assert.Equal("1", await One($"L gt {4_000_000_000L}"));
        Assert.Equal("1", await One($"G eq {guid}"));
        Assert.Equal("2", await One($"W gt {when}"));
        Assert.Equal("1", await One($"D ge {1.0}"));
        Assert.Equal("2", await One($"B eq {false}"));
        Assert.Equal("2", await One($"I eq {4}"));
    }
}
