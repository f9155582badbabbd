using System.Text.Json;
using System.Text.Json.Serialization;
using GoCardless.BankAccountData.Internal;

// Wire shapes only: GoCardless's snake_case and Berlin-Group camelCase, each spelled out. Lenient scalars (numbers as strings, string or
// array) are handled by the converters registered on GoCardlessJsonContext; the public records are built by WireMapper.
namespace GoCardless.BankAccountData.Wire;

internal sealed class TokenNewRequestDto
{
    [JsonPropertyName("secret_id")]
    public string? SecretId { get; set; }

    [JsonPropertyName("secret_key")]
    public string? SecretKey { get; set; }
}

internal sealed class TokenRefreshRequestDto
{
    [JsonPropertyName("refresh")]
    public string? Refresh { get; set; }
}

internal sealed class TokenResponseDto
{
    [JsonPropertyName("access")]
    public string? Access { get; set; }

    [JsonPropertyName("access_expires")]
    public int? AccessExpires { get; set; }

    [JsonPropertyName("refresh")]
    public string? Refresh { get; set; }

    [JsonPropertyName("refresh_expires")]
    public int? RefreshExpires { get; set; }
}

internal sealed class InstitutionDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("bic")]
    public string? Bic { get; set; }

    [JsonPropertyName("transaction_total_days")]
    public string? TransactionTotalDays { get; set; }

    [JsonPropertyName("max_access_valid_for_days")]
    public string? MaxAccessValidForDays { get; set; }

    [JsonPropertyName("max_access_valid_for_days_reconfirmation")]
    public string? MaxAccessValidForDaysReconfirmation { get; set; }

    [JsonPropertyName("countries")]
    public List<string>? Countries { get; set; }

    [JsonPropertyName("logo")]
    public string? Logo { get; set; }

    [JsonPropertyName("supported_features")]
    public List<string>? SupportedFeatures { get; set; }

    [JsonPropertyName("identification_codes")]
    public List<string>? IdentificationCodes { get; set; }
}

internal sealed class CreateAgreementRequestDto
{
    [JsonPropertyName("institution_id")]
    public string? InstitutionId { get; set; }

    [JsonPropertyName("max_historical_days")]
    public int? MaxHistoricalDays { get; set; }

    [JsonPropertyName("access_valid_for_days")]
    public int? AccessValidForDays { get; set; }

    [JsonPropertyName("access_scope")]
    public List<string>? AccessScope { get; set; }

    [JsonPropertyName("reconfirmation")]
    public bool? Reconfirmation { get; set; }
}

internal sealed class AcceptAgreementRequestDto
{
    [JsonPropertyName("user_agent")]
    public string? UserAgent { get; set; }

    [JsonPropertyName("ip_address")]
    public string? IpAddress { get; set; }
}

internal sealed class AgreementDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public string? Created { get; set; }

    [JsonPropertyName("institution_id")]
    public string? InstitutionId { get; set; }

    [JsonPropertyName("max_historical_days")]
    public int? MaxHistoricalDays { get; set; }

    [JsonPropertyName("access_valid_for_days")]
    public int? AccessValidForDays { get; set; }

    [JsonPropertyName("access_scope")]
    public List<string>? AccessScope { get; set; }

    [JsonPropertyName("accepted")]
    public string? Accepted { get; set; }

    [JsonPropertyName("reconfirmation")]
    public bool? Reconfirmation { get; set; }
}

internal sealed class CreateRequisitionRequestDto
{
    [JsonPropertyName("redirect")]
    public string? Redirect { get; set; }

    [JsonPropertyName("institution_id")]
    public string? InstitutionId { get; set; }

    [JsonPropertyName("agreement")]
    public string? Agreement { get; set; }

    [JsonPropertyName("reference")]
    public string? Reference { get; set; }

    [JsonPropertyName("user_language")]
    public string? UserLanguage { get; set; }

    [JsonPropertyName("ssn")]
    public string? Ssn { get; set; }

    [JsonPropertyName("account_selection")]
    public bool? AccountSelection { get; set; }

    [JsonPropertyName("redirect_immediate")]
    public bool? RedirectImmediate { get; set; }
}

internal sealed class RequisitionDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public string? Created { get; set; }

    [JsonPropertyName("redirect")]
    public string? Redirect { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("institution_id")]
    public string? InstitutionId { get; set; }

    [JsonPropertyName("agreement")]
    public string? Agreement { get; set; }

    [JsonPropertyName("reference")]
    public string? Reference { get; set; }

    [JsonPropertyName("accounts")]
    public List<string>? Accounts { get; set; }

    [JsonPropertyName("user_language")]
    public string? UserLanguage { get; set; }

    [JsonPropertyName("link")]
    public string? Link { get; set; }

    [JsonPropertyName("ssn")]
    public string? Ssn { get; set; }

    [JsonPropertyName("account_selection")]
    public bool? AccountSelection { get; set; }

    [JsonPropertyName("redirect_immediate")]
    public bool? RedirectImmediate { get; set; }
}

