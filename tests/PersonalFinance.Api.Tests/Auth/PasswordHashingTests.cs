using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class PasswordHashingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S1")]
    public async Task CreateUser_StoresIdentityV3HashWithAtLeast210000Iterations_WhenPasswordIsSet()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);

        var stored = await StoredHashAsync(api, user.Id);

        Assert.Equal(0x01, stored[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1, 4))); // KeyDerivationPrf.HMACSHA512
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5, 4)) >= 210_000);
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(9, 4))); // 128-bit salt
    }

    [Fact]
    [Trait("Requirement", "S2")]
    public async Task Login_UpgradesTheHash_WhenStoredHashHasFewerIterations()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var weak = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await using (var db = api.CreateDbContext())
        {
            var row = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            row.PasswordHash = weak.HashPassword(row, user.Password);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(100_000u, BinaryPrimitives.ReadUInt32BigEndian((await StoredHashAsync(api, user.Id)).AsSpan(5, 4)));
        using var client = api.CreateRawClient();

        using var response = await client.LoginAsync(user.Username, user.Password, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian((await StoredHashAsync(api, user.Id)).AsSpan(5, 4)) >= 210_000);
        using var again = await client.LoginAsync(user.Username, user.Password, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var wrong = await client.LoginAsync(user.Username, "not the password", Ct);
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "Invalid credentials");
    }

    [Fact]
    [Trait("Requirement", "S5")]
    public async Task Login_VerifiesExactlyOnce_WhenUserIsUnknownOrPasswordIsWrong()
    {
        Func<int>? verifications = null;
        await using var api = await TestApi.StartAsync(o => verifications = CountingPasswordHasher.Install(o), Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var before = verifications!();

        using var unknown = await client.LoginAsync("nobody-at-all", "not the password", Ct);
        var afterUnknown = verifications();
        using var wrong = await client.LoginAsync(user.Username, "not the password", Ct);
        var afterWrong = verifications();

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
        var unknownProblem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized, "Invalid credentials");
        var wrongProblem = await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "Invalid credentials");
        Assert.Equal(AuthEndpointsTests.WithoutTraceId(unknownProblem.Body), AuthEndpointsTests.WithoutTraceId(wrongProblem.Body));
        Assert.Equal(unknown.Headers.Select(h => h.Key).Order(), wrong.Headers.Select(h => h.Key).Order());
    }

    private static async Task<byte[]> StoredHashAsync(TestApi api, Guid userId)
    {
        await using var db = api.CreateDbContext();
        return Convert.FromBase64String(await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync(Ct));
    }
}
