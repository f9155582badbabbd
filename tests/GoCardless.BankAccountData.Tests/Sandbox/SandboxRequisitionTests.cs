using System.Net;
using System.Text.Json.Nodes;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxRequisitionTests
{
    [Fact]
    public async Task Create_Returns201WithDefaultAgreementAndLink_WhenAgreementIsOmitted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var requisition = await sandbox.CreateRequisitionAsync("SANDBOXFINANCE_SFIN0000", new { reference = "ref-1", user_language = "EN" });

        var id = (string)requisition["id"]!;
        Assert.Equal("CR", (string)requisition["status"]!);
        Assert.Equal("ref-1", (string)requisition["reference"]!);
        Assert.Equal("EN", (string)requisition["user_language"]!);
        Assert.Empty(requisition["accounts"]!.AsArray());
        var link = new Uri((string)requisition["link"]!);
        Assert.Matches($"^/ob-psd2/start/[0-9a-f-]{{36}}/SANDBOXFINANCE_SFIN0000$", link.AbsolutePath);
        Assert.DoesNotContain(id, link.AbsolutePath, StringComparison.Ordinal);
        var agreement = await sandbox.GetAsync($"api/v2/agreements/enduser/{(string)requisition["agreement"]!}/");
        Assert.Equal(HttpStatusCode.OK, agreement.Status);
        Assert.Equal(90, (int)agreement.Json["max_historical_days"]!);
        Assert.Equal(90, (int)agreement.Json["access_valid_for_days"]!);
    }

    [Fact]
    public async Task Create_UsesRequisitionIdAsReference_WhenReferenceIsOmitted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A");

        Assert.Equal((string)requisition["id"]!, (string)requisition["reference"]!);
    }

    public static TheoryData<string, int, string> InvalidBodies => new()
    {
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","reference":"dup"}""",
            400,
            """{"reference":{"summary":"Client reference must be unique","detail":"Client reference: dup already exists"},"status_code":400}"""
        },
        {
            """{"redirect":"not a uri","institution_id":"ING_INGBNL2A"}""",
            400,
            """{"redirect":{"summary":"Invalid redirect URI","detail":"Redirect URI must have a valid URI structure"},"status_code":400}"""
        },
        {
            """{"institution_id":"ING_INGBNL2A"}""",
            400,
            """{"redirect":["This field is required."],"status_code":400}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","agreement":"xyz"}""",
            400,
            """{"agreement":{"summary":"Invalid End User Agreement (EUA) ID","detail":"xyz is not a valid End User Agreement (EUA) UUID. "},"status_code":400}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","agreement":"7d1e9c1a-0000-4000-8000-000000000001"}""",
            404,
            """{"agreement":{"summary":"ID 7d1e9c1a-0000-4000-8000-000000000001 not found","detail":"Please check whether you specified a valid ID"},"status_code":404}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","user_language":"AB"}""",
            400,
            """{"user_language":{"summary":"Provided user_language is invalid or not supported","detail":"'AB' is an invalid or unsupported language"},"status_code":400}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","account_selection":true}""",
            400,
            """{"account_selection":{"summary":"Account selection not supported","detail":"Account selection not supported for ING_INGBNL2A"},"status_code":400}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"ING_INGBNL2A","accountSelection":true}""",
            400,
            """{"summary":"Unknown fields","detail":"Unknown fields {'accountSelection'} in payload","status_code":400}"""
        },
        {
            """{"redirect":"https://a.example/","institution_id":"SWEDBANK_SWEDSESS"}""",
            503,
            """{"summary":"Institution SWEDBANK_SWEDSESS is not operational","detail":"Institution SWEDBANK_SWEDSESS is down or under maintenance. Try again later or contact support if the issue persists.","status_code":503}"""
        },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_ReturnsExactError_WhenBodyIsInvalid(string body, int status, string expected)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "dup" });

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/requisitions/", body);

        Assert.Equal((HttpStatusCode)status, reply.Status);
        Assert.Equal(expected, reply.Body);
    }

    [Fact]
    public async Task Create_Returns400IncorrectInstitution_WhenAgreementBelongsToAnotherBank()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var eua = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/", new { institution_id = "ING_INGBNL2A" });

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/requisitions/",
            new { redirect = "https://a.example/", institution_id = "KBC_KREDBEBB", agreement = (string)eua.Json["id"]! });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("Incorrect Institution ID KBC_KREDBEBB", (string)reply.Json["agreement"]!["summary"]!);
        Assert.Equal(
            "Provided Institution ID: 'KBC_KREDBEBB' for requisition does not match EUA institution ID 'ING_INGBNL2A'. Please provide correct institution ID: 'ING_INGBNL2A'",
            (string)reply.Json["agreement"]!["detail"]!);
    }

    [Fact]
    public async Task List_FollowsNextUntilNull_WhenThereAreMoreThanOnePage()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((string)(await sandbox.CreateRequisitionAsync("ING_INGBNL2A"))["id"]!);
            sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        var url = "api/v2/requisitions/?limit=2";
        var pages = 0;
        while (url is not null)
        {
            var page = await sandbox.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(5, (int)page.Json["count"]!);
            seen.AddRange(page.Json["results"]!.AsArray().Select(r => (string)r!["id"]!));
            url = (string?)page.Json["next"];
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
        var second = await sandbox.GetAsync("api/v2/requisitions/?limit=2&offset=2");
        Assert.Equal(new Uri(sandbox.Server.ApiBaseAddress, "requisitions/?limit=2&offset=4").ToString(), (string)second.Json["next"]!);
        Assert.Equal(new Uri(sandbox.Server.ApiBaseAddress, "requisitions/?limit=2").ToString(), (string)second.Json["previous"]!);
    }

    [Fact]
    public async Task Get_Returns404NotFound_WhenIdIsMalformedOrUnknown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var malformed = await sandbox.GetAsync("api/v2/requisitions/123/");
        var unknown = await sandbox.GetAsync($"api/v2/requisitions/{Guid.NewGuid()}/");

        Assert.Equal(HttpStatusCode.NotFound, malformed.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("""{"summary":"Not found.","detail":"Not found.","status_code":404}""", malformed.Body);
        Assert.Equal(malformed.Body, unknown.Body);
    }

    [Fact]
    public async Task Delete_RemovesRequisitionAndItsAgreement_AndAccountsLoseAccess()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (id, accounts) = await sandbox.LinkAsync("SANDBOXFINANCE_SFIN0000");
        var agreement = (string)(await sandbox.GetAsync($"api/v2/requisitions/{id}/")).Json["agreement"]!;

        var deleted = await sandbox.SendAsync(HttpMethod.Delete, $"api/v2/requisitions/{id}/");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal($$"""{"summary":"Requisition deleted","detail":"Requisition {{id}} deleted with all its End User Agreements"}""", deleted.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync($"api/v2/requisitions/{id}/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync($"api/v2/agreements/enduser/{agreement}/")).Status);
        var data = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        Assert.Equal(HttpStatusCode.Forbidden, data.Status);
        Assert.Equal(
            """{"summary":"No valid End User Agreement","detail":"Account exists but there is no valid End User Agreement permitting you to access it","status_code":403}""",
            data.Body);
    }

    [Fact]
    public async Task Link_UsesConfiguredPublicBaseUrl_WhenSet()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.PublicBaseUrl = new Uri("https://sandbox.example/gc/"));

        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A");

        Assert.StartsWith("https://sandbox.example/gc/ob-psd2/start/", (string)requisition["link"]!, StringComparison.Ordinal);
        var state = await sandbox.ControlAsync(HttpMethod.Get, "state");
        Assert.Equal(HttpStatusCode.OK, state.Status);
        Assert.Single(state.Json["requisitions"]!.AsArray());
        Assert.IsType<JsonArray>(state.Json["accounts"]);
    }
}
