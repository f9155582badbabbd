using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Institutions;

internal static class InstitutionsEndpoints
{
    public static RouteGroupBuilder MapInstitutions(this RouteGroupBuilder group)
    {
        group.WithTags("Institutions").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return group;
    }

    private static async Task<Results<Ok<InstitutionListResponse>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "country")] string? country,
        [FromQuery(Name = "search")] string? search,
        [FromQuery(Name = "provider")] string? provider,
        AppDbContext db,
        InstitutionCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(country) && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            return ApiProblems.Validation("country", "country must be a two-letter ISO 3166 code, such as GB.");
        }

        if (!string.IsNullOrEmpty(provider) && !string.Equals(provider, InstitutionCatalogue.Provider, StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Validation("provider", $"provider must be '{InstitutionCatalogue.Provider}'.");
        }

        if (search is { Length: > 100 })
        {
            return ApiProblems.Validation("search", "search may be at most 100 characters.");
        }

        await catalogue.EnsureLoadedAsync(cancellationToken);
        var institutions = db.Institutions.AsNoTracking();
        if (!string.IsNullOrEmpty(country))
        {
            var code = country.ToUpperInvariant();
            institutions = institutions.Where(i => i.Countries.Contains(code));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            institutions = institutions.Where(i => EF.Functions.Like(i.Name.ToLower(), pattern, "\\"));
        }

        var items = await institutions.OrderBy(i => i.Name).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new InstitutionListResponse([.. items.Select(ToResponse)], items.Count));
    }

    private static async Task<Results<Ok<InstitutionResponse>, ProblemHttpResult>> GetAsync(string id, InstitutionCatalogue catalogue, CancellationToken cancellationToken)
    {
        var institution = id.Length is > 0 and <= 128 ? await catalogue.FindAsync(id, cancellationToken) : null;
        return institution is null ? ApiProblems.NotFound($"Institution not found: {id}") : TypedResults.Ok(ToResponse(institution));
    }

    internal static InstitutionResponse ToResponse(Institution i) =>
        new(i.Id, i.Provider, i.Name, i.LogoUrl, i.Countries, i.TransactionTotalDays, i.MaxAccessValidForDays);
}
