using Microsoft.Extensions.Options;
using Npgsql;

namespace WebNet.Web.Options;

/// <summary>At start: postgres needs ConnectionStrings:WebNet, one Npgsql reads and that names a host and a database.</summary>
public sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const string Key = "ConnectionStrings:" + StorageOptions.ConnectionStringName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }

        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.Section}:Provider is postgres but {Key} is not set: give it the PostgreSQL connection string "
                + "(e.g. Host=db;Port=5432;Database=webnet;Username=webnet;Password=...; environment ConnectionStrings__WebNet), or leave the provider at sqlite.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"{Key} is not a PostgreSQL connection string Npgsql can read: {ex.Message}");
        }

        return string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database)
            ? ValidateOptionsResult.Fail($"{Key} must name a Host and a Database (it names {(string.IsNullOrWhiteSpace(builder.Host) ? "no Host" : "no Database")}).")
            : ValidateOptionsResult.Success;
    }
}
