package dev.photo.cli.download;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.photo.cli.ExitCodes;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The end of a download run: every photo's outcome, in the order of photo ids. As JSON it lists the downloaded, the
 * skipped and the failed files (conflicts among the failed, with the reason {@code conflict}) and their counts.
 */
public record DownloadReport(String directory, @JsonIgnore List<DownloadOutcome> files) {

    public DownloadReport {
        files = List.copyOf(files);
    }

    /** The counts of {@link #files()} by how they ended. */
    public record Totals(int downloaded, int skipped, int conflicts, int failed) {
    }

    @JsonProperty
    public Totals totals() {
        int conflicts = count(DownloadOutcome.Status.CONFLICT);
        return new Totals(count(DownloadOutcome.Status.DOWNLOADED), count(DownloadOutcome.Status.SKIPPED), conflicts,
                conflicts + count(DownloadOutcome.Status.FAILED));
    }

    @JsonProperty
    public List<DownloadOutcome> downloaded() {
        return with(Set.of(DownloadOutcome.Status.DOWNLOADED));
    }

    @JsonProperty
    public List<DownloadOutcome> skipped() {
        return with(Set.of(DownloadOutcome.Status.SKIPPED));
    }

    @JsonProperty
    public List<DownloadOutcome> failed() {
        return with(Set.of(DownloadOutcome.Status.CONFLICT, DownloadOutcome.Status.FAILED));
    }

    /**
     * {@link ExitCodes#OK} when every photo was downloaded or skipped; {@link ExitCodes#CONFLICT} when the only
     * trouble was local files that differ (kept, as --force was not given); {@link ExitCodes#PARTIAL} when some
     * failed and others did not; when all failed, the code their failures share ({@link ExitCodes#NOT_FOUND} for ids
     * that do not exist), else {@link ExitCodes#ERROR}.
     */
    public int exitCode() {
        long failures = count(DownloadOutcome.Status.FAILED);
        long conflicts = count(DownloadOutcome.Status.CONFLICT);
        if (failures == 0) {
            return conflicts == 0 ? ExitCodes.OK : ExitCodes.CONFLICT;
        }
        if (failures < files.size()) {
            return ExitCodes.PARTIAL;
        }
        Set<Integer> codes = files.stream().map(DownloadOutcome::exitCode).collect(Collectors.toSet());
        return codes.size() == 1 ? codes.iterator().next() : ExitCodes.ERROR;
    }

    private int count(DownloadOutcome.Status status) {
        return (int) files.stream().filter(f -> f.status() == status).count();
    }

    private List<DownloadOutcome> with(Set<DownloadOutcome.Status> statuses) {
        return files.stream().filter(f -> statuses.contains(f.status())).toList();
    }
}