internal sealed class PageDto<T>
{
    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("next")]
    public string? Next { get; set; }

    [JsonPropertyName("previous")]
    public string? Previous { get; set; }

    [JsonPropertyName("results")]
    public List<T>? Results { get; set; }
}

internal sealed class DeletionDto
{
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    [JsonPropertyName("detail")]
    public string? Detail { get; set; }
}

internal sealed class AccountMetadataDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public string? Created { get; set; }

    [JsonPropertyName("last_accessed")]
    public string? LastAccessed { get; set; }

    [JsonPropertyName("iban")]
    public string? Iban { get; set; }

    [JsonPropertyName("bban")]
    public string? Bban { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("institution_id")]
    public string? InstitutionId { get; set; }

    [JsonPropertyName("owner_name")]
    public string? OwnerName { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class AccountDetailsEnvelopeDto
{
    [JsonPropertyName("account")]
    public AccountDetailsDto? Account { get; set; }
}

internal sealed class AccountDetailsDto
{
    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; set; }

    [JsonPropertyName("iban")]
    public string? Iban { get; set; }

    [JsonPropertyName("bban")]
    public string? Bban { get; set; }

    [JsonPropertyName("scan")]
    public string? Scan { get; set; }

    [JsonPropertyName("msisdn")]
    public string? Msisdn { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }

    [JsonPropertyName("ownerName")]
    public string? OwnerName { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("product")]
    public string? Product { get; set; }

    [JsonPropertyName("cashAccountType")]
    public string? CashAccountType { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("bic")]
    public string? Bic { get; set; }

    [JsonPropertyName("linkedAccounts")]
    public string? LinkedAccounts { get; set; }

    [JsonPropertyName("maskedPan")]
    public string? MaskedPan { get; set; }

    [JsonPropertyName("usage")]
    public string? Usage { get; set; }

    [JsonPropertyName("details")]
    public string? Details { get; set; }

    [JsonPropertyName("ownerAddressUnstructured")]
    public List<string>? OwnerAddressUnstructured { get; set; }

    [JsonPropertyName("ownerAddressStructured")]
    public OwnerAddressDto? OwnerAddressStructured { get; set; }

    [JsonPropertyName("additionalAccountData")]
    public AdditionalAccountDataDto? AdditionalAccountData { get; set; }
}

internal sealed class OwnerAddressDto
{
    [JsonPropertyName("streetName")]
    public string? StreetName { get; set; }

    [JsonPropertyName("buildingNumber")]
    public string? BuildingNumber { get; set; }

    [JsonPropertyName("townName")]
    public string? TownName { get; set; }

    [JsonPropertyName("postCode")]
    public string? PostCode { get; set; }

    [JsonPropertyName("country")]
    public string? Country { get; set; }
}

internal sealed class AdditionalAccountDataDto
{
    [JsonPropertyName("secondaryIdentification")]
    public string? SecondaryIdentification { get; set; }
}

internal sealed class BalancesEnvelopeDto
{
    [JsonPropertyName("balances")]
    public List<BalanceDto>? Balances { get; set; }
}

internal sealed class AmountDto
{
    [JsonPropertyName("amount")]
    public string? Amount { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }
}

internal sealed class BalanceDto
{
    [JsonPropertyName("balanceAmount")]
    public AmountDto? BalanceAmount { get; set; }

    [JsonPropertyName("balanceType")]
    public string? BalanceType { get; set; }

    [JsonPropertyName("creditLimitIncluded")]
    public bool? CreditLimitIncluded { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }

    [JsonPropertyName("referenceDate")]
    public string? ReferenceDate { get; set; }

    [JsonPropertyName("lastCommittedTransaction")]
    public string? LastCommittedTransaction { get; set; }
}

internal sealed class TransactionsEnvelopeDto
{
    [JsonPropertyName("transactions")]
    public TransactionListsDto? Transactions { get; set; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; set; }
}

internal sealed class TransactionListsDto
{
    // Kept as raw elements: each row is stored verbatim and read on its own, so one odd row cannot sink the whole response.
    [JsonPropertyName("booked")]
    public List<JsonElement>? Booked { get; set; }

    [JsonPropertyName("pending")]
    public List<JsonElement>? Pending { get; set; }
}

internal sealed class TransactionDto
{
    [JsonPropertyName("transactionId")]
    public string? TransactionId { get; set; }

    [JsonPropertyName("internalTransactionId")]
    public string? InternalTransactionId { get; set; }

    [JsonPropertyName("entryReference")]
    public string? EntryReference { get; set; }

    [JsonPropertyName("endToEndId")]
    public string? EndToEndId { get; set; }

    [JsonPropertyName("mandateId")]
    public string? MandateId { get; set; }

