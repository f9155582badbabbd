using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxSnapshotTests
{
    [Fact]
    public async Task Snapshot_RestoresRequisitionsAccountsAndScopeCounts_WhenServerRestarts()
    {
        var path = Path.Combine(Path.GetTempPath(), "gc-sandbox-" + Guid.NewGuid().ToString("N"), "snapshot.json");
        try
        {
            string requisitionId;
            string account;
            string iban;
            await using (var first = await SandboxHarness.StartAsync(o => o.SnapshotPath = path))
            {
                (requisitionId, var accounts) = await first.LinkAsync("ING_INGBNL2A", psu: "frank");
                account = accounts[0];
                iban = (string)(await first.GetAsync($"api/v2/accounts/{account}/")).Json["iban"]!;
                Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"api/v2/accounts/{account}/details/")).Status);
            }

            Assert.True(File.Exists(path));
            await using var second = await SandboxHarness.StartAsync(o => o.SnapshotPath = path);

            var requisition = await second.GetAsync($"api/v2/requisitions/{requisitionId}/");
            var metadata = await second.GetAsync($"api/v2/accounts/{account}/");
            var details = await second.GetAsync($"api/v2/accounts/{account}/details/");

            Assert.Equal(HttpStatusCode.OK, requisition.Status);
            Assert.Equal("LN", (string)requisition.Json["status"]!);
            Assert.Equal(iban, (string)metadata.Json["iban"]!);
            Assert.Equal(HttpStatusCode.OK, details.Status);
            Assert.Equal("2", details.Header("http_x_ratelimit_account_success_remaining"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
