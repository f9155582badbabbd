namespace PersonalFinance.Api.Accounts;

internal enum AccountStatus
{
    Active,
    Inactive,
}
