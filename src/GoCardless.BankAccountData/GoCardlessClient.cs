using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using GoCardless.BankAccountData.Internal;
using GoCardless.BankAccountData.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData;

/// <summary>
/// Typed client for the GoCardless Bank Account Data API (account information: tokens, institutions, end-user agreements, requisitions,
/// accounts). Register it with <see cref="GoCardlessServiceCollectionExtensions.AddGoCardlessBankAccountData(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{GoCardlessOptions}?)"/>,
/// which adds the bearer-token handler and the resilience pipeline this class relies on.
/// </summary>
/// <remarks>
/// <para>Every method returns the parsed model with the rate-limit headers of the response, and throws a <see cref="GoCardlessApiException"/>
/// subclass on failure (which also carries the headers). Cancellation through the token surfaces as <see cref="OperationCanceledException"/>.</para>
/// <para>GETs are retried on transient failures (5xx, 408, connection failures, attempt timeouts, a general 429 whose wait fits in the total
/// timeout, and a 200 whose body is not well-formed JSON). POST, PUT and DELETE are never retried, except for the single replay after a
/// rejected access token. A well-formed body of the wrong shape is never retried: it throws <see cref="GoCardlessProtocolException"/>
/// (a data call may already have used one of the account's four daily calls).</para>
/// </remarks>
public sealed partial class GoCardlessClient
{
    private const int DefaultPageSize = 100;

    private readonly HttpClient _httpClient;
    private readonly GoCardlessOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Uri _baseAddress;

