package dev.photo.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void the_jdk_value_serializers_write_what_jackson_would_choose_itself() throws Exception {
        ObjectMapper jacksonDefaults = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        PhotoMetadata details = new PhotoMetadata("exif", "+02:00", "50mm \"f/1.8\"",
                new PhotoMetadata.Exposure("1/250", 1.8, 200, 50.0), new PhotoMetadata.Gps(48.8566, 2.3522, null),
                null);
        PhotoInfo photo = new PhotoInfo("id-1", "été", "a.jpg", "image/jpeg", 4_194_304L, "ab", "READY",
                "2024-07-01T09:00:00Z", null, 4000, 3000, null, "cam", List.of(256, 1024), null, details);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("photos", List.of(photo));
        document.put("flags", List.of(true, false));
        document.put("at", Instant.parse("2024-07-01T09:00:00Z"));
        document.put("ratio", 0.75);
        document.put("none", null);

        assertThat(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document))
                .isEqualTo(jacksonDefaults.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }
}
