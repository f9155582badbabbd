namespace PersonalFinance.Api.Institutions;

internal sealed record InstitutionResponse(
    string Id,
    string Provider,
    string Name,
    string? LogoUrl,
    IReadOnlyList<string> Countries,
    int TransactionTotalDays,
    int MaxAccessValidForDays);

internal sealed record InstitutionListResponse(IReadOnlyList<InstitutionResponse> Institutions, int Total);
