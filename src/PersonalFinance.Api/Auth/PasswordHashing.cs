using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace PersonalFinance.Api.Auth;

/// Hashing runs on the thread pool behind a concurrency cap, so a burst of sign-ins cannot take every core.
internal sealed class PasswordHashing(IPasswordHasher<User> hasher, AuthOptionsSnapshot options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Value.HashConcurrency, options.Value.HashConcurrency);
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(DummyUser, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    private static readonly User DummyUser = new() { Username = "", FirstName = "", LastName = "", PasswordHash = "" };

    public async Task<string> HashAsync(User user, string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => hasher.HashPassword(user, password), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// Verifies against the user's hash, or against a fixed dummy hash when there is no user, so both cost one verification.
    public async Task<PasswordVerificationResult> VerifyAsync(User? user, string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Verify(user, password), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private PasswordVerificationResult Verify(User? user, string password)
    {
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(DummyUser, _dummyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }

    public void Dispose() => _gate.Dispose();
}
