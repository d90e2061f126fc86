package dev.photo.cli.client;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.config.CachedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Logs in through the AWS SDK's Cognito client, pointed at whatever endpoint {@code GET /config} names: real
 * Cognito or the local stack's compatible endpoint. Unsigned calls, as InitiateAuth needs no AWS credentials.
 */
public final class CognitoLoginService implements LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoLoginService.class);

    private final CognitoIdentityProviderClient cognito;
    private final String clientId;
    private final URI endpoint;
    private final Clock clock;

    public CognitoLoginService(BackendInfo info, Clock clock) {
        if (info.cognitoEndpoint() == null || info.clientId() == null) {
            throw new CliException(ExitCodes.ERROR, "the API's /config names no login endpoint or client id");
        }
        this.endpoint = URI.create(info.cognitoEndpoint());
        this.clientId = info.clientId();
        this.clock = clock;
        this.cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(info.region() == null ? "us-east-1" : info.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @Override
    public CachedTokens login(Credentials credentials) {
        InitiateAuthResponse response = initiateAuth(AuthFlowType.USER_PASSWORD_AUTH,
                Map.of("USERNAME", credentials.username(), "PASSWORD", credentials.password()),
                "incorrect username or password");
        return tokens(response, null);
    }

    @Override
    public CachedTokens refresh(String refreshToken) {
        InitiateAuthResponse response = initiateAuth(AuthFlowType.REFRESH_TOKEN_AUTH,
                Map.of("REFRESH_TOKEN", refreshToken), "the login session expired; log in again with: photo login");
        return tokens(response, refreshToken);
    }

    @Override
    public void close() {
        cognito.close();
    }

    private InitiateAuthResponse initiateAuth(AuthFlowType flow, Map<String, String> parameters,
                                              String refusedMessage) {
        try {
            return cognito.initiateAuth(InitiateAuthRequest.builder()
                    .authFlow(flow)
                    .clientId(clientId)
                    .authParameters(parameters)
                    .build());
        } catch (NotAuthorizedException | UserNotFoundException e) {
            LOG.debug("{} refused: {}", flow, e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode());
            throw CliException.auth(refusedMessage);
        } catch (CognitoIdentityProviderException e) {
            String detail = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorMessage();
            throw new CliException(e.statusCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.AUTH,
                    "login failed: " + detail, e);
        } catch (SdkClientException e) {
            throw CliException.unavailable("cannot reach the login endpoint at " + NetworkErrors.hostPort(endpoint), e);
        }
    }

    private CachedTokens tokens(InitiateAuthResponse response, String previousRefreshToken) {
        AuthenticationResultType result = response.authenticationResult();
        if (result == null) {
            throw CliException.auth("login needs the " + response.challengeNameAsString()
                    + " challenge, which photo does not support; complete it in the AWS console first");
        }
        int expiresIn = result.expiresIn() == null ? 3600 : result.expiresIn();
        String refresh = result.refreshToken() != null ? result.refreshToken() : previousRefreshToken;
        return new CachedTokens(result.accessToken(), result.idToken(), refresh,
                clock.instant().plusSeconds(expiresIn));
    }
}
