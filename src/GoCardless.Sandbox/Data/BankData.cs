using System.Globalization;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>Renders generated accounts and rows in the Berlin-Group camelCase shapes, with each bank's quirks.</summary>
internal static class BankData
{
    private const decimal CardCreditLimit = 5000m;

    private const decimal SandboxFinanceBalance = 1913.12m;

    public static JsonObject Details(AccountIdentity identity)
    {
        var account = new JsonObject { ["resourceId"] = identity.ResourceId };
        if (identity.Iban is not null)
        {
            account["iban"] = identity.Iban;
        }

        if (identity.Bban is not null)
        {
            account["bban"] = identity.Bban;
        }

        if (identity.Scan is not null)
        {
            account["scan"] = identity.Scan;
        }

        if (identity.MaskedPan is not null)
        {
            account["maskedPan"] = identity.MaskedPan;
        }

        account["currency"] = identity.Template.Currency;
        account["ownerName"] = identity.OwnerName;
        account["name"] = identity.Template.Name;
        account["product"] = identity.Template.Product;
        account["cashAccountType"] = identity.Template.CashAccountType;
        if (!identity.Institution.Quirks.HasFlag(BankQuirks.SandboxFinance))
        {
            account["status"] = "enabled";
            account["bic"] = identity.Institution.Bic;
            account["usage"] = "PRIV";
        }

        return new JsonObject { ["account"] = account };
    }

    public static JsonObject Balances(string seed, AccountIdentity identity, DateOnly today, DateTimeOffset now)
    {
        var currency = identity.Template.Currency;
        var pending = TransactionGenerator.Sum(TransactionGenerator.Day(seed, identity, today));
        var balances = new JsonArray();
        if (identity.Institution.Quirks.HasFlag(BankQuirks.SandboxFinance))
        {
            balances.Add(Balance(SandboxFinanceBalance, currency, "expected", today, null));
            balances.Add(Balance(SandboxFinanceBalance, currency, "interimAvailable", today, null));
            return new JsonObject { ["balances"] = balances };
        }

        var closing = TransactionGenerator.BalanceAtEndOf(seed, identity, today.AddDays(-1));
        var expected = closing + pending;
        bool? creditLimitIncluded = identity.IsCard ? true : null;
        var closingBalance = Balance(closing, currency, "closingBooked", today.AddDays(-1), creditLimitIncluded is null ? null : false);
        balances.Add(closingBalance);
        var available = Balance(expected + (identity.IsCard ? CardCreditLimit : 0m), currency, "interimAvailable", today, creditLimitIncluded);
        available["lastChangeDateTime"] = SandboxJson.Timestamp(now);
        balances.Add(available);
        balances.Add(Balance(expected, currency, "expected", today, creditLimitIncluded is null ? null : false));
        return new JsonObject { ["balances"] = balances };
    }

    /// <summary>
    /// Rows with value date D are pending on D and booked (bookingDate D+1) afterwards. <paramref name="historyStart"/> is the
    /// first booking date the EUA allows; <paramref name="from"/>/<paramref name="to"/> narrow on booking or value date.
    /// </summary>
    public static JsonObject Transactions(string seed, AccountIdentity identity, Guid accountId, bool accountScopedIds, DateOnly today,
        DateOnly historyStart, DateOnly? from, DateOnly? to, DateTimeOffset now)
    {
        var quirks = identity.Institution.Quirks;
        var booked = new JsonArray();
        var firstValueDate = historyStart.AddDays(-1);
        var running = quirks.HasFlag(BankQuirks.SandboxFinance)
            ? (decimal?)null
            : TransactionGenerator.BalanceAtEndOf(seed, identity, today.AddDays(-1));

        // Newest first, as banks usually answer; the running balance is walked backwards from yesterday's close.
        for (var d = today.AddDays(-1); d >= firstValueDate; d = d.AddDays(-1))
        {
            var rows = TransactionGenerator.Day(seed, identity, d);
            var balanceAfter = running;
            var afterByIndex = new decimal?[rows.Length];
            for (var i = rows.Length - 1; i >= 0; i--)
            {
                afterByIndex[i] = balanceAfter;
                balanceAfter -= rows[i].Amount;
            }

            running = balanceAfter;
            var bookingDate = d.AddDays(1);
            if (bookingDate < historyStart || !InRange(bookingDate, d, from, to))
            {
                continue;
            }

            for (var i = rows.Length - 1; i >= 0; i--)
            {
                booked.Add(Booked(seed, identity, accountId, accountScopedIds, rows[i], afterByIndex[i]));
            }
        }

        var transactions = new JsonObject { ["booked"] = booked };
        if (!quirks.HasFlag(BankQuirks.NoPendingKey))
        {
            var pending = new JsonArray();
            if (InRange(today, today, from, to))
            {
                var rows = TransactionGenerator.Day(seed, identity, today);
                for (var i = rows.Length - 1; i >= 0; i--)
                {
                    pending.Add(Pending(identity, rows[i]));
                }
            }

            transactions["pending"] = pending;
        }

        return new JsonObject { ["transactions"] = transactions, ["last_updated"] = SandboxJson.Timestamp(now) };
    }

    private static bool InRange(DateOnly bookingDate, DateOnly valueDate, DateOnly? from, DateOnly? to)
    {
        static bool Inside(DateOnly d, DateOnly? from, DateOnly? to) => (from is null || d >= from) && (to is null || d <= to);
        return Inside(bookingDate, from, to) || Inside(valueDate, from, to);
    }

