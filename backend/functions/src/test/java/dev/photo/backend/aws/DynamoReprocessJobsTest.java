package dev.photo.backend.aws;

import dev.photo.backend.aws.moto.MotoClients;
import dev.photo.backend.aws.moto.MotoExtension;
import dev.photo.backend.aws.moto.MotoServer;
import dev.photo.backend.contract.ReprocessJobsContract;
import dev.photo.backend.port.ReprocessJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reprocess jobs contract on DynamoDB as moto's server implements it, in the photos table. */
@ExtendWith(MotoExtension.class)
class DynamoReprocessJobsTest extends ReprocessJobsContract {

    private static AwsClients clients;
    private static String table;

    @BeforeAll
    static void connect(MotoServer moto) {
        clients = MotoClients.clients(moto);
        table = DynamoTables.create(clients.dynamo(), "photos-jobs");
    }

    @AfterAll
    static void disconnect() {
        clients.close();
    }

    /**
     * DynamoDB applies each {@code ADD} atomically; moto's server does not isolate concurrent requests and lost one
     * count in 40 under four threads, so on moto the counts arrive one at a time.
     */
    @Override
    protected int parallelism() {
        return 1;
    }

    @Override
    protected ReprocessJobs newJobs() {
        return new DynamoReprocessJobs(clients.dynamo(), table);
    }
}
