namespace GoCardless.BankAccountData;

/// <summary>Berlin-Group <c>balanceType</c> (an open set; unrecognised values are <see cref="Unknown"/>).</summary>
public enum BalanceType
{
    /// <summary>Absent or unrecognised.</summary>
    Unknown,

    /// <summary><c>closingAvailable</c>.</summary>
    ClosingAvailable,

    /// <summary><c>closingBooked</c>.</summary>
    ClosingBooked,

    /// <summary><c>closingCleared</c>.</summary>
    ClosingCleared,

    /// <summary><c>expected</c>.</summary>
    Expected,

    /// <summary><c>forwardAvailable</c>.</summary>
    ForwardAvailable,

    /// <summary><c>interimAvailable</c>.</summary>
    InterimAvailable,

    /// <summary><c>interimCleared</c>.</summary>
    InterimCleared,

    /// <summary><c>information</c>.</summary>
    Information,

    /// <summary><c>interimBooked</c>.</summary>
    InterimBooked,

    /// <summary><c>nonInvoiced</c>.</summary>
    NonInvoiced,

    /// <summary><c>openingBooked</c>.</summary>
    OpeningBooked,

    /// <summary><c>openingAvailable</c>.</summary>
    OpeningAvailable,

    /// <summary><c>openingCleared</c>.</summary>
    OpeningCleared,

    /// <summary><c>previouslyClosedBooked</c>.</summary>
    PreviouslyClosedBooked,

    /// <summary><c>authorised</c> (older sandbox output).</summary>
    Authorised,
}
