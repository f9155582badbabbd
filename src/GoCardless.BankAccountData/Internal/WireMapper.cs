using System.Text.Json;
using GoCardless.BankAccountData.Wire;

namespace GoCardless.BankAccountData.Internal;

internal static class WireMapper
{
    public static Institution Institution(InstitutionDto? dto)
    {
        if (dto?.Id is not { Length: > 0 } id)
        {
            throw new ResponseShapeException("Institution without an id.");
        }

        return new Institution
        {
            Id = id,
            Name = dto.Name ?? "",
            Bic = ValueParsing.NullIfBlank(dto.Bic),
            TransactionTotalDays = ValueParsing.Int32(dto.TransactionTotalDays),
            MaxAccessValidForDays = ValueParsing.Int32(dto.MaxAccessValidForDays),
            MaxAccessValidForDaysReconfirmation = ValueParsing.Int32(dto.MaxAccessValidForDaysReconfirmation),
            Countries = dto.Countries ?? [],
            Logo = ValueParsing.NullIfBlank(dto.Logo),
            SupportedFeatures = dto.SupportedFeatures ?? [],
            IdentificationCodes = dto.IdentificationCodes ?? [],
        };
    }

    public static EndUserAgreement Agreement(AgreementDto? dto)
    {
        if (dto?.Id is not { Length: > 0 } id)
        {
            throw new ResponseShapeException("End-user agreement without an id.");
        }

        return new EndUserAgreement
        {
            Id = id,
            Created = ValueParsing.DateTime(dto.Created),
            InstitutionId = dto.InstitutionId ?? "",
            MaxHistoricalDays = dto.MaxHistoricalDays,
            AccessValidForDays = dto.AccessValidForDays,
            AccessScope = dto.AccessScope ?? [],
            Accepted = ValueParsing.DateTime(dto.Accepted),
            Reconfirmation = dto.Reconfirmation ?? false,
        };
    }

    public static Requisition Requisition(RequisitionDto? dto)
    {
        if (dto?.Id is not { Length: > 0 } id)
        {
            throw new ResponseShapeException("Requisition without an id.");
        }

        return new Requisition
        {
            Id = id,
            Created = ValueParsing.DateTime(dto.Created),
            Redirect = dto.Redirect,
            StatusCode = dto.Status ?? "",
            InstitutionId = dto.InstitutionId ?? "",
            Agreement = ValueParsing.NullIfBlank(dto.Agreement),
            Reference = dto.Reference,
            Accounts = dto.Accounts ?? [],
            UserLanguage = dto.UserLanguage,
            Link = dto.Link,
            Ssn = dto.Ssn,
            AccountSelection = dto.AccountSelection ?? false,
            RedirectImmediate = dto.RedirectImmediate ?? false,
        };
    }

    public static AccountMetadata Account(AccountMetadataDto? dto)
    {
        if (dto?.Id is not { Length: > 0 } id)
        {
            throw new ResponseShapeException("Account without an id.");
        }

        return new AccountMetadata
        {
            Id = id,
            Created = ValueParsing.DateTime(dto.Created),
            LastAccessed = ValueParsing.DateTime(dto.LastAccessed),
            Iban = ValueParsing.NullIfBlank(dto.Iban),
            Bban = ValueParsing.NullIfBlank(dto.Bban),
            StatusCode = dto.Status ?? "",
            InstitutionId = dto.InstitutionId,
            OwnerName = ValueParsing.NullIfBlank(dto.OwnerName),
            Name = ValueParsing.NullIfBlank(dto.Name),
        };
    }

