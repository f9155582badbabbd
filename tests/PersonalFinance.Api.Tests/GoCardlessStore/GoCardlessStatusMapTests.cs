using PersonalFinance.Api.GoCardlessStore;

namespace PersonalFinance.Api.Tests.GoCardlessStore;

public sealed class GoCardlessStatusMapTests
{
    [Theory]
    [InlineData("CR", "pending")]
    [InlineData("GC", "pending")]
    [InlineData("UA", "pending")]
    [InlineData("SA", "pending")]
    [InlineData("GA", "pending")]
    [InlineData("LN", "active")]
    [InlineData("EX", "expired")]
    [InlineData("RJ", "error")]
    [InlineData("SU", "error")]
    [InlineData("ID", "error")]
    [InlineData("ER", "error")]
    [InlineData("CZ", "error")]
    [InlineData("ZZ", "error")]
    [InlineData("", "error")]
    [InlineData(null, "error")]
    [InlineData(" ln ", "active")]
    public void ToConnectionStatus_FollowsTheCanonicalMap(string? requisitionStatus, string expected) =>
        Assert.Equal(expected, GoCardlessStatusMap.ToConnectionStatus(requisitionStatus).ToString().ToLowerInvariant());

    [Theory]
    [InlineData("READY", "active")]
    [InlineData("ready", "active")]
    [InlineData("DISCOVERED", "inactive")]
    [InlineData("PROCESSING", "inactive")]
    [InlineData("ERROR", "inactive")]
    [InlineData("EXPIRED", "inactive")]
    [InlineData("SUSPENDED", "inactive")]
    [InlineData("SOMETHING_NEW", "inactive")]
    [InlineData(null, "inactive")]
    public void ToAccountStatus_IsActiveOnlyWhenReady(string? accountStatus, string expected) =>
        Assert.Equal(expected, GoCardlessStatusMap.ToAccountStatus(accountStatus).ToString().ToLowerInvariant());
}
