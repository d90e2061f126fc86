package dev.photo.backend.port;

/**
 * Operational metrics (CloudWatch on AWS, through Embedded Metric Format log lines). Names are CamelCase nouns
 * such as {@code FilesPresigned}; an implementation may buffer until the invocation ends.
 */
public interface Metrics {

    /** Metrics that go nowhere: the local stack and tests that do not look. */
    Metrics NONE = new Metrics() {
        @Override
        public void count(String name, long value) {
        }

        @Override
        public void milliseconds(String name, long value) {
        }
    };

    /** Adds {@code value} to the count {@code name}. */
    void count(String name, long value);

    /** Records one duration sample. */
    void milliseconds(String name, long value);
}