    /// <summary>Creates the client over an <see cref="HttpClient"/> built by the registration (token handler and pipeline included).</summary>
    /// <param name="httpClient">The configured client.</param>
    /// <param name="options">The options (secrets are used by <see cref="CreateTokenAsync"/>).</param>
    /// <param name="logger">Logger; none if <see langword="null"/>.</param>
    /// <param name="timeProvider">Clock for token expiries; <see cref="TimeProvider.System"/> if <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public GoCardlessClient(
        HttpClient httpClient,
        IOptions<GoCardlessOptions> options,
        ILogger<GoCardlessClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _baseAddress = httpClient.BaseAddress ?? _options.BaseAddress;
    }

    // ---- Tokens ----

    /// <summary>
    /// <c>POST token/new/</c> with the configured secrets. Normally not needed: the token handler obtains and caches tokens itself. The
    /// returned pair is not put into the cache.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The access and refresh tokens with absolute expiries.</returns>
    /// <exception cref="GoCardlessAuthenticationFailedException">GoCardless refused the secrets.</exception>
    /// <exception cref="GoCardlessForbiddenException">The IP address is not allowed.</exception>
    /// <exception cref="GoCardlessRateLimitedException">Too many token requests.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer had no access token.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<GoCardlessTokens>> CreateTokenAsync(CancellationToken cancellationToken = default) =>
        TokenRequests.NewAsync(_httpClient.SendAsync, _baseAddress, _options.SecretId, _options.SecretKey, _time, cancellationToken);

    /// <summary><c>POST token/refresh/</c>: a new access token for a refresh token. The answer has no new refresh token.</summary>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The access token with its expiry; <see cref="GoCardlessTokens.RefreshToken"/> is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="refreshToken"/> is null or blank.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The refresh token is invalid or expired.</exception>
    /// <exception cref="GoCardlessRateLimitedException">Too many refresh requests.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer had no access token.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<GoCardlessTokens>> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return TokenRequests.RefreshAsync(_httpClient.SendAsync, _baseAddress, refreshToken, _time, cancellationToken);
    }

    // ---- Institutions ----

    /// <summary><c>GET institutions/</c>: the banks, optionally filtered by country and feature flags (not paginated).</summary>
    /// <param name="query">Filters; <see langword="null"/> lists every institution of every country.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The institutions.</returns>
    /// <exception cref="GoCardlessValidationException">The country is not supported (<c>Invalid country choice.</c>).</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not a list of institutions.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<IReadOnlyList<Institution>>> ListInstitutionsAsync(InstitutionQuery? query = null, CancellationToken cancellationToken = default)
    {
        var queryString = BuildQuery(query?.ToQueryParameters() ?? []);
        return SendAsync<List<InstitutionDto>, IReadOnlyList<Institution>>(
            HttpMethod.Get, "institutions/", queryString, null, GoCardlessJsonContext.Default.ListInstitutionDto,
            dto => (dto ?? throw new ResponseShapeException("Institutions body is null.")).Select(WireMapper.Institution).ToList(),
            cancellationToken);
    }

    /// <summary><c>GET institutions/&lt;id&gt;/</c>: one bank, with its supported features.</summary>
    /// <param name="institutionId">The institution id, e.g. <c>NATIONWIDE_NAIAGB21</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The institution.</returns>
    /// <exception cref="ArgumentException"><paramref name="institutionId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such institution.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not an institution.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<Institution>> GetInstitutionAsync(string institutionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"institutions/{Segment(institutionId)}/", null, null, GoCardlessJsonContext.Default.InstitutionDto, WireMapper.Institution, cancellationToken);

    // ---- End-user agreements ----

    /// <summary><c>POST agreements/enduser/</c>: creates an agreement (see <see cref="CreateAgreementRequest.ForInstitution"/> to size it). Not retried.</summary>
    /// <param name="request">The agreement to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created agreement.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="GoCardlessValidationException">GoCardless rejected a field (unknown institution, days out of range, scopes).</exception>
    /// <exception cref="GoCardlessInstitutionException">The institution is not operational (503).</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not an agreement.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached or timed out; the agreement may have been created.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<EndUserAgreement>> CreateAgreementAsync(CreateAgreementRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new CreateAgreementRequestDto
        {
            InstitutionId = request.InstitutionId,
            MaxHistoricalDays = request.MaxHistoricalDays,
            AccessValidForDays = request.AccessValidForDays,
            AccessScope = request.AccessScope?.ToList(),
            Reconfirmation = request.Reconfirmation,
        };
        return SendAsync(
            HttpMethod.Post, "agreements/enduser/", null, GoCardlessTransport.JsonContent(body, GoCardlessJsonContext.Default.CreateAgreementRequestDto),
            GoCardlessJsonContext.Default.AgreementDto, WireMapper.Agreement, cancellationToken);
    }

    /// <summary><c>GET agreements/enduser/&lt;id&gt;/</c>.</summary>
    /// <param name="agreementId">The agreement id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agreement.</returns>
    /// <exception cref="ArgumentException"><paramref name="agreementId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such agreement.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not an agreement.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<EndUserAgreement>> GetAgreementAsync(string agreementId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"agreements/enduser/{Segment(agreementId)}/", null, null, GoCardlessJsonContext.Default.AgreementDto, WireMapper.Agreement, cancellationToken);

    /// <summary><c>GET agreements/enduser/</c>, following <c>next</c> until the last page.</summary>
    /// <param name="pageSize">The <c>limit</c> of each page (1 or more).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every agreement; the rate limits are those of the last page.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is below 1.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">A page was not a paginated list.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<IReadOnlyList<EndUserAgreement>>> ListAgreementsAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        ListAllAsync("agreements/enduser/", pageSize, GoCardlessJsonContext.Default.PageDtoAgreementDto, WireMapper.Agreement, cancellationToken);

    /// <summary><c>DELETE agreements/enduser/&lt;id&gt;/</c>. Not retried. Accepted agreements cannot be deleted.</summary>
    /// <param name="agreementId">The agreement id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>GoCardless's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="agreementId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID, or the agreement was accepted.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such agreement.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<DeletionResult>> DeleteAgreementAsync(string agreementId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"agreements/enduser/{Segment(agreementId)}/", cancellationToken);

    /// <summary>Best-effort <see cref="DeleteAgreementAsync"/>: an agreement that is already gone (404) counts as deleted.</summary>
    /// <param name="agreementId">The agreement id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if this call deleted it, <see langword="false"/> if it did not exist.</returns>
    /// <exception cref="ArgumentException"><paramref name="agreementId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessApiException">Any failure other than 404, as for <see cref="DeleteAgreementAsync"/>.</exception>
    public async Task<bool> DeleteAgreementIfExistsAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAgreementAsync(agreementId, cancellationToken);
            return true;
        }
        catch (GoCardlessNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>PUT agreements/enduser/&lt;id&gt;/accept/</c>. Most companies lack the permission and get
    /// <see cref="GoCardlessForbiddenException"/> (<c>Insufficient permissions</c>): users accept on GoCardless's own pages.
    /// </summary>
    /// <param name="agreementId">The agreement id.</param>
    /// <param name="userAgent">The end user's browser user agent.</param>
    /// <param name="ipAddress">The end user's IP address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted agreement.</returns>
    /// <exception cref="ArgumentException">An argument is null or blank.</exception>
    /// <exception cref="GoCardlessForbiddenException">The company may not accept agreements.</exception>
    /// <exception cref="GoCardlessValidationException">Already accepted, or a field was rejected.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such agreement.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not an agreement.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure (e.g. 405 when already accepted).</exception>
    public Task<GoCardlessResponse<EndUserAgreement>> AcceptAgreementAsync(
        string agreementId, string userAgent, string ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgent);
        ArgumentException.ThrowIfNullOrWhiteSpace(ipAddress);
        var body = new AcceptAgreementRequestDto { UserAgent = userAgent, IpAddress = ipAddress };
        return SendAsync(
            HttpMethod.Put, $"agreements/enduser/{Segment(agreementId)}/accept/", null,
            GoCardlessTransport.JsonContent(body, GoCardlessJsonContext.Default.AcceptAgreementRequestDto),
            GoCardlessJsonContext.Default.AgreementDto, WireMapper.Agreement, cancellationToken);
    }

    // ---- Requisitions ----

    /// <summary>
    /// <c>POST requisitions/</c>: starts a bank connection; send the user to <see cref="Requisition.Link"/>. Not retried: after a timeout
    /// the requisition may exist anyway (harmless: only linked requisitions are billed).
    /// </summary>
    /// <param name="request">The requisition to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created requisition (status <c>CR</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The redirect is not absolute, or the institution or reference is blank.</exception>
    /// <exception cref="GoCardlessValidationException">A field was rejected (duplicate reference, unknown institution, agreement mismatch, …).</exception>
    /// <exception cref="GoCardlessNotFoundException">The agreement does not exist.</exception>
    /// <exception cref="GoCardlessInstitutionException">The institution is not operational (503).</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not a requisition.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached or timed out; the requisition may have been created.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<Requisition>> CreateRequisitionAsync(CreateRequisitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Redirect);
        if (!request.Redirect.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect must be an absolute URI.", nameof(request));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.InstitutionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reference);
        var body = new CreateRequisitionRequestDto
        {
            Redirect = request.Redirect.AbsoluteUri,
            InstitutionId = request.InstitutionId,
            Reference = request.Reference,
            Agreement = request.Agreement,
            UserLanguage = request.UserLanguage,
            Ssn = request.Ssn,
            AccountSelection = request.AccountSelection,
            RedirectImmediate = request.RedirectImmediate,
        };
        return SendAsync(
            HttpMethod.Post, "requisitions/", null, GoCardlessTransport.JsonContent(body, GoCardlessJsonContext.Default.CreateRequisitionRequestDto),
            GoCardlessJsonContext.Default.RequisitionDto, WireMapper.Requisition, cancellationToken);
    }

    /// <summary><c>GET requisitions/&lt;id&gt;/</c>: the true status of a connection (trust this, not the redirect's parameters).</summary>
    /// <param name="requisitionId">The requisition id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The requisition.</returns>
    /// <exception cref="ArgumentException"><paramref name="requisitionId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such requisition (also for a malformed id).</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not a requisition.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<Requisition>> GetRequisitionAsync(string requisitionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"requisitions/{Segment(requisitionId)}/", null, null, GoCardlessJsonContext.Default.RequisitionDto, WireMapper.Requisition, cancellationToken);

    /// <summary><c>GET requisitions/</c>, following <c>next</c> until it is null.</summary>
    /// <param name="pageSize">The <c>limit</c> of each page (1 or more).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every requisition; the rate limits are those of the last page.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is below 1.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">A page was not a paginated list.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<IReadOnlyList<Requisition>>> ListRequisitionsAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        ListAllAsync("requisitions/", pageSize, GoCardlessJsonContext.Default.PageDtoRequisitionDto, WireMapper.Requisition, cancellationToken);

    /// <summary><c>DELETE requisitions/&lt;id&gt;/</c>: deletes the requisition and its agreement; its accounts lose access. Not retried.</summary>
    /// <param name="requisitionId">The requisition id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>GoCardless's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="requisitionId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such requisition.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<DeletionResult>> DeleteRequisitionAsync(string requisitionId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"requisitions/{Segment(requisitionId)}/", cancellationToken);

    /// <summary>Best-effort <see cref="DeleteRequisitionAsync"/>: a requisition that is already gone (404) counts as deleted.</summary>
    /// <param name="requisitionId">The requisition id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if this call deleted it, <see langword="false"/> if it did not exist.</returns>
    /// <exception cref="ArgumentException"><paramref name="requisitionId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessApiException">Any failure other than 404, as for <see cref="DeleteRequisitionAsync"/>.</exception>
    public async Task<bool> DeleteRequisitionIfExistsAsync(string requisitionId, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteRequisitionAsync(requisitionId, cancellationToken);
            return true;
        }
        catch (GoCardlessNotFoundException)
        {
            return false;
        }
    }

    // ---- Accounts ----

    /// <summary><c>GET accounts/&lt;id&gt;/</c>: GoCardless's metadata (status, IBAN, owner). Not counted in the per-account daily limit.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such account.</exception>
    /// <exception cref="GoCardlessForbiddenException">Access is forbidden.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit was hit.</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer was not an account.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<AccountMetadata>> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"accounts/{Segment(accountId)}/", null, null, GoCardlessJsonContext.Default.AccountMetadataDto, WireMapper.Account, cancellationToken);

    /// <summary><c>GET accounts/&lt;id&gt;/details/</c>: bank-side details. Uses one of the account's daily <c>details</c> calls.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The details.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such account.</exception>
    /// <exception cref="GoCardlessAccessExpiredException">Access ended (agreement expired, revoked, account inactive); reconnect.</exception>
    /// <exception cref="GoCardlessForbiddenException">Scope not granted, no valid agreement, or the bank forbids access.</exception>
    /// <exception cref="GoCardlessAccountProcessingException">The account is still being processed.</exception>
    /// <exception cref="GoCardlessAccountSuspendedException">The account is suspended or in error.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit (general, per account, or the bank's) was hit.</exception>
    /// <exception cref="GoCardlessInstitutionException">The bank failed (after retries).</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer had no <c>account</c> object.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public Task<GoCardlessResponse<AccountDetails>> GetAccountDetailsAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"accounts/{Segment(accountId)}/details/", null, null, GoCardlessJsonContext.Default.AccountDetailsEnvelopeDto, WireMapper.Details, cancellationToken);

    /// <summary><c>GET accounts/&lt;id&gt;/balances/</c>. Uses one of the account's daily <c>balances</c> calls.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balances; entries without a numeric amount are left out (and counted).</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such account.</exception>
    /// <exception cref="GoCardlessAccessExpiredException">Access ended (agreement expired, revoked, account inactive); reconnect.</exception>
    /// <exception cref="GoCardlessForbiddenException">Scope not granted, no valid agreement, or the bank forbids access.</exception>
    /// <exception cref="GoCardlessAccountProcessingException">The account is still being processed.</exception>
    /// <exception cref="GoCardlessAccountSuspendedException">The account is suspended or in error.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit (general, per account, or the bank's) was hit.</exception>
    /// <exception cref="GoCardlessInstitutionException">The bank failed (after retries).</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer had no <c>balances</c> array.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public async Task<GoCardlessResponse<AccountBalances>> GetAccountBalancesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(
            HttpMethod.Get, $"accounts/{Segment(accountId)}/balances/", null, null, GoCardlessJsonContext.Default.BalancesEnvelopeDto, WireMapper.Balances, cancellationToken);
        if (response.Value.SkippedCount > 0)
        {
            Log.BalancesSkipped(_logger, accountId, response.Value.SkippedCount);
        }

        return response;
    }

    /// <summary>
    /// <c>GET accounts/&lt;id&gt;/transactions/</c>. Uses one of the account's daily <c>transactions</c> calls. Without dates, the whole
    /// window the agreement allows is returned; dates (inclusive) only narrow it.
    /// </summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="dateFrom">First date, or <see langword="null"/>.</param>
    /// <param name="dateTo">Last date, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Booked and pending transactions with their raw JSON; unreadable rows are listed in <see cref="AccountTransactions.Skipped"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is null or blank.</exception>
    /// <exception cref="GoCardlessValidationException">The id is not a UUID, or the dates are reversed or in the future.</exception>
    /// <exception cref="GoCardlessNotFoundException">No such account.</exception>
    /// <exception cref="GoCardlessAccessExpiredException">Access ended (agreement expired, revoked, account inactive); reconnect.</exception>
    /// <exception cref="GoCardlessForbiddenException">Scope not granted, no valid agreement, or the bank forbids access.</exception>
    /// <exception cref="GoCardlessAccountProcessingException">The account is still being processed.</exception>
    /// <exception cref="GoCardlessAccountSuspendedException">The account is suspended or in error.</exception>
    /// <exception cref="GoCardlessRateLimitedException">A rate limit (general, per account, or the bank's) was hit.</exception>
    /// <exception cref="GoCardlessInstitutionException">The bank failed (after retries).</exception>
    /// <exception cref="GoCardlessTokenInvalidException">The access token was rejected twice.</exception>
    /// <exception cref="GoCardlessAuthenticationFailedException">No token could be obtained: the secrets were refused.</exception>
    /// <exception cref="GoCardlessProtocolException">The answer had no <c>transactions.booked</c> array, or stayed malformed after the retries.</exception>
    /// <exception cref="GoCardlessUnavailableException">GoCardless could not be reached, timed out, or the circuit is open.</exception>
    /// <exception cref="GoCardlessApiException">Any other failure.</exception>
    public async Task<GoCardlessResponse<AccountTransactions>> GetAccountTransactionsAsync(
        string accountId, DateOnly? dateFrom = null, DateOnly? dateTo = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (dateFrom is { } from)
        {
            parameters.Add(new("date_from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        if (dateTo is { } to)
        {
            parameters.Add(new("date_to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var response = await SendAsync(
            HttpMethod.Get, $"accounts/{Segment(accountId)}/transactions/", BuildQuery(parameters), null,
            GoCardlessJsonContext.Default.TransactionsEnvelopeDto, dto => WireMapper.Transactions(dto, GoCardlessJsonContext.Default), cancellationToken);
        if (response.Value.Skipped.Count > 0)
        {
            Log.TransactionsSkipped(_logger, accountId, response.Value.Skipped.Count);
        }

        return response;
    }

    // ---- Plumbing ----

    private async Task<GoCardlessResponse<T>> SendAsync<TDto, T>(
        HttpMethod method,
        string path,
        string? query,
        HttpContent? content,
        JsonTypeInfo<TDto> typeInfo,
        Func<TDto?, T> map,
        CancellationToken cancellationToken)
    {
        var info = new GoCardlessRequestInfo(method.Method, path);
        using var request = GoCardlessTransport.CreateRequest(method, new Uri(_baseAddress, path + query), content);
        var response = await GoCardlessTransport.SendAsync(_httpClient.SendAsync, request, info, cancellationToken);
        return new GoCardlessResponse<T>(GoCardlessTransport.Parse(response, typeInfo, map, info), response.RateLimits);
    }

    private async Task<GoCardlessResponse<DeletionResult>> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var info = new GoCardlessRequestInfo("DELETE", path);
        using var request = GoCardlessTransport.CreateRequest(HttpMethod.Delete, new Uri(_baseAddress, path));
        var response = await GoCardlessTransport.SendAsync(_httpClient.SendAsync, request, info, cancellationToken);
        // The deletion happened whatever the body says, so an odd body is not worth an exception.
        var body = ErrorBody.Parse(response.Body);
        return new GoCardlessResponse<DeletionResult>(new DeletionResult(body.Summary, body.Detail), response.RateLimits);
    }

    private async Task<GoCardlessResponse<IReadOnlyList<T>>> ListAllAsync<TDto, T>(
        string path, int pageSize, JsonTypeInfo<PageDto<TDto>> typeInfo, Func<TDto?, T> map, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var query = string.Create(CultureInfo.InvariantCulture, $"?limit={pageSize}&offset=0");
        RateLimitInfo rateLimits;
        while (true)
        {
            var page = await SendAsync(HttpMethod.Get, path, query, null, typeInfo, dto => ReadPage(dto, map), cancellationToken);
            items.AddRange(page.Value.Items);
            rateLimits = page.RateLimits;

            // Only the query of `next` is used, against our own base address: `next` is absolute and may name another host (a legacy one,
            // or the public one behind a proxy), and the bearer token must never be sent anywhere else.
            var nextQuery = NextQuery(page.Value.Next);
            if (nextQuery is null || !seen.Add(nextQuery))
            {
                break;
            }

            query = nextQuery;
        }

        return new GoCardlessResponse<IReadOnlyList<T>>(items, rateLimits);
    }

    private static (List<T> Items, string? Next) ReadPage<TDto, T>(PageDto<TDto>? page, Func<TDto?, T> map)
    {
        if (page?.Results is not { } results)
        {
            throw new ResponseShapeException("Page without a 'results' array.");
        }

        return (results.Select(map).ToList(), page.Next);
    }

    private static string? NextQuery(string? next)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        var index = next.IndexOf('?', StringComparison.Ordinal);
        return index < 0 || index == next.Length - 1 ? null : next[index..];
    }

    private static string Segment(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        return Uri.EscapeDataString(id.Trim());
    }

    private static string? BuildQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "GoCardless sent {Count} unreadable transactions for account {AccountId}; they were skipped")]
        public static partial void TransactionsSkipped(ILogger logger, string accountId, int count);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "GoCardless sent {Count} balances without a numeric amount for account {AccountId}; they were skipped")]
        public static partial void BalancesSkipped(ILogger logger, string accountId, int count);
    }
}
