package dev.photo.backend.deploy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation template written in YAML into the tree its JSON form would have. A plain YAML reader
 * keeps the value of {@code !Ref X} and drops the tag, so {@code !Ref X} and the string {@code X} would look alike;
 * here every short-form tag becomes its long form: {@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is
 * {@code {"Fn::GetAtt": ["A", "B"]}}, and any other {@code !Name v} is {@code {"Fn::Name": v}}.
 */
final class CloudFormationYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();

    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); YAMLParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() == null) {
                throw new IOException(file + " is empty");
            }
            return value(parser);
        }
    }

    /** The value starting at the parser's current token, with the tag (if any) expanded to its long form. */
    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode plain = switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + parser.currentToken() + " at "
                    + parser.currentLocation());
        };
        return tag == null || tag.startsWith("tag:yaml.org") ? plain : intrinsic(tag, plain);
    }

    private static ObjectNode object(YAMLParser parser) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            node.set(name, value(parser));
        }
        return node;
    }

    private static ArrayNode array(YAMLParser parser) throws IOException {
        ArrayNode node = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(parser));
        }
        return node;
    }

    private static JsonNode intrinsic(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            node.set(tag, value);
        } else if (tag.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            node.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else {
            node.set("Fn::" + tag, value);
        }
        return node;
    }
}
