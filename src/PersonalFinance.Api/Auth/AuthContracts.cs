using System.ComponentModel.DataAnnotations;

namespace PersonalFinance.Api.Auth;

// Request records are public because the framework's validation source generator skips internal types.
public sealed record LoginRequest(
    [Required(AllowEmptyStrings = false), StringLength(256)] string Username,
    [Required(AllowEmptyStrings = false), StringLength(PasswordPolicy.MaximumLength)] string Password);

// Validated by AuthEndpoints after the admin-token check, with DataAnnotations, which reads property attributes.
public sealed record RegisterRequest(
    [property: Required(AllowEmptyStrings = false)] string Username,
    [property: Required(AllowEmptyStrings = false)] string Password,
    [property: Required(AllowEmptyStrings = false), StringLength(100)] string FirstName,
    [property: Required(AllowEmptyStrings = false), StringLength(100)] string LastName) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UserAccounts.CheckUsername(Username) is { } usernameError)
        {
            yield return new ValidationResult(usernameError, ["username"]);
        }

        if (PasswordPolicy.Check(Password) is { } passwordError)
        {
            yield return new ValidationResult(passwordError, ["password"]);
        }
    }
}

internal sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "bearer");

internal sealed record UserResponse(Guid Id, string Username, string FirstName, string LastName)
{
    public static UserResponse From(User user) => new(user.Id, user.Username, user.FirstName, user.LastName);
}

internal sealed record LogoutResponse(bool Ok);
