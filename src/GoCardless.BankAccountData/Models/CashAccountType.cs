namespace GoCardless.BankAccountData;

/// <summary>ISO 20022 <c>cashAccountType</c> (common codes; unrecognised values are <see cref="Unknown"/>).</summary>
public enum CashAccountType
{
    /// <summary>Absent or unrecognised.</summary>
    Unknown,

    /// <summary><c>CACC</c>: current account.</summary>
    Current,

    /// <summary><c>CARD</c>: card account.</summary>
    Card,

    /// <summary><c>CASH</c>: cash payment account.</summary>
    CashPayment,

    /// <summary><c>CHAR</c>: charges account.</summary>
    Charges,

    /// <summary><c>CISH</c>: cash income.</summary>
    CashIncome,

    /// <summary><c>COMM</c>: commission.</summary>
    Commission,

    /// <summary><c>LOAN</c>: loan.</summary>
    Loan,

    /// <summary><c>MGLD</c>: marginal lending.</summary>
    MarginalLending,

    /// <summary><c>MOMA</c>: money market.</summary>
    MoneyMarket,

    /// <summary><c>NREX</c>: non-resident external.</summary>
    NonResidentExternal,

    /// <summary><c>ODFT</c>: overdraft.</summary>
    Overdraft,

    /// <summary><c>ONDP</c>: overnight deposit.</summary>
    OvernightDeposit,

    /// <summary><c>OTHR</c>: other.</summary>
    Other,

    /// <summary><c>SACC</c>: settlement.</summary>
    Settlement,

    /// <summary><c>SLRY</c>: salary.</summary>
    Salary,

    /// <summary><c>SVGS</c>: savings.</summary>
    Savings,

    /// <summary><c>TAXE</c>: tax.</summary>
    Tax,

    /// <summary><c>TRAN</c>: transacting.</summary>
    Transacting,

    /// <summary><c>TRAS</c>: cash trading.</summary>
    CashTrading,
}
