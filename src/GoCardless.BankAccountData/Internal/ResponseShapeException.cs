namespace GoCardless.BankAccountData.Internal;

/// <summary>A well-formed JSON body that lacks what the route documents; turned into a <see cref="GoCardlessProtocolException"/>.</summary>
internal sealed class ResponseShapeException(string message) : Exception(message);
