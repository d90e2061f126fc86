package dev.photo.backend.aws;

import dev.photo.backend.aws.moto.MotoClients;
import dev.photo.backend.aws.moto.MotoExtension;
import dev.photo.backend.aws.moto.MotoServer;
import dev.photo.backend.contract.PhotoRepositoryContract;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** The contract on DynamoDB as moto's server implements it, transactions included; one fresh table per test. */
@ExtendWith(MotoExtension.class)
class DynamoPhotoRepositoryTest extends PhotoRepositoryContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static AwsClients clients;

    @BeforeAll
    static void connect(MotoServer moto) {
        clients = MotoClients.clients(moto);
    }

    @AfterAll
    static void disconnect() {
        clients.close();
    }

    @Override
    protected PhotoRepository newRepository() {
        // the contract's photos were uploaded at T0: an hour later none of them has expired
        return new DynamoPhotoRepository(clients.dynamo(), createTable(clients.dynamo()), DynamoTables.CURSOR_KEY,
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    }

    static String createTable(DynamoDbClient dynamo) {
        return DynamoTables.create(dynamo, "photos-contract-" + TABLES.incrementAndGet());
    }
}
