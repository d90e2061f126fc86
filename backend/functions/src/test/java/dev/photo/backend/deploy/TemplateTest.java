package dev.photo.backend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.backend.handler.Access;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment promises of backend/template.yaml, read from the template itself (cfn-lint checks the syntax and
 * the resource schemas in .ci/run; this checks what the project needs from them).
 */
class TemplateTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Set<String> FUNCTIONS = Set.of("ApiFunction", "ProcessorFunction");
    private static final String ADMIN_PREFIX = "/admin/";
    private static final String ADMIN_ROUTE = "ANY /admin/{proxy+}";

    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = CloudFormationYaml.read(TEMPLATE);
        resources = template.path("Resources");
    }

    private static JsonNode resource(String name) {
        JsonNode node = resources.path(name);
        assertThat(node.isObject()).as("resource %s", name).isTrue();
        return node;
    }

    private static JsonNode props(String name) {
        return resource(name).path("Properties");
    }

    /** A function's property, or the one it inherits from Globals. */
    private static JsonNode functionProperty(String function, String property) {
        JsonNode own = props(function).path(property);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(property) : own;
    }

    private static JsonNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("Ref", name);
    }

    @Test
    void short_form_tags_are_read_as_their_long_form() {
        assertThat(props("UserPoolClient").path("UserPoolId")).isEqualTo(ref("UserPool"));
        assertThat(props("PhotoBucketPolicy").path("PolicyDocument").path("Statement").get(0).path("Resource").get(0)
                .path("Fn::GetAtt").toString()).isEqualTo("[\"PhotoBucket\",\"Arn\"]");
    }

    @Test
    void handlers_are_the_agreed_lambda_entry_points() throws Exception {
        Map<String, String> expected = Map.of(
                "ApiFunction", "dev.photo.backend.lambda.ApiFunction::handleRequest",
                "ProcessorFunction", "dev.photo.backend.lambda.ProcessorFunction::handleRequest");
        for (String function : FUNCTIONS) {
            String handler = props(function).path("Handler").asText();
            assertThat(handler).isEqualTo(expected.get(function));
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(type.getConstructor()).as("%s has the no-argument constructor Lambda calls", type).isNotNull();
            assertThat(type.getMethods()).anyMatch(m -> m.getName().equals("handleRequest"));
        }
    }

    @Test
    void functions_deploy_the_shaded_jar_on_a_runtime_that_runs_release_17_bytecode() {
        for (String function : FUNCTIONS) {
            assertThat(functionProperty(function, "CodeUri").asText()).matches("functions/target/photo-functions-.*lambda\\.jar");
            assertThat(resource(function).path("Metadata").path("SkipBuild").asBoolean()).isTrue();
            Matcher runtime = Pattern.compile("java(\\d+)").matcher(functionProperty(function, "Runtime").asText());
            assertThat(runtime.matches()).isTrue();
            assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(17);
            assertThat(functionProperty(function, "Architectures").get(0)).isEqualTo(ref("Architecture"));
            assertThat(template.path("Parameters").path("Architecture").path("AllowedValues").toString())
                    .isEqualTo("[\"x86_64\",\"arm64\"]");
        }
    }

    @Test
    void both_functions_use_snapstart_on_published_versions_behind_an_alias() {
        for (String function : FUNCTIONS) {
            assertThat(functionProperty(function, "SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(functionProperty(function, "AutoPublishAlias").asText()).isNotBlank();
            assertThat(props(function).path("MemorySize").asInt()).as("%s memory, chosen per function", function)
                    .isBetween(512, 10240);
            assertThat(props(function).path("Timeout").asInt()).isPositive();
        }
    }

    @Test
    void environment_carries_everything_the_backend_config_requires() {
        JsonNode variables = template.path("Globals").path("Function").path("Environment").path("Variables");
        Map<String, String> env = new HashMap<>();
        variables.fields().forEachRemaining(e -> env.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : "resolved-at-deploy"));
        BackendConfig config = BackendConfig.fromEnvironment(env);
        assertThat(config.multipartThresholdBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.partBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(env).containsKeys("PHOTO_BUCKET", "PHOTO_TABLE", "PHOTO_USER_POOL_ID", "PHOTO_CLIENT_ID",
                "PHOTO_REGION", "PHOTO_CURSOR_KEY");
        assertThat(variables.path("PHOTO_CURSOR_KEY").path("Fn::Sub").asText())
                .isEqualTo("{{resolve:secretsmanager:${CursorKeySecret}:SecretString}}");
        JsonNode secret = props("CursorKeySecret").path("GenerateSecretString");
        // letters and digits only, in a multiple of 4: valid unpadded base64 of at least 32 bytes
        assertThat(secret.path("ExcludePunctuation").asBoolean()).isTrue();
        assertThat(secret.path("PasswordLength").asInt() % 4).isZero();
        assertThat(secret.path("PasswordLength").asInt() * 6 / 8).isGreaterThanOrEqualTo(32);
        assertThat(props("ApiFunction").path("Environment").path("Variables").path("PHOTO_PROCESSOR_FUNCTION"))
                .isEqualTo(ref("ProcessorFunction.Alias"));
    }

    @Test
    void api_is_behind_a_cognito_jwt_authorizer_by_default() {
        JsonNode auth = props("HttpApi").path("Auth");
        String name = auth.path("DefaultAuthorizer").asText();
        JsonNode jwt = auth.path("Authorizers").path(name).path("JwtConfiguration");
        assertThat(jwt.path("issuer").path("Fn::Sub").asText())
                .isEqualTo("https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}");
        assertThat(jwt.path("audience")).containsExactly(ref("UserPoolClient"));
        assertThat(auth.path("Authorizers").path(name).path("IdentitySource").asText())
                .isEqualTo("$request.header.Authorization");
    }

    @Test
    void every_route_the_handler_serves_is_declared_and_only_public_ones_skip_the_authorizer() {
        BackendConfig config = BackendConfig.of("eu-west-1", "photo-bucket", "eu-west-1_pool", "client",
                URI.create("https://cognito-idp.eu-west-1.amazonaws.com/"));
        List<Route> served = new ApiHandler(config, new InMemoryPhotoRepository(), new InMemoryObjectStore(),
                new NoMultipartUploads(), Clock.systemUTC()).routes();
        Map<String, JsonNode> declared = httpRoutes();
        for (Route route : served) {
            String key = route.method() + " " + route.pattern();
            boolean underAdmin = route.access() == Access.ADMIN && route.pattern().startsWith(ADMIN_PREFIX);
            JsonNode event = declared.containsKey(key) || !underAdmin ? declared.get(key) : declared.get(ADMIN_ROUTE);
            assertThat(event).as("the template routes %s to the API", key).isNotNull();
            JsonNode authorizer = event.path("Properties").path("Auth").path("Authorizer");
            if (route.access() == Access.PUBLIC) {
                assertThat(authorizer.asText()).as("%s is public", key).isEqualTo("NONE");
            } else {
                assertThat(authorizer.isMissingNode()).as("%s keeps the JWT authorizer", key).isTrue();
            }
        }
        Set<String> servedKeys = new TreeSet<>();
        served.forEach(r -> servedKeys.add(r.method() + " " + r.pattern()));
        Set<String> extra = new TreeSet<>(declared.keySet());
        extra.removeAll(servedKeys);
        // the admin routes (issue 12) come under one catch-all behind the same authorizer
        assertThat(extra).isSubsetOf(ADMIN_ROUTE);
        assertThat(declared.get(ADMIN_ROUTE).path("Properties").path("Auth").isMissingNode()).isTrue();
        declared.values().forEach(e -> assertThat(e.path("Properties").path("ApiId")).isEqualTo(ref("HttpApi")));
        assertThat(declared.entrySet().stream().filter(e -> e.getValue().path("Properties").path("Auth")
                .path("Authorizer").asText().equals("NONE")).map(Map.Entry::getKey)).containsExactly("GET /config");
    }

    /** Every HttpApi event of every function, as "METHOD /path". */
    private static Map<String, JsonNode> httpRoutes() {
        Map<String, JsonNode> routes = new LinkedHashMap<>();
        resources.fields().forEachRemaining(r -> r.getValue().path("Properties").path("Events").fields()
                .forEachRemaining(e -> {
                    if (e.getValue().path("Type").asText().equals("HttpApi")) {
                        JsonNode p = e.getValue().path("Properties");
                        routes.put(p.path("Method").asText() + " " + p.path("Path").asText(), e.getValue());
                    }
                }));
        return routes;
    }

    @Test
    void api_answers_a_browser_client_cors() {
        JsonNode cors = props("HttpApi").path("CorsConfiguration");
        assertThat(cors.path("AllowOrigins")).isEqualTo(ref("AllowedOrigins"));
        assertThat(texts(cors.path("AllowHeaders"))).contains("authorization", "content-type");
        assertThat(texts(cors.path("AllowMethods"))).contains("GET", "POST", "DELETE");
    }

    @Test
    void user_pool_is_admin_only_with_a_strong_password_policy() {
        JsonNode pool = props("UserPool");
        assertThat(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean()).isTrue();
        JsonNode password = pool.path("Policies").path("PasswordPolicy");
        assertThat(password.path("MinimumLength").asInt()).isGreaterThanOrEqualTo(12);
        for (String rule : List.of("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols")) {
            assertThat(password.path(rule).asBoolean()).as(rule).isTrue();
        }
        assertThat(props("AdminsGroup").path("GroupName").asText()).isEqualTo("admins");
        assertThat(props("AdminsGroup").path("UserPoolId")).isEqualTo(ref("UserPool"));
    }

    @Test
    void app_client_has_password_and_refresh_flows_no_secret_and_hides_user_existence() {
        JsonNode client = props("UserPoolClient");
        assertThat(texts(client.path("ExplicitAuthFlows")))
                .containsExactlyInAnyOrder("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client.path("GenerateSecret").asBoolean(true)).isFalse();
        assertThat(client.path("PreventUserExistenceErrors").asText()).isEqualTo("ENABLED");
        assertThat(client.path("EnableTokenRevocation").asBoolean()).isTrue();
        for (String lifetime : List.of("AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity")) {
            assertThat(client.path(lifetime).asInt()).as(lifetime).isPositive();
        }
        assertThat(client.path("TokenValidityUnits").size()).isEqualTo(3);
    }

    @Test
    void bucket_is_private_encrypted_and_owner_enforced() {
        JsonNode bucket = props("PhotoBucket");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                "RestrictPublicBuckets")) {
            assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
        }
        assertThat(bucket.path("OwnershipControls").path("Rules").get(0).path("ObjectOwnership").asText())
                .isEqualTo("BucketOwnerEnforced");
        assertThat(bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText()).isNotBlank();
        assertThat(resource("PhotoBucket").path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void bucket_policy_refuses_every_request_without_tls() {
        JsonNode policy = props("PhotoBucketPolicy");
        assertThat(policy.path("Bucket")).isEqualTo(ref("PhotoBucket"));
        JsonNode deny = policy.path("PolicyDocument").path("Statement").get(0);
        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        assertThat(deny.path("Action").asText()).isEqualTo("s3:*");
        assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(deny.path("Resource").toString()).contains("\"PhotoBucket\",\"Arn\"", "${PhotoBucket.Arn}/*");
    }

    @Test
    void incomplete_multipart_uploads_are_aborted_after_a_day() {
        JsonNode rules = props("PhotoBucket").path("LifecycleConfiguration").path("Rules");
        assertThat(StreamSupport.stream(rules.spliterator(), false)
                .filter(r -> r.path("Status").asText().equals("Enabled"))
                .map(r -> r.path("AbortIncompleteMultipartUpload").path("DaysAfterInitiation").asInt(0)))
                .contains(1);
    }

    @Test
    void bucket_cors_lets_a_browser_put_with_the_signed_headers() {
        JsonNode rule = props("PhotoBucket").path("CorsConfiguration").path("CorsRules").get(0);
        assertThat(texts(rule.path("AllowedMethods"))).contains("PUT");
        assertThat(texts(rule.path("AllowedHeaders"))).contains("content-type", "x-amz-checksum-sha256",
                "if-none-match");
        assertThat(texts(rule.path("ExposedHeaders"))).contains("ETag");
    }

    @Test
    void only_new_originals_trigger_the_processor_so_thumbnails_never_do() {
        Map<String, JsonNode> s3Events = new LinkedHashMap<>();
        resources.fields().forEachRemaining(r -> r.getValue().path("Properties").path("Events").fields()
                .forEachRemaining(e -> {
                    if (e.getValue().path("Type").asText().equals("S3")) {
                        s3Events.put(r.getKey(), e.getValue());
                    }
                }));
        assertThat(s3Events).containsOnlyKeys("ProcessorFunction");
        JsonNode p = s3Events.get("ProcessorFunction").path("Properties");
        assertThat(p.path("Bucket")).isEqualTo(ref("PhotoBucket"));
        assertThat(p.path("Events").asText()).isEqualTo("s3:ObjectCreated:*");
        JsonNode rules = p.path("Filter").path("S3Key").path("Rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).path("Name").asText()).isEqualTo("prefix");
        String prefix = rules.get(0).path("Value").asText();
        assertThat(prefix).isEqualTo("originals/");
        assertThat("thumbnails/u/p/256.jpg").doesNotStartWith(prefix);
        assertThat(props("PhotoBucket").has("NotificationConfiguration"))
                .as("SAM writes the notification from the event; a second one would bypass the filter").isFalse();
    }

    @Test
    void one_bucket_name_serves_the_bucket_its_policies_and_the_functions() {
        JsonNode name = props("PhotoBucket").path("BucketName");
        assertThat(template.path("Globals").path("Function").path("Environment").path("Variables")
                .path("PHOTO_BUCKET")).isEqualTo(name);
        String expression = name.path("Fn::Sub").get(0).asText();
        JsonNode uuid = name.path("Fn::Sub").get(1);
        for (JsonNode statement : functionStatements()) {
            JsonNode resource = statement.path("Resource");
            if (statement.path("Action").toString().contains("s3:")) {
                assertThat(resource.path("Fn::Sub").get(0).asText()).startsWith("arn:${AWS::Partition}:s3:::"
                        + expression);
                assertThat(resource.path("Fn::Sub").get(1)).isEqualTo(uuid);
            }
        }
    }

    @Test
    void versioning_and_cross_region_backup_are_parameters() {
        JsonNode bucket = props("PhotoBucket");
        JsonNode versioning = bucket.path("VersioningConfiguration").path("Fn::If");
        assertThat(versioning.get(0).asText()).isEqualTo("Versioned");
        assertThat(versioning.get(1).path("Status").asText()).isEqualTo("Enabled");
        JsonNode replication = bucket.path("ReplicationConfiguration").path("Fn::If");
        assertThat(replication.get(0).asText()).isEqualTo("HasBackup");
        JsonNode rule = replication.get(1).path("Rules").get(0);
        assertThat(rule.path("Destination").path("Bucket")).isEqualTo(ref("BackupBucketArn"));
        assertThat(rule.path("Filter").path("Prefix").asText()).isEqualTo("originals/");
        // replication needs versioning, so a backup turns it on
        assertThat(template.path("Conditions").path("Versioned").toString()).contains("{\"Condition\":\"HasBackup\"}");
        assertThat(template.path("Parameters").has("EnableVersioning")).isTrue();
        assertThat(resource("ReplicationRole").path("Condition").asText()).isEqualTo("HasBackup");
    }

    @Test
    void table_is_on_demand_recoverable_encrypted_and_expires_pending_records() {
        JsonNode table = props("PhotoTable");
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .isTrue();
        assertThat(table.path("SSESpecification").path("SSEEnabled").asBoolean()).isTrue();
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expiresAt");
    }

    @Test
    void table_keys_and_indexes_are_the_ones_the_adapter_queries() {
        JsonNode table = props("PhotoTable");
        assertThat(keySchema(table.path("KeySchema"))).isEqualTo("pk HASH, sk RANGE");
        Map<String, String> indexes = new LinkedHashMap<>();
        for (JsonNode index : table.path("GlobalSecondaryIndexes")) {
            indexes.put(index.path("IndexName").asText(), keySchema(index.path("KeySchema")) + " / "
                    + index.path("Projection").path("ProjectionType").asText());
        }
        assertThat(indexes).containsExactly(
                Map.entry("gsi1", "gsi1pk HASH, gsi1sk RANGE / ALL"),
                Map.entry("gsi2", "gsi2pk HASH, gsi2sk RANGE / ALL"));
        Map<String, String> attributes = new LinkedHashMap<>();
        table.path("AttributeDefinitions").forEach(a -> attributes.put(a.path("AttributeName").asText(),
                a.path("AttributeType").asText()));
        assertThat(attributes).containsOnlyKeys("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk");
        assertThat(new TreeSet<>(attributes.values())).containsExactly("S");
    }

    @Test
    void table_declares_exactly_what_the_dynamodb_adapter_creates() {
        var adapter = dev.photo.backend.aws.PhotoTable.createTableRequest("photo");
        JsonNode table = props("PhotoTable");
        assertThat(table.path("BillingMode").asText()).isEqualTo(adapter.billingModeAsString());
        List<String> keys = new ArrayList<>();
        adapter.keySchema().forEach(k -> keys.add(k.attributeName() + " " + k.keyTypeAsString()));
        assertThat(keySchema(table.path("KeySchema"))).isEqualTo(String.join(", ", keys));
        Map<String, String> declared = new LinkedHashMap<>();
        table.path("AttributeDefinitions").forEach(a -> declared.put(a.path("AttributeName").asText(),
                a.path("AttributeType").asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        adapter.attributeDefinitions().forEach(a -> expected.put(a.attributeName(), a.attributeTypeAsString()));
        assertThat(declared).isEqualTo(expected);
        Map<String, String> declaredIndexes = new LinkedHashMap<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> declaredIndexes.put(i.path("IndexName").asText(),
                keySchema(i.path("KeySchema")) + " / " + i.path("Projection").path("ProjectionType").asText()));
        Map<String, String> expectedIndexes = new LinkedHashMap<>();
        adapter.globalSecondaryIndexes().forEach(i -> {
            List<String> parts = new ArrayList<>();
            i.keySchema().forEach(k -> parts.add(k.attributeName() + " " + k.keyTypeAsString()));
            expectedIndexes.put(i.indexName(), String.join(", ", parts) + " / "
                    + i.projection().projectionTypeAsString());
        });
        assertThat(declaredIndexes).isEqualTo(expectedIndexes);
        var ttl = dev.photo.backend.aws.PhotoTable.timeToLiveRequest("photo").timeToLiveSpecification();
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(ttl.attributeName());
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isEqualTo(ttl.enabled());
    }

    private static String keySchema(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        schema.forEach(k -> parts.add(k.path("AttributeName").asText() + " " + k.path("KeyType").asText()));
        return String.join(", ", parts);
    }

    @Test
    void policies_are_inline_and_never_wildcards() {
        for (String function : FUNCTIONS) {
            for (JsonNode policy : props(function).path("Policies")) {
                assertThat(policy.has("Statement"))
                        .as("%s: an inline statement, not a SAM policy template or managed policy: %s", function,
                                policy).isTrue();
            }
        }
        for (JsonNode statement : functionStatements()) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            for (String action : texts(statement.path("Action"))) {
                assertThat(action).doesNotContain("*");
            }
            assertThat(statement.path("Resource").toString()).isNotEqualTo("\"*\"");
            assertThat(texts(statement.path("Resource"))).doesNotContain("*");
        }
    }

    @Test
    void api_may_touch_only_originals_and_thumbnails_in_the_ways_it_needs() {
        Map<String, Set<String>> s3 = s3ActionsByResource("ApiFunction");
        assertThat(s3).containsOnlyKeys("originals/*", "thumbnails/*", "");
        assertThat(s3.get("originals/*")).containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject",
                "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
        assertThat(s3.get("thumbnails/*")).containsExactlyInAnyOrder("s3:GetObject", "s3:DeleteObject");
        assertThat(s3.get("")).containsExactlyInAnyOrder("s3:ListBucket", "s3:ListBucketMultipartUploads");
        JsonNode table = statement("ApiFunction", "Table");
        assertThat(table.path("Resource").toString()).contains("\"PhotoTable\",\"Arn\"", "${PhotoTable.Arn}/index/*");
        assertThat(texts(table.path("Action"))).contains("dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:ConditionCheckItem").doesNotContain("dynamodb:Scan");
    }

    @Test
    void api_may_invoke_the_processor_and_manage_users_of_its_own_pool_only() {
        JsonNode reprocess = statement("ApiFunction", "Reprocess");
        assertThat(texts(reprocess.path("Action"))).containsExactly("lambda:InvokeFunction");
        assertThat(reprocess.path("Resource").toString()).contains("\"ProcessorFunction\",\"Arn\"",
                "${ProcessorFunction.Arn}:*");
        JsonNode users = statement("ApiFunction", "UserAdmin");
        assertThat(texts(users.path("Action"))).containsExactlyInAnyOrder("cognito-idp:AdminCreateUser",
                "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser", "cognito-idp:AdminAddUserToGroup",
                "cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminListGroupsForUser", "cognito-idp:ListUsers",
                "cognito-idp:AdminGetUser");
        assertThat(users.path("Resource").path("Fn::GetAtt").toString()).isEqualTo("[\"UserPool\",\"Arn\"]");
    }

    @Test
    void processor_reads_originals_writes_thumbnails_and_deletes_only_rejected_originals() {
        Map<String, Set<String>> s3 = s3ActionsByResource("ProcessorFunction");
        assertThat(s3).containsOnlyKeys("originals/*", "thumbnails/*", "");
        assertThat(s3.get("originals/*")).containsExactlyInAnyOrder("s3:GetObject", "s3:DeleteObject");
        assertThat(s3.get("thumbnails/*")).containsExactly("s3:PutObject");
        assertThat(s3.get("")).containsExactly("s3:ListBucket");
        assertThat(texts(statement("ProcessorFunction", "Table").path("Action")))
                .doesNotContain("dynamodb:Scan", "dynamodb:BatchWriteItem");
    }

    @Test
    void processor_failures_are_retried_then_kept_on_an_encrypted_queue_with_alarms() {
        JsonNode invoke = props("ProcessorFunction").path("EventInvokeConfig");
        assertThat(invoke.path("MaximumRetryAttempts").asInt(-1)).isBetween(0, 2);
        assertThat(invoke.path("MaximumEventAgeInSeconds").asInt()).isBetween(60, 21600);
        JsonNode onFailure = invoke.path("DestinationConfig").path("OnFailure");
        assertThat(onFailure.path("Type").asText()).isEqualTo("SQS");
        assertThat(onFailure.path("Destination").path("Fn::GetAtt").get(0).asText()).isEqualTo("FailedEventsQueue");
        assertThat(props("FailedEventsQueue").path("SqsManagedSseEnabled").asBoolean()).isTrue();

        JsonNode queueAlarm = props("FailedEventsAlarm");
        assertThat(queueAlarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(queueAlarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(queueAlarm.path("Dimensions").get(0).path("Value").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("FailedEventsQueue");
        JsonNode errors = props("ProcessorErrorsAlarm");
        assertThat(errors.path("Namespace").asText()).isEqualTo("AWS/Lambda");
        assertThat(errors.path("MetricName").asText()).isEqualTo("Errors");
        assertThat(errors.path("Dimensions").get(0).path("Value")).isEqualTo(ref("ProcessorFunction"));
        JsonNode api5xx = props("Api5xxAlarm");
        assertThat(api5xx.path("Namespace").asText()).isEqualTo("AWS/ApiGateway");
        assertThat(api5xx.path("Dimensions").get(0).path("Value")).isEqualTo(ref("HttpApi"));
        for (String alarm : List.of("FailedEventsAlarm", "ProcessorErrorsAlarm", "ApiErrorsAlarm", "Api5xxAlarm")) {
            assertThat(props(alarm).path("AlarmActions").get(0)).isEqualTo(ref("AlarmTopic"));
        }
    }

    @Test
    void every_function_logs_to_its_own_group_with_retention() {
        for (String function : FUNCTIONS) {
            String group = props(function).path("LoggingConfig").path("LogGroup").path("Ref").asText();
            assertThat(resource(group).path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(props(group).path("RetentionInDays")).isEqualTo(ref("LogRetentionDays"));
        }
        assertThat(props("ApiAccessLogGroup").path("RetentionInDays")).isEqualTo(ref("LogRetentionDays"));
    }

    @Test
    void outputs_give_the_cli_and_the_operator_what_they_need() {
        assertThat(iterable(template.path("Outputs").fieldNames())).contains("ApiUrl", "UserPoolId",
                "UserPoolClientId", "Region", "BucketName", "TableName");
        assertThat(template.path("Outputs").path("ApiUrl").path("Value").path("Fn::Sub").asText())
                .startsWith("https://${HttpApi}.execute-api.");
    }

    /** Every statement of every function's inline policies. */
    private static List<JsonNode> functionStatements() {
        List<JsonNode> statements = new ArrayList<>();
        for (String function : FUNCTIONS) {
            props(function).path("Policies").forEach(p -> p.path("Statement").forEach(statements::add));
        }
        return statements;
    }

    private static JsonNode statement(String function, String sid) {
        for (JsonNode policy : props(function).path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                if (statement.path("Sid").asText().equals(sid)) {
                    return statement;
                }
            }
        }
        throw new AssertionError(function + " has no statement " + sid);
    }

    /**
     * A function's S3 actions, keyed by what follows the bucket ARN in the resource ("" for the bucket itself).
     */
    private static Map<String, Set<String>> s3ActionsByResource(String function) {
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        for (JsonNode policy : props(function).path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                List<String> actions = texts(statement.path("Action"));
                if (actions.stream().noneMatch(a -> a.startsWith("s3:"))) {
                    continue;
                }
                assertThat(actions).allMatch(a -> a.startsWith("s3:"));
                String arn = statement.path("Resource").path("Fn::Sub").get(0).asText();
                String rest = arn.substring(arn.indexOf("photo-${StackUuid}") + "photo-${StackUuid}".length());
                byResource.computeIfAbsent(rest.startsWith("/") ? rest.substring(1) : rest, k -> new TreeSet<>())
                        .addAll(actions);
            }
        }
        return byResource;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.isTextual() ? n.asText() : n.toString()));
        } else if (!node.isMissingNode()) {
            texts.add(node.isTextual() ? node.asText() : node.toString());
        }
        return texts;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