    public static AccountDetails Details(AccountDetailsEnvelopeDto? envelope)
    {
        if (envelope?.Account is not { } dto)
        {
            throw new ResponseShapeException("Account details without an 'account' object.");
        }

        var address = dto.OwnerAddressStructured;
        return new AccountDetails
        {
            ResourceId = dto.ResourceId,
            Iban = ValueParsing.NullIfBlank(dto.Iban),
            Bban = ValueParsing.NullIfBlank(dto.Bban),
            Scan = ValueParsing.NullIfBlank(dto.Scan),
            Msisdn = dto.Msisdn,
            Currency = dto.Currency,
            OwnerName = ValueParsing.NullIfBlank(dto.OwnerName),
            Name = ValueParsing.NullIfBlank(dto.Name),
            DisplayName = ValueParsing.NullIfBlank(dto.DisplayName),
            Product = ValueParsing.NullIfBlank(dto.Product),
            CashAccountTypeCode = dto.CashAccountType,
            StatusCode = dto.Status,
            Bic = dto.Bic,
            LinkedAccounts = dto.LinkedAccounts,
            MaskedPan = dto.MaskedPan,
            UsageCode = dto.Usage,
            Details = dto.Details,
            OwnerAddressUnstructured = dto.OwnerAddressUnstructured ?? [],
            OwnerAddressStructured = address is null
                ? null
                : new OwnerAddress(address.StreetName, address.BuildingNumber, address.TownName, address.PostCode, address.Country),
            SecondaryIdentification = dto.AdditionalAccountData?.SecondaryIdentification,
        };
    }

    public static AccountBalances Balances(BalancesEnvelopeDto? envelope)
    {
        if (envelope?.Balances is not { } rows)
        {
            throw new ResponseShapeException("Balances without a 'balances' array.");
        }

        var balances = new List<Balance>(rows.Count);
        var skipped = 0;
        foreach (var row in rows)
        {
            if (row is null || ValueParsing.Decimal(row.BalanceAmount?.Amount) is not { } amount)
            {
                skipped++;
                continue;
            }

            balances.Add(new Balance
            {
                Amount = amount,
                Currency = row.BalanceAmount?.Currency ?? "",
                BalanceTypeCode = row.BalanceType ?? "",
                CreditLimitIncluded = row.CreditLimitIncluded,
                LastChangeDateTime = ValueParsing.DateTime(row.LastChangeDateTime),
                LastChangeDateTimeRaw = row.LastChangeDateTime,
                ReferenceDate = ValueParsing.Date(row.ReferenceDate),
                LastCommittedTransaction = row.LastCommittedTransaction,
            });
        }

        return new AccountBalances(balances, skipped);
    }

    public static AccountTransactions Transactions(TransactionsEnvelopeDto? envelope, GoCardlessJsonContext context)
    {
        if (envelope?.Transactions?.Booked is not { } booked)
        {
            throw new ResponseShapeException("Transactions without 'transactions.booked'.");
        }

        var skipped = new List<SkippedTransaction>();
        var bookedRows = ReadRows(booked, isPending: false, context, skipped);
        var pendingRows = ReadRows(envelope.Transactions.Pending ?? [], isPending: true, context, skipped);
        return new AccountTransactions(bookedRows, pendingRows, ValueParsing.DateTime(envelope.LastUpdated), envelope.LastUpdated, skipped);
    }

    private static List<Transaction> ReadRows(List<JsonElement> rows, bool isPending, GoCardlessJsonContext context, List<SkippedTransaction> skipped)
    {
        var result = new List<Transaction>(rows.Count);
        foreach (var row in rows)
        {
            var raw = row.GetRawText();
            if (row.ValueKind != JsonValueKind.Object)
            {
                skipped.Add(new SkippedTransaction(isPending, "Not a JSON object.", raw));
                continue;
            }

            TransactionDto? dto;
            try
            {
                dto = row.Deserialize(context.TransactionDto);
            }
            catch (JsonException exception)
            {
                skipped.Add(new SkippedTransaction(isPending, $"Unreadable: {exception.Message}", raw));
                continue;
            }

            if (dto is null || ValueParsing.Decimal(dto.TransactionAmount?.Amount) is not { } amount)
            {
                skipped.Add(new SkippedTransaction(isPending, "Missing or non-numeric transactionAmount.amount.", raw));
                continue;
            }

            result.Add(Transaction(dto, amount, isPending, raw));
        }

        return result;
    }

