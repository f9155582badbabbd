namespace GoCardless.BankAccountData;

/// <summary>The body of <c>POST requisitions/</c>. <see langword="null"/> values are not sent.</summary>
public sealed record CreateRequisitionRequest
{
    /// <summary>Where the browser returns (an absolute URI, at most 1024 characters). Required.</summary>
    public required Uri Redirect { get; init; }

    /// <summary>The institution id. Required.</summary>
    public required string InstitutionId { get; init; }

    /// <summary>
    /// The caller's unique reference (send a fresh UUID per requisition); GoCardless returns it as <c>ref</c> on the redirect. Required
    /// here so the callback can always be matched.
    /// </summary>
    public required string Reference { get; init; }

    /// <summary>An agreement for the same institution; <see langword="null"/> lets GoCardless create its default one.</summary>
    public string? Agreement { get; init; }

    /// <summary>ISO 639-1 language of the GoCardless pages, e.g. <c>EN</c>.</summary>
    public string? UserLanguage { get; init; }

    /// <summary>SSN for banks with SSN verification.</summary>
    public string? Ssn { get; init; }

    /// <summary>Let the user choose accounts (only if the bank supports it).</summary>
    public bool? AccountSelection { get; init; }

    /// <summary>Redirect right after the account list is received.</summary>
    public bool? RedirectImmediate { get; init; }
}
