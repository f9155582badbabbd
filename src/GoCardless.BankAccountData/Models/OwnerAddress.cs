namespace GoCardless.BankAccountData;

/// <summary>A structured owner address.</summary>
/// <param name="StreetName">Street.</param>
/// <param name="BuildingNumber">Building number.</param>
/// <param name="TownName">Town.</param>
/// <param name="PostCode">Post code.</param>
/// <param name="Country">Country.</param>
public sealed record OwnerAddress(string? StreetName, string? BuildingNumber, string? TownName, string? PostCode, string? Country);
