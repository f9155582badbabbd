namespace PersonalFinance.Api.Connections;

internal enum ConnectionStatus
{
    Pending,
    Active,
    Expired,
    Error,
}
