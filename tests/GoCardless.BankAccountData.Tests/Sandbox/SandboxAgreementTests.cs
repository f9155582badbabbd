using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxAgreementTests
{
    public static TheoryData<string, string> InvalidBodies => new()
    {
        {
            """{"institution_id":"NOPE_NOPE0000"}""",
            """{"institution_id":{"summary":"Unknown Institution ID NOPE_NOPE0000","detail":"Get Institution IDs from /institutions/?country={$COUNTRY_CODE}"},"status_code":400}"""
        },
        {
            """{"max_historical_days":30}""",
            """{"institution_id":["This field is required."],"status_code":400}"""
        },
        {
            """{"institution_id":"SANDBOXFINANCE_SFIN0000","max_historical_days":91}""",
            """{"max_historical_days":{"summary":"Incorrect max_historical_days","detail":"max_historical_days must be > 0 and <= SANDBOXFINANCE_SFIN0000 transaction_total_days (90)"},"status_code":400}"""
        },
        {
            """{"institution_id":"SANDBOXFINANCE_SFIN0000","access_valid_for_days":181}""",
            """{"access_valid_for_days":{"summary":"Incorrect access_valid_for_days","detail":"access_valid_for_days must be > 0 and <= 180"},"status_code":400}"""
        },
        {
            """{"institution_id":"SANDBOXFINANCE_SFIN0000","access_scope":[]}""",
            """{"access_scope":{"summary":"Field 'access_scope' may not be an empty list.","detail":"Please choose one or several of ['balances', 'details', 'transactions']."},"status_code":400}"""
        },
        {
            """{"institution_id":"SANDBOXFINANCE_SFIN0000","access_scope":["balances","payments"]}""",
            """{"access_scope":{"summary":"Unknown value 'payments' in access_scope","detail":"Choose one or several from ['balances', 'details', 'transactions']"},"status_code":400}"""
        },
        {
            """{"institution_id":"BBVA_BBVAESMM","access_scope":["details","transactions"]}""",
            """{"summary":"Institution access scope dependencies error","detail":"For this institution the following scopes are required together: ['details', 'balances']","status_code":400}"""
        },
        {
            """{"institution_id":"SANDBOXFINANCE_SFIN0000","accessScope":["balances"]}""",
            """{"summary":"Unknown fields","detail":"Unknown fields {'accessScope'} in payload","status_code":400}"""
        },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_Returns400WithExactBody_WhenBodyIsInvalid(string body, string expected)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(expected, reply.Body);
    }

    [Fact]
    public async Task Create_Returns201WithDefaults_WhenOnlyInstitutionIsGiven()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "NATIONWIDE_NAIAGB21" });

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        var eua = reply.Json;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", (string)eua["id"]!);
        Assert.Equal("2026-03-10T12:00:00.000000Z", (string)eua["created"]!);
        Assert.Equal(90, (int)eua["max_historical_days"]!);
        Assert.Equal(90, (int)eua["access_valid_for_days"]!);
        Assert.Equal(["balances", "details", "transactions"], eua["access_scope"]!.AsArray().Select(s => (string)s!).ToArray());
        Assert.Null(eua["accepted"]);
        Assert.False((bool)eua["reconfirmation"]!);
    }

    [Fact]
    public async Task Create_Returns503NotOperational_WhenInstitutionIsDown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "SWEDBANK_SWEDSESS" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("Institution SWEDBANK_SWEDSESS is not operational", (string)reply.Json["summary"]!);
        var up = await sandbox.ControlAsync(HttpMethod.Put, "institutions/SWEDBANK_SWEDSESS", new { operational = true });
        Assert.Equal(HttpStatusCode.OK, up.Status);
        var retry = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "SWEDBANK_SWEDSESS" });
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal("SWEDBANK_SWEDSESS", (string)retry.Json["institution_id"]!);
    }

    [Fact]
    public async Task GetAndDelete_FollowTheContract_ForKnownMalformedAndUnknownIds()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "ING_INGBNL2A" });
        var id = (string)created.Json["id"]!;

        var byShortId = await sandbox.GetAsync($"api/v2/agreements/enduser/{id.Replace("-", "", StringComparison.Ordinal)}/");
        var malformed = await sandbox.GetAsync("api/v2/agreements/enduser/abc/");
        var deleted = await sandbox.SendAsync(HttpMethod.Delete, $"api/v2/agreements/enduser/{id}/");
        var gone = await sandbox.GetAsync($"api/v2/agreements/enduser/{id}/");

        Assert.Equal(HttpStatusCode.OK, byShortId.Status);
        Assert.Equal(id, (string)byShortId.Json["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("""{"summary":"Invalid EndUserAgreement ID","detail":"abc is not a valid EndUserAgreement UUID. ","status_code":400}""", malformed.Body);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal($$"""{"summary":"End User Agreement deleted","detail":"End User Agreement {{id}} deleted"}""", deleted.Body);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("""{"summary":"Not found.","detail":"Not found.","status_code":404}""", gone.Body);
    }

    [Fact]
    public async Task Delete_Returns400_WhenAgreementWasAccepted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (requisitionId, _) = await sandbox.LinkAsync("SANDBOXFINANCE_SFIN0000");
        var agreement = (string)(await sandbox.GetAsync($"api/v2/requisitions/{requisitionId}/")).Json["agreement"]!;

        var reply = await sandbox.SendAsync(HttpMethod.Delete, $"api/v2/agreements/enduser/{agreement}/");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($"Cannot delete accepted End User Agreement: {agreement}. Only non accepted agreements can be deleted",
            (string)reply.Json["detail"]!);
    }

    [Fact]
    public async Task Accept_Returns403InsufficientPermissions_Always()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "ING_INGBNL2A" });

        var reply = await sandbox.SendAsync(HttpMethod.Put, $"api/v2/agreements/enduser/{(string)created.Json["id"]!}/accept/",
            new { user_agent = "x", ip_address = "127.0.0.1" });

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(
            """{"summary":"Insufficient permissions","detail":"Your company doesn't have permission to accept EUA. You'll have to use our default form for this action.","status_code":403}""",
            reply.Body);
    }

    [Fact]
    public async Task List_PagesWithAbsoluteLinks_WhenLimitIsSmall()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "ING_INGBNL2A" });
        }

        var page = await sandbox.GetAsync("api/v2/agreements/enduser/?limit=2&offset=1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(3, (int)page.Json["count"]!);
        Assert.Null(page.Json["next"]);
        Assert.Equal(new Uri(sandbox.Server.ApiBaseAddress, "agreements/enduser/?limit=2").ToString(), (string)page.Json["previous"]!);
        Assert.Equal(2, page.Json["results"]!.AsArray().Count);
    }
}