    private static Transaction Transaction(TransactionDto dto, decimal amount, bool isPending, string raw)
    {
        var bookingDate = ValueParsing.Date(dto.BookingDate);
        var valueDate = ValueParsing.Date(dto.ValueDate);
        return new Transaction
        {
            IsPending = isPending,
            RawJson = raw,
            TransactionId = ValueParsing.NullIfBlank(dto.TransactionId),
            InternalTransactionId = ValueParsing.NullIfBlank(dto.InternalTransactionId),
            EntryReference = ValueParsing.NullIfBlank(dto.EntryReference),
            EndToEndId = dto.EndToEndId,
            MandateId = dto.MandateId,
            CheckId = dto.CheckId,
            CreditorId = dto.CreditorId,
            BookingDate = bookingDate,
            ValueDate = valueDate,
            BookingDateTime = ValueParsing.DateTime(dto.BookingDateTime),
            BookingDateTimeRaw = dto.BookingDateTime,
            ValueDateTime = ValueParsing.DateTime(dto.ValueDateTime),
            ValueDateTimeRaw = dto.ValueDateTime,
            // Date parts are taken as written: converting "2024-03-01T00:30:00+01:00" to UTC would move the row to the previous day.
            Date = bookingDate ?? ValueParsing.Date(dto.BookingDateTime) ?? valueDate ?? ValueParsing.Date(dto.ValueDateTime),
            Amount = amount,
            AmountRaw = dto.TransactionAmount?.Amount ?? "",
            Currency = dto.TransactionAmount?.Currency ?? "",
            CurrencyExchange = dto.CurrencyExchange?.Select(CurrencyExchange).ToList() ?? [],
            BalanceAfterTransaction = BalanceAfter(dto.BalanceAfterTransaction),
            CreditorName = ValueParsing.NullIfBlank(dto.CreditorName),
            CreditorAccount = AccountReference(dto.CreditorAccount),
            CreditorAgent = dto.CreditorAgent,
            UltimateCreditor = dto.UltimateCreditor,
            DebtorName = ValueParsing.NullIfBlank(dto.DebtorName),
            DebtorAccount = AccountReference(dto.DebtorAccount),
            DebtorAgent = dto.DebtorAgent,
            UltimateDebtor = dto.UltimateDebtor,
            RemittanceInformationUnstructured = dto.RemittanceInformationUnstructured,
            RemittanceInformationUnstructuredArray = dto.RemittanceInformationUnstructuredArray ?? [],
            RemittanceInformationStructured = dto.RemittanceInformationStructured,
            RemittanceInformationStructuredArray = dto.RemittanceInformationStructuredArray ?? [],
            AdditionalInformation = dto.AdditionalInformation,
            AdditionalInformationStructured = dto.AdditionalInformationStructured,
            AdditionalDataStructured = dto.AdditionalDataStructured,
            BankTransactionCode = dto.BankTransactionCode,
            ProprietaryBankTransactionCode = dto.ProprietaryBankTransactionCode,
            PurposeCode = dto.PurposeCode,
            MerchantCategoryCode = dto.MerchantCategoryCode,
        };
    }

    private static CurrencyExchange CurrencyExchange(CurrencyExchangeDto dto) =>
        new(
            dto.SourceCurrency,
            dto.ExchangeRate,
            dto.UnitCurrency,
            dto.TargetCurrency,
            dto.QuotationDate,
            dto.ContractIdentification,
            ValueParsing.Decimal(dto.InstructedAmount?.Amount),
            dto.InstructedAmount?.Currency);

    private static BalanceAfterTransaction? BalanceAfter(BalanceAfterTransactionDto? dto)
    {
        if (dto is null)
        {
            return null;
        }

        var amount = dto.BalanceAmount?.Amount ?? dto.Amount;
        var currency = dto.BalanceAmount?.Currency ?? dto.Currency;
        return new BalanceAfterTransaction(ValueParsing.Decimal(amount), currency, dto.BalanceType);
    }

    private static AccountReference? AccountReference(AccountReferenceDto? dto) =>
        dto is null ? null : new AccountReference(dto.Iban, dto.Bban, dto.Pan, dto.MaskedPan, dto.Msisdn, dto.Currency);
}
