namespace PersonalFinance.Api.Transactions;

internal enum TransactionStatus
{
    Booked,
    Pending,
}
