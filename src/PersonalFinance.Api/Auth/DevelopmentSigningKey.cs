using System.Security.Cryptography;

namespace PersonalFinance.Api.Auth;

/// In Development a signing key is generated once and kept under ./data, so sessions survive restarts without a secret to set.
internal static class DevelopmentSigningKey
{
    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= JwtOptions.MinimumKeyBytes)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
