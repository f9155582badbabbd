using System.ComponentModel.DataAnnotations;
using PersonalFinance.Api.Jobs;

namespace PersonalFinance.Api.Connections;

// Request records are public because the framework's validation source generator skips internal types.
public sealed record CreateConnectionRequest(
    [Required(AllowEmptyStrings = false), StringLength(128)] string InstitutionId,
    [Required(AllowEmptyStrings = false)] string FriendlyName) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => FriendlyNameRule.Check(FriendlyName);
}

public sealed record UpdateConnectionRequest([Required(AllowEmptyStrings = false)] string FriendlyName) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => FriendlyNameRule.Check(FriendlyName);
}

internal static class FriendlyNameRule
{
    public const int MaxLength = 128;

    public static IEnumerable<ValidationResult> Check(string? friendlyName)
    {
        var trimmed = friendlyName?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxLength)
        {
            yield return new ValidationResult($"friendly_name must be 1 to {MaxLength} characters.", ["friendly_name"]);
        }
    }
}

internal sealed record ConnectionInstitution(string Id, string Name, string? LogoUrl);

internal sealed record ConnectionResponse(
    Guid Id,
    string FriendlyName,
    string Provider,
    string Status,
    ConnectionInstitution Institution,
    int AccountCount,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastSyncedAt,
    JobResponse? LatestSyncJob);

internal sealed record ConnectionListResponse(IReadOnlyList<ConnectionResponse> Connections, int Total);

internal sealed record ConnectionLinkResponse(Guid Id, string Link);
