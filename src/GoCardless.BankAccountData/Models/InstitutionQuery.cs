namespace GoCardless.BankAccountData;

/// <summary>Filters for <see cref="GoCardlessClient.ListInstitutionsAsync"/>. A <see langword="null"/> flag is not sent.</summary>
public sealed record InstitutionQuery
{
    /// <summary>ISO 3166 alpha-2 country (case-insensitive); <see langword="null"/> lists every country.</summary>
    public string? Country { get; init; }

    /// <summary><c>access_scopes_supported</c>.</summary>
    public bool? AccessScopesSupported { get; init; }

    /// <summary><c>account_selection_supported</c>.</summary>
    public bool? AccountSelectionSupported { get; init; }

    /// <summary><c>business_accounts_supported</c>.</summary>
    public bool? BusinessAccountsSupported { get; init; }

    /// <summary><c>card_accounts_supported</c>.</summary>
    public bool? CardAccountsSupported { get; init; }

    /// <summary><c>corporate_accounts_supported</c>.</summary>
    public bool? CorporateAccountsSupported { get; init; }

    /// <summary><c>pending_transactions_supported</c>.</summary>
    public bool? PendingTransactionsSupported { get; init; }

    /// <summary><c>private_accounts_supported</c>.</summary>
    public bool? PrivateAccountsSupported { get; init; }

    /// <summary><c>read_debtor_account_supported</c>.</summary>
    public bool? ReadDebtorAccountSupported { get; init; }

    /// <summary><c>read_refund_account_supported</c>.</summary>
    public bool? ReadRefundAccountSupported { get; init; }

    /// <summary><c>separate_continuous_history_consent_supported</c>.</summary>
    public bool? SeparateContinuousHistoryConsentSupported { get; init; }

    /// <summary><c>ssn_verification_supported</c>.</summary>
    public bool? SsnVerificationSupported { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToQueryParameters()
    {
        if (!string.IsNullOrWhiteSpace(Country))
        {
            yield return new("country", Country.Trim());
        }

        (string Name, bool? Value)[] flags =
        [
            ("access_scopes_supported", AccessScopesSupported),
            ("account_selection_supported", AccountSelectionSupported),
            ("business_accounts_supported", BusinessAccountsSupported),
            ("card_accounts_supported", CardAccountsSupported),
            ("corporate_accounts_supported", CorporateAccountsSupported),
            ("pending_transactions_supported", PendingTransactionsSupported),
            ("private_accounts_supported", PrivateAccountsSupported),
            ("read_debtor_account_supported", ReadDebtorAccountSupported),
            ("read_refund_account_supported", ReadRefundAccountSupported),
            ("separate_continuous_history_consent_supported", SeparateContinuousHistoryConsentSupported),
            ("ssn_verification_supported", SsnVerificationSupported),
        ];
        foreach (var (name, value) in flags)
        {
            if (value is { } flag)
            {
                yield return new(name, flag ? "true" : "false");
            }
        }
    }
}
