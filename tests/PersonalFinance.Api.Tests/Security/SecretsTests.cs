using System.Data.Common;
using System.Net.Http.Json;
using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Connections;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Security;

public sealed class SecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S24")]
    [Trait("Requirement", "S25")]
    public async Task FullFlow_LeavesNoGoCardlessSecretOrTokenInAnyTableOrLog()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);
        using var login = await client.LoginAsync(user.Username, user.Password, Ct);
        var accessToken = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("access_token").GetString()!;
        var created = await ConnectionsTestHelpers.CreateLinkedAsync(api, client);
        using var reauthoriseAttempt = await client.PostAsync($"/api/connections/{created.Id}/reauthorise", null, Ct);
        using var failing = await client.GetAsync("/api/institutions/NOPE_NOPE0000", Ct);

        var tokens = api.Services.GetRequiredService<GoCardlessTokenCache>().Current;
        Assert.NotNull(tokens);
        string[] secrets = [api.Sandbox.Server.SecretId, api.Sandbox.Server.SecretKey, tokens.AccessToken, tokens.RefreshToken!, accessToken, user.Password, created.Reference];

        var stored = await AllStoredTextAsync(api);
        foreach (var secret in secrets.Take(4))
        {
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        }

        foreach (var log in api.Logs.Entries)
        {
            var text = $"{log.Message} {log.Exception} {string.Join(" ", log.State.Select(p => p.Value))}";
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    /// Every text value of every table, read with plain SQL so that nothing is hidden behind the model.
    private static async Task<List<string>> AllStoredTextAsync(TestApi api)
    {
        await using var db = api.CreateDbContext();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("gc_requisition_links", tables);
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i, Ct) && reader.GetValue(i) is { } value)
                    {
                        values.Add(value is Array array ? string.Join(",", array.Cast<object>()) : value.ToString() ?? "");
                    }
                }
            }
        }

        Assert.NotEmpty(values);
        return values;
    }
}
