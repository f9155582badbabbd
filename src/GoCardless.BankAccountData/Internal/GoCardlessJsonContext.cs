using System.Text.Json;
using System.Text.Json.Serialization;
using GoCardless.BankAccountData.Wire;

namespace GoCardless.BankAccountData.Internal;

// No naming policy: every wire property carries its exact name. Nulls are never written, because GoCardless treats an explicit null
// differently from an absent field (and rejects unknown ones).
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(StringListConverter), typeof(LenientInt32Converter), typeof(LenientBooleanConverter)])]
[JsonSerializable(typeof(TokenNewRequestDto))]
[JsonSerializable(typeof(TokenRefreshRequestDto))]
[JsonSerializable(typeof(TokenResponseDto))]
[JsonSerializable(typeof(List<InstitutionDto>))]
[JsonSerializable(typeof(InstitutionDto))]
[JsonSerializable(typeof(CreateAgreementRequestDto))]
[JsonSerializable(typeof(AcceptAgreementRequestDto))]
[JsonSerializable(typeof(AgreementDto))]
[JsonSerializable(typeof(PageDto<AgreementDto>))]
[JsonSerializable(typeof(CreateRequisitionRequestDto))]
[JsonSerializable(typeof(RequisitionDto))]
[JsonSerializable(typeof(PageDto<RequisitionDto>))]
[JsonSerializable(typeof(DeletionDto))]
[JsonSerializable(typeof(AccountMetadataDto))]
[JsonSerializable(typeof(AccountDetailsEnvelopeDto))]
[JsonSerializable(typeof(BalancesEnvelopeDto))]
[JsonSerializable(typeof(TransactionsEnvelopeDto))]
[JsonSerializable(typeof(TransactionDto))]
[JsonSerializable(typeof(CurrencyExchangeDto))]
[JsonSerializable(typeof(List<CurrencyExchangeDto>))]
[JsonSerializable(typeof(AccountReferenceDto))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GoCardlessJsonContext : JsonSerializerContext;