    [JsonPropertyName("checkId")]
    public string? CheckId { get; set; }

    [JsonPropertyName("creditorId")]
    public string? CreditorId { get; set; }

    [JsonPropertyName("bookingDate")]
    public string? BookingDate { get; set; }

    [JsonPropertyName("valueDate")]
    public string? ValueDate { get; set; }

    [JsonPropertyName("bookingDateTime")]
    public string? BookingDateTime { get; set; }

    [JsonPropertyName("valueDateTime")]
    public string? ValueDateTime { get; set; }

    [JsonPropertyName("transactionAmount")]
    public AmountDto? TransactionAmount { get; set; }

    [JsonPropertyName("currencyExchange")]
    [JsonConverter(typeof(SingleOrArrayConverter<CurrencyExchangeDto>))]
    public List<CurrencyExchangeDto>? CurrencyExchange { get; set; }

    [JsonPropertyName("balanceAfterTransaction")]
    public BalanceAfterTransactionDto? BalanceAfterTransaction { get; set; }

    [JsonPropertyName("creditorName")]
    public string? CreditorName { get; set; }

    [JsonPropertyName("creditorAccount")]
    [JsonConverter(typeof(AccountReferenceConverter))]
    public AccountReferenceDto? CreditorAccount { get; set; }

    [JsonPropertyName("creditorAgent")]
    public string? CreditorAgent { get; set; }

    [JsonPropertyName("ultimateCreditor")]
    public string? UltimateCreditor { get; set; }

    [JsonPropertyName("debtorName")]
    public string? DebtorName { get; set; }

    [JsonPropertyName("debtorAccount")]
    [JsonConverter(typeof(AccountReferenceConverter))]
    public AccountReferenceDto? DebtorAccount { get; set; }

    [JsonPropertyName("debtorAgent")]
    public string? DebtorAgent { get; set; }

    [JsonPropertyName("ultimateDebtor")]
    public string? UltimateDebtor { get; set; }

    [JsonPropertyName("remittanceInformationUnstructured")]
    public string? RemittanceInformationUnstructured { get; set; }

    [JsonPropertyName("remittanceInformationUnstructuredArray")]
    public List<string>? RemittanceInformationUnstructuredArray { get; set; }

    [JsonPropertyName("remittanceInformationStructured")]
    public string? RemittanceInformationStructured { get; set; }

    [JsonPropertyName("remittanceInformationStructuredArray")]
    public List<string>? RemittanceInformationStructuredArray { get; set; }

    [JsonPropertyName("additionalInformation")]
    public string? AdditionalInformation { get; set; }

    [JsonPropertyName("additionalInformationStructured")]
    public string? AdditionalInformationStructured { get; set; }

    [JsonPropertyName("additionalDataStructured")]
    public string? AdditionalDataStructured { get; set; }

    [JsonPropertyName("bankTransactionCode")]
    public string? BankTransactionCode { get; set; }

    [JsonPropertyName("proprietaryBankTransactionCode")]
    public string? ProprietaryBankTransactionCode { get; set; }

    [JsonPropertyName("purposeCode")]
    public string? PurposeCode { get; set; }

    [JsonPropertyName("merchantCategoryCode")]
    public string? MerchantCategoryCode { get; set; }
}

internal sealed class CurrencyExchangeDto
{
    [JsonPropertyName("sourceCurrency")]
    public string? SourceCurrency { get; set; }

    [JsonPropertyName("exchangeRate")]
    public string? ExchangeRate { get; set; }

    [JsonPropertyName("unitCurrency")]
    public string? UnitCurrency { get; set; }

    [JsonPropertyName("targetCurrency")]
    public string? TargetCurrency { get; set; }

    [JsonPropertyName("quotationDate")]
    public string? QuotationDate { get; set; }

    [JsonPropertyName("contractIdentification")]
    public string? ContractIdentification { get; set; }

    [JsonPropertyName("instructedAmount")]
    public AmountDto? InstructedAmount { get; set; }
}

internal sealed class BalanceAfterTransactionDto
{
    [JsonPropertyName("balanceAmount")]
    public AmountDto? BalanceAmount { get; set; }

    [JsonPropertyName("balanceType")]
    public string? BalanceType { get; set; }

    // The flat variant seen in one generated schema: {"amount": "...", "currency": "..."}.
    [JsonPropertyName("amount")]
    public string? Amount { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }
}

internal sealed class AccountReferenceDto
{
    [JsonPropertyName("iban")]
    public string? Iban { get; set; }

    [JsonPropertyName("bban")]
    public string? Bban { get; set; }

    [JsonPropertyName("pan")]
    public string? Pan { get; set; }

    [JsonPropertyName("maskedPan")]
    public string? MaskedPan { get; set; }

    [JsonPropertyName("msisdn")]
    public string? Msisdn { get; set; }

    [JsonPropertyName("currency")]
    public string? Currency { get; set; }
}