    private static JsonObject Booked(string seed, AccountIdentity identity, Guid accountId, bool accountScopedIds, GeneratedRow row,
        decimal? balanceAfter)
    {
        var quirks = identity.Institution.Quirks;
        var bookingDate = row.ValueDate.AddDays(1);
        var tx = new JsonObject();
        var transactionId = row.ValueDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + row.IdDigits + "-1";
        if (!quirks.HasFlag(BankQuirks.NoIds))
        {
            tx["transactionId"] = transactionId;
            if (!quirks.HasFlag(BankQuirks.TransactionIdOnly))
            {
                tx["entryReference"] = transactionId;
            }
        }

        tx["bookingDate"] = SandboxJson.Date(bookingDate);
        tx["valueDate"] = SandboxJson.Date(row.ValueDate);
        if (quirks.HasFlag(BankQuirks.OffsetBookingDateTime))
        {
            tx["bookingDateTime"] = SandboxJson.Date(bookingDate) + "T" + Time(row.MinuteOfDay) + ":00+01:00";
        }

        if (quirks.HasFlag(BankQuirks.ZonelessValueDateTime))
        {
            tx["valueDateTime"] = SandboxJson.Date(row.ValueDate) + "T" + Time(row.MinuteOfDay) + ":" +
                (row.MinuteOfDay % 60).ToString("00", CultureInfo.InvariantCulture) + ".220";
        }

        AddMoneyAndParties(identity, tx, row, row.Description);
        tx["bankTransactionCode"] = "PMNT";
        tx["proprietaryBankTransactionCode"] = row.Kind == RowKind.Purchase ? "PURCHASE" : "TRANSFER";
        if (!quirks.HasFlag(BankQuirks.NoIds) && !quirks.HasFlag(BankQuirks.TransactionIdOnly))
        {
            var scope = accountScopedIds ? accountId.ToString("N") : seed + "|" + identity.Key;
            tx["internalTransactionId"] = DeterministicRandom.HexHash(scope, SandboxJson.Date(row.ValueDate),
                row.Index.ToString(CultureInfo.InvariantCulture))[..32];
        }

        if (balanceAfter is { } balance)
        {
            tx["balanceAfterTransaction"] = new JsonObject
            {
                ["balanceAmount"] = Money(identity, balance, row.Currency),
                ["balanceType"] = "interimBooked",
            };
        }

        return tx;
    }

    private static JsonObject Pending(AccountIdentity identity, GeneratedRow row)
    {
        var tx = new JsonObject { ["valueDate"] = SandboxJson.Date(row.ValueDate) };
        AddMoneyAndParties(identity, tx, row, "Reserved " + row.Description);
        return tx;
    }

    private static void AddMoneyAndParties(AccountIdentity identity, JsonObject tx, GeneratedRow row, string description)
    {
        tx["transactionAmount"] = Money(identity, row.Amount, row.Currency);
        if (row.ForeignAmount is { } foreign && identity.Institution.Quirks.HasFlag(BankQuirks.CurrencyExchangeObject))
        {
            // Revolut sends one object, not the documented array.
            tx["currencyExchange"] = new JsonObject
            {
                ["instructedAmount"] = new JsonObject { ["amount"] = Format(foreign, false), ["currency"] = row.ForeignCurrency },
                ["sourceCurrency"] = row.ForeignCurrency,
                ["exchangeRate"] = Format(Math.Round(foreign / -row.Amount, 4), false),
                ["unitCurrency"] = row.ForeignCurrency,
                ["targetCurrency"] = row.Currency,
            };
        }

        if (row.Amount < 0)
        {
            tx["creditorName"] = row.Counterparty;
        }
        else
        {
            tx["debtorName"] = row.Counterparty;
            if (row.CounterpartyIban is not null)
            {
                tx["debtorAccount"] = new JsonObject { ["iban"] = row.CounterpartyIban };
            }
        }

        if (identity.Institution.Quirks.HasFlag(BankQuirks.RemittanceArrayOnly))
        {
            tx["remittanceInformationUnstructuredArray"] = new JsonArray(description);
        }
        else
        {
            tx["remittanceInformationUnstructured"] = description;
        }
    }

    private static JsonObject Balance(decimal amount, string currency, string type, DateOnly referenceDate, bool? creditLimitIncluded)
    {
        var balance = new JsonObject
        {
            ["balanceAmount"] = new JsonObject { ["amount"] = Format(amount, false), ["currency"] = currency },
            ["balanceType"] = type,
        };
        if (creditLimitIncluded is { } included)
        {
            balance["creditLimitIncluded"] = included;
        }

        balance["referenceDate"] = SandboxJson.Date(referenceDate);
        return balance;
    }

    private static JsonObject Money(AccountIdentity identity, decimal amount, string currency) => new()
    {
        ["amount"] = Format(amount, identity.Institution.Quirks.HasFlag(BankQuirks.ShortAmounts)),
        ["currency"] = currency,
    };

    /// <summary>Money as a string; ING drops trailing zeros (<c>"5"</c>, <c>"12.5"</c>).</summary>
    public static string Format(decimal amount, bool shortForm) =>
        shortForm
            ? amount.ToString("0.##", CultureInfo.InvariantCulture)
            : amount.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Time(int minuteOfDay) =>
        (minuteOfDay / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (minuteOfDay % 60).ToString("00", CultureInfo.InvariantCulture);
}
