namespace PersonalFinance.Api.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
